// sim/statistics.h: summaries over independent replications.
//
// Each replication yields one observation of every KPI. `Moments` keeps what
// a summary needs of them (their count, sum and sum of squares, the sums
// exact: sim/exact_sum.h), so observations are added as replications finish
// and never stored, and moments of disjoint sets of replications merge into
// exactly the moments of their union, whatever the order. `Summary` is the
// mean and the half-width of its 95 % Student-t interval,
// mean +- t(0.975, n-1) * s / sqrt(n). Observations that are NaN (a ratio
// whose denominator was zero in that replication) are left out.
//
// Example:
//
//   acd::sim::Summary s = acd::sim::Summarize({0.81, 0.79, 0.84});
//   // s.mean == 0.8133..., s.ci95 == 0.0627..., s.count == 3
//
// Thread safety: none; one owner per object.

#ifndef ACD_SIM_STATISTICS_H_
#define ACD_SIM_STATISTICS_H_

#include <cstdint>
#include <vector>

#include "sim/exact_sum.h"

namespace acd::sim {

struct Summary {
  // NaN without observations.
  double mean = 0;
  // Half-width of the 95 % interval; NaN with fewer than two observations.
  double ci95 = 0;
  // Observations used.
  int count = 0;
};

// The sufficient statistics of one KPI's observations.
struct Moments {
  // Observations that were numbers (not NaN).
  int64_t count = 0;
  ExactSum sum;
  ExactSum sum_squares;

  // Adds one observation; NaN and infinities are left out.
  void Add(double x);
  // Adds the observations of another set.
  void Add(const Moments& other);
  // The variance is computed exactly from the sums and rounded once, so a
  // KPI that never varies has a half-width of exactly 0.
  Summary Summarize() const;
};

Summary Summarize(const std::vector<double>& observations);

// The 0.975 quantile of Student's t distribution with `df` >= 1 degrees of
// freedom (exact to 4 decimals below 31, the Cornish-Fisher series above).
double StudentT975(int df);

// The p quantile of the standard normal distribution, for p in (0, 1) (NaN
// outside): the x where 0.5 * erfc(-x / sqrt 2) = p, found by bisection to
// the last bit, so the same on every machine with IEEE doubles.
double NormalQuantile(double p);

}  // namespace acd::sim

#endif  // ACD_SIM_STATISTICS_H_
