// acdsim forecast's pieces (sim/forecast.h): snapshots mid-run, matching a
// scenario to a snapshot, the schedule after it, added agents, determinism,
// and the errors of untrusted input. The statistical acceptance test is
// tests/sim/forecast_validation_test.cc.

#include "sim/forecast.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "acd/engine.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/kpi_plan.h"
#include "sim/replication.h"
#include "sim/report.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

constexpr double kT = 3600;  // the snapshot, at the end of the second 30-minute interval

// Group "a" works [0, 5400) with a staggered break around T and times its
// own wrap-up; group "b" is staffed by head count per interval (3, 3, 2, 4);
// calls need a skill and some are held. Its horizon is 7200 s.
std::string Text(int a_count, const std::string& extra_workgroup = "",
                 const std::string& skills = R"("calls")", int b_count = 4,
                 const std::string& b_per_interval = "3, 3, 2, 4") {
  return fmt::format(R"(
center {{
  skills: [{}]
  workgroups {{ name: "Front" wrap_up_s: 20 }}
  workgroups {{ name: "Back" }}
  {}
}}
agent_groups {{
  name: "a" count: {} workgroups {{ workgroup: "Front" }}
  skills {{ skill: "calls" proficiency: 50 desire: 50 }}
  answer_delay {{ exponential {{ mean_s: 2 }} }}
  wrap_up {{ exponential {{ mean_s: 15 }} }}
  shifts {{
    start_s: 0 end_s: 5400
    breaks {{ start_s: 3300 duration_s: 900 status: "Away From Desk" stagger_window_s: 600 }}
  }}
}}
agent_groups {{
  name: "b" count: {} workgroups {{ workgroup: "Back" }}
  agents_per_interval: [{}]
}}
contact_types {{
  name: "calls" workgroup: "Front"
  arrivals {{ poisson {{ rate_per_hour: 120 }} }}
  handle_time {{ exponential {{ mean_s: 120 }} }}
  patience {{ exponential {{ mean_s: 300 }} }}
  requirements {{ skill: "calls" }}
  hold_probability: 0.3
  hold_time {{ exponential {{ mean_s: 30 }} }}
}}
contact_types {{
  name: "back office" workgroup: "Back" media: MEDIA_CHAT
  arrivals {{ poisson {{ rate_per_hour: 80 }} }}
  handle_time {{ exponential {{ mean_s: 200 }} }}
}}
horizon_s: 7200
interval_s: 1800
replications: 4
seed: 777
service_level_s: 20
)",
                     skills, extra_workgroup, a_count, b_count, b_per_interval);
}

