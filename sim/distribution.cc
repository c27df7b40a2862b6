#include "sim/distribution.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace acd::sim {
namespace {

// Marsaglia and Tsang's method for shape >= 1, with the usual boost
// (Gamma(shape + 1) * U^(1/shape)) below 1. Unit scale.
double StandardGamma(double shape, Mrg32k3a& rng) {
  if (shape < 1) {
    const double boost = std::pow(rng.NextDouble(), 1.0 / shape);
    return StandardGamma(shape + 1, rng) * boost;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    const double z = StandardNormal(rng);
    double v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = rng.NextDouble();
    if (std::log(u) < 0.5 * z * z + d - d * v + d * std::log(v)) return d * v;
  }
}

}  // namespace

double StandardNormal(Mrg32k3a& rng) {
  const double u1 = rng.NextDouble();
  const double u2 = rng.NextDouble();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

Distribution Distribution::Constant(double value_s) { return {Kind::kConstant, value_s}; }
Distribution Distribution::Exponential(double mean_s) { return {Kind::kExponential, mean_s}; }
Distribution Distribution::Erlang(int k, double mean_s) {
  return {Kind::kErlang, double(k), mean_s};
}
Distribution Distribution::Gamma(double shape, double mean_s) {
  return {Kind::kGamma, shape, mean_s};
}

Distribution Distribution::Lognormal(double mean_s, double sd_s) {
  const double sigma2 = std::log(1 + (sd_s * sd_s) / (mean_s * mean_s));
  return {Kind::kLognormal, std::log(mean_s) - sigma2 / 2, std::sqrt(sigma2), mean_s};
}

Distribution Distribution::Uniform(double min_s, double max_s) {
  return {Kind::kUniform, min_s, max_s};
}

Distribution Distribution::Triangular(double min_s, double mode_s, double max_s) {
  return {Kind::kTriangular, min_s, mode_s, max_s};
}

Distribution Distribution::Empirical(std::vector<double> values_s) {
  Distribution d(Kind::kEmpirical, 0);
  d.values_ = std::make_shared<const std::vector<double>>(std::move(values_s));
  return d;
}

Distribution Distribution::Mixture(const std::vector<double>& weights,
                                   std::vector<Distribution> components) {
  Distribution d(Kind::kMixture, 0);
  double total = 0;
  for (double w : weights) total += w;
  std::vector<std::pair<double, Distribution>> cumulative;
  double sum = 0;
  for (size_t i = 0; i < components.size(); ++i) {
    sum += weights[i];
    cumulative.emplace_back(i + 1 == components.size() ? 1.0 : sum / total,
                            std::move(components[i]));
  }
  d.components_ =
      std::make_shared<const std::vector<std::pair<double, Distribution>>>(std::move(cumulative));
  return d;
}

double Distribution::mean_s() const {
  switch (kind_) {
    case Kind::kConstant:
    case Kind::kExponential:
      return a_;
    case Kind::kErlang:
    case Kind::kGamma:
      return b_;
    case Kind::kLognormal:
      return c_;
    case Kind::kUniform:
      return (a_ + b_) / 2;
    case Kind::kTriangular:
      return (a_ + b_ + c_) / 3;
    case Kind::kEmpirical: {
      double sum = 0;
      for (double v : *values_) sum += v;
      return sum / static_cast<double>(values_->size());
    }
    case Kind::kMixture: {
      double mean = 0, below = 0;
      for (const auto& [cumulative, component] : *components_) {
        mean += (cumulative - below) * component.mean_s();
        below = cumulative;
      }
      return mean;
    }
  }
  return 0;
}

double Distribution::variance_s2() const {
  switch (kind_) {
    case Kind::kConstant:
      return 0;
    case Kind::kExponential:
      return a_ * a_;
    case Kind::kErlang:
    case Kind::kGamma:
      return b_ * b_ / a_;
    case Kind::kLognormal:
      return (std::exp(b_ * b_) - 1) * c_ * c_;
    case Kind::kUniform:
      return (b_ - a_) * (b_ - a_) / 12;
    case Kind::kTriangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18;
    case Kind::kEmpirical: {
      const double mean = mean_s();
      double sum = 0;
      for (double v : *values_) sum += (v - mean) * (v - mean);
      return sum / static_cast<double>(values_->size());
    }
    case Kind::kMixture: {
      // E[X^2] - E[X]^2 over the components.
      double second = 0, below = 0;
      for (const auto& [cumulative, component] : *components_) {
        const double m = component.mean_s();
        second += (cumulative - below) * (component.variance_s2() + m * m);
        below = cumulative;
      }
      const double mean = mean_s();
      return std::max(0.0, second - mean * mean);
    }
  }
  return 0;
}

double Distribution::SampleOtherSeconds(Mrg32k3a& rng) const {
  switch (kind_) {
    case Kind::kConstant:
      return a_;
    case Kind::kExponential:
      return ExponentialSeconds(a_, rng);
    case Kind::kErlang: {
      const int k = static_cast<int>(a_);
      double log_sum = 0;
      for (int i = 0; i < k; ++i) log_sum += std::log(rng.NextDouble());
      return -(b_ / k) * log_sum;
    }
    case Kind::kGamma:
      return StandardGamma(a_, rng) * (b_ / a_);
    case Kind::kLognormal:
      return std::exp(a_ + b_ * StandardNormal(rng));
    case Kind::kUniform:
      return a_ + (b_ - a_) * rng.NextDouble();
    case Kind::kTriangular: {
      // Inversion of the triangular distribution function.
      const double u = rng.NextDouble();
      const double span = c_ - a_;
      const double left = (b_ - a_) / span;
      return u < left ? a_ + std::sqrt(u * span * (b_ - a_))
                      : c_ - std::sqrt((1 - u) * span * (c_ - b_));
    }
    case Kind::kEmpirical: {
      const size_t n = values_->size();
      const size_t i =
          std::min(n - 1, static_cast<size_t>(rng.NextDouble() * static_cast<double>(n)));
      return (*values_)[i];
    }
    case Kind::kMixture: {
      const double u = rng.NextDouble();
      for (const auto& [cumulative, component] : *components_) {
        if (u < cumulative) return component.SampleSeconds(rng);
      }
      return components_->back().second.SampleSeconds(rng);
    }
  }
  return 0;
}

}  // namespace acd::sim
