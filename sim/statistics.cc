#include "sim/statistics.h"

#include <cmath>
#include <limits>

namespace acd::sim {

double StudentT975(int df) {
  // t(0.975, df) for df = 1..30.
  static constexpr double kTable[] = {
      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
      2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df < 1) return std::numeric_limits<double>::quiet_NaN();
  if (df <= 30) return kTable[df - 1];
  // Cornish-Fisher expansion around the normal quantile (Abramowitz and
  // Stegun 26.7.5); its error is below 1e-5 from df = 31 on.
  const double z = 1.959963984540054;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  const double n = df;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

double NormalQuantile(double p) {
  if (!(p > 0 && p < 1)) return std::numeric_limits<double>::quiet_NaN();
  double lo = -40, hi = 40;
  for (int step = 0; step < 200 && lo < hi; ++step) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

void Moments::Add(double x) {
  if (!std::isfinite(x)) return;
  ++count;
  sum.Add(x);
  sum_squares.AddSquare(x);
}

void Moments::Add(const Moments& other) {
  count += other.count;
  sum.Add(other.sum);
  sum_squares.Add(other.sum_squares);
}

Summary Moments::Summarize() const {
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  Summary s;
  s.count = static_cast<int>(count);
  if (count == 0) {
    s.mean = s.ci95 = kNan;
    return s;
  }
  const double n = static_cast<double>(count);
  s.mean = sum.ToDouble() / n;
  if (count < 2) {
    s.ci95 = kNan;
    return s;
  }
  // n * sum(x^2) - (sum x)^2 = n * sum((x - mean)^2), exactly; never negative.
  ExactSum numerator = sum_squares.Times(count);
  numerator.Add(ExactSum::Product(sum, sum).Negated());
  const double variance = numerator.ToDouble() / (n * (n - 1));
  s.ci95 = StudentT975(static_cast<int>(count - 1)) * std::sqrt(variance) / std::sqrt(n);
  return s;
}

Summary Summarize(const std::vector<double>& observations) {
  Moments moments;
  for (double x : observations) moments.Add(x);
  return moments.Summarize();
}

}  // namespace acd::sim
