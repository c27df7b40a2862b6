// sim/kpi_plan.h: the KPIs and slices a scenario reports, and how one
// replication's tallies fill them.
//
// `KpiPlan::For` is the one place that decides, for a scenario, which slices
// (the total, the workgroups, the contact types, and the agent groups when
// there are any) and which KPIs (those of sim/tally.h; service_level_t2..t4
// only as far as some contact type has that many thresholds; for agent
// groups only occupancy, utilization and busy_agents_end) a study reports.
// `Observe` turns one replication's result into the value of every cell of
// the plan's layout (sim/kpi_layout.h), which is all the aggregation, the
// partial result files, the merge and the per-replication output ever see.
// A new slice or a scenario-dependent KPI is added here, and flows through
// to every output and to partial results without another change there.
//
// Example:
//
//   acd::sim::KpiPlan plan = acd::sim::KpiPlan::For(scenario);
//   std::vector<double> values;
//   absl::Status observed = plan.Observe(*result, values);  // one per cell
//
// Thread safety: const methods may be called from any thread.

#ifndef ACD_SIM_KPI_PLAN_H_
#define ACD_SIM_KPI_PLAN_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "sim/aggregate.h"
#include "sim/kpi_layout.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/tally.h"

namespace acd::sim {

class KpiPlan {
 public:
  static KpiPlan For(const Scenario& scenario);

  const KpiLayout& layout() const { return layout_; }

  // Resizes `values` to layout().CellCount() and fills it from `result`.
  // Internal if the result's shape does not match the scenario's.
  absl::Status Observe(const ReplicationResult& result, std::vector<double>& values) const;

  // The same plan without the slice of kind `kind` (unchanged if it has none):
  // acdsim compare drops the agent groups of sides whose groups differ.
  KpiPlan WithoutSlice(const std::string& kind) const;

 private:
  // Where a slice's tallies are in a replication's result.
  struct Source {
    // Members the result holds (it must hold the layout's).
    std::function<size_t(const ReplicationResult&)> members;
    std::function<const Tally&(const ReplicationResult&, size_t member)> whole;
    std::function<const std::vector<Tally>&(const ReplicationResult&, size_t member)> intervals;
    // One per KPI of the slice's layout.
    std::vector<std::function<double(const Tally&)>> values;
  };

  KpiLayout layout_;
  std::vector<Source> sources_;  // one per slice
};

// What the reports of a study of `scenario` say about it (the fingerprint
// left empty: sim/scenario_source.h computes it from the scenario's text).
StudyInfo StudyOf(const Scenario& scenario);

}  // namespace acd::sim

#endif  // ACD_SIM_KPI_PLAN_H_
