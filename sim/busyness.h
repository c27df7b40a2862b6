// sim/busyness.h: random arrival-rate factors (a doubly stochastic Poisson
// process).
//
// Forecasts of call volume are uncertain: a whole day runs busier or quieter
// than its forecast, and single intervals scatter around the day's level.
// The standard model makes the arrival rate itself random: in replication
// r, interval i of the horizon has rate
//
//   rate_i * B_d * N_i
//
// where rate_i is the scenario's rate, B_d the busyness factor of the day d
// (86400 s from time 0) in which the interval starts, and N_i the
// interval's own noise; B_d ~ gamma(day_shape, mean 1) and N_i ~
// gamma(interval_shape, mean 1), all independent, each equal to 1 when its
// shape is 0 (off). A day's count of arrivals of mean m then has variance
// m + m^2 / day_shape (without interval noise) instead of Poisson's m.
//
// Randomness: the factors are drawn at the start of the replication from
// their own stream (sim/replication.h), days first, then intervals, so they
// are the same for every contact type and every staffing or routing
// variant of the scenario.
//
// Example:
//
//   std::vector<double> f = acd::sim::DrawRateFactors(scenario.busyness, scenario.interval,
//                                                      intervals, rng);
//   std::vector<double> rates = acd::sim::ScaleRates(type.rates_per_hour, f);
//
// Thread safety: plain functions.

#ifndef ACD_SIM_BUSYNESS_H_
#define ACD_SIM_BUSYNESS_H_

#include <vector>

#include "acd/time.h"
#include "sim/mrg32k3a.h"

namespace acd::sim {

struct Busyness {
  // Shape of the day's gamma factor; 0: no day factor. Range 0 or
  // (0, 1e6].
  double day_shape = 0;
  // Shape of each interval's gamma factor; 0: no interval noise.
  double interval_shape = 0;

  bool enabled() const { return day_shape > 0 || interval_shape > 0; }
};

// One factor per interval (B_d * N_i above) for `intervals` intervals of
// `interval`.
std::vector<double> DrawRateFactors(const Busyness& busyness, Duration interval, int intervals,
                                    Mrg32k3a& rng);

// rates_per_hour (one per interval, the last holding after the list ends)
// times the factors: one rate per factor.
std::vector<double> ScaleRates(const std::vector<double>& rates_per_hour,
                               const std::vector<double>& factors);

}  // namespace acd::sim

#endif  // ACD_SIM_BUSYNESS_H_
