// Agent behaviour and schedules in scenarios: no-answers, rejects, wrap-up
// lengths, shifts and breaks.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/arrival_trace.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/kpis.h"

namespace acd::sim {
namespace {

using testing::Mean;

// One workgroup "Q" (wrap-up up to 60 s), calls of `handle` at `rate` an
// hour, and the given agent groups.
Report Run(const std::string& groups, const std::string& handle = "exponential { mean_s: 60 }",
           const std::string& extra = "", std::string* trace = nullptr) {
  const std::string text = fmt::format(R"(
center {{ workgroups {{ name: "Q" wrap_up_s: 60 }} }}
{}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: 300 }} }}
  handle_time {{ {} }}
  {}
}}
horizon_s: 14400
interval_s: 1800
replications: 4
)",
                                       groups, handle, extra);
  absl::StatusOr<Scenario> scenario = LoadScenario("b.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  absl::StatusOr<Report> report = RunScenario(*scenario, {.trace = trace});
  REQUIRE_MESSAGE(report.ok(), report.status().ToString());
  return *report;
}

TEST_CASE("agents who let half their offers ring out cause about one no-answer per answer") {
  const Report report = Run(R"(agent_groups {
  name: "a" count: 10 workgroups { workgroup: "Q" } no_answer_probability: 0.5
  not_ready_after_no_answer { constant_s: 5 }
})");
  const double answered = Mean(report.total, "answered");
  CHECK(answered > 0);
  CHECK(Mean(report.total, "no_answers") == doctest::Approx(answered).epsilon(0.1));
}

TEST_CASE("declined offers go to another agent") {
  std::string trace;
  const Report report = Run(R"(agent_groups {
  name: "picky" count: 5 workgroups { workgroup: "Q" } reject_probability: 1
  answer_delay { constant_s: 2 }
}
agent_groups { name: "willing" count: 10 workgroups { workgroup: "Q" } })",
                            "exponential { mean_s: 60 }", "", &trace);
  CHECK(trace.find("\"reason\": \"rejected\"") != std::string::npos);
  // Every call is answered, and only by the willing.
  CHECK(Mean(report.total, "answered") + Mean(report.total, "waiting_at_end") ==
        doctest::Approx(Mean(report.total, "offered")));
  CHECK(trace.find("\"event\": \"connected\"") != std::string::npos);
  CHECK(trace.find("\"event\": \"connected\", \"contact\": 1, \"contact_type\": \"calls\", "
                   "\"workgroup\": \"Q\", \"agent\": \"picky") == std::string::npos);
}

TEST_CASE("a wrap-up distribution sets the length of after-call work") {
  const Report report = Run(R"(agent_groups {
  name: "a" count: 10 workgroups { workgroup: "Q" } wrap_up { constant_s: 20 }
})",
                            "constant_s: 100");
  CHECK(Mean(report.total, "aht_s") == doctest::Approx(120.0));
  CHECK(Mean(report.total, "talk_s") == doctest::Approx(100.0));
  CHECK(Mean(report.total, "wrap_up_s") == doctest::Approx(20.0));
}

TEST_CASE("agents answer only inside their shift") {
  // Shift 3600..7200 s; callers wait at most 60 s.
  const Report report = Run(R"(agent_groups {
  name: "a" count: 10 workgroups { workgroup: "Q" }
  shifts { start_s: 3600 end_s: 7200 }
})",
                            "exponential { mean_s: 60 }", "patience { constant_s: 60 }");
  const auto& intervals = report.workgroup_intervals[0].second;
  CHECK(Mean(intervals[0], "answered") == 0);
  CHECK(Mean(intervals[0], "abandoned") == doctest::Approx(Mean(intervals[0], "offered")));
  CHECK(Mean(intervals[2], "answered") > 100);
  CHECK(Mean(intervals[5], "answered") == 0);
}

TEST_CASE("a break keeps its agents from offers for its length") {
  const Report report = Run(R"(agent_groups {
  name: "a" count: 10 workgroups { workgroup: "Q" }
  shifts { start_s: 0 end_s: 14400 breaks { start_s: 1800 duration_s: 1800 status: "At Lunch" } }
})",
                            "exponential { mean_s: 60 }", "patience { constant_s: 30 }");
  const auto& intervals = report.workgroup_intervals[0].second;
  CHECK(Mean(intervals[0], "answered") > 100);
  // Only callers who arrive in the break's last 30 s reach an agent, when it
  // ends: about 2.5 of the interval's 150.
  CHECK(Mean(intervals[1], "answered") < 10);
  CHECK(Mean(intervals[2], "answered") > 100);
}

TEST_CASE("agents who all decline at once stop the run with an error instead of looping") {
  const std::string text = R"(center { workgroups { name: "Q" } }
agent_groups { name: "picky" count: 2 workgroups { workgroup: "Q" } reject_probability: 1 }
contact_types { name: "c" workgroup: "Q" arrivals { poisson { rate_per_hour: 60 } }
  handle_time { constant_s: 1 } }
horizon_s: 3600
replications: 1
)";
  absl::StatusOr<Scenario> scenario = LoadScenario("loop.txtpb", text);
  REQUIRE(scenario.ok());
  absl::Status status = RunScenario(*scenario).status();
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(status.message()).find("no progress") != std::string::npos);
}

