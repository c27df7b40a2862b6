// sim/staffing_report.h: the outputs of `acdsim staff`: a table, the JSON
// document of kind "staffing" (shapes of the project's JSON documents:
// version, kind, scenario, seed, replications, interval_s, overrides,
// targets, groups, intervals, agent_intervals, erlang_a_agent_intervals, in
// that order), and CSV.
//
// Thread safety: pure functions.

#ifndef ACD_SIM_STAFFING_REPORT_H_
#define ACD_SIM_STAFFING_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/staffing.h"
#include "sim/staffing_target.h"

namespace acd::sim {

struct StaffingStudy {
  std::string scenario;
  uint64_t seed = 0;
  int replications = 0;
  double interval_s = 0;
  std::vector<std::string> overrides;
  // The decision rule, for the table (the JSON shape has no place for it).
  StaffingRule rule = StaffingRule::kMean;
  // Replications of the whole-day check (step 4), for the table.
  int verify_replications = 0;
  // The safety rule's risk (StaffingOptions::miss_risk), for the table.
  double miss_risk = 0.05;
  std::vector<StaffingTarget> targets;
  StaffingPlan plan;
};

// One row per interval with traffic or agents: start, each group's head
// count (and Erlang A start), each target's mean +- half-width, a "*" on a
// missed one; then the totals.
std::string FormatStaffingTable(const StaffingStudy& study);

std::string FormatStaffingJson(const StaffingStudy& study);

// interval_start_s,group,agents,erlang_a (one row per interval and group).
std::string FormatStaffingCsv(const StaffingStudy& study);
// interval_start_s,target,mean,ci95,met (one row per interval and target).
std::string FormatStaffingTargetsCsv(const StaffingStudy& study);

}  // namespace acd::sim

#endif  // ACD_SIM_STAFFING_REPORT_H_
