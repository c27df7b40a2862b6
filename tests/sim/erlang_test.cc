// The simulator against exact queueing results (docs/queueing-results.md).
//
// Pass rule of the oracle: over R independent replications after a warm-up,
// |mean - exact| <= max(3 * (95 % half-width), tolerance). Each case prints
// its estimates so a run shows how close they came.

#include <cmath>
#include <string>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/replication.h"
#include "sim/report.h"
#include "sim/scenario.h"
#include "sim/tally.h"
#include "tests/testing/kpis.h"

namespace acd::sim {
namespace {

struct System {
  double calls_per_30min;
  double aht_s;
  int agents;
  double patience_s;  // 0: no abandonment
  double horizon_s;
  int replications;
};

Scenario Make(const System& s) {
  std::string text = fmt::format(
      R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{ name: "agent" count: {} workgroups {{ workgroup: "Q" }} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: {} }} }}
  handle_time {{ exponential {{ mean_s: {} }} }}
  {}
}}
horizon_s: {}
warmup_s: 20000
replications: {}
service_level_s: 20
)",
      s.agents, 2 * s.calls_per_30min, s.aht_s,
      s.patience_s > 0 ? fmt::format("patience {{ exponential {{ mean_s: {} }} }}", s.patience_s)
                       : "",
      s.horizon_s, s.replications);
  absl::StatusOr<Scenario> scenario = LoadScenario("erlang.txtpb", text);
  REQUIRE(scenario.ok());
  return *scenario;
}

struct Run {
  Report report;
  Tally sum;  // all replications added up
};

Run Simulate(const System& system) {
  const Scenario scenario = Make(system);
  std::vector<ReplicationResult> results;
  Run run;
  run.sum.busy_s = run.sum.staffed_s = 0;
  for (int r = 0; r < scenario.replications; ++r) {
    absl::StatusOr<ReplicationResult> result = RunReplication(scenario, r);
    REQUIRE(result.ok());
    run.sum.AddContacts(result->total);
    run.sum.busy_s += result->total.busy_s;
    run.sum.staffed_s += result->total.staffed_s;
    run.sum.window_s += result->total.window_s;
    results.push_back(*std::move(result));
  }
  run.report = BuildReport(scenario, results);
  return run;
}

const Summary& Kpi(const Report& report, const std::string& key) {
  return testing::Kpi(report.total, key);
}

// The oracle's pass rule; `tolerance` is absolute, or relative to `exact`
// when `relative` is set.
void Expect(const Report& report, const std::string& key, double exact, double tolerance,
            bool relative = false) {
  const Summary& s = Kpi(report, key);
  const double allowed = std::max(3 * s.ci95, relative ? tolerance * exact : tolerance);
  MESSAGE(fmt::format("{:<18} exact {:<10.6g} simulated {:.6g} ± {:.2g} (allowed {:.2g})", key,
                      exact, s.mean, s.ci95, allowed));
  CHECK(std::fabs(s.mean - exact) <= allowed);
}

TEST_CASE("Erlang C case C1: 3 agents, 20 calls per 30 minutes, AHT 180 s") {
  const Run run = Simulate({20, 180, 3, 0, 8.0e6, 10});
  Expect(run.report, "p_wait", 0.444444, 0.005);
  Expect(run.report, "service_level_ans", 0.602294, 0.005);
  Expect(run.report, "asa_s", 80.0, 0.03, /*relative=*/true);
  Expect(run.report, "occupancy", 0.666667, 0.005);
}

TEST_CASE("Erlang C case C3: 55 agents, 360 calls per 30 minutes, AHT 240 s") {
  const Run run = Simulate({360, 240, 55, 0, 1.0e6, 10});
  Expect(run.report, "p_wait", 0.238701, 0.003);
  Expect(run.report, "service_level_ans", 0.866796, 0.003);
  Expect(run.report, "asa_s", 8.1840, 0.03, /*relative=*/true);
  Expect(run.report, "occupancy", 0.872727, 0.003);
}

