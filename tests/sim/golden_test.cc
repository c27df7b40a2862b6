#include "sim/golden.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "doctest/doctest.h"
#include "sim/json_reader.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

// A report as FormatJson writes it, cut down to what the check reads.
constexpr char kReport[] = R"({
  "version": "0.1.0",
  "scenario": "two queues",
  "seed": 7,
  "replications": 10,
  "service_level_s": 20,
  "horizon_s": 3600,
  "warmup_s": 0,
  "total": {
    "offered": {"mean": 100, "ci95": 4},
    "service_level": {"mean": 0.8, "ci95": 0.03},
    "agents": {"mean": 5, "ci95": 0},
    "asa": {"mean": null, "ci95": null},
    "rare": {"mean": 2, "ci95": null}
  },
  "workgroups": {
    "Sales": {"offered": {"mean": 60, "ci95": 3}},
    "Tech support": {"offered": {"mean": 40, "ci95": 3}}
  },
  "contact_types": {},
  "interval_s": 1800,
  "intervals": {
    "Sales": [{"start_s": 0, "kpis": {"offered": {"mean": 30, "ci95": 2}}},
              {"start_s": 1800, "kpis": {"offered": {"mean": 30, "ci95": 2}}}]
  },
  "contact_type_intervals": {},
  "total_intervals": []
}
)";

ParsedJson Parse(const std::string& text) {
  absl::StatusOr<ParsedJson> value = ReadJson(text, "test");
  REQUIRE(value.ok());
  return *value;
}

// kReport with each {from, to} replaced.
std::string Edit(std::initializer_list<std::pair<absl::string_view, absl::string_view>> edits) {
  std::string text = kReport;
  for (const auto& [from, to] : edits) {
    REQUIRE(absl::StrContains(text, from));
    text = absl::StrReplaceAll(text, {{from, to}});
  }
  return text;
}

GoldenComparison Exact(const std::string& golden, const std::string& now) {
  return CompareExact(golden, Parse(golden), now, Parse(now));
}

GoldenComparison Statistical(const std::string& golden, const std::string& now,
                             StatisticalOptions options = {}) {
  return CompareStatistical(Parse(golden), Parse(now), options);
}

TEST_CASE("identical reports pass in both modes") {
  const GoldenComparison exact = Exact(kReport, kReport);
  CHECK(exact.passed);
  CHECK(exact.differences.empty());
  CHECK(exact.compared == 28);
  CHECK(exact.golden_bytes == static_cast<int64_t>(std::string(kReport).size()));
  const GoldenComparison statistical = Statistical(kReport, kReport);
  CHECK(statistical.passed);
  // Four KPIs of the total (one skipped, without an interval), two of the
  // workgroups; intervals are not compared by default.
  CHECK(statistical.compared == 6);
  CHECK(statistical.skipped == 1);
}

TEST_CASE("exact mode lists each differing value by its path, golden then now") {
  const GoldenComparison c =
      Exact(kReport, Edit({{"\"mean\": 0.8,", "\"mean\": 0.79,"},
                           {"\"Tech support\": {\"offered\": {\"mean\": 40",
                            "\"Tech support\": {\"offered\": {\"mean\": 41"}}));
  CHECK_FALSE(c.passed);
  REQUIRE(c.differences.size() == 2);
  CHECK(c.differences[0].path == "total.service_level.mean");
  CHECK(c.differences[0].golden == "0.8");
  CHECK(c.differences[0].now == "0.79");
  CHECK(c.differences[1].path == "workgroups[\"Tech support\"].offered.mean");
  CHECK(FormatDifferences(c, 20) ==
        "  total.service_level.mean: 0.8 -> 0.79\n"
        "  workgroups[\"Tech support\"].offered.mean: 40 -> 41\n");
  CHECK(FormatDifferences(c, 1) ==
        "  total.service_level.mean: 0.8 -> 0.79\n"
        "  ... and 1 more\n"
        "  by section: total 1, workgroups 1\n");
}

TEST_CASE("exact mode reports keys and intervals present on one side only") {
  const GoldenComparison c = Exact(
      kReport, Edit({{"\"rare\"", "\"rarer\""},
                     {",\n              {\"start_s\": 1800, \"kpis\": {\"offered\": {\"mean\": 30, "
                      "\"ci95\": 2}}}",
                      ""}}));
  CHECK(FormatDifferences(c, 20) ==
        "  total.rare: {2 keys} -> (absent)\n"
        "  total.rarer: (absent) -> {2 keys}\n"
        "  intervals.Sales[1]: {2 keys} -> (absent)\n");
}