Scenario Load(const std::string& text) {
  absl::StatusOr<Scenario> scenario = LoadScenario("forecast.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  return *std::move(scenario);
}

// Replication 0 of Text(3), and its engine state at T.
std::string Snapshot() {
  std::string bytes;
  REQUIRE(RunReplicationWithSnapshot(Load(Text(3)), 0, Time() + Seconds(kT), &bytes).ok());
  return bytes;
}

Forecast Prepare(const std::string& text, Duration horizon = Seconds(3600)) {
  absl::StatusOr<EngineState> state = DecodeSnapshot(Snapshot(), "state.pb");
  REQUIRE(state.ok());
  absl::StatusOr<Forecast> forecast = PrepareForecast(Load(text), *std::move(state), horizon);
  REQUIRE_MESSAGE(forecast.ok(), forecast.status().ToString());
  return *std::move(forecast);
}

std::vector<double> Values(const Scenario& scenario, const ReplicationResult& result) {
  std::vector<double> values;
  REQUIRE(KpiPlan::For(scenario).Observe(result, values).ok());
  for (double& v : values) {
    if (v != v) v = -1;  // NaN, comparable
  }
  return values;
}

TEST_CASE("taking a snapshot mid-run leaves the run as it was") {
  const Scenario scenario = Load(Text(3));
  for (int r : {0, 1}) {
    std::string bytes;
    absl::StatusOr<ReplicationResult> paused =
        RunReplicationWithSnapshot(scenario, r, Time() + Seconds(kT), &bytes);
    absl::StatusOr<ReplicationResult> plain = RunReplication(scenario, r);
    REQUIRE(paused.ok());
    REQUIRE(plain.ok());
    CHECK(Values(scenario, *paused) == Values(scenario, *plain));
    CHECK(!bytes.empty());
  }
  std::string bytes;
  CHECK(RunReplicationWithSnapshot(scenario, 0, Time() + Seconds(7201), &bytes).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("a forecast starts from the snapshot's state and clock, on the scenario's axis") {
  const Forecast forecast = Prepare(Text(3));
  CHECK(forecast.state.now == Time() + Seconds(kT));
  CHECK(forecast.scenario.warmup == Seconds(kT));
  CHECK(forecast.scenario.horizon == Seconds(kT + 3600));
  CHECK(forecast.first_added == 7);
  CHECK(forecast.state.agents.size() == 7);
  REQUIRE(!forecast.state.interactions.empty());
  for (size_t i = 0; i < forecast.state.interactions.size(); ++i) {
    CHECK(forecast.state.interactions[i].id == InteractionId(i));
  }
  absl::StatusOr<ReplicationResult> result = RunForecastReplication(forecast, 0);
  REQUIRE(result.ok());
  // Nothing is counted before T.
  for (int k = 0; k < 2; ++k) CHECK(result->total_intervals[k].offered == 0);
  CHECK(result->total_intervals[2].offered > 0);
}

TEST_CASE("after the snapshot the scenario's schedule applies: shift ends and head counts") {
  const Forecast forecast = Prepare(Text(3));
  for (int r = 0; r < 3; ++r) {
    absl::StatusOr<ReplicationResult> result = RunForecastReplication(forecast, r);
    REQUIRE(result.ok());
    // "a" (3 agents, logged in at T) until its shift ends at 5400; an agent
    // logging out keeps its call until it ends (acd::LogOut), so a few
    // minutes of staffed time follow.
    CHECK(result->agent_group_intervals[0][2].staffed_s == doctest::Approx(3 * 1800.0));
    CHECK(result->agent_group_intervals[0][3].staffed_s < 0.5 * 1800);
    // "b": 3 agents before T, 2 from T (the third logs out at T, finishing
    // its chat), 4 from 5400.
    CHECK(result->agent_group_intervals[1][1].staffed_s == 0);  // before the window
    CHECK(result->agent_group_intervals[1][2].staffed_s >= 2 * 1800.0);
    CHECK(result->agent_group_intervals[1][2].staffed_s < 2.5 * 1800);
    CHECK(result->agent_group_intervals[1][3].staffed_s == doctest::Approx(4 * 1800.0));
  }
}

TEST_CASE("agents the snapshot lacks are added and log in at once when their shift is on") {
  const Forecast forecast = Prepare(Text(5));
  CHECK(forecast.first_added == 7);
  REQUIRE(forecast.state.agents.size() == 9);
  CHECK(forecast.state.center.agents[7].name == "a-4");
  CHECK(forecast.state.center.agents[8].name == "a-5");
  CHECK(!forecast.state.agents[7].logged_in);
  absl::StatusOr<ReplicationResult> result = RunForecastReplication(forecast, 0);
  REQUIRE(result.ok());
  CHECK(result->agent_group_intervals[0][2].staffed_s == doctest::Approx(5 * 1800.0));
  CHECK(result->agent_group_intervals[0][3].staffed_s < 0.5 * 1800);
}

TEST_CASE("an agent added to a group staffed by head count logs in when the count has it in") {
  // Five "b" agents from T where the snapshot's scenario had two: b-1..b-3
  // (logged in at the snapshot, taken before the events at T) stay, b-4
  // (logged out) logs in at T by the schedule, and b-5 (added) too.
  const Forecast forecast = Prepare(Text(3, "", R"("calls")", 5, "3, 3, 5, 4"));
  CHECK(forecast.first_added == 7);
  REQUIRE(forecast.state.agents.size() == 8);
  CHECK(forecast.state.center.agents[7].name == "b-5");
  absl::StatusOr<ReplicationResult> result = RunForecastReplication(forecast, 0);
  REQUIRE(result.ok());
  CHECK(result->agent_group_intervals[1][2].staffed_s == doctest::Approx(5 * 1800.0));
}

TEST_CASE("a forecast is the same byte for byte run again and on any number of threads") {
  const Forecast forecast = Prepare(Text(3));
  absl::StatusOr<Aggregate> one = RunForecast(forecast, {.replications = 6, .threads = 1});
  absl::StatusOr<Aggregate> three = RunForecast(forecast, {.replications = 6, .threads = 3});
  absl::StatusOr<Aggregate> again = RunForecast(Prepare(Text(3)), {.replications = 6});
  REQUIRE(one.ok());
  REQUIRE(three.ok());
  REQUIRE(again.ok());
  const std::string json = FormatJson(ReportOf(*one));
  CHECK(json == FormatJson(ReportOf(*three)));
  CHECK(json == FormatJson(ReportOf(*again)));
  absl::StatusOr<Aggregate> other = RunForecast(forecast, {.replications = 6, .seed = 1});
  REQUIRE(other.ok());
  CHECK(json != FormatJson(ReportOf(*other)));
}

TEST_CASE("a snapshot of an engine driven directly, with its own interaction ids, is forecast") {
  // As a server's Router would hold it: ids chosen by the server, some
  // ringing, one connected, the rest waiting; "a-1" on a break.
  const Scenario scenario = Load(Text(3));
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(scenario.center);
  REQUIRE(engine.ok());
  Engine& e = **engine;
  const Time t0 = Time() + Seconds(kT - 10);  // the offer still rings at T
  for (int a = 0; a < 3; ++a) REQUIRE(e.Apply(LogIn{.now = t0, .agent = AgentId(a)}).ok());
  REQUIRE(
      e.Apply(SetStatus{.now = t0, .agent = AgentId(0), .status = *e.FindStatus("Away From Desk")})
          .ok());
  const std::vector<uint64_t> ids = {9000, 17, 4242, 5, 123456789};
  for (uint64_t id : ids) {
    REQUIRE(e.Apply(Arrive{.now = t0 + Seconds(1),
                           .interaction = InteractionId(id),
                           .workgroup = WorkgroupId(0),
                           .requirements = scenario.contact_types[0].requirements})
                .ok());
  }
  REQUIRE(e.Apply(Accept{.now = t0 + Seconds(3), .interaction = InteractionId(9000)}).ok());
  REQUIRE(e.AdvanceTo(Time() + Seconds(kT)).ok());
  absl::StatusOr<std::string> bytes = EncodeSnapshot(e);
  REQUIRE(bytes.ok());
  absl::StatusOr<EngineState> state = DecodeSnapshot(*bytes, "router.pb");
  REQUIRE(state.ok());
  absl::StatusOr<Forecast> forecast = PrepareForecast(scenario, *std::move(state), Seconds(1800));
  REQUIRE_MESSAGE(forecast.ok(), forecast.status().ToString());
  // Renumbered in id order: 5, 17, 4242, 9000, 123456789.
  REQUIRE(forecast->state.interactions.size() == 5);
  std::vector<InteractionState> states;
  for (size_t i = 0; i < 5; ++i) {
    CHECK(forecast->state.interactions[i].id == InteractionId(i));
    states.push_back(forecast->state.interactions[i].state);
  }
  CHECK(states ==
        std::vector<InteractionState>{InteractionState::kWaiting, InteractionState::kAlerting,
                                      InteractionState::kWaiting, InteractionState::kConnected,
                                      InteractionState::kWaiting});
  CHECK(forecast->state.agents[1].held == std::vector<InteractionId>{InteractionId(3)});
  CHECK(forecast->state.agents[2].held == std::vector<InteractionId>{InteractionId(1)});
  for (int r = 0; r < 5; ++r) {
    absl::StatusOr<ReplicationResult> result = RunForecastReplication(*forecast, r);
    REQUIRE(result.ok());
    // The three waiting at T count in the queue from T (not as offered).
    CHECK(result->contact_type_intervals[0][2].queue_integral_s > 0);
    CHECK(result->contact_type_intervals[0][2].max_queue >= 3);
  }
}

TEST_CASE("an agent removed while running stays out; a removed workgroup is refused, saying so") {
  const Scenario scenario = Load(Text(3));
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(scenario.center);
  REQUIRE(engine.ok());
  Engine& e = **engine;
  const Time t0 = Time() + Seconds(kT - 10);
  for (int a = 0; a < 3; ++a) REQUIRE(e.Apply(LogIn{.now = t0, .agent = AgentId(a)}).ok());
  REQUIRE(e.Apply(RemoveAgent{.now = t0, .agent = AgentId(1)}).ok());
  REQUIRE(e.AdvanceTo(Time() + Seconds(kT)).ok());
  absl::StatusOr<std::string> bytes = EncodeSnapshot(e);
  REQUIRE(bytes.ok());
  absl::StatusOr<EngineState> state = DecodeSnapshot(*bytes, "router.pb");
  REQUIRE(state.ok());
  absl::StatusOr<Forecast> forecast = PrepareForecast(scenario, *state, Seconds(1800));
  REQUIRE_MESSAGE(forecast.ok(), forecast.status().ToString());
  CHECK(forecast->scenario.agent_group[1] == -1);
  for (int r = 0; r < 3; ++r) {
    absl::StatusOr<ReplicationResult> result = RunForecastReplication(*forecast, r);
    REQUIRE_MESSAGE(result.ok(), result.status().ToString());
  }

  REQUIRE(e.Apply(RemoveWorkgroup{.now = Time() + Seconds(kT), .workgroup = WorkgroupId(1)}).ok());
  bytes = EncodeSnapshot(e);
  REQUIRE(bytes.ok());
  state = DecodeSnapshot(*bytes, "router.pb");
  REQUIRE(state.ok());
  const absl::Status refused = PrepareForecast(scenario, *state, Seconds(1800)).status();
  CHECK(refused.code() == absl::StatusCode::kInvalidArgument);
  CHECK(refused.message() ==
        "snapshot: workgroups[1] was removed while running (RemoveWorkgroup); a forecast from a "
        "state with a removed workgroup is not supported");
}

absl::Status PrepareError(const std::string& bytes, const std::string& text,
                          Duration horizon = Seconds(3600)) {
  absl::StatusOr<EngineState> state = DecodeSnapshot(bytes, "state.pb");
  if (!state.ok()) return state.status();
  return PrepareForecast(Load(text), *std::move(state), horizon).status();
}

TEST_CASE("a scenario that does not match the snapshot is refused, naming the field") {
  const std::string bytes = Snapshot();
  const auto check = [&](const absl::Status& status, const std::string& message) {
    CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    CHECK(status.message() == message);
  };
  check(PrepareError(bytes, Text(2)),
        R"(snapshot: agents[2] "a-3" is not an agent of the scenario)");
  check(PrepareError(bytes, Text(3, R"(workgroups { name: "Extra" })")),
        R"(scenario: center.workgroups[2] "Extra" is not a workgroup of the snapshot)");
  std::string renamed = Text(3);
  for (size_t at; (at = renamed.find(R"("Back")")) != std::string::npos;) {
    renamed.replace(at, 6, R"("Rear")");
  }
  check(PrepareError(bytes, renamed),
        R"(snapshot: workgroups[1] "Back" is not a workgroup of the scenario)");
  // Skills are matched by name: another order is the same center.
  CHECK(PrepareError(bytes, Text(3, "", R"("other", "calls")")).ok());
  check(PrepareError(bytes, Text(3), Duration::Zero()), "horizon: 0 s must be in (0, 1e9] seconds");
}

TEST_CASE("a damaged snapshot is DataLoss naming the file") {
  const std::string bytes = Snapshot();
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x20;
  for (const std::string& bad :
       {std::string(), std::string("xyz"), bytes.substr(0, bytes.size() / 2), flipped,
        std::string("\0\0\0\0junk", 8)}) {
    absl::StatusOr<EngineState> state = DecodeSnapshot(bad, "state.pb");
    CHECK(state.status().code() == absl::StatusCode::kDataLoss);
    CHECK(absl::StartsWith(state.status().message(), "state.pb: snapshot: "));
  }
}

TEST_CASE("durations and snapshot times parse as documented") {
  CHECK(*ParseForecastDuration("3600") == Seconds(3600));
  CHECK(*ParseForecastDuration("90m") == Seconds(5400));
  CHECK(*ParseForecastDuration("1.5h") == Seconds(5400));
  CHECK(*ParseForecastDuration("20s") == Seconds(20));
  for (const char* bad : {"", "h", "0", "-1h", "1d", "nan", "2e9"}) {
    CHECK(ParseForecastDuration(bad).status().code() == absl::StatusCode::kInvalidArgument);
  }
  Scenario scenario = Load(Text(3));
  CHECK(*ParseScenarioTime("3600", scenario) == Time() + Seconds(3600));
  CHECK(ParseScenarioTime("10:30", scenario).status().message() ==
        "'10:30' is a clock time, but the scenario has no day_start_s: give seconds");
  CHECK(!ParseScenarioTime("7201", scenario).ok());
  scenario.day_start_s = 9 * 3600;
  CHECK(*ParseScenarioTime("10:30", scenario) == Time() + Seconds(5400));
  CHECK(!ParseScenarioTime("08:00", scenario).ok());
}

}  // namespace
}  // namespace acd::sim
