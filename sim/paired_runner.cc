#include "sim/paired_runner.h"

#include <algorithm>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/kpi_plan.h"
#include "sim/replication.h"
#include "sim/version.h"

namespace acd::sim {
namespace {

// One replication of each side, observed.
struct Pair {
  absl::Status status;
  std::vector<double> a;
  std::vector<double> b;
};

Pair RunPair(const Scenario& a, const KpiPlan& plan_a, const Scenario& b, const KpiPlan& plan_b,
             int replication) {
  Pair out;
  out.status = [&]() -> absl::Status {
    ACD_ASSIGN_OR_RETURN(const ReplicationResult result_a, RunReplication(a, replication));
    ACD_RETURN_IF_ERROR(plan_a.Observe(result_a, out.a));
    ACD_ASSIGN_OR_RETURN(const ReplicationResult result_b, RunReplication(b, replication));
    return plan_b.Observe(result_b, out.b);
  }();
  return out;
}

}  // namespace

absl::StatusOr<Comparison> RunPaired(Scenario a, Scenario b, const PairedOptions& options) {
  if (options.replications < 1 || options.replications > 100000) {
    return absl::InvalidArgumentError(
        absl::StrCat("replications: ", options.replications, " is outside 1..100000"));
  }
  if (options.threads < 1 || options.threads > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("threads: ", options.threads, " is outside 1..256"));
  }
  a.seed = b.seed = options.seed;
  a.replications = b.replications = options.replications;
  KpiPlan plan_a = KpiPlan::For(a);
  KpiPlan plan_b = KpiPlan::For(b);
  // Sides with other agent groups (a what-if that renames, adds or removes
  // one) still pair on everything else; their agents' own KPIs do not.
  const int groups_a = plan_a.layout().FindSlice("agent_groups");
  const int groups_b = plan_b.layout().FindSlice("agent_groups");
  if ((groups_a < 0) != (groups_b < 0) ||
      (groups_a >= 0 && plan_a.layout().slices[groups_a].members !=
                            plan_b.layout().slices[groups_b].members)) {
    plan_a = plan_a.WithoutSlice("agent_groups");
    plan_b = plan_b.WithoutSlice("agent_groups");
  }
  if (plan_a.layout() != plan_b.layout()) {
    return absl::InvalidArgumentError(
        "the sides report different KPI layouts (slices, members or intervals): they do not pair");
  }
  if (plan_a.layout().CellCount() > kMaxKpiCells) {
    return absl::InvalidArgumentError(
        absl::StrCat("the scenario would report ", plan_a.layout().CellCount(),
                     " KPI cells, more than the ", kMaxKpiCells, " a study may have"));
  }
  Comparison comparison = Comparison::Start(plan_a.layout());
  comparison.version = ProgramVersion();
  comparison.seed = options.seed;
  comparison.replications = options.replications;
  comparison.service_level_s = ToSeconds(a.service_level);
  comparison.interval_s = ToSeconds(a.interval);

  // Batches of `threads` replications: run in parallel, folded in order.
  const int threads = std::min(options.threads, options.replications);
  std::vector<Pair> batch(threads);
  for (int first = 0; first < options.replications; first += threads) {
    const int size = std::min(threads, options.replications - first);
    std::vector<std::thread> pool;
    for (int i = 1; i < size; ++i) {
      pool.emplace_back([&, i] { batch[i] = RunPair(a, plan_a, b, plan_b, first + i); });
    }
    batch[0] = RunPair(a, plan_a, b, plan_b, first);
    for (std::thread& thread : pool) thread.join();
    for (int i = 0; i < size; ++i) {
      ACD_RETURN_IF_ERROR(batch[i].status);
      comparison.Add(batch[i].a, batch[i].b);
      if (options.on_replication_done) options.on_replication_done();
    }
  }
  return comparison;
}

}  // namespace acd::sim
