// What a finished replication costs on its way into a study's aggregate:
// reading its KPI values out of its tallies (Observe) and folding them into
// exact moments (Aggregate::Add), on the shipped full-day scenario, to set
// against BM_Sim_FullDay, the replication itself.

#include <cstdlib>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "sim/aggregate.h"
#include "sim/kpi_plan.h"
#include "sim/replication.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

struct FullDay {
  Scenario scenario;
  ReplicationResult result;
};

// Replication 0 of scenarios/full_day.txtpb, or nullptr (and an error).
const FullDay* LoadFullDay(benchmark::State& state) {
  static const FullDay* full_day = []() -> const FullDay* {
    const char* root = std::getenv("ACD_SOURCE_DIR");
    absl::StatusOr<Scenario> scenario =
        LoadScenarioFile(std::string(root != nullptr ? root : ".") + "/scenarios/full_day.txtpb");
    if (!scenario.ok()) return nullptr;
    absl::StatusOr<ReplicationResult> result = RunReplication(*scenario, 0);
    if (!result.ok()) return nullptr;
    return new FullDay{*std::move(scenario), *std::move(result)};
  }();
  if (full_day == nullptr) state.SkipWithError("scenarios/full_day.txtpb not found or failed");
  return full_day;
}

// One replication's values per iteration; items are cells.
void BM_Aggregate_FullDay_Observe(benchmark::State& state) {
  const FullDay* full_day = LoadFullDay(state);
  if (full_day == nullptr) return;
  const KpiPlan plan = KpiPlan::For(full_day->scenario);
  std::vector<double> values;
  for (auto _ : state) {
    if (!plan.Observe(full_day->result, values).ok()) state.SkipWithError("observe failed");
    benchmark::DoNotOptimize(values.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_Aggregate_FullDay_Observe)->Unit(benchmark::kMicrosecond);

// One replication folded into the aggregate per iteration; items are cells.
void BM_Aggregate_FullDay_Fold(benchmark::State& state) {
  const FullDay* full_day = LoadFullDay(state);
  if (full_day == nullptr) return;
  const KpiPlan plan = KpiPlan::For(full_day->scenario);
  std::vector<double> values;
  if (!plan.Observe(full_day->result, values).ok()) state.SkipWithError("observe failed");
  Aggregate aggregate = Aggregate::Start(StudyOf(full_day->scenario), plan.layout(), {0, 1});
  for (auto _ : state) aggregate.Add(values, full_day->result.events);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_Aggregate_FullDay_Fold)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace acd::sim
