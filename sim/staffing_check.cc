// The whole-day check of the staffing search (sim/staffing.h, step 4).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "acd/status_macros.h"
#include "sim/staffing_solver.h"

namespace acd::sim::staffing_internal {

absl::StatusOr<bool> Solver::CheckDay(StaffingPlan& plan) {
  ++plan.verify_rounds;
  const int first = options_.replications;
  const int intervals = static_cast<int>(plan.intervals.size());
  Scenario s = base_;
  for (size_t g = 0; g < groups_.size(); ++g) {
    s.agent_groups[groups_[g]].agents_per_interval = decided_[g];
  }
  // [interval][target][replication]
  std::vector<std::vector<std::vector<double>>> values(
      intervals, std::vector<std::vector<double>>(targets_.size()));
  for (size_t pass = 0; pass < passes_.thresholds.size(); ++pass) {
    ApplyMeasurementPass(passes_, static_cast<int>(pass), s);
    for (int r = first; r < first + options_.verify_replications; ++r) {
      ACD_ASSIGN_OR_RETURN(const ReplicationResult result, Run(s, 0, r));
      for (size_t t = 0; t < targets_.size(); ++t) {
        if (passes_.pass_of[t] != static_cast<int>(pass)) continue;
        for (int i = 0; i < intervals; ++i) {
          values[i][t].push_back(TargetValue(targets_[t], result, i));
        }
      }
    }
  }
  bool all_met = true;
  for (int i = 0; i < intervals; ++i) {
    StaffingPlan::Interval& row = plan.intervals[i];
    row.kpis.clear();
    row.met.clear();
    for (size_t g = 0; g < groups_.size(); ++g) row.agents[g] = decided_[g][i];
    for (size_t t = 0; t < targets_.size(); ++t) {
      row.kpis.push_back(Summarize(values[i][t]));
      row.met.push_back(MeetsSafely(targets_[t], row.kpis.back(), Margin(row.kpis.back())));
      all_met = all_met && row.met.back();
    }
  }
  return all_met;
}

// Step 4: where an interval misses a target by the safety rule, agents for
// the group that serves the worst missed target and the fewest targets
// (ties: the group listed first); the day again, until it meets every
// target everywhere; then the trim.
absl::Status Solver::Verify(StaffingPlan& plan) {
  const int intervals = static_cast<int>(plan.intervals.size());
  for (int round = 0; round < options_.verify_rounds; ++round) {
    ACD_ASSIGN_OR_RETURN(const bool all_met, CheckDay(plan));
    if (all_met) {
      plan.verified = true;
      ACD_RETURN_IF_ERROR(Trim(plan));
      return Polish(plan);
    }
    bool changed = false;
    for (int i = 0; i < intervals; ++i) {
      const StaffingPlan::Interval& row = plan.intervals[i];
      int worst = -1;
      for (size_t t = 0; t < targets_.size(); ++t) {
        if (row.met[t]) continue;
        if (worst < 0 || Shortfall(targets_[t], row.kpis[t], Margin(row.kpis[t])) >
                             Shortfall(targets_[worst], row.kpis[worst], Margin(row.kpis[worst]))) {
          worst = static_cast<int>(t);
        }
      }
      if (worst < 0) continue;
      int best = -1, best_served = 0;
      for (size_t g = 0; g < groups_.size(); ++g) {
        if (decided_[g][i] >= pool_[g] || !GroupServes(base_, groups_[g], targets_[worst])) {
          continue;
        }
        int served = 0;
        for (const StaffingTarget& t : targets_) served += GroupServes(base_, groups_[g], t);
        if (best < 0 || served < best_served) {
          best = static_cast<int>(g);
          best_served = served;
        }
      }
      if (best < 0) continue;
      // The relative miss times the square root of the agents serving the
      // target (the scale on which a queue's service changes); with the
      // search's own measure of what one agent of that group brings there,
      // as many as cover the miss at that rate (at most twice the first
      // estimate, and at least the square root of the agents serving).
      int serving = 0;
      for (size_t g = 0; g < groups_.size(); ++g) {
        if (GroupServes(base_, groups_[g], targets_[worst])) serving += decided_[g][i];
      }
      const Summary& k = row.kpis[worst];
      const double miss = Shortfall(targets_[worst], k, Margin(k));
      int add = static_cast<int>(std::ceil(miss * std::sqrt(serving)));
      const double slope = slopes_[i][best][worst];
      if (slope > 0) {
        const int cap = std::max(2 * add, static_cast<int>(std::ceil(std::sqrt(serving))));
        add = std::min(cap, static_cast<int>(std::ceil(miss / slope - 1e-9)));
      }
      add = std::clamp(add, 1, std::max(1, pool_[best] - decided_[best][i]));
      decided_[best][i] += add;
      plan.verify_added += add;
      changed = true;
    }
    if (!changed) break;
  }
  return absl::OkStatus();
}

// Trim: in every interval, of the groups whose targets all exceed the rule
// in the check's run, the one with the most room (the excess over what one
// agent of it brought in the search, in such agents) loses one; the day
// runs again; where an interval then misses, the agent taken from it (else
// from the nearest interval before it) comes back, that cell is not tried
// again, and the day runs again; a run that meets everything starts the
// next batch. At most kTrimRuns runs; the plan is the last head counts
// whose run met every target everywhere.
absl::Status Solver::Trim(StaffingPlan& plan) {
  // Whole-day runs the trim may take (each as long as a round of the check).
  constexpr int kTrimRuns = 6;
  const int intervals = static_cast<int>(plan.intervals.size());
  const auto sum = [](const std::vector<std::vector<int>>& counts) {
    int64_t total = 0;
    for (const std::vector<int>& c : counts) {
      for (int n : c) total += n;
    }
    return total;
  };
  const int64_t before = sum(decided_);
  std::vector<std::vector<int>> good = decided_;
  std::vector<StaffingPlan::Interval> good_rows = plan.intervals;
  std::vector<std::vector<bool>> tried(intervals, std::vector<bool>(groups_.size(), false));
  // The cells taken from in the last batch and not given back.
  std::vector<int> removed(intervals, -1);
  bool last_met = true;
  for (int round = 0; round < kTrimRuns; ++round) {
    if (last_met) {
      std::fill(removed.begin(), removed.end(), -1);
      for (int i = 0; i < intervals; ++i) {
        const StaffingPlan::Interval& row = plan.intervals[i];
        double best_room = 0;
        for (size_t g = 0; g < groups_.size(); ++g) {
          if (decided_[g][i] == 0 || tried[i][g]) continue;
          const double room = Room(row, i, g);
          if (room > best_room) {
            best_room = room;
            removed[i] = static_cast<int>(g);
          }
        }
        if (removed[i] >= 0) --decided_[removed[i]][i];
      }
      if (std::all_of(removed.begin(), removed.end(), [](int g) { return g < 0; })) break;
    }
    ACD_ASSIGN_OR_RETURN(last_met, CheckDay(plan));
    if (last_met) {
      good = decided_;
      good_rows = plan.intervals;
      continue;
    }
    bool restored = false;
    for (int i = 0; i < intervals; ++i) {
      if (std::all_of(plan.intervals[i].met.begin(), plan.intervals[i].met.end(),
                      [](bool m) { return m; })) {
        continue;
      }
      for (int j = i; j >= 0; --j) {
        if (removed[j] < 0) continue;
        ++decided_[removed[j]][j];
        tried[j][removed[j]] = true;
        removed[j] = -1;
        restored = true;
        break;
      }
    }
    if (!restored) break;  // cannot happen: back to the last good counts
  }
  decided_ = std::move(good);
  plan.intervals = std::move(good_rows);
  plan.verify_removed = before - sum(decided_);
  return absl::OkStatus();
}

// The single-cell pass (sim/staffing.h): one agent fewer in one cell at a
// time, the cell with the most room first; kept when the whole day still
// meets every target everywhere, else given back and the cell is done.
// Within kPolishBudget replication-intervals of whole-day runs.
absl::Status Solver::Polish(StaffingPlan& plan) {
  const int intervals = static_cast<int>(plan.intervals.size());
  const int64_t run_cost = static_cast<int64_t>(options_.verify_replications) *
                           static_cast<int64_t>(passes_.thresholds.size()) * intervals;
  const int64_t max_runs = std::max<int64_t>(1, kPolishBudget / std::max<int64_t>(1, run_cost));
  std::vector<std::vector<bool>> done(intervals, std::vector<bool>(groups_.size(), false));
  std::vector<StaffingPlan::Interval> good_rows = plan.intervals;
  for (;;) {
    // The untried cell with agents and the most room (as the trim measures
    // it), on the last run that met every target.
    int best_i = -1, best_g = -1;
    double best_room = -1e300;
    for (int i = 0; i < intervals; ++i) {
      const StaffingPlan::Interval& row = good_rows[i];
      for (size_t g = 0; g < groups_.size(); ++g) {
        if (decided_[g][i] == 0 || done[i][g]) continue;
        const double room = Room(row, i, g);
        if (room > best_room) {
          best_room = room;
          best_i = i;
          best_g = static_cast<int>(g);
        }
      }
    }
    if (best_i < 0) break;
    if (plan.polish_runs >= max_runs) {
      for (int i = 0; i < intervals; ++i) {
        for (size_t g = 0; g < groups_.size(); ++g) {
          plan.polish_untried += decided_[g][i] > 0 && !done[i][g];
        }
      }
      break;
    }
    --decided_[best_g][best_i];
    ++plan.polish_runs;
    ACD_ASSIGN_OR_RETURN(const bool met, CheckDay(plan));
    if (met) {
      good_rows = plan.intervals;
      ++plan.polish_removed;
    } else {
      ++decided_[best_g][best_i];
      done[best_i][best_g] = true;
    }
  }
  plan.intervals = std::move(good_rows);
  for (int i = 0; i < intervals; ++i) {
    for (size_t g = 0; g < groups_.size(); ++g) plan.intervals[i].agents[g] = decided_[g][i];
  }
  return absl::OkStatus();
}

}  // namespace acd::sim::staffing_internal
