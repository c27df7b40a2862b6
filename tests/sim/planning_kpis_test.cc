// The KPIs a planned day needs (sim/tally.h): handled count, blocking rate,
// P(abandon within t), the service level counting short abandons as good,
// busy agents at each interval end, per-agent-group occupancy, and several
// service-level thresholds per contact type.

#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "sim/replication.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/kpis.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

using testing::Mean;

Scenario Load(const std::string& text) {
  absl::StatusOr<Scenario> scenario = LoadScenario("kpis.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  return *scenario;
}

Report Run(const std::string& text) {
  absl::StatusOr<Report> report = RunScenario(Load(text));
  REQUIRE_MESSAGE(report.ok(), report.status().ToString());
  return *report;
}

// One agent; four calls at 0, 1, 2 and 3 s, each talking 10 s, wait 0, 9,
// 18 and 27 s. Two "fast" chats at 0 and 1 s have their own agent and
// threshold.
constexpr char kThresholds[] = R"(
center { workgroups { name: "Q" } workgroups { name: "C" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
agent_groups { name: "b" count: 1 workgroups { workgroup: "C" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { listed { times_s: [0, 1, 2, 3] } }
  handle_time { constant_s: 10 }
  service_level_s: [10, 20, 30]
}
contact_types {
  name: "chats" workgroup: "C" media: MEDIA_CHAT
  arrivals { listed { times_s: [0, 1] } }
  handle_time { constant_s: 4 }
  service_level_s: 5
}
horizon_s: 3600
replications: 2
)";

TEST_CASE("each contact type counts its service level against its own thresholds") {
  const Report report = Run(kThresholds);
  const KpiSummaries& calls = report.contact_types[0].second;
  CHECK(Mean(calls, "service_level_off") == doctest::Approx(0.5));  // waits 0 and 9 of 4
  CHECK(Mean(calls, "service_level_t2") == doctest::Approx(0.75));  // and 18
  CHECK(Mean(calls, "service_level_t3") == doctest::Approx(1.0));   // and 27
  // Chats wait 0 and 3 s, within their one threshold of 5 s, which stands
  // for the missing 2nd and 3rd.
  const KpiSummaries& chats = report.contact_types[1].second;
  CHECK(Mean(chats, "service_level_off") == 1.0);
  CHECK(Mean(chats, "service_level_t2") == 1.0);
  CHECK(Mean(chats, "service_level_t3") == 1.0);
  // The total counts each contact against its own type's thresholds.
  CHECK(Mean(report.total, "service_level_off") == doctest::Approx(4.0 / 6));
  CHECK(Mean(report.total, "service_level_t2") == doctest::Approx(5.0 / 6));
  // No 4th threshold anywhere: no service_level_t4 KPI.
  CHECK(FindKpi(report.total, "service_level_t4") == nullptr);
  const std::string json = FormatJson(report);
  CHECK(json.find("\"service_levels_s\": {\"calls\": [10, 20, 30], \"chats\": [5]},\n") !=
        std::string::npos);
  CHECK(FormatTable(report).find("Service-level thresholds: calls 10, 20, 30 s; chats 5 s\n") !=
        std::string::npos);
}

TEST_CASE("a scenario without thresholds per type reports no extra service-level KPIs") {
  const Report report = Run(testing::kSmallStudy);
  CHECK(FindKpi(report.total, "service_level_t2") == nullptr);
  CHECK(FormatJson(report).find("service_levels_s") == std::string::npos);
}

TEST_CASE("handled counts finished legs; short abandons count as good in service_level_abg") {
  const Report report = Run(testing::kSmallStudy);
  for (const auto& [name, kpis] : report.contact_types) {
    INFO(name);
    // Every answered contact is handled, but for those still talking at the
    // horizon (at most one per agent, five agents).
    CHECK(Mean(kpis, "handled") <= Mean(kpis, "answered"));
    CHECK(Mean(kpis, "handled") >= Mean(kpis, "answered") - 5);
    CHECK(Mean(kpis, "p_abandon_within") ==
          doctest::Approx(Mean(kpis, "abandoned_within") / Mean(kpis, "offered")).epsilon(0.05));
    CHECK(Mean(kpis, "service_level_abg") ==
          doctest::Approx(Mean(kpis, "service_level_off") + Mean(kpis, "p_abandon_within")));
  }
  CHECK(Mean(report.contact_types[0].second, "p_abandon_within") > 0);
}

TEST_CASE("blocking rate is the share of offered contacts the full queue refused") {
  const Report report = Run(R"(
center { workgroups { name: "Q" queue_capacity: 2 } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { listed { times_s: [0, 1, 2, 3, 4] } }
  handle_time { constant_s: 100 }
}
horizon_s: 3600
replications: 1
)");
  // One talks, two wait, two are refused.
  CHECK(Mean(report.total, "blocked") == 2);
  CHECK(Mean(report.total, "blocking_rate") == doctest::Approx(0.4));
  CHECK(FormatTable(report).find("blocking rate") != std::string::npos);
}

TEST_CASE("busy agents are counted at each interval's end, per workgroup and agent group") {
  // Talks of 1000 s from 100, 200 and 1700 s, and from 3500 s: at 1800 s the
  // one from 1700 s is busy, at 3600 s the one from 3500 s, at 5400 s none.
  const Report report = Run(R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 3 workgroups { workgroup: "Q" } }
agent_groups { name: "b" count: 2 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { listed { times_s: [100, 200, 1700, 3500] } }
  handle_time { constant_s: 1000 }
}
horizon_s: 5400
replications: 1
)");
  std::vector<double> busy;
  for (const KpiSummaries& interval : report.total_intervals) {
    busy.push_back(Mean(interval, "busy_agents_end"));
  }
  CHECK(busy == std::vector<double>{1, 1, 0});
  CHECK(Mean(report.workgroup_intervals[0].second[0], "busy_agents_end") == 1);
  REQUIRE(report.agent_group_intervals.size() == 2);
  double groups = 0;
  for (const auto& [name, intervals] : report.agent_group_intervals) {
    groups += Mean(intervals[1], "busy_agents_end");
  }
  CHECK(groups == 1);
  CHECK(Mean(report.total, "busy_agents_end") == 0);  // at the horizon
}

TEST_CASE("an agent group's occupancy is its own agents' (the workgroup's when alone there)") {
  const Report report = Run(testing::kSmallStudy);
  REQUIRE(report.agent_groups.size() == 2);
  CHECK(report.agent_groups[0].first == "s");
  for (size_t g = 0; g < 2; ++g) {
    const KpiSummaries& group = report.agent_groups[g].second;
    const KpiSummaries& workgroup = report.workgroups[g].second;
    CHECK(Mean(group, "occupancy") == doctest::Approx(Mean(workgroup, "occupancy")));
    CHECK(Mean(group, "utilization") == doctest::Approx(Mean(workgroup, "utilization")));
    CHECK(Mean(group, "occupancy") > 0.2);
    // Only the agents' KPIs.
    CHECK(FindKpi(group, "offered") == nullptr);
  }
  const std::string json = FormatJson(report);
  CHECK(json.find("\"agent_groups\": {\n    \"s\": {\n      \"occupancy\": {\"mean\": ") !=
        std::string::npos);
  CHECK(json.find("\"agent_group_intervals\": {\n    \"s\": [") != std::string::npos);
  CHECK(FormatIntervalCsv(report, IntervalSlice::kAgentGroups)
            .rfind("agent_group,start_s,occupancy_mean,occupancy_ci95,", 0) == 0);
  CHECK(FormatTable(report).find("Agent group") != std::string::npos);
}

TEST_CASE("two groups sharing a workgroup split its busy agents") {
  const Scenario scenario = Load(R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 3 workgroups { workgroup: "Q" } }
agent_groups { name: "b" count: 2 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 60 } }
  handle_time { exponential { mean_s: 240 } }
}
horizon_s: 7200
replications: 1
)");
  absl::StatusOr<ReplicationResult> r = RunReplication(scenario, 0);
  REQUIRE(r.ok());
  const double busy = r->agent_groups[0].busy_s + r->agent_groups[1].busy_s;
  CHECK(busy == doctest::Approx(r->total.busy_s));
  CHECK(r->agent_groups[0].staffed_s == doctest::Approx(3 * 7200.0));
  for (size_t i = 0; i < r->total_intervals.size(); ++i) {
    CHECK(r->agent_group_intervals[0][i].busy_agents_end +
              r->agent_group_intervals[1][i].busy_agents_end ==
          r->total_intervals[i].busy_agents_end);
  }
}

