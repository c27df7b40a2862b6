#include "sim/exact_sum.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"

namespace acd::sim {
namespace {

constexpr int64_t kLimbMask = 0xFFFFFFFF;
constexpr int64_t kSignLimbLimit = int64_t{1} << 31;
// Carries are propagated after this many additions: each adds less than
// 2^34 to a limb, so limbs stay far from int64's range in between.
constexpr int32_t kNormalizeEvery = 1 << 24;
// Limb indexes a sum of at most 2^31 squares of finite doubles can occupy:
// the smallest square is 2^-2148 (limb -68), the largest sum is below 2^2079
// (limb 64, and a sign limb above it).
constexpr int32_t kLowestLimb = -68;
constexpr int32_t kLimbEnd = 66;

struct Decomposed {
  uint64_t mantissa;  // x = +-mantissa * 2^exponent
  int exponent;
  bool negative;
};

Decomposed Decompose(double x) {
  const uint64_t bits = std::bit_cast<uint64_t>(x);
  const int biased = static_cast<int>((bits >> 52) & 0x7FF);
  const uint64_t fraction = bits & ((uint64_t{1} << 52) - 1);
  if (biased == 0) return {fraction, -1074, (bits >> 63) != 0};  // subnormal
  return {fraction | (uint64_t{1} << 52), biased - 1075, (bits >> 63) != 0};
}

}  // namespace

void ExactSum::Cover(int first, int last) {
  if (limbs_.empty()) {
    low_ = first;
    limbs_.assign(last - first + 1, 0);
    return;
  }
  if (first < low_) {
    limbs_.insert(limbs_.begin(), low_ - first, 0);
    low_ = first;
  }
  const int end = low_ + static_cast<int>(limbs_.size());
  if (last >= end) limbs_.resize(last - low_ + 1, 0);
}

void ExactSum::AddScaled(uint64_t magnitude, int exponent, bool negative) {
  if (magnitude == 0) return;
  // Arithmetic shift: floor(exponent / 32) for negative exponents too.
  const int limb = exponent >> 5;
  const int shift = exponent & 31;
  Cover(limb, limb + 2);
  const uint64_t low_half = (magnitude & kLimbMask) << shift;  // < 2^63
  const uint64_t high_half = (magnitude >> 32) << shift;       // < 2^63
  const int64_t parts[3] = {static_cast<int64_t>(low_half & kLimbMask),
                            static_cast<int64_t>((low_half >> 32) + (high_half & kLimbMask)),
                            static_cast<int64_t>(high_half >> 32)};
  const size_t at = static_cast<size_t>(limb - low_);
  for (int i = 0; i < 3; ++i) limbs_[at + i] += negative ? -parts[i] : parts[i];
  if (++pending_ >= kNormalizeEvery) Normalize();
}

void ExactSum::Add(double x) {
  ACD_CHECK(std::isfinite(x));
  if (x == 0) return;
  const Decomposed d = Decompose(x);
  AddScaled(d.mantissa, d.exponent, d.negative);
}

void ExactSum::AddSquare(double x) {
  ACD_CHECK(std::isfinite(x));
  if (x == 0) return;
  // m^2 = high^2 * 2^64 + 2 * high * low * 2^32 + low^2, each part exact.
  const Decomposed d = Decompose(x);
  const uint64_t low = d.mantissa & kLimbMask;
  const uint64_t high = d.mantissa >> 32;
  AddScaled(low * low, 2 * d.exponent, false);
  AddScaled(2 * high * low, 2 * d.exponent + 32, false);
  AddScaled(high * high, 2 * d.exponent + 64, false);
}

void ExactSum::Add(const ExactSum& other) {
  if (other.limbs_.empty()) return;
  Cover(other.low_, other.low_ + static_cast<int>(other.limbs_.size()) - 1);
  const size_t at = static_cast<size_t>(other.low_ - low_);
  for (size_t i = 0; i < other.limbs_.size(); ++i) limbs_[at + i] += other.limbs_[i];
  Normalize();
}

void ExactSum::Normalize() {
  pending_ = 0;
  if (limbs_.empty()) return;
  for (size_t i = 0; i + 1 < limbs_.size(); ++i) {
    const int64_t carry = limbs_[i] >> 32;  // floor division by 2^32
    limbs_[i] &= kLimbMask;
    limbs_[i + 1] += carry;
  }
  while (limbs_.back() >= kSignLimbLimit || limbs_.back() < -kSignLimbLimit) {
    const int64_t carry = limbs_.back() >> 32;
    limbs_.back() &= kLimbMask;
    limbs_.push_back(carry);
  }
  // A top limb that only repeats the sign of the one below goes.
  while (limbs_.size() >= 2) {
    const int64_t top = limbs_.back();
    const int64_t below = limbs_[limbs_.size() - 2];
    if (top == 0 && below < kSignLimbLimit) {
      limbs_.pop_back();
    } else if (top == -1 && below >= kSignLimbLimit) {
      limbs_.pop_back();
      limbs_.back() -= int64_t{1} << 32;
    } else {
      break;
    }
  }
  if (limbs_.size() == 1 && limbs_[0] == 0) limbs_.clear();
  size_t zeros = 0;
  while (zeros < limbs_.size() && limbs_[zeros] == 0) ++zeros;
  limbs_.erase(limbs_.begin(), limbs_.begin() + zeros);
  low_ = limbs_.empty() ? 0 : low_ + static_cast<int32_t>(zeros);
}

ExactSum::Canonical ExactSum::ToCanonical() const {
  ExactSum copy = *this;
  copy.Normalize();
  return {copy.low_, std::move(copy.limbs_)};
}

absl::StatusOr<ExactSum> ExactSum::FromCanonical(const Canonical& canonical) {
  const std::vector<int64_t>& limbs = canonical.limbs;
  if (limbs.empty()) {
    if (canonical.low != 0) return absl::InvalidArgumentError("zero with a nonzero exponent");
    return ExactSum();
  }
  if (canonical.low < kLowestLimb ||
      static_cast<int64_t>(canonical.low) + static_cast<int64_t>(limbs.size()) > kLimbEnd) {
    return absl::InvalidArgumentError(absl::StrCat("limbs ", canonical.low, " to ",
                                                   canonical.low + int64_t(limbs.size()) - 1,
                                                   " are outside any sum of doubles"));
  }
  for (size_t i = 0; i + 1 < limbs.size(); ++i) {
    if (limbs[i] < 0 || limbs[i] > kLimbMask) {
      return absl::InvalidArgumentError(absl::StrCat("limb ", i, " is out of range"));
    }
  }
  const int64_t top = limbs.back();
  const int64_t below = limbs.size() >= 2 ? limbs[limbs.size() - 2] : 0;
  if (top < -kSignLimbLimit || top >= kSignLimbLimit || limbs[0] == 0 ||
      (limbs.size() >= 2 &&
       ((top == 0 && below < kSignLimbLimit) || (top == -1 && below >= kSignLimbLimit)))) {
    return absl::InvalidArgumentError("limbs are not in canonical form");
  }
  ExactSum sum;
  sum.low_ = canonical.low;
  sum.limbs_ = limbs;
  return sum;
}

bool ExactSum::IsZero() const { return ToCanonical().limbs.empty(); }

ExactSum ExactSum::Negated() const {
  ExactSum out = *this;
  for (int64_t& limb : out.limbs_) limb = -limb;
  out.Normalize();
  return out;
}

ExactSum ExactSum::Times(int64_t factor) const {
  ACD_CHECK(factor >= -(int64_t{1} << 30) && factor <= (int64_t{1} << 30));
  ExactSum out = *this;
  out.Normalize();  // limbs below 2^32, so each product stays below 2^62
  for (int64_t& limb : out.limbs_) limb *= factor;
  out.Normalize();
  return out;
}

ExactSum ExactSum::Product(const ExactSum& a, const ExactSum& b) {
  // Schoolbook multiplication of the magnitudes, 32 bits at a time.
  const Canonical x = a.ToCanonical();
  const Canonical y = b.ToCanonical();
  if (x.limbs.empty() || y.limbs.empty()) return ExactSum();
  const bool x_negative = x.limbs.back() < 0;
  const bool y_negative = y.limbs.back() < 0;
  const std::vector<int64_t> xs = x_negative ? a.Negated().ToCanonical().limbs : x.limbs;
  const std::vector<int64_t> ys = y_negative ? b.Negated().ToCanonical().limbs : y.limbs;
  std::vector<uint64_t> digits(xs.size() + ys.size() + 1, 0);
  for (size_t i = 0; i < xs.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < ys.size(); ++j) {
      // (2^32 - 1)^2 + 2 * (2^32 - 1) = 2^64 - 1: no overflow.
      const uint64_t t =
          static_cast<uint64_t>(xs[i]) * static_cast<uint64_t>(ys[j]) + digits[i + j] + carry;
      digits[i + j] = t & kLimbMask;
      carry = t >> 32;
    }
    for (size_t k = i + ys.size(); carry != 0; ++k) {
      const uint64_t t = digits[k] + carry;
      digits[k] = t & kLimbMask;
      carry = t >> 32;
    }
  }
  ExactSum out;
  out.low_ = x.low + y.low;
  out.limbs_.assign(digits.begin(), digits.end());
  out.Normalize();
  return x_negative != y_negative ? out.Negated() : out;
}