TEST_CASE("exact mode tells formatting from values") {
  const std::string spaced = Edit({{"\"seed\": 7", "\"seed\":  7"}});
  const GoldenComparison c = Exact(kReport, spaced);
  CHECK_FALSE(c.passed);
  CHECK(c.differences.empty());
  CHECK(c.formatting == "offset 62 (line 4)");
  CHECK(FormatDifferences(c, 20).find("every value is the same, but the bytes differ") !=
        std::string::npos);
}

TEST_CASE("statistical mode passes a move within the combined interval and fails one beyond") {
  // sqrt(0.03^2 + 0.04^2) = 0.05.
  CHECK(Statistical(kReport,
                    Edit({{"\"mean\": 0.8, \"ci95\": 0.03", "\"mean\": 0.85, \"ci95\": 0.04"}}))
            .passed);
  const GoldenComparison c = Statistical(
      kReport, Edit({{"\"mean\": 0.8, \"ci95\": 0.03", "\"mean\": 0.851, \"ci95\": 0.04"}}));
  CHECK_FALSE(c.passed);
  REQUIRE(c.differences.size() == 1);
  CHECK(c.differences[0].path == "total.service_level");
  CHECK(c.differences[0].golden == "0.8 ± 0.03");
  CHECK(c.differences[0].now == "0.851 ± 0.04");
  CHECK(c.differences[0].note == "|diff| 0.051 > 0.05 (combined 95% half-width)");
  // --interval-scale 2 doubles what is allowed.
  CHECK(Statistical(kReport,
                    Edit({{"\"mean\": 0.8, \"ci95\": 0.03", "\"mean\": 0.9, \"ci95\": 0.04"}}),
                    {.interval_scale = 2})
            .passed);
}

TEST_CASE("statistical mode allows only rounding where neither study has spread") {
  CHECK(Statistical(kReport, Edit({{"\"mean\": 5, \"ci95\": 0",
                                    "\"mean\": 5.000000001, "
                                    "\"ci95\": 0"}}))
            .passed);
  const GoldenComparison c =
      Statistical(kReport, Edit({{"\"mean\": 5, \"ci95\": 0", "\"mean\": 6, \"ci95\": 0"}}));
  REQUIRE(c.differences.size() == 1);
  CHECK(c.differences[0].path == "total.agents");
  CHECK(c.differences[0].note == "|diff| 1 > 6e-09 (no spread in either study)");
}

TEST_CASE("statistical mode ignores seed, size and version but not the settings") {
  CHECK(Statistical(kReport, Edit({{"\"seed\": 7", "\"seed\": 8"},
                                   {"\"replications\": 10", "\"replications\": 30"},
                                   {"0.1.0", "0.2.0"}}))
            .passed);
  const GoldenComparison c =
      Statistical(kReport, Edit({{"\"horizon_s\": 3600", "\"horizon_s\": 7200"}}));
  REQUIRE(c.differences.size() == 1);
  CHECK(c.differences[0].path == "horizon_s");
  CHECK(c.differences[0].note == "another setting");
}

TEST_CASE("statistical mode reports KPIs and members on one side only") {
  const GoldenComparison c =
      Statistical(kReport, Edit({{"\"Tech support\"", "\"Support\""},
                                 {"\"agents\": {\"mean\": 5, \"ci95\": 0}", "\"agents\": 5"}}));
  REQUIRE(c.differences.size() == 3);
  CHECK(c.differences[0].path == "total.agents");
  CHECK(c.differences[0].golden == "5 ± 0");
  CHECK(c.differences[0].now == "(absent)");
  CHECK(c.differences[0].note == "not a KPI");
  CHECK(c.differences[1].path == "workgroups[\"Tech support\"]");
  CHECK(c.differences[1].golden == "{1 key}");
  CHECK(c.differences[1].now == "(absent)");
  CHECK(c.differences[2].path == "workgroups.Support");
  CHECK(c.differences[2].golden == "(absent)");
}

TEST_CASE("statistical mode skips a value that one study has and the other has not") {
  // asa_s is null where nothing was answered in any replication; whether
  // anything was is the answered KPI's test.
  for (const char* now :
       {"\"asa\": {\"mean\": 31, \"ci95\": null}", "\"asa\": {\"mean\": 31, \"ci95\": 2}"}) {
    const GoldenComparison c =
        Statistical(kReport, Edit({{"\"asa\": {\"mean\": null, \"ci95\": null}", now}}));
    CHECK(c.passed);
    CHECK(c.skipped == 2);
    CHECK(c.compared == 5);
  }
}

