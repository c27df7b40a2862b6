// sim/runner.h: runs a study's replications and aggregates them as they
// finish.
//
// Example:
//
//   acd::sim::RunOptions options{.replications = 20};
//   absl::StatusOr<acd::sim::Report> report = acd::sim::RunScenario(scenario, options);
//   fmt::print("{}", acd::sim::FormatTable(*report));
//
// Replication r always uses substream r of every random stream, so a run of
// replications 0..R-1 gives the same report however it is executed: in one
// thread or several, in one process or split across many (`range`, then
// sim/merge.h). Memory does not grow with the number of replications: each
// replication's KPIs are folded into the aggregate (sim/aggregate.h) and
// dropped. Replications are folded in replication order: a replication that
// finishes early waits, with at most 4 per thread waiting, and a thread that
// would start a replication further ahead than that waits too.
//
// Thread safety: RunStudy and RunScenario may be called from any thread;
// with `threads` > 1 they start and join their own worker threads.

#ifndef ACD_SIM_RUNNER_H_
#define ACD_SIM_RUNNER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sim/aggregate.h"
#include "sim/replication.h"
#include "sim/report.h"
#include "sim/scenario.h"

namespace acd::sim {

struct RunOptions {
  // Overrides the scenario's replication count: the study is replications
  // 0..replications-1. Range 1..100000.
  std::optional<int> replications;
  // Overrides the scenario's seed.
  std::optional<uint64_t> seed;
  // Runs only these replications of the study (non-empty, within it);
  // unset: all of them.
  std::optional<ReplicationRange> range;
  // Replications run in parallel on this many threads (1..256). The report
  // is byte-identical for every count.
  int threads = 1;
  // Called after each replication, from the thread that ran it (for a
  // progress display). Must be thread-safe.
  std::function<void()> on_replication_done;
  // Receives each replication's value of every cell of the study's layout
  // (sim/kpi_plan.h), in replication order, one call at a time (from any of
  // the threads). An error stops the run and is returned.
  std::function<absl::Status(int replication, std::span<const double> values)> on_replication;
  // Receives the first replication's event trace as JSON Lines
  // (sim/trace.h).
  std::string* trace = nullptr;
  // Runs replication r (with `trace` set for the first one run, when
  // `trace` is); unset: RunReplication of the study's scenario. The
  // forecast (sim/forecast.h) starts its replications from a saved state
  // through this. Called from the worker threads: must be thread-safe.
  std::function<absl::StatusOr<ReplicationResult>(int replication, std::string* trace)> replicate;
};

// The aggregate of the replications run. InvalidArgument for an option out
// of range; Internal if the engine rejects a command the simulator believed
// valid (a bug); the error of `on_replication`.
absl::StatusOr<Aggregate> RunStudy(Scenario scenario, const RunOptions& options = {});

// RunStudy, reported (sim/report.h ReportOf).
absl::StatusOr<Report> RunScenario(Scenario scenario, const RunOptions& options = {});

}  // namespace acd::sim

#endif  // ACD_SIM_RUNNER_H_
