// sim/statistics.h: summaries over independent replications.
//
// Each replication yields one observation of every KPI; `Summarize` turns the
// observations into a mean and the half-width of its 95 % Student-t interval,
// mean +- t(0.975, n-1) * s / sqrt(n). Observations that are NaN (a ratio whose
// denominator was zero in that replication) are left out.
//
// Example:
//
//   acd::sim::Summary s = acd::sim::Summarize({0.81, 0.79, 0.84});
//   // s.mean == 0.8133..., s.ci95 == 0.0627..., s.count == 3

#ifndef ACD_SIM_STATISTICS_H_
#define ACD_SIM_STATISTICS_H_

#include <vector>

namespace acd::sim {

struct Summary {
  double mean = 0;
  // Half-width of the 95 % interval; NaN with fewer than two observations.
  double ci95 = 0;
  // Observations used.
  int count = 0;
};

Summary Summarize(const std::vector<double>& observations);

// The 0.975 quantile of Student's t distribution with `df` >= 1 degrees of
// freedom (exact to 4 decimals below 31, the Cornish-Fisher series above).
double StudentT975(int df);

}  // namespace acd::sim

#endif  // ACD_SIM_STATISTICS_H_