double ExactSum::ToDouble() const {
  Canonical c = ToCanonical();
  if (c.limbs.empty()) return 0;
  const bool negative = c.limbs.back() < 0;
  if (negative) c = Negated().ToCanonical();
  const std::vector<int64_t>& d = c.limbs;
  size_t h = d.size() - 1;
  while (d[h] == 0) --h;  // a zero top only carried the sign
  const auto digit = [&](ptrdiff_t i) -> uint64_t { return i >= 0 ? uint64_t(d[i]) : 0; };
  const int length = std::bit_width(digit(h));  // 1..32
  // The 64 bits below the highest set bit, and whether any bit below is set.
  const ptrdiff_t hi = static_cast<ptrdiff_t>(h);
  uint64_t top = (digit(hi) << 32) | digit(hi - 1);
  top = (top << (32 - length)) | (digit(hi - 2) >> length);
  bool sticky = (digit(hi - 2) & ((uint64_t{1} << length) - 1)) != 0;
  for (ptrdiff_t i = hi - 3; i >= 0 && !sticky; --i) sticky = d[i] != 0;
  // Round to 53 bits, ties to even.
  uint64_t mantissa = top >> 11;
  const uint64_t rest = top & 0x7FF;
  if (rest > 0x400 || (rest == 0x400 && (sticky || (mantissa & 1) != 0))) ++mantissa;
  const int highest_bit = 32 * (c.low + static_cast<int>(h)) + length - 1;
  const double magnitude = std::ldexp(static_cast<double>(mantissa), highest_bit - 52);
  return negative ? -magnitude : magnitude;
}

}  // namespace acd::sim
