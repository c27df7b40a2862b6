// The engine's lifecycles as a scenario reaches them: queue capacity
// (against Erlang B), callback offers, transfers, holds, due times and the
// in-queue overflow; and the errors their fields give.

#include <cmath>
#include <map>
#include <string>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/kpis.h"

namespace acd::sim {
namespace {

using testing::Kpi;
using testing::Mean;

Report Run(const std::string& text) {
  absl::StatusOr<Scenario> scenario = LoadScenario("l.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  absl::StatusOr<Report> report = RunScenario(*scenario, {});
  REQUIRE_MESSAGE(report.ok(), report.status().ToString());
  return *report;
}

// Every contact is answered, abandoned, blocked or still waiting at the end;
// none is counted twice (a callback is answered once, a transferred
// contact too).
void ExpectConservation(const KpiSummaries& kpis) {
  CHECK(Mean(kpis, "waiting_at_end") >= 0);
  CHECK(Mean(kpis, "offered") ==
        doctest::Approx(Mean(kpis, "answered") + Mean(kpis, "abandoned") + Mean(kpis, "blocked") +
                        Mean(kpis, "waiting_at_end")));
}

// M/M/c/c: no queue (capacity 0), exponential talk, offered load A.
void ExpectErlangB(double erlangs, int agents, double exact) {
  const Report report = Run(fmt::format(R"(
center {{ workgroups {{ name: "Q" queue_capacity: 0 }} }}
agent_groups {{ name: "a" count: {} workgroups {{ workgroup: "Q" }} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: {} }} }}
  handle_time {{ exponential {{ mean_s: 180 }} }}
}}
horizon_s: 400000
warmup_s: 10000
replications: 10
)",
                                        agents, erlangs * 3600 / 180));
  const double offered = Mean(report.total, "offered");
  const Summary& blocked = Kpi(report.total, "blocked");
  const double p = blocked.mean / offered;
  // The pass rule of docs/queueing-results.md, with the interval of the blocked
  // count scaled to a probability.
  const double allowed = std::max(3 * blocked.ci95 / offered, 0.003);
  MESSAGE(fmt::format("Erlang B A={} c={}: exact {:.6f} simulated {:.6f} (allowed {:.4f})", erlangs,
                      agents, exact, p, allowed));
  CHECK(std::fabs(p - exact) <= allowed);
  CHECK(Mean(report.total, "p_wait") == 0);  // nobody waits: blocked instead
  ExpectConservation(report.total);
}

TEST_CASE("a queue capacity of zero blocks as Erlang B says") {
  ExpectErlangB(10, 14, 0.056819);
  ExpectErlangB(48, 55, 0.038374);
}

constexpr char kCenter[] = R"(
center {
  workgroups { name: "Q" callback_retry_interval_s: 120 callback_max_attempts: 2 }
  workgroups { name: "Back" }
}
agent_groups { name: "a" count: 5 workgroups { workgroup: "Q" } }
agent_groups { name: "b" count: 3 workgroups { workgroup: "Back" } }
horizon_s: 28800
warmup_s: 1800
replications: 6
)";

std::string WithCenter(const std::string& contact_type) {
  return std::string(kCenter) + contact_type;
}

TEST_CASE(
    "callers offered a callback in a long queue become callback requests, reached or "
    "failed") {
  const Report report = Run(WithCenter(R"(
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 110 } }
  handle_time { exponential { mean_s: 180 } }
  patience { exponential { mean_s: 300 } }
  callback { queue_threshold: 3 accept_probability: 0.5 reach_probability: 0.5
             attempt_time { constant_s: 20 } }
}
)"));
  const double requested = Mean(report.total, "callbacks_requested");
  const double completed = Mean(report.total, "callbacks_completed");
  const double failed = Mean(report.total, "callbacks_failed");
  CHECK(requested > 20);
  // With two attempts each reaching half the time, a quarter fail.
  CHECK(failed == doctest::Approx(0.25 * (completed + failed)).epsilon(0.3));
  CHECK(completed + failed <= requested);
  CHECK(completed + failed > 0.8 * requested);
  ExpectConservation(report.total);
}

