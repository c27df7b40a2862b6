// sim/runner.h: runs a scenario's replications and summarizes them.
//
// Example:
//
//   acd::sim::RunOptions options{.replications = 20};
//   absl::StatusOr<acd::sim::Report> report = acd::sim::RunScenario(scenario, options);
//   fmt::print("{}", acd::sim::FormatTable(*report));
//
// Replication r always uses substream r of every random stream, so a run of
// replications 0..R-1 gives the same report however it is executed: in one
// thread or several, in one process or split across many.
//
// Thread safety: RunScenario may be called from any thread; with
// `threads` > 1 it starts and joins its own worker threads.

#ifndef ACD_SIM_RUNNER_H_
#define ACD_SIM_RUNNER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "sim/report.h"
#include "sim/scenario.h"

namespace acd::sim {

struct RunOptions {
  // Overrides the scenario's replication count. Range 1..100000.
  std::optional<int> replications;
  // Overrides the scenario's seed.
  std::optional<uint64_t> seed;
  // Replications run in parallel on this many threads (1..256). The report
  // is byte-identical for every count.
  int threads = 1;
  // Called after each replication, from the thread that ran it (for a
  // progress display). Must be thread-safe.
  std::function<void()> on_replication_done;
  // Receives replication 0's event trace as JSON Lines (sim/trace.h).
  std::string* trace = nullptr;
};

// InvalidArgument for an option out of range; Internal if the engine rejects
// a command the simulator believed valid (a bug).
absl::StatusOr<Report> RunScenario(Scenario scenario, const RunOptions& options = {});

}  // namespace acd::sim

#endif  // ACD_SIM_RUNNER_H_
