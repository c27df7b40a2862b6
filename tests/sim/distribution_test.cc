#include "sim/distribution.h"

#include <cmath>

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

TEST_CASE("exponential samples have the configured mean and variance") {
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, 5, 0);
  const Distribution d = Distribution::Exponential(240.0);
  const int n = 400000;
  double sum = 0, squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.SampleSeconds(rng);
    REQUIRE(x > 0);
    sum += x;
    squares += x * x;
  }
  const double mean = sum / n;
  const double variance = squares / n - mean * mean;
  // Standard error of the mean is 240 / sqrt(n) = 0.38; allow 4 of them.
  CHECK(std::fabs(mean - 240.0) < 1.6);
  // Exponential variance is mean^2; its estimate has relative error ~2/sqrt(n).
  CHECK(std::fabs(variance / (240.0 * 240.0) - 1.0) < 0.015);
}

}  // namespace
}  // namespace acd::sim
