// sim/report.h: the results of a study, and how they are written.
//
// A `Report` holds every KPI summarized over replications (mean and 95 %
// half-width) for the whole center, each workgroup and each contact type,
// for the whole run and per reporting interval. It is made from an Aggregate
// (`ReportOf`: the same report from one run or from merged shards) and
// written as a table for people (`FormatTable`), as JSON for programs
// (`FormatJson`) or as CSV per interval (`FormatIntervalCsv`):
//
//   {"version": "0.1.0", "scenario": "...", "overrides": ["horizon_s=3600"],
//    "seed": 12345, "replications": 10,
//    "service_level_s": 20, ...,
//    "total": {"offered": {"mean": 3598.2, "ci95": 21.7}, ...},
//    "workgroups": {"Support": {...}}, "contact_types": {"Calls": {...}},
//    "intervals": {"Support": [{"start_s": 0, "kpis": {"offered": {...}, ...}}, ...]},
//    "contact_type_intervals": {"Calls": [...]}, "total_intervals": [...]}
//
// A report of part of a study (acdsim run --shard) also has
// "replication_range": {"first": 10, "end": 20, "of": 100} after
// "replications". "overrides" is always there (maybe []); the table shows
// them on an "Overrides:" line when there are any; the CSV files do not carry
// them (a comment line is not CSV). A scenario with likely mistakes
// (sim/scenario_warnings.h) adds "warnings": ["<file:line:col>: <field>:
// ...", ...] right after "overrides"; without any the key is left out, so
// a clean scenario's report is unchanged. A scenario with a `day_start` adds
// "day_start_s" after "warmup_s" and a "clock" ("08:30") to every interval
// after its "start_s"; one whose contact types set their own service-level
// thresholds adds "service_levels_s": {"<type>": [20, 30], ...}; one with
// agent groups adds "agent_groups" (after "contact_types") and
// "agent_group_intervals" (after "contact_type_intervals"), with the agents'
// KPIs (occupancy, utilization, busy_agents_end). A KPI with no value (a ratio
// whose denominator was always
// zero; occupancy of a contact type) is `null` in JSON and "-" in the table.
// The writers are deterministic: the same report gives the same bytes.

#ifndef ACD_SIM_REPORT_H_
#define ACD_SIM_REPORT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "sim/aggregate.h"
#include "sim/kpi_layout.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/statistics.h"

namespace acd::sim {

// One slice member's KPIs for one period: a Summary per KPI of `kpis`, in
// that order (shared by every member of the slice).
struct KpiSummaries {
  std::shared_ptr<const std::vector<KpiInfo>> kpis;
  std::vector<Summary> values;

  size_t size() const { return values.size(); }
  const Summary& operator[](size_t i) const { return values[i]; }
};

struct Report {
  std::string version;
  std::string scenario;
  // The what-if overrides applied (StudyInfo::overrides).
  std::vector<std::string> overrides;
  // The scenario's warnings (sim/scenario_warnings.h); in the JSON only when
  // there is one, right after "overrides".
  std::vector<std::string> warnings;
  uint64_t seed = 0;
  // Replications summarized: first_replication.. of a study of
  // study_replications (the same as `replications` for a whole study).
  int replications = 0;
  int first_replication = 0;
  int study_replications = 0;
  double service_level_s = 0;
  double horizon_s = 0;
  double warmup_s = 0;
  int64_t events = 0;
  KpiSummaries total;
  std::vector<std::pair<std::string, KpiSummaries>> workgroups;
  std::vector<std::pair<std::string, KpiSummaries>> contact_types;
  // Per workgroup, one entry per reporting interval of `interval_s` from 0.
  double interval_s = 0;
  std::vector<std::pair<std::string, std::vector<KpiSummaries>>> workgroup_intervals;
  std::vector<std::pair<std::string, std::vector<KpiSummaries>>> contact_type_intervals;
  std::vector<KpiSummaries> total_intervals;
  // Per agent group (empty without agent groups).
  std::vector<std::pair<std::string, KpiSummaries>> agent_groups;
  std::vector<std::pair<std::string, std::vector<KpiSummaries>>> agent_group_intervals;
  // The horizon's start on the clock, seconds after midnight; unset: none.
  std::optional<double> day_start_s;
  // Per contact type, its service-level thresholds, when some type sets its
  // own; empty otherwise.
  std::vector<std::pair<std::string, std::vector<double>>> service_levels_s;
};

// Which slice of the center a CSV of intervals is about.
enum class IntervalSlice { kWorkgroups, kContactTypes, kTotal, kAgentGroups };

// The summary of the KPI whose JSON key is `key`, or nullptr.
const Summary* FindKpi(const KpiSummaries& kpis, absl::string_view key);

// The report of an aggregate's replications.
Report ReportOf(const Aggregate& aggregate);

// Summarizes per-replication results (replications 0..n-1 of the scenario).
Report BuildReport(const Scenario& scenario, const std::vector<ReplicationResult>& results);

std::string FormatTable(const Report& report);
std::string FormatJson(const Report& report);

// One CSV row per workgroup (or contact type, or the total) and reporting
// interval: its name ("total" for the total), start_s, clock (only when the
// scenario has a day_start), then <kpi>_mean and <kpi>_ci95 for every KPI
// (empty when it has no value). The first header names the slice:
// workgroup, contact_type, total or agent_group.
std::string FormatIntervalCsv(const Report& report,
                              IntervalSlice slice = IntervalSlice::kWorkgroups);

}  // namespace acd::sim

#endif  // ACD_SIM_REPORT_H_
