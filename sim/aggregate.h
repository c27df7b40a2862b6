// sim/aggregate.h: a study's results so far, in constant memory.
//
// A study is a scenario's replications 0..R-1 under one seed; replication r
// always uses random substream r, so any subset of replications can be run
// anywhere. An `Aggregate` holds the sufficient statistics (sim/statistics.h
// Moments) of every cell of the study's layout (sim/kpi_layout.h) over a
// contiguous range of its replications, what is needed to report them
// (sim/report.h ReportOf), and nothing that grows with the number of
// replications. Replications are added as they finish; aggregates of
// disjoint ranges of the same study merge (sim/merge.h) into exactly what one
// run of their union gives, byte for byte once written, because every sum is
// exact (sim/exact_sum.h).
//
// Example:
//
//   acd::sim::Aggregate aggregate = acd::sim::Aggregate::Start(study, plan.layout(), {0, 10});
//   aggregate.Add(values, events);   // one replication's cell values
//
// Thread safety: none; one owner at a time.

#ifndef ACD_SIM_AGGREGATE_H_
#define ACD_SIM_AGGREGATE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/kpi_layout.h"
#include "sim/statistics.h"

namespace acd::sim {

// Replications first..end-1.
struct ReplicationRange {
  int first = 0;
  int end = 0;
  int size() const { return end - first; }
  bool operator==(const ReplicationRange&) const = default;
};

// What a study is, besides its results: everything its report prints.
struct StudyInfo {
  // The acdsim version that ran it.
  std::string version;
  // The scenario's name.
  std::string scenario;
  // A hash of the scenario's canonical form (sim/scenario_source.h); empty
  // when unknown (a study run without going through the command line).
  std::string fingerprint;
  // The what-if overrides applied to the scenario's text (sim/overrides.h),
  // as given ("agent_groups[es].count=25"), in order; empty for none.
  std::vector<std::string> overrides;
  // The scenario's warnings (Scenario::warnings), in order; empty for none.
  std::vector<std::string> warnings;
  uint64_t seed = 0;
  // The study's replications: R of 0..R-1.
  int replications = 0;
  double service_level_s = 0;
  double horizon_s = 0;
  double warmup_s = 0;
  double interval_s = 0;
  // The horizon's start on the clock, seconds after midnight (scenario
  // day_start); unset: none.
  std::optional<double> day_start_s;
  // Each contact type's service-level thresholds, in scenario order, when
  // some type sets its own; empty otherwise.
  std::vector<std::pair<std::string, std::vector<double>>> service_levels_s;
  bool operator==(const StudyInfo&) const = default;
};

struct Aggregate {
  StudyInfo study;
  KpiLayout layout;
  // The replications added, or to be added.
  ReplicationRange range;
  // Replications added so far (range.size() once complete).
  int added = 0;
  // Simulation events of the replications added.
  int64_t events = 0;
  // One per cell of `layout`.
  std::vector<Moments> cells;

  // An empty aggregate of `range`.
  static Aggregate Start(StudyInfo study, KpiLayout layout, ReplicationRange range);
  // Adds one replication: its value of every cell, in layout order.
  void Add(std::span<const double> values, int64_t replication_events);
};

}  // namespace acd::sim

#endif  // ACD_SIM_AGGREGATE_H_