TEST_CASE("staffed agents: the agents logged in, on average over each period") {
  // Group a: 3 agents all day; group b: 2 agents logged in for the second
  // half hour only (a shift from 1800 to 3600 s), so the whole run's average
  // is 3 + 2 * 1800 / 5400.
  const Report report = Run(R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 3 workgroups { workgroup: "Q" } }
agent_groups {
  name: "b" count: 2 workgroups { workgroup: "Q" }
  shifts { start_s: 1800 end_s: 3600 }
}
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { listed { times_s: [100] } }
  handle_time { constant_s: 10 }
}
horizon_s: 5400
replications: 1
)");
  std::vector<double> staffed;
  for (const KpiSummaries& interval : report.total_intervals) {
    staffed.push_back(Mean(interval, "staffed"));
  }
  CHECK(staffed == std::vector<double>{3, 5, 3});
  CHECK(Mean(report.total, "staffed") == doctest::Approx(3 + 2.0 * 1800 / 5400));
  CHECK(Mean(report.workgroup_intervals[0].second[1], "staffed") == 5);
  REQUIRE(report.agent_group_intervals.size() == 2);
  CHECK(Mean(report.agent_group_intervals[1].second[0], "staffed") == 0);
  CHECK(Mean(report.agent_group_intervals[1].second[1], "staffed") == 2);
  CHECK(Mean(report.agent_groups[0].second, "staffed") == 3);
}

}  // namespace
}  // namespace acd::sim
