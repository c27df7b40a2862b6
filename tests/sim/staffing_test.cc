// sim/staffing.h: exact answers on stationary single queues, and a
// multi-skill day re-run with other seeds.

#include "sim/staffing.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/erlang.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/scenario_source.h"
#include "sim/statistics.h"
#include "sim/staffing_scenario.h"

namespace acd::sim {
namespace {

struct Stationary {
  double calls_per_30min;
  double aht_s;
  double patience_s;  // 0: none (Erlang C)
  std::string target;
};

// One interval as long as the horizon: a stationary queue.
Scenario MakeStationary(const Stationary& c) {
  const std::string text = fmt::format(
      R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{ name: "agents" count: 1 staffable: true workgroups {{ workgroup: "Q" }} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: {} }} }}
  handle_time {{ exponential {{ mean_s: {} }} }}
  {}
}}
horizon_s: 100000
interval_s: 100000
warmup_s: 5000
)",
      2 * c.calls_per_30min, c.aht_s,
      c.patience_s > 0 ? fmt::format("patience {{ exponential {{ mean_s: {} }} }}", c.patience_s)
                       : "");
  absl::StatusOr<Scenario> s = LoadScenario("stationary.txtpb", text);
  REQUIRE(s.ok());
  return *s;
}

TEST_CASE("staffing a stationary queue returns the exact Erlang C or Erlang A head count") {
  const std::vector<Stationary> cases = {
      {360, 240, 0, "calls:sl=0.8@20s"},        // the classic example: 54
      {120, 300, 0, "calls:asa<=15s"},          // Erlang C, ASA
      {360, 240, 120, "calls:sl=0.8@20s"},      // Erlang A, SL of the answered
      {360, 240, 120, "calls:abandon<=0.03"},   // Erlang A, abandonment
      {200, 360, 90, "calls:sl_off=0.85@30s"},  // Erlang A, SL of the offered
  };
  for (const Stationary& c : cases) {
    CAPTURE(c.target);
    const Scenario scenario = MakeStationary(c);
    absl::StatusOr<StaffingTarget> target = ParseStaffingTarget(c.target, scenario);
    REQUIRE(target.ok());
    QueueModel model{.calls_per_s = c.calls_per_30min / 1800,
                     .aht_s = c.aht_s,
                     .agents = 1,
                     .patience_s = c.patience_s,
                     .threshold_s = target->threshold_s};
    const StaffingGoal goal{target->kpi, target->limit};
    absl::StatusOr<int> exact = FewestAgents(model, goal);
    REQUIRE(exact.ok());
    // From the analytic start and from 3 below and 3 above it, so that both
    // the additions and the removals have to find it.
    for (int offset : {0, -3, 3}) {
      CAPTURE(offset);
      // A risk of 0.5 over the one cell: z = 0, the mean rule.
      StaffingOptions options{.replications = 4, .start_offset = offset, .miss_risk = 0.5};
      absl::StatusOr<StaffingPlan> plan = SolveStaffing(scenario, {*target}, options);
      REQUIRE(plan.ok());
      REQUIRE(plan->intervals.size() == 1);
      MESSAGE(fmt::format("{} (offset {:+}): exact {}, simulated {} ({} = {:.4f} ± {:.4f})",
                          c.target, offset, *exact, plan->intervals[0].agents[0], target->kpi_key,
                          plan->intervals[0].kpis[0].mean, plan->intervals[0].kpis[0].ci95));
      CHECK(plan->intervals[0].agents[0] == *exact);
      CHECK(plan->intervals[0].erlang_a[0] == *exact);
    }
  }
}

// A small blended day: voice and chat workgroups, specialists of each and
// a blended group in both, traffic changing every 30 minutes.
constexpr char kDay[] = R"(
name: "small blended day"
center {
  workgroups { name: "Voice" }
  workgroups { name: "Chat" }
}
agent_groups { name: "voice" count: 1 staffable: true workgroups { workgroup: "Voice" } }
agent_groups { name: "chat" count: 1 staffable: true workgroups { workgroup: "Chat" } }
agent_groups { name: "blended" count: 1 staffable: true
  workgroups { workgroup: "Voice" } workgroups { workgroup: "Chat" } }
contact_types {
  name: "voice" workgroup: "Voice" priority: 60
  arrivals { poisson { rates_per_hour: [120, 240, 360, 300, 180, 90] } }
  handle_time { exponential { mean_s: 240 } }
  patience { exponential { mean_s: 180 } }
}
contact_types {
  name: "chat" workgroup: "Chat"
  arrivals { poisson { rates_per_hour: [60, 90, 150, 120, 60, 30] } }
  handle_time { exponential { mean_s: 480 } }
  patience { exponential { mean_s: 300 } }
}
horizon_s: 10800
interval_s: 1800
)";

struct Check {
  std::vector<Summary> kpis;  // per target
};