TEST_CASE("listed arrivals come at their times in every replication") {
  const std::string text = R"(center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types { name: "c" workgroup: "Q" arrivals { listed { times_s: [30, 10, 20] } }
  handle_time { constant_s: 5 } }
horizon_s: 100
replications: 3
)";
  absl::StatusOr<Scenario> scenario = LoadScenario("l.txtpb", text);
  REQUIRE(scenario.ok());
  REQUIRE(scenario->contact_types[0].listed.size() == 3);
  CHECK(scenario->contact_types[0].listed[0].time == Time() + Seconds(10));
  const Report report = *RunScenario(*scenario);
  CHECK(report.total[0].mean == 3);  // offered
  CHECK(report.total[0].ci95 == 0);
  CHECK(Mean(report.total, "answered") == 3);
}

TEST_CASE("a trace file replays arrivals with their own handle times and patience") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "acd_trace_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "day.csv");
    out << "time_s,contact_type,handle_time_s,patience_s\n"
           "# a comment\n"
           "5,calls,100,\n"
           "7,chats,,\n"
           "9,calls,200,1\n";
  }
  const std::string scenario_text = R"(center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types { name: "calls" workgroup: "Q" arrivals { trace { path: "day.csv" } }
  handle_time { constant_s: 5 } }
contact_types { name: "chats" workgroup: "Q" arrivals { poisson { rate_per_hour: 1 } }
  handle_time { constant_s: 5 } }
horizon_s: 1000
replications: 2
)";
  // The path is taken from the scenario file's folder.
  absl::StatusOr<Scenario> scenario = LoadScenario((dir / "s.txtpb").string(), scenario_text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  const auto& listed = scenario->contact_types[0].listed;
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].time == Time() + Seconds(5));
  CHECK(*listed[0].handle == Seconds(100));
  CHECK_FALSE(listed[0].patience.has_value());
  CHECK(*listed[1].patience == Seconds(1));
  const Report report = *RunScenario(*scenario);
  // The second call arrives while the only agent talks and gives up after 1 s.
  CHECK(report.contact_types[0].second[0].mean == 2);  // offered
  CHECK(Mean(report.contact_types[0].second, "abandoned") == 1);
  CHECK(Mean(report.contact_types[0].second, "aht_s") == 100);
}

TEST_CASE("trace file errors name the file and line") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "acd_trace_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "bad.csv");
    out << "5,calls\n6,calls,fast\n";
  }
  absl::StatusOr<std::vector<TraceRow>> rows = ReadArrivalTrace((dir / "bad.csv").string());
  CHECK(std::string(rows.status().message()).find("bad.csv:2: handle time \"fast\"") !=
        std::string::npos);
  CHECK(std::string(ParseArrivalTrace("t.csv", "1,calls\n2,calls,1,2,3\n").status().message()) ==
        "t.csv:2: expected time_s,contact_type[,handle_time_s[,patience_s]], got 5 fields");
  CHECK(ReadArrivalTrace("/nonexistent/x.csv").status().code() == absl::StatusCode::kNotFound);
}

std::string ErrorOf(const std::string& group) {
  const std::string text = fmt::format(R"(center {{ workgroups {{ name: "Q" }} }}
agent_groups {{ name: "a" count: 1 workgroups {{ workgroup: "Q" }} {} }}
contact_types {{ name: "c" workgroup: "Q" arrivals {{ poisson {{ rate_per_hour: 1 }} }}
  handle_time {{ constant_s: 1 }} }}
horizon_s: 100
)",
                                       group);
  return std::string(LoadScenario("e.txtpb", text).status().message());
}

TEST_CASE("behaviour and schedule errors name their field") {
  CHECK(ErrorOf("no_answer_probability: 1.5").find("agent_groups[0].no_answer_probability: 1.5") !=
        std::string::npos);
  CHECK(ErrorOf("no_answer_probability: 0.6 reject_probability: 0.6")
            .find("agent_groups[0].reject_probability") != std::string::npos);
  CHECK(ErrorOf("shifts { start_s: 10 end_s: 5 }").find("agent_groups[0].shifts[0]: needs") !=
        std::string::npos);
  CHECK(ErrorOf("shifts { start_s: 0 end_s: 50 } shifts { start_s: 40 end_s: 90 }")
            .find("shifts overlap") != std::string::npos);
  CHECK(ErrorOf("shifts { start_s: 0 end_s: 50 breaks { start_s: 40 duration_s: 20 } }")
            .find("agent_groups[0].shifts[0].breaks[0]: must start and end inside") !=
        std::string::npos);
  CHECK(ErrorOf("shifts { start_s: 0 end_s: 50 breaks { start_s: 10 duration_s: 5 status: "
                "\"Siesta\" } }")
            .find("unknown status \"Siesta\"") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