TEST_CASE("statistical mode compares intervals only when asked") {
  const std::string moved = Edit({{"\"start_s\": 1800, \"kpis\": {\"offered\": {\"mean\": 30",
                                   "\"start_s\": 1800, \"kpis\": {\"offered\": {\"mean\": 40"}});
  CHECK(Statistical(kReport, moved).passed);
  const GoldenComparison c = Statistical(kReport, moved, {.intervals = true});
  REQUIRE(c.differences.size() == 1);
  CHECK(c.differences[0].path == "intervals.Sales[1].offered");
  CHECK(c.compared == 8);
}

TEST_CASE("a golden must be a report of the same scenario, and in exact mode of the same run") {
  const ParsedJson golden = Parse(kReport);
  CHECK(CheckGoldenFits(golden, golden, GoldenMode::kExact, "g.json").ok());
  CHECK(CheckGoldenFits(Parse("[1]"), golden, GoldenMode::kExact, "g.json").message() ==
        "g.json: not an acdsim JSON report (no \"version\"; write one with --update)");
  CHECK(CheckGoldenFits(golden, Parse(Edit({{"two queues", "three queues"}})),
                        GoldenMode::kStatistical, "g.json")
            .message() == "g.json: a golden of scenario \"two queues\", not of \"three queues\"");
  const ParsedJson seed = Parse(Edit({{"\"seed\": 7", "\"seed\": 8"}}));
  CHECK(CheckGoldenFits(golden, seed, GoldenMode::kStatistical, "g.json").ok());
  CHECK(CheckGoldenFits(golden, seed, GoldenMode::kExact, "g.json").message() ==
        "g.json: made with seed 7, this run has 8; exact mode needs the same (run with "
        "--seed 7, or use --mode statistical, or --update)");
  const ParsedJson size = Parse(Edit({{"\"replications\": 10", "\"replications\": 3"}}));
  CHECK(CheckGoldenFits(golden, size, GoldenMode::kExact, "g.json").message() ==
        "g.json: made with replications 10, this run has 3; exact mode needs the same (run "
        "with --replications 10, or use --mode statistical, or --update)");
}

TEST_CASE("a golden file that is missing, malformed or a directory is an error naming it") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "acd_golden_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string missing = (dir / "missing.json").string();
  CHECK(ReadGoldenFile(missing).status().message() ==
        missing + ": cannot open the golden: No such file or directory (write it with --update)");
  CHECK(absl::IsNotFound(ReadGoldenFile(missing).status()));
  const std::string malformed = (dir / "malformed.json").string();
  std::ofstream(malformed) << "{\"version\": \"0.1.0\",\n  \"seed\": 12345,\n}\n";
  CHECK(ReadGoldenFile(malformed).status().message() ==
        malformed + ": byte 38 (line 3, column 1): expected a key (a string) in an object");
  CHECK(ReadGoldenFile(dir.string()).status().message() ==
        dir.string() + ": the golden is not a regular file (a directory)");
  const std::string good = (dir / "good.json").string();
  std::ofstream(good) << kReport;
  absl::StatusOr<GoldenFile> read = ReadGoldenFile(good);
  REQUIRE(read.ok());
  CHECK(read->text == kReport);
  CHECK(read->report.Find("seed")->number() == 7);
  fs::remove_all(dir);
}

TEST_CASE("a mode is exact or statistical") {
  CHECK(*ParseGoldenMode("exact") == GoldenMode::kExact);
  CHECK(*ParseGoldenMode("statistical") == GoldenMode::kStatistical);
  CHECK(ParseGoldenMode("fuzzy").status().message() ==
        "'fuzzy' is not a mode: exact or statistical");
}

TEST_CASE("a study's own report passes against itself and fails against another seed's") {
  absl::StatusOr<Scenario> scenario = LoadScenario("q.txtpb", R"(name: "q"
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 3 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 60 } }
  handle_time { exponential { mean_s: 150 } }
  patience { exponential { mean_s: 120 } }
}
horizon_s: 28800
replications: 20
)");
  REQUIRE(scenario.ok());
  const auto json = [&](uint64_t seed) {
    absl::StatusOr<Report> report = RunScenario(*scenario, {.seed = seed});
    REQUIRE(report.ok());
    return FormatJson(*report);
  };
  const std::string a = json(1);
  const std::string b = json(2);
  CHECK(Exact(a, json(1)).passed);
  const GoldenComparison exact = Exact(a, b);
  CHECK_FALSE(exact.passed);
  CHECK(exact.differences.size() > 10);
  CHECK(exact.differences[0].path == "seed");
}

}  // namespace
}  // namespace acd::sim
