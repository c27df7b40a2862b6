// sim/distribution.h: distributions of durations, sampled from MRG32k3a.
//
// The simulator samples every random duration (handle time, patience, answer
// delay, inter-arrival time) through this type, with its own transforms over
// its own generator: std::*_distribution and absl's distributions are not
// stable across library versions, so they never feed a result.
//
// Example:
//
//   acd::sim::Distribution handle = acd::sim::Distribution::Exponential(240.0);
//   acd::sim::Mrg32k3a rng;
//   acd::Duration d = handle.Sample(rng);
//
// Thread safety: a Distribution is immutable after construction.

#ifndef ACD_SIM_DISTRIBUTION_H_
#define ACD_SIM_DISTRIBUTION_H_

#include <cmath>

#include "acd/time.h"
#include "sim/mrg32k3a.h"

namespace acd::sim {

class Distribution {
 public:
  enum class Kind { kConstant, kExponential };

  // Always zero.
  Distribution() = default;

  // Precondition: value_s >= 0, finite.
  static Distribution Constant(double value_s) { return {Kind::kConstant, value_s}; }
  // Precondition: mean_s > 0, finite.
  static Distribution Exponential(double mean_s) { return {Kind::kExponential, mean_s}; }

  Kind kind() const { return kind_; }
  double mean_s() const { return mean_s_; }

  // One sample in seconds, drawing from `rng` only if the kind is random.
  double SampleSeconds(Mrg32k3a& rng) const {
    switch (kind_) {
      case Kind::kConstant:
        return mean_s_;
      case Kind::kExponential:
        // Inversion; NextDouble is in (0, 1), so the log is finite.
        return -mean_s_ * std::log(rng.NextDouble());
    }
    return 0;
  }

  Duration Sample(Mrg32k3a& rng) const { return SecondsF(SampleSeconds(rng)); }

 private:
  Distribution(Kind kind, double mean_s) : kind_(kind), mean_s_(mean_s) {}

  Kind kind_ = Kind::kConstant;
  double mean_s_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_SIM_DISTRIBUTION_H_
