// sim/poisson.h: the next arrival of a piecewise-constant Poisson process.
//
// Rates are per hour, one per interval of `interval` from time zero; past
// the end of the list its last rate holds. The next arrival after `now` is
// found by inversion: one unit exponential, `unit_exponential`, is spent
// across the intervals at each one's rate. Nothing (nullopt) when it would
// fall at or after `horizon`, or when the rate is zero from there on.

#ifndef ACD_SIM_POISSON_H_
#define ACD_SIM_POISSON_H_

#include <optional>
#include <vector>

#include "acd/time.h"

namespace acd::sim {

std::optional<Time> NextPoissonArrival(const std::vector<double>& rates_per_hour, Duration interval,
                                       Time now, Time horizon, double unit_exponential);

}  // namespace acd::sim

#endif  // ACD_SIM_POISSON_H_
