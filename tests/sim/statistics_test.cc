#include "sim/statistics.h"

#include <cmath>
#include <limits>
#include <vector>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

TEST_CASE("Student t quantiles match published values") {
  CHECK(StudentT975(1) == doctest::Approx(12.7062).epsilon(1e-5));
  CHECK(StudentT975(9) == doctest::Approx(2.2622).epsilon(1e-5));
  CHECK(StudentT975(30) == doctest::Approx(2.0423).epsilon(1e-5));
  // Beyond the table, the series: t(0.975, 31) = 2.039513, 60: 2.000298,
  // 120: 1.979930, 1000: 1.962339.
  CHECK(StudentT975(31) == doctest::Approx(2.039513).epsilon(1e-5));
  CHECK(StudentT975(60) == doctest::Approx(2.000298).epsilon(1e-5));
  CHECK(StudentT975(120) == doctest::Approx(1.979930).epsilon(1e-5));
  CHECK(StudentT975(1000) == doctest::Approx(1.962339).epsilon(1e-5));
  CHECK(std::isnan(StudentT975(0)));
}

TEST_CASE("normal quantiles match published values") {
  // Published: z(0.975) = 1.959964, z(0.95) = 1.644854, z(0.999) = 3.090232,
  // z(1 - 0.05 / 260) = 3.550421 (a Bonferroni bound over 260 cells).
  CHECK(NormalQuantile(0.5) == doctest::Approx(0.0));
  CHECK(NormalQuantile(0.975) == doctest::Approx(1.959964).epsilon(1e-6));
  CHECK(NormalQuantile(0.95) == doctest::Approx(1.644854).epsilon(1e-6));
  CHECK(NormalQuantile(0.999) == doctest::Approx(3.090232).epsilon(1e-6));
  CHECK(NormalQuantile(0.025) == doctest::Approx(-1.959964).epsilon(1e-6));
  CHECK(NormalQuantile(1 - 0.05 / 260) == doctest::Approx(3.550421).epsilon(1e-6));
  CHECK(std::isnan(NormalQuantile(0)));
  CHECK(std::isnan(NormalQuantile(1)));
}

TEST_CASE("a summary gives the mean and the 95 percent half-width") {
  Summary s = Summarize({0.81, 0.79, 0.84});
  CHECK(s.count == 3);
  CHECK(s.mean == doctest::Approx(0.813333333));
  // sd = 0.0251661, t(2) = 4.3027, half-width = 4.3027 * 0.0251661 / sqrt(3).
  CHECK(s.ci95 == doctest::Approx(0.0625170).epsilon(1e-4));
}

TEST_CASE("NaN observations are left out and one observation has no interval") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Summary s = Summarize({nan, 2.0, nan});
  CHECK(s.count == 1);
  CHECK(s.mean == 2.0);
  CHECK(std::isnan(s.ci95));
  CHECK(std::isnan(Summarize({nan}).mean));
}

TEST_CASE("a KPI that never varies has a half-width of exactly zero") {
  const Summary s = Summarize({0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1});
  CHECK(s.mean == 0.1);
  CHECK(s.ci95 == 0);
}

TEST_CASE("moments of parts merge into exactly the moments of the whole, in any order") {
  const std::vector<double> xs = {0.7, 1e-3, 12345.678, 0.1, 0.2, 0.3, 99.5, 1e6, 3.25};
  Moments whole;
  for (double x : xs) whole.Add(x);
  Moments first, second;
  for (size_t i = 0; i < xs.size(); ++i) (i % 3 == 1 ? first : second).Add(xs[xs.size() - 1 - i]);
  Moments merged;
  merged.Add(second);
  merged.Add(first);
  const Summary a = whole.Summarize(), b = merged.Summarize();
  CHECK(a.count == b.count);
  CHECK(a.mean == b.mean);
  CHECK(a.ci95 == b.ci95);
  CHECK(whole.sum.ToCanonical() == merged.sum.ToCanonical());
  CHECK(whole.sum_squares.ToCanonical() == merged.sum_squares.ToCanonical());
}

}  // namespace
}  // namespace acd::sim
