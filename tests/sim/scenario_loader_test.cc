#include <filesystem>
#include <string>

#include "doctest/doctest.h"
#include "sim/default_scenario.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/kpis.h"

namespace acd::sim {
namespace {

constexpr char kValid[] = R"(name: "t"
center { workgroups { name: "Support" } }
agent_groups { name: "agent" count: 3 workgroups { workgroup: "Support" } }
contact_types {
  name: "Calls"
  workgroup: "Support"
  arrivals { poisson { rate_per_hour: 40 } }
  handle_time { exponential { mean_s: 180 } }
}
horizon_s: 3600
)";

// kValid with `from` replaced by `to`.
std::string Variant(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string ErrorOf(const std::string& text) {
  return std::string(LoadScenario("bad.txtpb", text).status().message());
}

TEST_CASE("a valid scenario loads with its defaults") {
  absl::StatusOr<Scenario> s = LoadScenario("t.txtpb", kValid);
  REQUIRE(s.ok());
  CHECK(s->center.agents.size() == 3);
  CHECK(s->center.agents[2].name == "agent-3");
  CHECK(s->agent_group == std::vector<int>{0, 0, 0});
  CHECK(s->replications == 10);
  CHECK(s->seed == 12345);
  CHECK(s->service_level == Seconds(20));
  CHECK(s->contact_types[0].priority == 50);
  CHECK(s->contact_types[0].media == MediaType::kCall);
  CHECK_FALSE(s->contact_types[0].patience.has_value());
}

TEST_CASE("every shipped scenario parses") {
  const char* root = std::getenv("ACD_SOURCE_DIR");
  const std::filesystem::path dir =
      std::filesystem::path(root != nullptr ? root : ".") / "scenarios";
  REQUIRE(std::filesystem::is_directory(dir));
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txtpb") continue;
    INFO(entry.path().string());
    absl::StatusOr<Scenario> s = LoadScenarioFile(entry.path().string());
    CHECK_MESSAGE(s.ok(), s.status().ToString());
    ++count;
  }
  CHECK(count >= 1);
}

TEST_CASE("every shipped scenario runs, and per workgroup its contacts add up") {
  const char* root = std::getenv("ACD_SOURCE_DIR");
  const std::filesystem::path dir =
      std::filesystem::path(root != nullptr ? root : ".") / "scenarios";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txtpb") continue;
    INFO(entry.path().string());
    absl::StatusOr<Scenario> scenario = LoadScenarioFile(entry.path().string());
    REQUIRE(scenario.ok());
    absl::StatusOr<Report> report = RunScenario(*scenario, {.replications = 2});
    REQUIRE_MESSAGE(report.ok(), report.status().ToString());
    for (const auto& [name, kpis] : report->workgroups) {
      INFO(name);
      const auto value = [&](const char* key) { return testing::Mean(kpis, key); };
      // A workgroup that only receives transfers, overflow or callbacks
      // counts no contacts of its own (they belong to their contact type's).
      CHECK(value("offered") >= 0);
      CHECK(value("offered") == doctest::Approx(value("answered") + value("abandoned") +
                                                value("blocked") + value("waiting_at_end")));
      CHECK(value("waiting_at_end") >= 0);
      CHECK(value("occupancy") > 0);
      CHECK(value("occupancy") <= 1.0);
    }
    CHECK(testing::Mean(report->total, "offered") > 0);
  }
}

TEST_CASE("the compiled-in default scenario parses") {
  CHECK(LoadScenario(kDefaultScenarioName, DefaultScenarioText()).ok());
}

TEST_CASE("a syntax error names file, line and column") {
  CHECK(ErrorOf(Variant("count: 3", "count: 3 }")).rfind("bad.txtpb:3:", 0) == 0);
}

TEST_CASE("an unknown field names file, line, column and the field") {
  const std::string error = ErrorOf(Variant("horizon_s: 3600", "horizon_s: 3600\nhorizn_s: 1"));
  CHECK(error.rfind("bad.txtpb:11:9: ", 0) == 0);  // protobuf points just past the name
  CHECK(error.find("horizn_s") != std::string::npos);
}

TEST_CASE("a value of the wrong type names file, line and column") {
  CHECK(ErrorOf(Variant("count: 3", "count: \"three\"")).rfind("bad.txtpb:3:", 0) == 0);
}

TEST_CASE("a negative arrival rate names its line and field path") {
  CHECK(ErrorOf(Variant("rate_per_hour: 40", "rate_per_hour: -4")) ==
        "bad.txtpb:7:24: contact_types[0].arrivals.poisson.rate_per_hour: -4 must be positive "
        "and at most 1e9");
}

TEST_CASE("an unknown workgroup names its line and field path") {
  CHECK(
      ErrorOf(Variant("workgroup: \"Support\"\n  arrivals", "workgroup: \"Sales\"\n  arrivals")) ==
      "bad.txtpb:6:3: contact_types[0].workgroup: unknown workgroup \"Sales\"");
  CHECK(ErrorOf(Variant("workgroups { workgroup: \"Support\" }",
                        "workgroups { workgroup: \"Sales\" }")) ==
        "bad.txtpb:3:52: agent_groups[0].workgroups[0].workgroup: unknown workgroup \"Sales\"");
}

