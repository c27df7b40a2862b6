#include "sim/poisson.h"

namespace acd::sim {

std::optional<Time> NextPoissonArrival(const std::vector<double>& rates_per_hour, Duration interval,
                                       Time now, Time horizon, double unit_exponential) {
  double budget = unit_exponential;
  Time t = now;
  while (t < horizon) {
    const int64_t k = t.microseconds() / interval.microseconds();
    const bool last = k >= static_cast<int64_t>(rates_per_hour.size()) - 1;
    const double rate_per_s = rates_per_hour[last ? rates_per_hour.size() - 1 : k] / 3600.0;
    const Time end = last ? Time::Infinite() : Time() + interval * (k + 1);
    if (rate_per_s > 0 && (last || budget <= rate_per_s * ToSeconds(end - t))) {
      return t + SecondsF(budget / rate_per_s);
    }
    if (last) return std::nullopt;  // a zero rate from here on
    budget -= rate_per_s * ToSeconds(end - t);
    t = end;
  }
  return std::nullopt;
}

}  // namespace acd::sim