TEST_CASE(
    "a share of answered contacts is transferred and handled again in the other "
    "workgroup") {
  const Report report = Run(WithCenter(R"(
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 60 } }
  handle_time { exponential { mean_s: 180 } }
  transfer { fraction: 0.3 workgroup: "Back" handle_time { constant_s: 120 } }
}
)"));
  const double answered = Mean(report.total, "answered");
  CHECK(Mean(report.total, "transfers") == doctest::Approx(0.3 * answered).epsilon(0.1));
  // The back office is busy only with transferred legs: 120 s each.
  const double back_busy = Mean(report.workgroups[1].second, "utilization");
  const double expected = Mean(report.total, "transfers") * 120 / (3 * (28800 - 1800));
  CHECK(back_busy == doctest::Approx(expected).epsilon(0.1));
  ExpectConservation(report.total);
}

// A work item in progress cannot be transferred (Interaction Connect printed
// help, lines 10197-10198): the simulated agent holds it first.
TEST_CASE("work items are held, then transferred, as PureConnect requires") {
  const Report report = Run(WithCenter(R"(
contact_types {
  name: "items" workgroup: "Q" media: MEDIA_WORK_ITEM
  arrivals { poisson { rate_per_hour: 30 } }
  handle_time { exponential { mean_s: 180 } }
  transfer { fraction: 0.5 workgroup: "Back" handle_time { constant_s: 120 } }
}
)"));
  const double answered = Mean(report.total, "answered");
  CHECK(answered > 100);
  CHECK(Mean(report.total, "transfers") == doctest::Approx(0.5 * answered).epsilon(0.15));
  ExpectConservation(report.total);
}

TEST_CASE("a contact put on hold adds its hold time to the talk") {
  const Report report = Run(WithCenter(R"(
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 40 } }
  handle_time { constant_s: 100 }
  hold_probability: 1
  hold_time { constant_s: 30 }
}
)"));
  CHECK(Mean(report.total, "hold_s") == doctest::Approx(30).epsilon(0.01));
  CHECK(Mean(report.total, "talk_s") == doctest::Approx(130).epsilon(0.01));
}

// A call held longer than its workgroup allows is transferred (max_hold_action
// TRANSFER). The first leg: 150 s of talk, then on hold until the limit, 60 s
// later: 210 s. The agent it reaches in Back handles it afresh: 300 s, with
// no second hold. The first leg's pending resume and hang-up must not touch
// the second leg (they would end it early).
TEST_CASE("a call transferred by the hold limit is handled afresh in the other workgroup") {
  const Report report = Run(R"(
center {
  workgroups { name: "Q" max_hold_s: 60 max_hold_action: MAX_HOLD_ACTION_TRANSFER
               max_hold_workgroup: "Back" }
  workgroups { name: "Back" }
}
agent_groups { name: "a" count: 5 workgroups { workgroup: "Q" } }
agent_groups { name: "b" count: 4 workgroups { workgroup: "Back" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 20 } }
  handle_time { constant_s: 300 }
  hold_probability: 1
  hold_time { constant_s: 120 }
}
horizon_s: 28800
warmup_s: 1800
replications: 4
)");
  const double answered = Mean(report.total, "answered");
  CHECK(answered > 100);
  CHECK(Mean(report.total, "transfers") == doctest::Approx(answered).epsilon(0.05));
  CHECK(Mean(report.total, "talk_s") == doctest::Approx((210.0 + 300.0) / 2).epsilon(0.01));
  ExpectConservation(report.total);
}

TEST_CASE("work items finish on time when staffing keeps up, and late when it does not") {
  const auto on_time = [](int rate) {
    return Mean(Run(WithCenter(fmt::format(R"(
contact_types {{
  name: "items" workgroup: "Q" media: MEDIA_WORK_ITEM
  arrivals {{ poisson {{ rate_per_hour: {} }} }}
  handle_time {{ exponential {{ mean_s: 300 }} }}
  due {{ constant_s: 1800 }}
}}
)",
                                           rate)))
                    .total,
                "on_time");
  };
  const double light = on_time(30);  // load 2.5 of 5 agents
  const double heavy = on_time(80);  // load 6.7: the backlog grows
  CHECK(light > 0.98);
  CHECK(heavy < 0.5);
}

