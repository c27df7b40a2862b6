// The staffing search (sim/staffing.h, steps 1 to 3, and the simulation
// that judges each candidate).

#include "sim/staffing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/replication.h"
#include "sim/staffing_solver.h"

namespace acd::sim {
namespace staffing_internal {

// How far `s`'s mean, less `margin` (plus it, for at-most targets), is
// from the limit on the wrong side, relative to the limit; 0 when met.
// With `signed_miss`, negative when met (by how much).
double Shortfall(const StaffingTarget& target, const Summary& s, double margin,
                 bool signed_miss) {
  if (s.count == 0 || std::isnan(s.mean)) return 0;
  const double scale = std::max(target.limit, 1e-9);
  const double miss = target.at_least() ? target.limit - (s.mean - margin)
                                        : (s.mean + margin) - target.limit;
  return signed_miss ? miss / scale : std::max(0.0, miss / scale);
}

namespace {

// Gives group `g` a pool of `count` agents, inserting copies of its first
// agent ("<name>-<k>") after its last, as the loader would have laid out.
void GrowPool(Scenario& scenario, int g, int count) {
  AgentGroup& group = scenario.agent_groups[g];
  if (count <= group.count) return;
  size_t first = 0, end = 0;
  bool seen = false;
  for (size_t a = 0; a < scenario.agent_group.size(); ++a) {
    if (scenario.agent_group[a] != g) continue;
    if (!seen) first = a;
    seen = true;
    end = a + 1;
  }
  std::vector<AgentConfig> added;
  for (int k = group.count + 1; k <= count; ++k) {
    AgentConfig agent = scenario.center.agents[first];
    agent.name = absl::StrCat(group.name, "-", k);
    added.push_back(std::move(agent));
  }
  scenario.center.agents.insert(scenario.center.agents.begin() + end, added.begin(), added.end());
  scenario.agent_group.insert(scenario.agent_group.begin() + end, added.size(), g);
  group.count = count;
}

}  // namespace

absl::StatusOr<StaffingPlan> Solver::Solve() {
  const int64_t interval_us = base_.interval.microseconds();
  const int intervals =
      static_cast<int>((base_.horizon.microseconds() + interval_us - 1) / interval_us);
  StaffingPlan plan;
  plan.groups = groups_;
  std::vector<std::vector<int>> starts;
  pool_.assign(groups_.size(), 1);
  int64_t cells = 0;
  for (int i = 0; i < intervals; ++i) {
    for (const StaffingTarget& t : targets_) cells += SliceHasTraffic(base_, t, i);
  }
  z_ = SafetyZ(options_.miss_risk, cells);
  plan.safety_cells = cells;
  plan.safety_z = z_;
  for (int i = 0; i < intervals; ++i) {
    starts.push_back(ErlangStart(base_, targets_, groups_, i));
    for (size_t g = 0; g < groups_.size(); ++g) {
      pool_[g] = std::max(pool_[g], 2 * starts.back()[g] + 10);
    }
  }
  for (size_t g = 0; g < groups_.size(); ++g) {
    pool_[g] =
        std::min(options_.max_agents, std::max(pool_[g], base_.agent_groups[groups_[g]].count));
    GrowPool(base_, groups_[g], pool_[g]);
    plan.group_names.push_back(base_.agent_groups[groups_[g]].name);
  }
  for (int i = 0; i < intervals; ++i) {
    StaffingPlan::Interval row;
    row.start_s = i * interval_us / 1'000'000;
    row.erlang_a = starts[i];
    std::vector<int> x = starts[i];
    for (size_t g = 0; g < x.size(); ++g) {
      // Erlang A, calibrated by how the previous interval's search ended.
      if (i > 0 && starts[i - 1][g] > 0) {
        x[g] = static_cast<int>(std::lround(static_cast<double>(starts[i][g]) *
                                            decided_[g].back() / starts[i - 1][g]));
      }
      x[g] = std::clamp(x[g] + options_.start_offset, 0, pool_[g]);
    }
    ACD_ASSIGN_OR_RETURN(Evaluation ev, Search(i, x));
    RecordSlopes(x, ev);
    for (size_t g = 0; g < x.size(); ++g) decided_[g].push_back(x[g]);
    row.agents = x;
    row.kpis = ev.kpis;
    for (size_t t = 0; t < targets_.size(); ++t) {
      row.met.push_back(Met(targets_[t], ev.kpis[t]));
    }
    for (size_t g = 0; g < x.size(); ++g) {
      plan.agent_intervals += x[g];
      plan.erlang_a_agent_intervals += row.erlang_a[g];
    }
    plan.intervals.push_back(std::move(row));
    if (options_.on_interval) options_.on_interval(i, intervals);
  }
  plan.candidates = candidates_;
  plan.search_replication_intervals = replication_intervals_;
  replication_intervals_ = 0;
  if (options_.verify_replications > 0) {
    ACD_RETURN_IF_ERROR(Verify(plan));
    plan.agent_intervals = 0;
    for (size_t i = 0; i < plan.intervals.size(); ++i) {
      for (size_t g = 0; g < groups_.size(); ++g) {
        plan.intervals[i].agents[g] = decided_[g][i];
        plan.agent_intervals += decided_[g][i];
      }
    }
  }
  plan.check_replication_intervals = replication_intervals_;
  return plan;
}

// Greedy additions, then removal passes, from `x`; leaves the result in x.
absl::StatusOr<Evaluation> Solver::Search(int i, std::vector<int>& x) {
  ACD_ASSIGN_OR_RETURN(Evaluation ev, Evaluate(i, x));
  for (int step = 0; !ev.all_met && step < 1000; ++step) {
    size_t worst = 0;
    for (size_t t = 1; t < targets_.size(); ++t) {
      if (SearchShortfall(t, ev.kpis[t]) > SearchShortfall(worst, ev.kpis[worst])) {
        worst = t;
      }
    }
    int best = -1;
    double best_gain = 0, best_total = 0;
    Evaluation best_ev;
    for (size_t g = 0; g < x.size(); ++g) {
      if (x[g] >= pool_[g] || !GroupServes(base_, groups_[g], targets_[worst])) continue;
      std::vector<int> y = x;
      ++y[g];
      ACD_ASSIGN_OR_RETURN(Evaluation e, Evaluate(i, y));
      const double gain =
          SearchShortfall(worst, ev.kpis[worst]) - SearchShortfall(worst, e.kpis[worst]);
      double total = 0;
      for (size_t t = 0; t < targets_.size(); ++t) {
        total += SearchShortfall(t, ev.kpis[t]) - SearchShortfall(t, e.kpis[t]);
      }
      if (gain > best_gain || (gain == best_gain && total > best_total)) {
        best = static_cast<int>(g);
        best_gain = gain;
        best_total = total;
        best_ev = std::move(e);
      }
    }
    if (best < 0) return ev;  // no group can still help: reported as missed
    ++x[best];
    ev = std::move(best_ev);
  }
  if (!ev.all_met) return ev;
  // One pass: a group whose agent could not be removed stays so once
  // others lose agents (more agents never hurt, which common random
  // numbers make nearly exact).
  for (size_t g = 0; g < x.size(); ++g) {
    while (x[g] > 0) {
      std::vector<int> y = x;
      --y[g];
      ACD_ASSIGN_OR_RETURN(Evaluation e, Evaluate(i, y));
      if (!e.all_met) break;
      x = std::move(y);
      ev = std::move(e);
    }
  }
  return ev;
}

// What the last agent of each group brought to each target's bound in
// the interval just decided (the search's failed removals, from the memo; else its
// additions), for step 4's step size; NaN where the search tried neither.
void Solver::RecordSlopes(const std::vector<int>& x, const Evaluation& ev) {
  std::vector<std::vector<double>> slopes(
      x.size(), std::vector<double>(targets_.size(), std::numeric_limits<double>::quiet_NaN()));
  for (size_t g = 0; g < x.size(); ++g) {
    std::vector<int> less = x, more = x;
    --less[g];
    ++more[g];
    const Evaluation* low = &ev;
    const Evaluation* high = &ev;
    if (auto it = memo_.find(less); x[g] > 0 && it != memo_.end()) {
      low = &it->second;
    } else if (auto up = memo_.find(more); up != memo_.end()) {
      high = &up->second;
    } else {
      continue;
    }
    for (size_t t = 0; t < targets_.size(); ++t) {
      slopes[g][t] = SearchShortfall(t, low->kpis[t], true) -
                     SearchShortfall(t, high->kpis[t], true);
    }
  }
  slopes_.push_back(std::move(slopes));
}

// Every target in interval i with head counts `x` there (earlier
// intervals as decided), over the replications, with common random
// numbers.
absl::StatusOr<Evaluation> Solver::Evaluate(int i, const std::vector<int>& x) {
  if (memo_interval_ != i) {
    memo_.clear();
    memo_interval_ = i;
  }
  if (auto it = memo_.find(x); it != memo_.end()) return it->second;
  ACD_ASSIGN_OR_RETURN(Evaluation ev, Simulate(i, x));
  memo_.emplace(x, ev);
  return ev;
}

// Evaluate without the memo.
absl::StatusOr<Evaluation> Solver::Simulate(int i, const std::vector<int>& x) {
  ++candidates_;
  Scenario s = base_;
  for (size_t g = 0; g < groups_.size(); ++g) {
    std::vector<int> counts = decided_[g];
    counts.push_back(x[g]);
    s.agent_groups[groups_[g]].agents_per_interval = std::move(counts);
  }
  const int first =
      options_.history_intervals < 0 ? 0 : std::max(0, i - options_.history_intervals);
  if (first > 0) {
    for (ContactType& type : s.contact_types) {
      if (type.rates_per_hour.empty()) continue;
      const double last = type.rates_per_hour.back();
      if (type.rates_per_hour.size() < static_cast<size_t>(first) + 1) {
        type.rates_per_hour.resize(first + 1, last);
      }
      std::fill(type.rates_per_hour.begin(), type.rates_per_hour.begin() + first, 0.0);
    }
    s.warmup = std::max(s.warmup, s.interval * first);
  }
  // Contacts of interval i still waiting at its end resolve in the tail
  // (at the same head counts): cut short, the long waits would drop out
  // of the answered and flatter sl_ans and ASA.
  const Duration tail = std::max(SecondsF(longest_threshold_ + 1), s.interval);
  s.horizon = std::min(base_.horizon, s.interval * (i + 1) + tail);
  if (s.warmup >= s.horizon) s.warmup = Duration::Zero();
  std::vector<std::vector<double>> values(targets_.size());
  for (size_t pass = 0; pass < passes_.thresholds.size(); ++pass) {
    ApplyMeasurementPass(passes_, static_cast<int>(pass), s);
    for (int r = 0; r < options_.replications; ++r) {
      ACD_ASSIGN_OR_RETURN(const ReplicationResult result, Run(s, first, r));
      for (size_t t = 0; t < targets_.size(); ++t) {
        if (passes_.pass_of[t] == static_cast<int>(pass)) {
          values[t].push_back(TargetValue(targets_[t], result, i));
        }
      }
    }
  }
  Evaluation ev;
  for (size_t t = 0; t < targets_.size(); ++t) {
    ev.kpis.push_back(Summarize(values[t]));
    const Summary& k = ev.kpis.back();
    ev.all_met = ev.all_met && Met(targets_[t], k);
  }
  return ev;
}

// One replication, counting the intervals it simulates from `first`.
absl::StatusOr<ReplicationResult> Solver::Run(const Scenario& s, int first, int r) {
  const int64_t interval_us = s.interval.microseconds();
  replication_intervals_ +=
      (s.horizon.microseconds() + interval_us - 1) / interval_us - first;
  return RunReplication(s, r);
}

}  // namespace staffing_internal

absl::StatusOr<StaffingPlan> SolveStaffing(const Scenario& scenario,
                                           const std::vector<StaffingTarget>& targets,
                                           const StaffingOptions& options) {
  std::vector<int> groups;
  for (size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    if (scenario.agent_groups[g].staffable) groups.push_back(static_cast<int>(g));
  }
  if (groups.empty()) {
    return absl::InvalidArgumentError(
        "no agent group is staffable: set `staffable: true` on the groups whose head count may "
        "change, or name them with --group");
  }
  if (targets.empty()) return absl::InvalidArgumentError("no target: give at least one --target");
  if (options.replications < 1 || options.max_agents < 1 || options.history_intervals < -1 ||
      options.verify_replications < 0 || options.verify_rounds < 1 ||
      !(options.miss_risk > 0 && options.miss_risk < 1)) {
    return absl::InvalidArgumentError("staffing options out of range");
  }
  staffing_internal::Solver solver(scenario, targets, options, std::move(groups));
  return solver.Solve();
}

}  // namespace acd::sim
