// sim/exact_sum.h: sums of doubles that do not depend on the order of adding.
//
// Floating-point addition rounds, so adding the same numbers in another order
// can give another sum. Replications finish in any order across threads and
// shards, and a study must give the same bytes however it was run, so the
// simulator sums KPI observations exactly instead: an `ExactSum` is a
// fixed-point number wide enough for every finite double and every square of
// one (a "superaccumulator"), kept as 32-bit limbs. Adding is exact, so the
// sum is the same whatever the order and however sums are split and merged;
// it is rounded once, when read.
//
// Example:
//
//   acd::sim::ExactSum sum;
//   sum.Add(0.1);
//   sum.Add(1e20);
//   sum.Add(-1e20);
//   // sum.ToDouble() == 0.1 exactly, in any order of the three.
//
// The same value always has the same canonical form (`Canonical`), which is
// what partial result files store.
//
// Thread safety: none; one owner at a time.

#ifndef ACD_SIM_EXACT_SUM_H_
#define ACD_SIM_EXACT_SUM_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"

namespace acd::sim {

class ExactSum {
 public:
  // The canonical form of a value: value = sum over i of
  // limbs[i] * 2^(32 * (low + i)), every limb but the last in [0, 2^32), the
  // last (the sign) in [-2^31, 2^31) and not zero unless it alone carries the
  // sign of the limb below; limbs[0] is not zero. Zero is {0, {}}.
  struct Canonical {
    int32_t low = 0;
    std::vector<int64_t> limbs;
    bool operator==(const Canonical&) const = default;
  };

  ExactSum() = default;

  // Adds x, or x * x, exactly. Precondition: x is finite.
  void Add(double x);
  void AddSquare(double x);
  // Adds another sum.
  void Add(const ExactSum& other);

  // The sum rounded to the nearest double (ties to even); +-inf beyond the
  // double range.
  double ToDouble() const;
  bool IsZero() const;

  Canonical ToCanonical() const;
  // InvalidArgument if `canonical` is not in canonical form or lies outside
  // the range a sum of at most 2^31 squares of doubles can reach.
  static absl::StatusOr<ExactSum> FromCanonical(const Canonical& canonical);

  // Exact arithmetic, for the variance n * sum(x^2) - (sum x)^2.
  static ExactSum Product(const ExactSum& a, const ExactSum& b);
  ExactSum Times(int64_t factor) const;
  ExactSum Negated() const;

 private:
  // Adds magnitude * 2^exponent, negated if `negative`.
  void AddScaled(uint64_t magnitude, int exponent, bool negative);
  // Makes the limbs cover limb indexes [first, last].
  void Cover(int first, int last);
  // Propagates carries so every limb is back in range, then trims: the
  // canonical form.
  void Normalize();

  // value = sum over i of limbs_[i] * 2^(32 * (low_ + i)). Between
  // normalizations the limbs may hold any int64 (carries not yet
  // propagated); `pending_` counts the additions since the last one.
  std::vector<int64_t> limbs_;
  int32_t low_ = 0;
  int32_t pending_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_SIM_EXACT_SUM_H_