TEST_CASE("contacts waiting past the in-queue timeout overflow to the other workgroup") {
  const Report report = Run(R"(
center {
  workgroups { name: "Q" queue_timeout_s: 30 overflow_workgroup: "Back" }
  workgroups { name: "Back" }
}
agent_groups { name: "b" count: 4 workgroups { workgroup: "Back" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 40 } }
  handle_time { exponential { mean_s: 180 } }
}
horizon_s: 28800
warmup_s: 1800
replications: 4
)");
  // Nobody serves Q: every answered call waited out the 30 s first.
  CHECK(Mean(report.total, "answered") > 0);
  CHECK(Mean(report.total, "asa_s") >= 30);
  CHECK(Mean(report.total, "service_level_ans") == 0);
  ExpectConservation(report.total);
}

TEST_CASE("lifecycle fields are checked and their errors name the field") {
  const auto error = [](const std::string& contact_type) {
    return std::string(LoadScenario("bad.txtpb", WithCenter(contact_type)).status().message());
  };
  constexpr char kHead[] = R"(
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 40 } }
  handle_time { constant_s: 100 }
)";
  CHECK(error(std::string(kHead) + "callback { accept_probability: 1.5 } }")
            .find("contact_types[0].callback.accept_probability: 1.5 is outside 0..1") !=
        std::string::npos);
  CHECK(error(std::string(kHead) +
              "transfer { fraction: 0.5 workgroup: \"Nowhere\" handle_time { constant_s: 1 } } }")
            .find("contact_types[0].transfer.workgroup: unknown workgroup \"Nowhere\"") !=
        std::string::npos);
  CHECK(error(std::string(kHead) + "hold_probability: 0.5 }")
            .find("contact_types[0].hold_time: is required") != std::string::npos);
  CHECK(error(std::string(kHead) + "due { constant_s: -5 } }").find("contact_types[0].due") !=
        std::string::npos);
  // Every error starts with the file and line.
  CHECK(
      error(std::string(kHead) + "callback { accept_probability: 1.5 } }").rfind("bad.txtpb:", 0) ==
      0);
}

TEST_CASE("tier thresholds out of order in a scenario's center name file, line and field") {
  const std::string text = R"(
center { workgroups { name: "Q"
  tiers { threshold: 20 duration_s: 10 }
  tiers { threshold: 60 duration_s: 10 } } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 40 } }
  handle_time { constant_s: 100 }
}
horizon_s: 3600
)";
  const std::string message(LoadScenario("bad.txtpb", text).status().message());
  INFO(message);
  CHECK(message.rfind("bad.txtpb:", 0) == 0);
  CHECK(message.find("tiers[1].threshold") != std::string::npos);
}

TEST_CASE("returning customers wait for their last agent within the window") {
  // How many offers each agent received in replication 0.
  const auto offers_per_agent = [](double fraction) {
    const std::string text = fmt::format(R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{ name: "a" count: 5 workgroups {{ workgroup: "Q" }} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: 20 }} }}
  handle_time {{ constant_s: 60 }}
  preferred_agent {{ fraction: {} window_s: 100000 }}
}}
horizon_s: 36000
replications: 1
)",
                                         fraction);
    absl::StatusOr<Scenario> scenario = LoadScenario("p.txtpb", text);
    REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
    std::string trace;
    REQUIRE(RunScenario(*scenario, {.trace = &trace}).ok());
    std::map<std::string, int> offers;
    const std::string offer = "\"event\": \"offer\"", agent = "\"agent\": \"";
    for (size_t at = trace.find(offer); at != std::string::npos; at = trace.find(offer, at + 1)) {
      const size_t name = trace.find(agent, at) + agent.size();
      ++offers[trace.substr(name, trace.find('"', name) - name)];
    }
    return offers;
  };
  // Everyone returns to the same agent: after the first call, one agent
  // takes them all (the others stay idle while it is free again in time).
  const std::map<std::string, int> sticky = offers_per_agent(1);
  int most = 0, all = 0;
  for (const auto& [agent, n] : sticky) {
    most = std::max(most, n);
    all += n;
  }
  CHECK(all > 100);
  CHECK(most == all);
  // Nobody returning: the longest-idle rule spreads the work over all five.
  CHECK(offers_per_agent(0).size() == 5);
}

}  // namespace
}  // namespace acd::sim