TEST_CASE("Erlang C case C4: 54 agents, 360 calls per 30 minutes, AHT 240 s") {
  const Run run = Simulate({360, 240, 54, 0, 1.0e6, 10});
  Expect(run.report, "p_wait", 0.301308, 0.003);
  Expect(run.report, "service_level_ans", 0.817248, 0.003);
  Expect(run.report, "asa_s", 12.0523, 0.03, /*relative=*/true);
  Expect(run.report, "occupancy", 0.888889, 0.003);
}

TEST_CASE("Erlang A case A2: 55 agents, patience 120 s, and its three identities") {
  const Run run = Simulate({360, 240, 55, 120, 1.0e6, 10});
  Expect(run.report, "abandon_rate", 0.016968, 0.001);
  Expect(run.report, "service_level_ans", 0.966869, 0.001);
  Expect(run.report, "service_level_off", 0.950463, 0.001);
  Expect(run.report, "service_level_g1", 0.963755, 0.001);
  Expect(run.report, "asa_s", 1.8669, 0.05, /*relative=*/true);
  Expect(run.report, "occupancy", 0.8579, 0.001);
  // P(abandon <= 20 s), and the service level counting those short
  // abandons as good: SL (offered) + P(abandon <= 20 s).
  Expect(run.report, "p_abandon_within", 0.013792, 0.001);
  Expect(run.report, "service_level_abg", 0.950463 + 0.013792, 0.001);
  const Tally& t = run.sum;
  const double offered = static_cast<double>(t.offered);
  const double abandoned_within = static_cast<double>(t.abandoned_within) / offered;
  MESSAGE(fmt::format("P(abandon <= 20 s)  exact 0.013792 simulated {:.6f}", abandoned_within));
  CHECK(std::fabs(abandoned_within - 0.013792) <= 0.001);

  // Identities that hold on every run, whatever its length (within 1 %).
  const double p_abandon = static_cast<double>(t.abandoned) / offered;
  const double mean_wait_all =
      (t.wait_answered_s + t.wait_abandoned_s) / static_cast<double>(t.answered + t.abandoned);
  const double lambda = offered / t.window_s;
  const double theta = 1.0 / 120.0;
  const double queue_length = t.queue_integral_s / t.window_s;
  const double occupancy = t.busy_s / t.staffed_s;
  const double aht_s = t.handle_s / static_cast<double>(t.handled);
  MESSAGE(fmt::format("P(abandon) {:.6f} vs theta E[W] {:.6f}", p_abandon, theta * mean_wait_all));
  CHECK(p_abandon == doctest::Approx(theta * mean_wait_all).epsilon(0.01));
  MESSAGE(
      fmt::format("E[queue] {:.5f} vs lambda E[W] {:.5f}", queue_length, lambda * mean_wait_all));
  CHECK(queue_length == doctest::Approx(lambda * mean_wait_all).epsilon(0.01));
  MESSAGE(fmt::format("occupancy * c {:.4f} vs lambda (1 - P(ab)) AHT {:.4f}", occupancy * 55,
                      lambda * (1 - p_abandon) * aht_s));
  CHECK(occupancy * 55 == doctest::Approx(lambda * (1 - p_abandon) * aht_s).epsilon(0.01));
}

// Two call types of 180 calls per 30 minutes each (AHT 240 s), needing
// skills "a" and "b"; `agents` lists the agent groups.
Report TwoSkills(const std::string& agents) {
  const std::string text = fmt::format(R"(
center {{ skills: ["a", "b"] workgroups {{ name: "Q" }} }}
{}
contact_types {{
  name: "type1" workgroup: "Q" requirements {{ skill: "a" }}
  arrivals {{ poisson {{ rate_per_hour: 360 }} }}
  handle_time {{ exponential {{ mean_s: 240 }} }}
}}
contact_types {{
  name: "type2" workgroup: "Q" requirements {{ skill: "b" }}
  arrivals {{ poisson {{ rate_per_hour: 360 }} }}
  handle_time {{ exponential {{ mean_s: 240 }} }}
}}
horizon_s: 1000000
warmup_s: 20000
replications: 10
)",
                                       agents);
  absl::StatusOr<Scenario> scenario = LoadScenario("two.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  std::vector<ReplicationResult> results;
  for (int r = 0; r < scenario->replications; ++r) {
    absl::StatusOr<ReplicationResult> result = RunReplication(*scenario, r);
    REQUIRE(result.ok());
    results.push_back(*std::move(result));
  }
  return BuildReport(*scenario, results);
}

