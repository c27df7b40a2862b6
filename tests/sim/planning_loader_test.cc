// Loader errors of the planning fields (scenario.proto): each bad value is
// reported with file, line and field path, and nothing loads.

#include <string>

#include "doctest/doctest.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

// Line numbers below count from this text's first line.
constexpr char kValid[] = R"(name: "t"
center { workgroups { name: "Support" } }
agent_groups {
  name: "agent" count: 3 workgroups { workgroup: "Support" }
  shifts { start_s: 0 end_s: 3600 breaks { start_s: 1800 duration_s: 600 } }
}
contact_types {
  name: "Calls"
  workgroup: "Support"
  arrivals { poisson { rate_per_hour: 40 } }
  handle_time { exponential { mean_s: 180 } }
}
horizon_s: 3600
)";

std::string Variant(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The error of kValid with `from` replaced by `to`; it must start with
// "bad.txtpb:<line>:" and name `field` with `message`.
void ExpectError(const std::string& from, const std::string& to, int line,
                 const std::string& field_and_message) {
  absl::StatusOr<Scenario> s = LoadScenario("bad.txtpb", Variant(from, to));
  REQUIRE_FALSE(s.ok());
  const std::string error(s.status().message());
  INFO(error);
  CHECK(s.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(error.rfind("bad.txtpb:" + std::to_string(line) + ":", 0) == 0);
  CHECK(error.find(": " + field_and_message) != std::string::npos);
}

constexpr char kHandle[] = "handle_time { exponential { mean_s: 180 } }";
constexpr char kHorizon[] = "horizon_s: 3600";

TEST_CASE("the planning fields load with their values") {
  absl::StatusOr<Scenario> s = LoadScenario(
      "t.txtpb",
      Variant(kHorizon,
              "horizon_s: 3600 day_start: \"08:30\" busyness { day_shape: 20 interval_shape: 50 "
              "} closing_s: 3000"));
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  CHECK(*s->day_start_s == 30600);
  CHECK(s->busyness.day_shape == 20);
  CHECK(s->busyness.interval_shape == 50);
  CHECK(*s->closing == Time() + Seconds(3000));
  CHECK(s->contact_types[0].service_levels == std::vector<Duration>{Seconds(20)});
  CHECK_FALSE(s->own_service_levels);
  absl::StatusOr<Scenario> t = LoadScenario(
      "t.txtpb",
      Variant(kHandle, std::string(kHandle) + " service_level_s: [20, 30] balk_probability: 0.25"));
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  CHECK(t->contact_types[0].service_levels == std::vector<Duration>{Seconds(20), Seconds(30)});
  CHECK(t->own_service_levels);
  CHECK(t->contact_types[0].balk_probability == 0.25);
}

TEST_CASE("bad service-level thresholds and balking name their field") {
  ExpectError(kHandle, std::string(kHandle) + "\n  service_level_s: [1, 2, 3, 4, 5]", 12,
              "contact_types[0].service_level_s: 5 thresholds, more than 4");
  ExpectError(kHandle, std::string(kHandle) + "\n  service_level_s: [20, -1]", 12,
              "contact_types[0].service_level_s[1]: -1 is outside 0..1e9 seconds");
  ExpectError(kHandle, std::string(kHandle) + "\n  balk_probability: 1.5", 12,
              "contact_types[0].balk_probability: 1.5 is outside 0..1");
}

TEST_CASE("bad day start, busyness and closing time name their field") {
  ExpectError(kHorizon, "horizon_s: 3600\nday_start: \"25:00\"", 14,
              "day_start: \"25:00\" is not a clock time");
  ExpectError(kHorizon, "horizon_s: 3600\nbusyness { day_shape: -1 }", 14,
              "busyness.day_shape: -1 must be 0 (off) or in (0, 1e6]");
  ExpectError(kHorizon, "horizon_s: 3600\nbusyness { interval_shape: inf }", 14,
              "busyness.interval_shape: inf must be 0 (off) or in (0, 1e6]");
  ExpectError(kHorizon, "horizon_s: 3600\nclosing_s: 4000", 14,
              "closing_s: 4000 must be in (0, horizon_s] seconds");
  ExpectError(kHorizon, "horizon_s: 3600\nclosing_s: 0", 14,
              "closing_s: 0 must be in (0, horizon_s] seconds");
}

TEST_CASE("a stagger window that runs the break past its shift names its field") {
  ExpectError("duration_s: 600 }", "duration_s: 600 stagger_window_s: 1500 }", 5,
              "agent_groups[0].shifts[0].breaks[0].stagger_window_s: 1500 must be 0..1e9 "
              "seconds, with start_s + stagger_window_s + duration_s inside the shift");
  ExpectError("duration_s: 600 }", "duration_s: 600 stagger_window_s: -5 }", 5,
              "agent_groups[0].shifts[0].breaks[0].stagger_window_s: -5 must be");
}

TEST_CASE("bad mixtures name their field") {
  ExpectError(kHandle,
              "handle_time { mixture { weights: [1] components { constant_s: 1 } "
              "components { constant_s: 2 } } }",
              11,
              "contact_types[0].handle_time.mixture: needs 1..16 components and one weight "
              "each, got 2 components and 1 weights");
  ExpectError(kHandle,
              "handle_time { mixture { weights: [0, 0] components { constant_s: 1 } "
              "components { constant_s: 2 } } }",
              11, "contact_types[0].handle_time.mixture.weights: are all zero");
  ExpectError(kHandle,
              "handle_time { mixture { weights: [1, -2] components { constant_s: 1 } "
              "components { constant_s: 2 } } }",
              11, "contact_types[0].handle_time.mixture.weights[1]: -2 is outside 0..1e9");
  ExpectError(kHandle,
              "handle_time { mixture { weights: [1] components { exponential { mean_s: 0 } } } }",
              11, "contact_types[0].handle_time.mixture.components[0].exponential.mean_s: mean 0");
  std::string deep = "constant_s: 1";
  for (int i = 0; i < 5; ++i) deep = "mixture { weights: [1] components { " + deep + " } }";
  ExpectError(kHandle, "handle_time { " + deep + " }", 11, "mixtures nest more than 4 deep");
}

TEST_CASE("a mixture loads with its exact mean") {
  absl::StatusOr<Scenario> s = LoadScenario(
      "t.txtpb", Variant(kHandle,
                         "handle_time { mixture { weights: [3, 1] components { constant_s: 100 } "
                         "components { exponential { mean_s: 500 } } } }"));
  REQUIRE_MESSAGE(s.ok(), s.status().ToString());
  CHECK(s->contact_types[0].handle_time.mean_s() == doctest::Approx(200));
}

}  // namespace
}  // namespace acd::sim
