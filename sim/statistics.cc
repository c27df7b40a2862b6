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

Summary Summarize(const std::vector<double>& observations) {
  Summary s;
  double sum = 0;
  for (double x : observations) {
    if (std::isnan(x)) continue;
    sum += x;
    ++s.count;
  }
  if (s.count == 0) {
    s.mean = s.ci95 = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  s.mean = sum / s.count;
  if (s.count < 2) {
    s.ci95 = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  double squares = 0;
  for (double x : observations) {
    if (!std::isnan(x)) squares += (x - s.mean) * (x - s.mean);
  }
  const double sd = std::sqrt(squares / (s.count - 1));
  s.ci95 = StudentT975(s.count - 1) * sd / std::sqrt(static_cast<double>(s.count));
  return s;
}

}  // namespace acd::sim
