// A scenario's totals (sim/scenario_limits.h), interval_s 0, the runtime
// cap on events, and the warnings for likely mistakes.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/proto/scenario.pb.h"
#include "acd/text_proto.h"
#include "doctest/doctest.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "sim/scenario_limits.h"
#include "sim/scenario_source.h"

namespace acd::sim {
namespace {

constexpr char kBase[] = R"(center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 2 workgroups { workgroup: "Q" } }
contact_types { name: "calls" workgroup: "Q" arrivals { poisson { rate_per_hour: 10 } }
  handle_time { constant_s: 60 } }
)";

// kBase with `more` and, unless `more` sets one, a horizon of an hour.
std::string With(const std::string& more) {
  const bool horizon = more.find("horizon_s") != std::string::npos;
  return std::string(kBase) + more + (horizon ? "" : "horizon_s: 3600\n");
}

std::string ErrorOf(const std::string& text) {
  return std::string(LoadScenario("s.txtpb", text).status().message());
}

// The warnings, one a line.
std::string WarningsOf(const std::string& text) {
  absl::StatusOr<Scenario> scenario = LoadScenario("s.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  return absl::StrJoin(scenario->warnings, "\n");
}

TEST_CASE("agents are capped over all groups, not per group") {
  std::string text = With("");
  for (int g = 0; g < 100; ++g) {
    text += absl::StrCat("agent_groups { name: \"g", g,
                         "\" count: 1000000 workgroups { workgroup: \"Q\" } }\n");
  }
  CHECK(ErrorOf(text) ==
        "s.txtpb:6:27: agent_groups[1].count: 1000002 agents over all groups so far, more than "
        "the limit of 200000 agents in a scenario");
}

TEST_CASE("shifts are capped per agent and over all agents") {
  std::string shifts;
  for (int s = 0; s < 1000; ++s) {
    shifts += absl::StrCat("shifts { start_s: ", s * 80, " end_s: ", s * 80 + 60,
                           " repeat_days: 3660 } ");
  }
  std::string text = With("");
  text += "agent_groups { name: \"b\" count: 1 workgroups { workgroup: \"Q\" } " + shifts + "}\n";
  CHECK(ErrorOf(text) ==
        "s.txtpb:6:65: agent_groups[1].shifts: 3660000 shifts per agent (repeat_days counted), "
        "more than the limit of 10000");
  text = With("");
  text += "agent_groups { name: \"b\" count: 2000 workgroups { workgroup: \"Q\" } "
          "shifts { start_s: 0 end_s: 3600 repeat_days: 3000 } }\n";
  CHECK(ErrorOf(text) ==
        "s.txtpb:6:68: agent_groups[1].shifts: 6000000 shifts over all agents so far (shifts x "
        "repeat_days x count), more than the limit of 5000000 in a scenario");
}

TEST_CASE("intervals are capped, and interval_s 0 is an error, not the default") {
  CHECK(ErrorOf(With("horizon_s: 1e9\ninterval_s: 1\n")) ==
        "s.txtpb:6:1: interval_s: horizon_s 1000000000 / interval_s 1 makes 1000000000 "
        "intervals, more than the limit of 110000");
  CHECK(ErrorOf(With("horizon_s: 1e9\n")) ==
        "s.txtpb:5:1: horizon_s: horizon_s 1000000000 / interval_s 1800 makes 555556 intervals, "
        "more than the limit of 110000");
  CHECK(ErrorOf(With("interval_s: 0\n")) ==
        "s.txtpb:5:1: interval_s: 0 must be in [1, 1e9] seconds");
  absl::StatusOr<Scenario> unset = LoadScenario("s.txtpb", With(""));
  REQUIRE(unset.ok());
  CHECK(unset->interval == Seconds(1800));
}

TEST_CASE("listed arrivals are capped over the scenario") {
  proto::Scenario message;
  REQUIRE(TextProtoFile::Parse("s.txtpb", With(""), message).ok());
  auto* listed = message.mutable_contact_types(0)->mutable_arrivals()->mutable_listed();
  listed->mutable_times_s()->Resize(static_cast<int>(kMaxListedArrivals) + 1, 1.0);
  absl::StatusOr<Scenario> scenario =
      ConvertScenario(message, TextProtoFile::Unlocated("big.txtpb"));
  CHECK(std::string(scenario.status().message()) ==
        "big.txtpb: contact_types[0].arrivals.listed.times_s: 5000001 listed arrivals so far, "
        "more than the limit of 5000000 in a scenario");
  listed->mutable_times_s()->Truncate(static_cast<int>(kMaxListedArrivals));
  CHECK(ConvertScenario(message, TextProtoFile::Unlocated("big.txtpb")).ok());
}

TEST_CASE("a replication past its events limit stops with a clear error") {
  absl::StatusOr<Scenario> scenario = LoadScenario("s.txtpb", With(""));
  REQUIRE(scenario.ok());
  scenario->max_events = 5;
  absl::StatusOr<Report> report = RunScenario(*scenario);
  CHECK(report.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(std::string(report.status().message()) ==
        "simulator: more than 5 events in one replication, the limit of a scenario (shorten "
        "horizon_s or lower the traffic)");
  scenario->max_events = kMaxEventsPerReplication;
  CHECK(RunScenario(*scenario).ok());
}

TEST_CASE("a clean scenario has no warnings, and its JSON no \"warnings\" key") {
  CHECK(WarningsOf(With("")).empty());
  absl::StatusOr<Scenario> scenario = LoadScenario("s.txtpb", With(""));
  REQUIRE(scenario.ok());
  scenario->replications = 1;
  CHECK(FormatJson(*RunScenario(*scenario)).find("\"warnings\"") == std::string::npos);
}

TEST_CASE("intervals shorter than a minute are a warning, in the JSON after the overrides") {
  const std::string text = With("interval_s: 15\n");
  CHECK(WarningsOf(text) ==
        "s.txtpb:5:1: interval_s: 15 s is shorter than a minute (minutes meant?): 240 intervals");
  absl::StatusOr<Scenario> scenario = LoadScenario("s.txtpb", text);
  REQUIRE(scenario.ok());
  scenario->replications = 1;
  const std::string json = FormatJson(*RunScenario(*scenario));
  CHECK(json.find("  \"overrides\": [],\n  \"warnings\": [\"s.txtpb:5:1: interval_s: 15 s is "
                  "shorter than a minute (minutes meant?): 240 intervals\"],\n  \"seed\": ") !=
        std::string::npos);
}

TEST_CASE("a rate list short of the arrivals is a warning") {
  std::string text = With("");
  text.replace(text.find("rate_per_hour: 10"), 17, "rates_per_hour: [10, 20]");
  CHECK(WarningsOf(text + "interval_s: 600\n") ==
        "s.txtpb:3:67: contact_types[0].arrivals.poisson.rates_per_hour: 2 rates of 600 s cover "
        "1200 s of the 3600 s with arrivals: the last rate runs on to the end");
  // Covering the horizon, or arrivals closing where the list ends: no warning.
  CHECK(WarningsOf(text + "interval_s: 1800\n").empty());
  CHECK(WarningsOf(text + "interval_s: 600\nclosing_s: 1200\n").empty());
}

TEST_CASE("a contact type no agent can serve, and a workgroup without members, are warnings") {
  const std::string text = R"(center {
  skills: "french"
  workgroups { name: "Q" }
  workgroups { name: "Empty" }
}
agent_groups { name: "a" count: 2 workgroups { workgroup: "Q" } }
contact_types { name: "calls" workgroup: "Q" arrivals { poisson { rate_per_hour: 10 } }
  requirements { skill: "french" }
  handle_time { constant_s: 60 } }
horizon_s: 3600
)";
  CHECK(WarningsOf(text) ==
        "s.txtpb:7:31: contact_types[0].workgroup: no agent can serve \"calls\" (none is an "
        "active member of workgroup \"Q\" or one it overflows to, with the required skills)\n"
        "s.txtpb:4:3: center.workgroups[1]: workgroup \"Empty\" has no members");
  // With the skill (here inherited from the workgroup) the type is served.
  std::string served = text;
  served.replace(served.find("workgroups { name: \"Q\" }"), 24,
                 "workgroups { name: \"Q\" skills { skill: \"french\" proficiency: 50 "
                 "desire: 50 } }");
  CHECK(WarningsOf(served) ==
        "s.txtpb:4:3: center.workgroups[1]: workgroup \"Empty\" has no members");
}

TEST_CASE("a shift that starts at or after the horizon is a warning") {
  std::string text = With("");
  text += "agent_groups { name: \"late\" count: 1 workgroups { workgroup: \"Q\" } "
          "shifts { start_s: 0 end_s: 3600 } shifts { start_s: 7200 end_s: 9000 } }\n";
  CHECK(WarningsOf(text) ==
        "s.txtpb:6:111: agent_groups[1].shifts[1].start_s: 7200 is at or after the horizon "
        "(3600 s): the shift is never worked");
}

}  // namespace
}  // namespace acd::sim
