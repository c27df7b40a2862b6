#include "sim/exact_sum.h"

#include <cmath>
#include <vector>

#include "doctest/doctest.h"
#include "sim/mrg32k3a.h"

namespace acd::sim {
namespace {

// Doubles of every sign and of magnitudes from 2^-80 to 2^80, with a few
// subnormal and huge ones.
std::vector<double> RandomDoubles(uint64_t seed, int n) {
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::SeedFromInteger(seed), 0, 0);
  std::vector<double> out;
  for (int i = 0; i < n; ++i) {
    const double sign = rng.NextDouble() < 0.5 ? -1 : 1;
    const int exponent = static_cast<int>(rng.NextDouble() * 161) - 80;
    out.push_back(sign * std::ldexp(rng.NextDouble(), exponent));
  }
  out.push_back(4.9e-324);
  out.push_back(-1.5e-310);
  out.push_back(1.7e308);
  out.push_back(-1.6e308);
  return out;
}

// A deterministic shuffle.
std::vector<double> Shuffled(std::vector<double> values, uint64_t seed) {
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::SeedFromInteger(seed), 1, 0);
  for (size_t i = values.size(); i > 1; --i) {
    std::swap(values[i - 1], values[static_cast<size_t>(rng.NextDouble() * i)]);
  }
  return values;
}

ExactSum SumOf(const std::vector<double>& values) {
  ExactSum sum;
  for (double x : values) sum.Add(x);
  return sum;
}

TEST_CASE("the sum does not depend on the order of adding or on splitting and merging") {
  const std::vector<double> values = RandomDoubles(101, 2000);
  const ExactSum forward = SumOf(values);
  const ExactSum shuffled = SumOf(Shuffled(values, 102));
  ExactSum parts;
  const size_t a = values.size() / 3, b = 2 * values.size() / 3;
  ExactSum first = SumOf({values.begin(), values.begin() + a});
  const ExactSum second = SumOf({values.begin() + a, values.begin() + b});
  const ExactSum third = SumOf({values.begin() + b, values.end()});
  parts.Add(third);
  parts.Add(first);
  parts.Add(second);
  CHECK(forward.ToCanonical() == shuffled.ToCanonical());
  CHECK(forward.ToCanonical() == parts.ToCanonical());
  CHECK(forward.ToDouble() == shuffled.ToDouble());
  // Naive floating-point summation does depend on the order (without the
  // huge values, which hide everything else).
  const std::vector<double> moderate(values.begin(), values.end() - 4);
  double naive_forward = 0, naive_shuffled = 0;
  for (double x : moderate) naive_forward += x;
  for (double x : Shuffled(moderate, 102)) naive_shuffled += x;
  CHECK(naive_forward != naive_shuffled);
  CHECK(SumOf(moderate).ToDouble() == SumOf(Shuffled(moderate, 102)).ToDouble());
}

TEST_CASE("the sum is exact and rounded once, to the nearest double") {
  // Multiples of 2^-30 below 2^40 in magnitude: their sum is an integer
  // multiple of 2^-30 below 2^51, so the exact sum is a double.
  Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::SeedFromInteger(103), 0, 0);
  ExactSum sum;
  int64_t units = 0;
  for (int i = 0; i < 1000; ++i) {
    const int64_t k = static_cast<int64_t>((rng.NextDouble() - 0.5) * std::ldexp(1, 40));
    units += k;
    sum.Add(std::ldexp(static_cast<double>(k), -30));
  }
  CHECK(sum.ToDouble() == std::ldexp(static_cast<double>(units), -30));

  ExactSum cancel;
  cancel.Add(0.1);
  cancel.Add(1e20);
  cancel.Add(-1e20);
  CHECK(cancel.ToDouble() == 0.1);
  ExactSum huge;
  huge.Add(1e308);
  huge.Add(1e308);
  huge.Add(-1e308);
  CHECK(huge.ToDouble() == 1e308);
  // Ties go to even; anything below the tie decides it.
  const double two53 = std::ldexp(1, 53);
  ExactSum tie;
  tie.Add(two53);
  tie.Add(1);
  CHECK(tie.ToDouble() == two53);
  tie.Add(std::ldexp(1, -40));
  CHECK(tie.ToDouble() == two53 + 2);
  ExactSum odd;
  odd.Add(two53);
  odd.Add(3);
  CHECK(odd.ToDouble() == two53 + 4);
  ExactSum negative;
  negative.Add(-2.5);
  negative.Add(-0.25);
  CHECK(negative.ToDouble() == -2.75);
  CHECK(ExactSum().ToDouble() == 0);
  CHECK(ExactSum().IsZero());
}

TEST_CASE("squares are added exactly") {
  // (2^27 + 1)^2 = 2^54 + 2^28 + 1 needs 55 bits: a double cannot hold it.
  const double x = std::ldexp(1, 27) + 1;
  ExactSum sum;
  sum.AddSquare(x);
  sum.Add(-std::ldexp(1, 54));
  CHECK(sum.ToDouble() == std::ldexp(1, 28) + 1);
  ExactSum tiny;
  tiny.AddSquare(4.9e-324);  // 2^-2148
  CHECK(!tiny.IsZero());
  CHECK(tiny.ToDouble() == 0);
}

TEST_CASE("products, multiples and negation are exact") {
  const double a = std::ldexp(1, 40) + 3, b = std::ldexp(1, 35) + 7;
  ExactSum x, y;
  x.Add(a);
  y.Add(-b);
  // a * b = 2^75 + 7 * 2^40 + 3 * 2^35 + 21.
  ExactSum product = ExactSum::Product(x, y);
  product.Add(std::ldexp(1, 75));
  product.Add(7 * std::ldexp(1, 40));
  product.Add(3 * std::ldexp(1, 35));
  CHECK(product.ToDouble() == -21);
  ExactSum repeated;
  for (int i = 0; i < 7; ++i) repeated.Add(x);
  CHECK(x.Times(7).ToCanonical() == repeated.ToCanonical());
  CHECK(x.Times(-7).ToCanonical() == repeated.Negated().ToCanonical());
  ExactSum zero = x;
  zero.Add(x.Negated());
  CHECK(zero.IsZero());
  CHECK(ExactSum::Product(zero, y).IsZero());
}

TEST_CASE("the canonical form reads back, and a damaged one is refused") {
  const ExactSum sum = SumOf(RandomDoubles(104, 300));
  const ExactSum::Canonical canonical = sum.ToCanonical();
  absl::StatusOr<ExactSum> back = ExactSum::FromCanonical(canonical);
  REQUIRE(back.ok());
  CHECK(back->ToCanonical() == canonical);
  CHECK(ExactSum::FromCanonical({}).ok());

  const auto refused = [](ExactSum::Canonical c) { return !ExactSum::FromCanonical(c).ok(); };
  CHECK(refused({5, {}}));                      // zero with an exponent
  CHECK(refused({0, {0, 1}}));                  // a zero lowest limb
  CHECK(refused({0, {int64_t{1} << 32, 1}}));   // a limb past 32 bits
  CHECK(refused({0, {-1, 1}}));                 // a negative inner limb
  CHECK(refused({0, {1, int64_t{1} << 31}}));   // a top past 31 bits
  CHECK(refused({0, {1, 0}}));                  // a top that repeats the sign
  CHECK(refused({0, {int64_t{3} << 30, -1}}));  // likewise, negative
  CHECK(refused({-69, {1}}));                   // below any square
  CHECK(!refused({65, {1}}));
  CHECK(refused({66, {1}}));  // above any sum
}

}  // namespace
}  // namespace acd::sim
