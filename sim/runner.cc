#include "sim/runner.h"

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
  if (options.seed) scenario.seed = *options.seed;
  std::vector<ReplicationResult> results;
  results.reserve(scenario.replications);
  for (int r = 0; r < scenario.replications; ++r) {
    ACD_ASSIGN_OR_RETURN(ReplicationResult result, RunReplication(scenario, r));
    results.push_back(std::move(result));
  }
  return BuildReport(scenario, results);
}

}  // namespace acd::sim