// Every target in every interval of `scenario` over `replications`
// replications of `seed`.
std::vector<Check> Rerun(Scenario scenario, const std::vector<StaffingTarget>& targets,
                         uint64_t seed, int replications, int first = 0) {
  scenario.seed = seed;
  std::vector<std::vector<std::vector<double>>> values;  // [interval][target][rep]
  for (size_t t = 0; t < targets.size(); ++t) {
    scenario.service_level = SecondsF(targets[t].threshold_s);
    for (ContactType& type : scenario.contact_types) type.service_levels = {scenario.service_level};
    for (int r = first; r < first + replications; ++r) {
      absl::StatusOr<ReplicationResult> result = RunReplication(scenario, r);
      REQUIRE(result.ok());
      values.resize(result->total_intervals.size(),
                    std::vector<std::vector<double>>(targets.size()));
      for (size_t i = 0; i < values.size(); ++i) {
        values[i][t].push_back(TargetValue(targets[t], *result, static_cast<int>(i)));
      }
    }
  }
  std::vector<Check> checks(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    for (const auto& v : values[i]) checks[i].kpis.push_back(Summarize(v));
  }
  return checks;
}

TEST_CASE(
    "a staffed multi-skill day meets every target on other seeds, and one agent less misses") {
  absl::StatusOr<ParsedScenario> parsed = ParsedScenario::Parse("day.txtpb", kDay);
  REQUIRE(parsed.ok());
  absl::StatusOr<Scenario> scenario = parsed->Convert();
  REQUIRE(scenario.ok());
  std::vector<StaffingTarget> targets;
  for (const char* spec : {"voice:sl=0.8@20s", "chat:sl=0.8@60s"}) {
    absl::StatusOr<StaffingTarget> t = ParseStaffingTarget(spec, *scenario);
    REQUIRE(t.ok());
    targets.push_back(*t);
  }
  // The defaults of acdsim staff: a truncated search (2 intervals of
  // history), then step 4 on 20 fresh replications.
  absl::StatusOr<StaffingPlan> plan = SolveStaffing(
      *scenario, targets, {.replications = 10, .history_intervals = 2, .verify_replications = 20});
  REQUIRE(plan.ok());
  absl::StatusOr<std::string> text = StaffedScenarioText(*parsed, *plan);
  REQUIRE(text.ok());
  absl::StatusOr<Scenario> staffed = LoadScenario("staffed.txtpb", *text);
  REQUIRE(staffed.ok());

  CHECK(plan->verified);
  CHECK(plan->verify_rounds >= 1);
  // The safety rule's cells: 6 intervals x 2 targets, all with traffic.
  CHECK(plan->safety_cells == 12);
  CHECK(plan->safety_z == doctest::Approx(NormalQuantile(1 - 0.05 / 12)));

  // Every cell meets the safety rule on the check's replications, and the
  // written day re-run with other seeds (as many replications as the
  // check) meets every target's mean in every interval.
  for (const StaffingPlan::Interval& row : plan->intervals) {
    for (size_t t = 0; t < targets.size(); ++t) {
      CHECK(row.met[t]);
      CHECK(MeetsSafely(targets[t], row.kpis[t], SafetyMargin(row.kpis[t], plan->safety_z, 20)));
    }
  }
  for (uint64_t seed : {777u, 4242u, 31337u}) {
    const std::vector<Check> rerun = Rerun(*staffed, targets, seed, 20);
    REQUIRE(rerun.size() == plan->intervals.size());
    for (size_t i = 0; i < rerun.size(); ++i) {
      for (size_t t = 0; t < targets.size(); ++t) {
        const Summary& s = rerun[i].kpis[t];
        CAPTURE(seed);
        CAPTURE(i);
        CAPTURE(targets[t].spec);
        CHECK(s.mean >= targets[t].limit);
      }
    }
  }

  // One agent fewer in a single (interval, group) cell, for every cell
  // with agents in the three busiest intervals: the safety rule misses on
  // the check's replications (10..29 of the seed) in that interval or the
  // next (which inherits its backlog).
  std::vector<size_t> order(plan->intervals.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto total = [&](size_t i) {
    int sum = 0;
    for (int n : plan->intervals[i].agents) sum += n;
    return sum;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return total(a) > total(b); });
  int checked = 0, missed_cells = 0;
  for (size_t rank = 0; rank < 3; ++rank) {
    const size_t i = order[rank];
    for (size_t g = 0; g < 3; ++g) {
      if (plan->intervals[i].agents[g] == 0) continue;
      Scenario fewer = *staffed;
      --fewer.agent_groups[g].agents_per_interval[i];
      const std::vector<Check> result = Rerun(fewer, targets, scenario->seed, 20, 10);
      bool missed = false;
      for (size_t j = i; j < std::min(i + 2, result.size()); ++j) {
        for (size_t t = 0; t < targets.size(); ++t) {
          const Summary& k = result[j].kpis[t];
          missed = missed || !MeetsSafely(targets[t], k, SafetyMargin(k, plan->safety_z, 20));
        }
      }
      MESSAGE(fmt::format("interval {} group {} ({} agents) one fewer: {:.4f} ± {:.4f} / {:.4f} "
                          "± {:.4f}",
                          i, g, plan->intervals[i].agents[g], result[i].kpis[0].mean,
                          result[i].kpis[0].ci95, result[i].kpis[1].mean, result[i].kpis[1].ci95));
      missed_cells += missed;
      ++checked;
    }
  }
  // Not every cell: the trim gives an agent back where a batch of removals
  // missed, and a cell whose removal missed together with others' can pass
  // alone (measured: 6 of the 9 cells here).
  MESSAGE(fmt::format("one agent fewer misses in {} of {} cells", missed_cells, checked));
  CHECK(checked == 9);
  CHECK(missed_cells >= 6);
}

}  // namespace
}  // namespace acd::sim
