// sim/staffing_solver.h: the solver behind SolveStaffing (sim/staffing.h),
// shared by its two files: the search (steps 1 to 3, sim/staffing.cc) and
// the whole-day check (step 4, sim/staffing_check.cc). Not an API.
//
// Thread safety: one solver per call of SolveStaffing.

#ifndef ACD_SIM_STAFFING_SOLVER_H_
#define ACD_SIM_STAFFING_SOLVER_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/staffing.h"
#include "sim/staffing_target.h"
#include "sim/statistics.h"

namespace acd::sim::staffing_internal {

struct Evaluation {
  std::vector<Summary> kpis;
  bool all_met = true;
};

// How far `s`'s mean, less `margin` (plus it, for at-most targets), is
// from the limit on the wrong side, relative to the limit; 0 when met.
// With `signed_miss`, negative when met (by how much).
double Shortfall(const StaffingTarget& target, const Summary& s, double margin,
                 bool signed_miss = false);

class Solver {
 public:
  Solver(const Scenario& scenario, const std::vector<StaffingTarget>& targets,
         const StaffingOptions& options, std::vector<int> groups)
      : base_(scenario), targets_(targets), options_(options), groups_(std::move(groups)) {
    passes_ = PlanMeasurementPasses(base_, targets_);
    longest_threshold_ = ToSeconds(scenario.service_level);
    for (const StaffingTarget& t : targets_) {
      if (t.at_least()) longest_threshold_ = std::max(longest_threshold_, t.threshold_s);
    }
    for (int g : groups_) base_.agent_groups[g].shifts.clear();
    decided_.assign(groups_.size(), {});
    check_replications_ = options_.verify_replications > 0 ? options_.verify_replications
                                                           : options_.replications;
  }

  absl::StatusOr<StaffingPlan> Solve();

 private:
  // Greedy additions, then removal passes, from `x`; leaves the result in x.
  absl::StatusOr<Evaluation> Search(int i, std::vector<int>& x);
  // What the last agent of each group brought to each target's bound in
  // the interval just decided (the search's failed removals, from the memo; else its
  // additions), for step 4's step size; NaN where the search tried neither.
  void RecordSlopes(const std::vector<int>& x, const Evaluation& ev);
  // Step 4: the whole day, from time 0 with the head counts found, on
  // fresh replications; where an interval misses a target, one agent more
  // for the group that serves the worst missed target and the fewest
  // targets (ties: the group listed first), in every missed interval whose
  // previous interval got none this round (its extra agent may cure the
  // backlog); repeated until a round meets every target everywhere.
  absl::Status Verify(StaffingPlan& plan);
  // One whole-day run of the check's replications with the head counts
  // decided: every row's kpis and met; whether every target is met.
  absl::StatusOr<bool> CheckDay(StaffingPlan& plan);
  // Step 4's trim (sim/staffing.h): one agent fewer where the check shows
  // room for it, kept where the next run still meets every target.
  absl::Status Trim(StaffingPlan& plan);
  // Step 4's single-cell pass (sim/staffing.h): one agent fewer in one
  // (interval, group) cell at a time, kept when the whole day still meets
  // every target; within kPolishBudget.
  absl::Status Polish(StaffingPlan& plan);
  // Replication-intervals the single-cell pass may simulate (its whole-day
  // runs; about 10 runs of scenarios/full_day.txtpb with V = 20).
  static constexpr int64_t kPolishBudget = 20000;
  // Every target in interval i with head counts `x` there (earlier
  // intervals as decided), over the replications, with common random
  // numbers.
  absl::StatusOr<Evaluation> Evaluate(int i, const std::vector<int>& x);
  // Evaluate without the memo.
  absl::StatusOr<Evaluation> Simulate(int i, const std::vector<int>& x);
  // One replication, counting the intervals it simulates from `first`.
  absl::StatusOr<ReplicationResult> Run(const Scenario& s, int first, int r);

  // The safety margin of a cell (sim/staffing.h).
  double Margin(const Summary& s) const { return SafetyMargin(s, z_, check_replications_); }

  // The search's margin: the safety margin (and, with kConfidence, the
  // search's own 95 % half-width as well).
  double SearchMargin(const Summary& s) const {
    double margin = Margin(s);
    if (options_.rule == StaffingRule::kConfidence && !std::isnan(s.ci95)) margin += s.ci95;
    return margin;
  }
  bool Met(const StaffingTarget& target, const Summary& s) const {
    return MeetsSafely(target, s, SearchMargin(s));
  }
  double SearchShortfall(size_t t, const Summary& s, bool signed_miss = false) const {
    return Shortfall(targets_[t], s, SearchMargin(s), signed_miss);
  }
  // How many agents group g could lose in interval i by the checked `row`:
  // the least, over the targets the group serves, of each target's spare
  // over the measured effect of one agent (the spare itself where that
  // effect is unknown); 1e300 when it serves none there.
  double Room(const StaffingPlan::Interval& row, int i, size_t g) const {
    double room = 1e300;
    for (size_t t = 0; t < targets_.size(); ++t) {
      if (!GroupServes(base_, groups_[g], targets_[t]) || row.kpis[t].count == 0) continue;
      const double slope = slopes_[i][g][t];
      const double spare = -Shortfall(targets_[t], row.kpis[t], Margin(row.kpis[t]), true);
      room = std::min(room, slope > 0 ? spare / slope : spare);
    }
    return room;
  }

  Scenario base_;
  const std::vector<StaffingTarget>& targets_;
  const StaffingOptions& options_;
  std::vector<int> groups_;
  MeasurementPasses passes_;
  double longest_threshold_ = 0;
  double z_ = 0;
  int check_replications_ = 1;
  std::vector<int> pool_;
  std::vector<std::vector<int>> decided_;  // [group][interval]
  std::vector<std::vector<std::vector<double>>> slopes_;  // [interval][group][target]
  int64_t candidates_ = 0;
  int64_t replication_intervals_ = 0;
  // Candidates of interval memo_interval_ already simulated (the search
  // comes back to some).
  std::map<std::vector<int>, Evaluation> memo_;
  int memo_interval_ = -1;
};

}  // namespace acd::sim::staffing_internal

#endif  // ACD_SIM_STAFFING_SOLVER_H_