TEST_CASE("an unknown skill names its line and field path") {
  const std::string error = ErrorOf(Variant(
      "handle_time { exponential { mean_s: 180 } }",
      "handle_time { exponential { mean_s: 180 } }\n  requirements { skill: \"klingon\" }"));
  CHECK(error.rfind("bad.txtpb:9:", 0) == 0);
  CHECK(error.find("contact_types[0].requirements[0].skill: unknown skill \"klingon\"") !=
        std::string::npos);
  const std::string in_group =
      ErrorOf(Variant("workgroups { workgroup: \"Support\" }",
                      "workgroups { workgroup: \"Support\" } skills { skill: \"klingon\" }"));
  CHECK(in_group.rfind("bad.txtpb:3:", 0) == 0);
  CHECK(in_group.find("klingon") != std::string::npos);
}

TEST_CASE("a distribution with impossible parameters names its line and field path") {
  CHECK(ErrorOf(Variant("mean_s: 180", "mean_s: 0")) ==
        "bad.txtpb:8:31: contact_types[0].handle_time.exponential.mean_s: mean 0 must be "
        "positive and at most 1e9 seconds");
  CHECK(ErrorOf(Variant("handle_time { exponential { mean_s: 180 } }", "handle_time { }")) ==
        "bad.txtpb:8:3: contact_types[0].handle_time: no distribution kind is set (constant_s, "
        "exponential, erlang, gamma, lognormal, uniform, triangular, empirical, mixture)");
  CHECK(ErrorOf(Variant("exponential { mean_s: 180 }", "erlang { k: 0 mean_s: 180 }")) ==
        "bad.txtpb:8:26: contact_types[0].handle_time.erlang.k: 0 phases is outside 1..1000");
  CHECK(ErrorOf(Variant("exponential { mean_s: 180 }", "gamma { shape: -1 mean_s: 180 }")) ==
        "bad.txtpb:8:25: contact_types[0].handle_time.gamma.shape: shape -1 must be in (0, 1e6]");
  CHECK(ErrorOf(Variant("exponential { mean_s: 180 }", "lognormal { mean_s: 180 sd_s: -2 }"))
            .rfind("bad.txtpb:8:41: contact_types[0].handle_time.lognormal.sd_s: ", 0) == 0);
  CHECK(ErrorOf(Variant("exponential { mean_s: 180 }", "uniform { min_s: 9 max_s: 3 }")) ==
        "bad.txtpb:8:17: contact_types[0].handle_time.uniform: needs 0 <= min_s <= max_s, got 9 "
        "and 3");
  CHECK(
      ErrorOf(Variant("exponential { mean_s: 180 }", "triangular { min_s: 1 mode_s: 9 max_s: 5 }"))
          .rfind("bad.txtpb:8:17: contact_types[0].handle_time.triangular: needs", 0) == 0);
  CHECK(ErrorOf(Variant("exponential { mean_s: 180 }", "empirical { }")) ==
        "bad.txtpb:8:17: contact_types[0].handle_time.empirical: needs at least one value");
}

TEST_CASE("every distribution kind loads from a scenario") {
  for (const char* kind :
       {"constant_s: 30", "exponential { mean_s: 30 }", "erlang { k: 3 mean_s: 30 }",
        "gamma { shape: 0.5 mean_s: 30 }", "lognormal { mean_s: 30 sd_s: 10 }",
        "uniform { min_s: 10 max_s: 50 }", "triangular { min_s: 10 mode_s: 20 max_s: 60 }",
        "empirical { values_s: [10, 20, 60] }"}) {
    INFO(kind);
    absl::StatusOr<Scenario> s =
        LoadScenario("t.txtpb", Variant("exponential { mean_s: 180 }", kind));
    REQUIRE_MESSAGE(s.ok(), s.status().ToString());
    CHECK(s->contact_types[0].handle_time.mean_s() == doctest::Approx(30));
  }
}

TEST_CASE("run-shape errors name their field") {
  CHECK(ErrorOf(Variant("horizon_s: 3600", "horizon_s: 3600 warmup_s: 4000")) ==
        "bad.txtpb:10:17: warmup_s: 4000 must be at least 0 and below horizon_s");
  CHECK(ErrorOf(Variant("horizon_s: 3600", "horizon_s: 0")) ==
        "bad.txtpb:10:1: horizon_s: 0 must be in (0, 1e9] seconds");
  CHECK(ErrorOf(Variant("count: 3", "count: 0")).rfind("bad.txtpb:3:", 0) == 0);
}

TEST_CASE("an unreadable file is NotFound with its path") {
  absl::Status s = LoadScenarioFile("/nonexistent/x.txtpb").status();
  CHECK(s.code() == absl::StatusCode::kNotFound);
  CHECK(std::string(s.message()) == "/nonexistent/x.txtpb: cannot open the scenario: No such file or directory");
}

}  // namespace
}  // namespace acd::sim
