// sim/report.h: the results of a simulation run, and how they are written.
//
// A `Report` holds every KPI of sim/tally.h summarized over replications
// (mean and 95 % half-width) for the whole center, each workgroup and each
// contact type. It is written as a table for people (`FormatTable`) or as
// JSON for programs (`FormatJson`):
//
//   {"scenario": "...", "seed": 12345, "replications": 10, "service_level_s": 20,
//    "total": {"offered": {"mean": 3598.2, "ci95": 21.7}, ...},
//    "workgroups": {"Support": {...}}, "contact_types": {"Calls": {...}},
//    "intervals": {"Support": [{"start_s": 0, "kpis": {"offered": {...}, ...}}, ...]},
//    "contact_type_intervals": {"Calls": [...]}, "total_intervals": [...]}
//
// A KPI with no value (a ratio whose denominator was always zero; occupancy
// of a contact type) is `null` in JSON and "-" in the table. The writers are
// deterministic: the same report gives the same bytes.

#ifndef ACD_SIM_REPORT_H_
#define ACD_SIM_REPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/statistics.h"

namespace acd::sim {

// One Summary per entry of Kpis(), in that order.
using KpiSummaries = std::vector<Summary>;

struct Report {
  std::string scenario;
  uint64_t seed = 0;
  int replications = 0;
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
};

// Which slice of the center a CSV of intervals is about.
enum class IntervalSlice { kWorkgroups, kContactTypes, kTotal };

// The summary of the KPI whose JSON key is `key` (see Kpis()), or nullptr.
const Summary* FindKpi(const KpiSummaries& kpis, absl::string_view key);

// Summarizes per-replication results (in replication order).
Report BuildReport(const Scenario& scenario, const std::vector<ReplicationResult>& results);

std::string FormatTable(const Report& report);
std::string FormatJson(const Report& report);

// One CSV row per workgroup (or contact type, or the total) and reporting
// interval: its name ("total" for the total), start_s, then <kpi>_mean and
// <kpi>_ci95 for every KPI (empty when it has no value). The first header
// names the slice: workgroup, contact_type or total.
std::string FormatIntervalCsv(const Report& report,
                              IntervalSlice slice = IntervalSlice::kWorkgroups);

}  // namespace acd::sim

#endif  // ACD_SIM_REPORT_H_
