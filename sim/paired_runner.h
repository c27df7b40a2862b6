// sim/paired_runner.h: runs two sides of a comparison in lock step.
//
// Replication r of side A and replication r of side B run with the same seed
// and substream r, one after the other, and are folded into a Comparison
// (sim/comparison.h) in replication order, so memory does not depend on the
// number of replications. With several threads, each runs the two sides of
// one replication at a time, and at most `threads` replications are ahead of
// the fold; the result is byte-identical for every thread count.
//
// Example:
//
//   absl::StatusOr<acd::sim::Comparison> c =
//       acd::sim::RunPaired(a, b, {.replications = 20, .seed = 1});
//
// Thread safety: may be called from any thread; starts and joins its own.

#ifndef ACD_SIM_PAIRED_RUNNER_H_
#define ACD_SIM_PAIRED_RUNNER_H_

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "sim/comparison.h"
#include "sim/scenario.h"

namespace acd::sim {

struct PairedOptions {
  // Replications 0..replications-1 of each side, 1..100000.
  int replications = 10;
  // The seed of both sides.
  uint64_t seed = 12345;
  // 1..256.
  int threads = 1;
  // Called after each paired replication, from the main thread.
  std::function<void()> on_replication_done;
};

// The comparison of `a` and `b` (their names, files and overrides left for
// the caller to fill). InvalidArgument when their layouts differ or an
// option is out of range; Internal if the engine rejects a command.
absl::StatusOr<Comparison> RunPaired(Scenario a, Scenario b, const PairedOptions& options);

}  // namespace acd::sim

#endif  // ACD_SIM_PAIRED_RUNNER_H_
