#include "sim/busyness.h"

#include <algorithm>
#include <cstdint>

#include "sim/distribution.h"

namespace acd::sim {

std::vector<double> DrawRateFactors(const Busyness& busyness, Duration interval, int intervals,
                                    Mrg32k3a& rng) {
  std::vector<double> factors(static_cast<size_t>(intervals), 1.0);
  if (intervals <= 0) return factors;
  const int64_t day_us = Seconds(86400).microseconds();
  const int64_t last_start_us = interval.microseconds() * (intervals - 1);
  if (busyness.day_shape > 0) {
    const Distribution day = Distribution::Gamma(busyness.day_shape, 1.0);
    std::vector<double> days(static_cast<size_t>(last_start_us / day_us + 1));
    for (double& b : days) b = day.SampleSeconds(rng);
    for (int i = 0; i < intervals; ++i) {
      factors[i] = days[static_cast<size_t>(interval.microseconds() * i / day_us)];
    }
  }
  if (busyness.interval_shape > 0) {
    const Distribution noise = Distribution::Gamma(busyness.interval_shape, 1.0);
    for (double& f : factors) f *= noise.SampleSeconds(rng);
  }
  return factors;
}

std::vector<double> ScaleRates(const std::vector<double>& rates_per_hour,
                               const std::vector<double>& factors) {
  std::vector<double> out(factors.size());
  for (size_t i = 0; i < factors.size(); ++i) {
    out[i] = rates_per_hour[std::min(i, rates_per_hour.size() - 1)] * factors[i];
  }
  return out;
}

}  // namespace acd::sim