// The pass rule on one contact type's KPI.
void ExpectType(const Report& report, size_t type, const std::string& key, double exact,
                double tolerance, bool relative = false) {
  Report view = report;
  view.total = report.contact_types[type].second;
  MESSAGE(report.contact_types[type].first);
  Expect(view, key, exact, tolerance, relative);
}

TEST_CASE("two skills, one group with both and one FCFS order: every type is Erlang C C3") {
  const Report report = TwoSkills(R"(agent_groups {
  name: "both" count: 55 workgroups { workgroup: "Q" }
  skills { skill: "a" proficiency: 50 desire: 50 }
  skills { skill: "b" proficiency: 50 desire: 50 }
})");
  for (size_t type : {0, 1}) {
    ExpectType(report, type, "p_wait", 0.238701, 0.003);
    ExpectType(report, type, "service_level_ans", 0.866796, 0.003);
    ExpectType(report, type, "asa_s", 8.1840, 0.03, /*relative=*/true);
  }
  Expect(report, "p_wait", 0.238701, 0.003);
  Expect(report, "service_level_ans", 0.866796, 0.003);
  Expect(report, "asa_s", 8.1840, 0.03, /*relative=*/true);
}

TEST_CASE("two skills with specialists: each type is its own Erlang C system") {
  const Report report = TwoSkills(R"(agent_groups {
  name: "a-only" count: 27 workgroups { workgroup: "Q" }
  skills { skill: "a" proficiency: 50 desire: 50 }
}
agent_groups {
  name: "b-only" count: 28 workgroups { workgroup: "Q" }
  skills { skill: "b" proficiency: 50 desire: 50 }
})");
  ExpectType(report, 0, "p_wait", 0.449763, 0.003);
  ExpectType(report, 0, "service_level_ans", 0.649724, 0.003);
  ExpectType(report, 0, "asa_s", 35.9811, 0.03, /*relative=*/true);
  ExpectType(report, 1, "p_wait", 0.333139, 0.003);
  ExpectType(report, 1, "service_level_ans", 0.761296, 0.003);
  ExpectType(report, 1, "asa_s", 19.9883, 0.03, /*relative=*/true);
}

// ASA of each replication of the C3 system staffed with `agents`, seeded
// with `seed`.
std::vector<double> AsaByReplication(int agents, uint64_t seed) {
  Scenario scenario = Make({360, 240, agents, 0, 100000, 20});
  scenario.seed = seed;
  std::vector<double> asa;
  for (int r = 0; r < scenario.replications; ++r) {
    absl::StatusOr<ReplicationResult> result = RunReplication(scenario, r);
    REQUIRE(result.ok());
    asa.push_back(result->total.wait_answered_s / static_cast<double>(result->total.answered));
  }
  return asa;
}

double VarianceOfDifferences(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (size_t i = 0; i < a.size(); ++i) d.push_back(a[i] - b[i]);
  double mean = 0;
  for (double x : d) mean += x / static_cast<double>(d.size());
  double variance = 0;
  for (double x : d) variance += (x - mean) * (x - mean) / static_cast<double>(d.size() - 1);
  return variance;
}

TEST_CASE("common random numbers make the difference between two staffings far more precise") {
  // 54 against 55 agents on the C3 traffic: with the same seed both see the
  // same callers, so the paired differences vary much less than with
  // independent seeds.
  const std::vector<double> fewer = AsaByReplication(54, 12345);
  const std::vector<double> more_same_seed = AsaByReplication(55, 12345);
  const std::vector<double> more_other_seed = AsaByReplication(55, 999);
  const double crn = VarianceOfDifferences(fewer, more_same_seed);
  const double independent = VarianceOfDifferences(fewer, more_other_seed);
  MESSAGE(
      fmt::format("variance of ASA differences: {:.4g} with common random numbers, {:.4g} "
                  "with independent streams",
                  crn, independent));
  CHECK(crn < 0.25 * independent);
}

}  // namespace
}  // namespace acd::sim
