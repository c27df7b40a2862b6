#include "sim/scenario_source.h"

#include <string>

#include "acd/proto/scenario.pb.h"
#include "doctest/doctest.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

std::string FingerprintOf(const std::string& text) {
  absl::StatusOr<ParsedScenario> parsed = ParsedScenario::Parse("f.txtpb", text);
  REQUIRE_MESSAGE(parsed.ok(), parsed.status().ToString());
  return parsed->Fingerprint();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("the fingerprint follows the scenario's values, not its text or run size") {
  const std::string text = testing::kSmallStudy;
  const std::string fingerprint = FingerprintOf(text);
  CHECK(fingerprint.size() == 24);
  CHECK(fingerprint.rfind("fnv1a64:", 0) == 0);
  // Comments, layout, field order, seed and replications leave it alone.
  CHECK(FingerprintOf("# a comment\n" + Replace(text, "horizon_s: 7200\ninterval_s: 1800",
                                                "interval_s:   1800 horizon_s: 7200.0")) ==
        fingerprint);
  CHECK(FingerprintOf(Replace(Replace(text, "seed: 5151", "seed: 1"), "replications: 9",
                              "replications: 50")) == fingerprint);
  // Any value, the name included, changes it.
  CHECK(FingerprintOf(Replace(text, "count: 3", "count: 4")) != fingerprint);
  CHECK(FingerprintOf(Replace(text, "\"small study\"", "\"small\"")) != fingerprint);
}

TEST_CASE("a change to the parsed message before conversion is converted and fingerprinted") {
  absl::StatusOr<ParsedScenario> parsed = ParsedScenario::Parse("f.txtpb", testing::kSmallStudy);
  REQUIRE(parsed.ok());
  const std::string before = parsed->Fingerprint();
  parsed->message().mutable_agent_groups(1)->set_count(7);
  CHECK(parsed->Fingerprint() ==
        FingerprintOf(Replace(testing::kSmallStudy, "count: 3", "count: 7")));
  CHECK(parsed->Fingerprint() != before);
  absl::StatusOr<Scenario> scenario = parsed->Convert();
  REQUIRE(scenario.ok());
  CHECK(scenario->agent_groups[1].count == 7);
  // A bad value set there gets the usual error, located in the file.
  parsed->message().set_horizon_s(-1);
  CHECK(std::string(parsed->Convert().status().message()).find("f.txtpb:") == 0);
  CHECK(std::string(parsed->Convert().status().message()).find("horizon_s") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
