// sim/distribution.h: distributions of durations, sampled from MRG32k3a.
//
// The simulator samples every random duration (handle time, patience, answer
// delay, wrap-up, inter-arrival time) through this type, with its own
// transforms over its own generator: std::*_distribution and absl's
// distributions are not stable across library versions, so they never feed a
// result.
//
// Kinds, all in seconds: constant; exponential (mean); Erlang (k phases,
// mean); gamma (shape, mean); lognormal (mean, standard deviation);
// uniform (min, max); triangular (min, mode, max); empirical (a list of
// observed values, each drawn with equal probability); mixture (weights and
// component distributions: one uniform picks the component, which then
// draws its own sample).
//
// Example:
//
//   acd::sim::Distribution handle = acd::sim::Distribution::Lognormal(240.0, 120.0);
//   acd::sim::Mrg32k3a rng;
//   acd::Duration d = handle.Sample(rng);
//
// Preconditions are the ranges each factory states; the scenario loader
// checks them and reports the offending field.
//
// Thread safety: a Distribution is immutable after construction.

#ifndef ACD_SIM_DISTRIBUTION_H_
#define ACD_SIM_DISTRIBUTION_H_

#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "acd/time.h"
#include "sim/mrg32k3a.h"

namespace acd::sim {

class Distribution {
 public:
  enum class Kind {
    kConstant,
    kExponential,
    kErlang,
    kGamma,
    kLognormal,
    kUniform,
    kTriangular,
    kEmpirical,
    kMixture,
  };

  // Always zero.
  Distribution() = default;

  // value_s >= 0.
  static Distribution Constant(double value_s);
  // mean_s > 0.
  static Distribution Exponential(double mean_s);
  // k >= 1 phases, mean_s > 0: the sum of k exponentials of mean mean_s / k.
  static Distribution Erlang(int k, double mean_s);
  // shape > 0, mean_s > 0 (scale mean_s / shape).
  static Distribution Gamma(double shape, double mean_s);
  // mean_s > 0, sd_s >= 0: the lognormal with this mean and deviation.
  static Distribution Lognormal(double mean_s, double sd_s);
  // 0 <= min_s <= max_s.
  static Distribution Uniform(double min_s, double max_s);
  // 0 <= min_s <= mode_s <= max_s, min_s < max_s.
  static Distribution Triangular(double min_s, double mode_s, double max_s);
  // A non-empty list of values >= 0.
  static Distribution Empirical(std::vector<double> values_s);
  // Component i with probability weights[i] / sum(weights): as many weights
  // as components (at least one), each >= 0, their sum > 0.
  static Distribution Mixture(const std::vector<double>& weights,
                              std::vector<Distribution> components);

  Kind kind() const { return kind_; }
  // The distribution's exact mean and variance.
  double mean_s() const;
  double variance_s2() const;

  // One sample in seconds; draws from `rng` only if the kind is random.
  // The two commonest kinds (every answer delay, most handle times and
  // patiences) are sampled inline, by the same arithmetic as the others'.
  double SampleSeconds(Mrg32k3a& rng) const {
    if (kind_ == Kind::kConstant) return a_;
    if (kind_ == Kind::kExponential) return ExponentialSeconds(a_, rng);
    return SampleOtherSeconds(rng);
  }
  Duration Sample(Mrg32k3a& rng) const { return SecondsF(SampleSeconds(rng)); }

 private:
  Distribution(Kind kind, double a, double b = 0, double c = 0)
      : kind_(kind), a_(a), b_(b), c_(c) {}

  // An exponential of mean `mean_s`, by inversion; NextDouble is in (0, 1),
  // so the log is finite.
  static double ExponentialSeconds(double mean_s, Mrg32k3a& rng) {
    return -mean_s * std::log(rng.NextDouble());
  }
  // SampleSeconds for the kinds it does not sample inline.
  double SampleOtherSeconds(Mrg32k3a& rng) const;

  Kind kind_ = Kind::kConstant;
  // Parameters, by kind: constant (value), exponential (mean), Erlang (k,
  // mean), gamma (shape, mean), lognormal (mu, sigma of the logarithm, and
  // the mean), uniform (min, max), triangular (min, mode, max).
  double a_ = 0, b_ = 0, c_ = 0;
  std::shared_ptr<const std::vector<double>> values_;
  // Mixture: cumulative probabilities (the last 1) and components.
  std::shared_ptr<const std::vector<std::pair<double, Distribution>>> components_;
};

// A standard normal variate (Box-Muller, two uniforms per call).
double StandardNormal(Mrg32k3a& rng);

// One draw of an exponential with mean 1: the same number
// Distribution::Exponential(1.0).SampleSeconds(rng) gives, without building
// the distribution (the Poisson arrivals draw one per contact).
inline double UnitExponential(Mrg32k3a& rng) { return -std::log(rng.NextDouble()); }

}  // namespace acd::sim

#endif  // ACD_SIM_DISTRIBUTION_H_
