#include "sim/runner.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/replication.h"

namespace acd::sim {

absl::StatusOr<Report> RunScenario(Scenario scenario, const RunOptions& options) {
  if (options.replications) {
    if (*options.replications < 1 || *options.replications > 100000) {
      return absl::InvalidArgumentError(
          absl::StrCat("replications: ", *options.replications, " is outside 1..100000"));
    }
    scenario.replications = *options.replications;
  }
  if (options.threads < 1 || options.threads > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("threads: ", options.threads, " is outside 1..256"));
  }
  if (options.seed) scenario.seed = *options.seed;

  // Replication r always lands in slot r, so the report is the same however
  // the replications are shared out among threads.
  const int n = scenario.replications;
  std::vector<ReplicationResult> results(n);
  std::vector<absl::Status> errors(n);
  // The next replication to run. Relaxed: it only hands out distinct
  // indexes; each result is published by the thread join below.
  std::atomic<int> next{0};
  auto work = [&] {
    for (int r = next.fetch_add(1, std::memory_order_relaxed); r < n;
         r = next.fetch_add(1, std::memory_order_relaxed)) {
      absl::StatusOr<ReplicationResult> result =
          RunReplication(scenario, r, r == 0 ? options.trace : nullptr);
      if (result.ok()) {
        results[r] = *std::move(result);
      } else {
        errors[r] = result.status();
      }
      if (options.on_replication_done) options.on_replication_done();
    }
  };
  const int threads = std::min(options.threads, n);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();

  for (const absl::Status& error : errors) ACD_RETURN_IF_ERROR(error);
  return BuildReport(scenario, results);
}

}  // namespace acd::sim
