#include "sim/distribution.h"

#include <cmath>
#include <string>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

TEST_CASE("a constant distribution always gives its value and draws nothing") {
  Mrg32k3a rng;
  const auto before = rng.state();
  Distribution d = Distribution::Constant(12.5);
  CHECK(d.SampleSeconds(rng) == 12.5);
  CHECK(d.Sample(rng) == Milliseconds(12500));
  CHECK(rng.state() == before);
}

// Draws `n` samples and checks their mean and variance against the exact
// ones. The mean's standard error is sd / sqrt(n); the variance estimate's
// relative error is about sqrt((kurtosis - 1) / n), so the bounds allow five
// standard errors with the kurtosis generous for each kind.
void CheckMoments(const Distribution& d, double kurtosis, uint64_t stream) {
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, stream, 0);
  const int n = 400000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.SampleSeconds(rng);
    REQUIRE(x >= 0);
    sum += x;
    squares += x * x;
  }
  const double mean = sum / n;
  const double variance = squares / n - mean * mean;
  const double sd = std::sqrt(d.variance_s2());
  INFO("mean ", mean, " expected ", d.mean_s(), "; variance ", variance, " expected ",
       d.variance_s2());
  CHECK(std::fabs(mean - d.mean_s()) < 5 * sd / std::sqrt(double(n)));
  CHECK(std::fabs(variance / d.variance_s2() - 1) < 5 * std::sqrt((kurtosis - 1) / n));
}

TEST_CASE("exponential samples have the configured mean and variance") {
  CheckMoments(Distribution::Exponential(240.0), 9, 1);
}

TEST_CASE("Erlang samples have the configured mean and variance") {
  const Distribution d = Distribution::Erlang(4, 180.0);
  CHECK(d.variance_s2() == doctest::Approx(180.0 * 180.0 / 4));
  CheckMoments(d, 4.5, 2);
}

TEST_CASE("gamma samples have the configured mean and variance, shape above and below 1") {
  CheckMoments(Distribution::Gamma(2.5, 300.0), 5.4, 3);
  CheckMoments(Distribution::Gamma(0.5, 60.0), 15, 4);
}

TEST_CASE("lognormal samples have the configured mean and standard deviation") {
  const Distribution d = Distribution::Lognormal(240.0, 120.0);
  CHECK(d.mean_s() == 240.0);
  CHECK(d.variance_s2() == doctest::Approx(120.0 * 120.0));
  CheckMoments(d, 12, 5);
}

TEST_CASE("uniform samples have the configured mean and variance") {
  const Distribution d = Distribution::Uniform(30.0, 90.0);
  CHECK(d.mean_s() == 60.0);
  CHECK(d.variance_s2() == doctest::Approx(300.0));
  CheckMoments(d, 1.8, 6);
}

TEST_CASE("triangular samples have the configured mean and variance") {
  const Distribution d = Distribution::Triangular(10.0, 20.0, 60.0);
  CHECK(d.mean_s() == doctest::Approx(30.0));
  CheckMoments(d, 2.4, 7);
}

TEST_CASE("empirical samples draw the listed values with equal probability") {
  const Distribution d = Distribution::Empirical({10.0, 20.0, 60.0, 110.0});
  CHECK(d.mean_s() == 50.0);
  CHECK(d.variance_s2() == doctest::Approx((1600.0 + 900.0 + 100.0 + 3600.0) / 4));
  CheckMoments(d, 2.5, 8);
  Mrg32k3a rng;
  for (int i = 0; i < 1000; ++i) {
    const double x = d.SampleSeconds(rng);
    REQUIRE((x == 10.0 || x == 20.0 || x == 60.0 || x == 110.0));
  }
}

TEST_CASE("standard normal variates have mean 0 and variance 1") {
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, 9, 0);
  const int n = 400000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double z = StandardNormal(rng);
    sum += z;
    squares += z * z;
  }
  CHECK(std::fabs(sum / n) < 5 / std::sqrt(double(n)));
  CHECK(std::fabs(squares / n - 1) < 5 * std::sqrt(2.0 / n));
}

}  // namespace
}  // namespace acd::sim
