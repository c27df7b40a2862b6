#include "sim/report.h"

#include <algorithm>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "sim/tally.h"
#include "tests/testing/kpis.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

constexpr char kTwoQueues[] = R"(name: "two \"queues\""
center { workgroups { name: "Sales" } workgroups { name: "Support" wrap_up_s: 10 } }
agent_groups { name: "s" count: 2 workgroups { workgroup: "Sales" } }
agent_groups { name: "t" count: 3 workgroups { workgroup: "Support" } }
contact_types {
  name: "sales calls" workgroup: "Sales"
  arrivals { poisson { rate_per_hour: 30 } }
  handle_time { exponential { mean_s: 120 } }
  patience { exponential { mean_s: 60 } }
}
contact_types {
  name: "support calls" workgroup: "Support"
  arrivals { poisson { rate_per_hour: 50 } }
  handle_time { constant_s: 150 }
}
horizon_s: 36000
warmup_s: 600
replications: 4
)";

Report RunTwoQueues() {
  absl::StatusOr<Scenario> scenario = LoadScenario("two.txtpb", kTwoQueues);
  REQUIRE(scenario.ok());
  absl::StatusOr<Report> report = RunScenario(*scenario);
  REQUIRE(report.ok());
  return *report;
}

using testing::Mean;

TEST_CASE("offered contacts are answered, abandoned or still waiting, per workgroup and total") {
  Report report = RunTwoQueues();
  for (const auto& [name, kpis] : report.workgroups) {
    INFO(name);
    CHECK(Mean(kpis, "offered") ==
          doctest::Approx(Mean(kpis, "answered") + Mean(kpis, "abandoned") +
                          Mean(kpis, "waiting_at_end")));
  }
  CHECK(Mean(report.total, "offered") ==
        doctest::Approx(Mean(report.workgroups[0].second, "offered") +
                        Mean(report.workgroups[1].second, "offered")));
  // Support has no patience configured: nobody abandons there.
  CHECK(Mean(report.workgroups[1].second, "abandoned") == 0);
  // Its handle time is 150 s of talk plus 10 s of wrap-up, exactly.
  CHECK(Mean(report.workgroups[1].second, "aht_s") == doctest::Approx(160.0));
}

TEST_CASE("JSON has every KPI as mean and ci95 under total, workgroups and contact types") {
  const std::string json = FormatJson(RunTwoQueues());
  CHECK(json.find("\"scenario\": \"two \\\"queues\\\"\"") != std::string::npos);
  CHECK(json.find("\"workgroups\": {\n    \"Sales\": {") != std::string::npos);
  CHECK(json.find("\"contact_types\": {\n    \"sales calls\": {") != std::string::npos);
  for (const KpiDefinition& kpi : Kpis()) {
    INFO(kpi.key);
    CHECK(json.find(std::string("\"") + kpi.key + "\": {\"mean\": ") != std::string::npos);
  }
  // Contact types have no agents of their own: occupancy is null there.
  CHECK(json.find("\"occupancy\": {\"mean\": null, \"ci95\": null}") != std::string::npos);
}

TEST_CASE("the table has a column per workgroup and a total") {
  const std::string table = FormatTable(RunTwoQueues());
  CHECK(table.find("Sales") != std::string::npos);
  CHECK(table.find("Support") != std::string::npos);
  CHECK(table.find("total") != std::string::npos);
  CHECK(table.find("SL (answered)") != std::string::npos);
  CHECK(table.find("±") != std::string::npos);
}

TEST_CASE("the same scenario and seed give byte-identical JSON") {
  CHECK(FormatJson(RunTwoQueues()) == FormatJson(RunTwoQueues()));
}

TEST_CASE("any number of threads gives the same report, byte for byte") {
  absl::StatusOr<Scenario> scenario = LoadScenario("two.txtpb", kTwoQueues);
  REQUIRE(scenario.ok());
  const std::string one = FormatJson(*RunScenario(*scenario, {.threads = 1}));
  CHECK(FormatJson(*RunScenario(*scenario, {.threads = 2})) == one);
  CHECK(FormatJson(*RunScenario(*scenario, {.threads = 3})) == one);
  CHECK(RunScenario(*scenario, {.threads = 0}).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("another seed gives other numbers") {
  absl::StatusOr<Scenario> scenario = LoadScenario("two.txtpb", kTwoQueues);
  REQUIRE(scenario.ok());
  const std::string a = FormatJson(*RunScenario(*scenario, {.seed = 1}));
  const std::string b = FormatJson(*RunScenario(*scenario, {.seed = 2}));
  CHECK(a != b);
}

constexpr char kPeaks[] = R"(name: "peaks"
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 20 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  # Quiet, a peak of 720 an hour, quiet again, then 60 an hour to the end.
  arrivals { poisson { rates_per_hour: [0, 720, 0, 60] } }
  handle_time { exponential { mean_s: 60 } }
}
horizon_s: 9000
interval_s: 1800
replications: 20
)";

TEST_CASE("arrivals follow the rate of each interval, and intervals add up to the total") {
  absl::StatusOr<Scenario> scenario = LoadScenario("peaks.txtpb", kPeaks);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  absl::StatusOr<Report> report = RunScenario(*scenario);
  REQUIRE(report.ok());
  REQUIRE(report->workgroup_intervals.size() == 1);
  const std::vector<KpiSummaries>& intervals = report->workgroup_intervals[0].second;
  REQUIRE(intervals.size() == 5);
  // Expected per interval: 0, 360, 0, 30, 30 (the last rate holds).
  CHECK(Mean(intervals[0], "offered") == 0);
  CHECK(Mean(intervals[1], "offered") == doctest::Approx(360).epsilon(0.05));
  CHECK(Mean(intervals[2], "offered") == 0);
  CHECK(Mean(intervals[3], "offered") == doctest::Approx(30).epsilon(0.25));
  CHECK(Mean(intervals[4], "offered") == doctest::Approx(30).epsilon(0.25));
  double sum = 0;
  for (const KpiSummaries& kpis : intervals) sum += Mean(kpis, "offered");
  CHECK(sum == doctest::Approx(Mean(report->total, "offered")));
  // The peak keeps agents busier than the quiet tail.
  CHECK(Mean(intervals[1], "occupancy") > Mean(intervals[4], "occupancy"));
  const std::string json = FormatJson(*report);
  CHECK(json.find("\"intervals\": {\n    \"Q\": [\n      {\"start_s\": 0, \"kpis\": {") !=
        std::string::npos);
}

TEST_CASE("the interval CSV has a header and one row per workgroup and interval") {
  absl::StatusOr<Scenario> scenario = LoadScenario("two.txtpb", kTwoQueues);
  REQUIRE(scenario.ok());
  const Report report = *RunScenario(*scenario);
  const std::string csv = FormatIntervalCsv(report);
  CHECK(csv.rfind("workgroup,start_s,offered_mean,offered_ci95,", 0) == 0);
  size_t rows = 0;
  for (char c : csv) rows += c == '\n';
  // 36,000 s in 30-minute intervals is 20 intervals, for each of 2 workgroups.
  CHECK(rows == 1 + 2 * 20);
  CHECK(csv.find("\nSupport,1800,") != std::string::npos);
  // The same per contact type, and for the whole center.
  const std::string types = FormatIntervalCsv(report, IntervalSlice::kContactTypes);
  CHECK(types.rfind("contact_type,start_s,offered_mean,", 0) == 0);
  const std::string total = FormatIntervalCsv(report, IntervalSlice::kTotal);
  CHECK(total.rfind("total,start_s,offered_mean,", 0) == 0);
  CHECK(total.find("\ntotal,1800,") != std::string::npos);
}

TEST_CASE("contact-type and total intervals add up to the run's totals") {
  absl::StatusOr<Scenario> scenario = LoadScenario("two.txtpb", kTwoQueues);
  REQUIRE(scenario.ok());
  const Report report = *RunScenario(*scenario);
  REQUIRE(report.contact_type_intervals.size() == report.contact_types.size());
  for (const char* key : {"offered", "answered", "abandoned"}) {
    INFO(key);
    double by_type = 0, total = 0;
    for (const auto& [name, intervals] : report.contact_type_intervals) {
      for (const KpiSummaries& kpis : intervals) by_type += Mean(kpis, key);
    }
    for (const KpiSummaries& kpis : report.total_intervals) total += Mean(kpis, key);
    CHECK(by_type == doctest::Approx(Mean(report.total, key)));
    CHECK(total == doctest::Approx(Mean(report.total, key)));
  }
  // Agent time is in the total's intervals too.
  for (const KpiSummaries& kpis : report.total_intervals) {
    CHECK(Mean(kpis, "occupancy") > 0);
    CHECK(Mean(kpis, "occupancy") <= 1);
  }
  const std::string json = FormatJson(report);
  CHECK(json.find("\"contact_type_intervals\": {") != std::string::npos);
  CHECK(json.find("\"total_intervals\": [") != std::string::npos);
}

TEST_CASE("a report of part of a study says which part, and a whole study's does not") {
  const Scenario scenario = testing::SmallStudy();
  absl::StatusOr<Report> part = RunScenario(scenario, {.range = ReplicationRange{3, 7}});
  REQUIRE(part.ok());
  CHECK(FormatTable(*part).find("\n4 replications (3..6 of 9), seed 5151,") != std::string::npos);
  CHECK(FormatJson(*part).find("\"replications\": 4,\n  \"replication_range\": {\"first\": 3, "
                               "\"end\": 7, \"of\": 9},\n") != std::string::npos);
  absl::StatusOr<Report> whole = RunScenario(scenario);
  REQUIRE(whole.ok());
  CHECK(FormatTable(*whole).find("\n9 replications, seed 5151,") != std::string::npos);
  CHECK(FormatJson(*whole).find("replication_range") == std::string::npos);
}

TEST_CASE("the trace follows a contact from arrival to completion and changes no result") {
  absl::StatusOr<Scenario> scenario = LoadScenario("two.txtpb", kTwoQueues);
  REQUIRE(scenario.ok());
  std::string trace;
  const std::string with = FormatJson(*RunScenario(*scenario, {.threads = 2, .trace = &trace}));
  CHECK(with == FormatJson(*RunScenario(*scenario)));
  // Contact 1's events, in order.
  std::vector<std::string> events;
  size_t start = 0;
  while (start < trace.size()) {
    const size_t end = trace.find('\n', start);
    const std::string line = trace.substr(start, end - start);
    REQUIRE(line.front() == '{');
    REQUIRE(line.back() == '}');
    if (line.find("\"contact\": 1,") != std::string::npos) {
      const size_t at = line.find("\"event\": \"") + 10;
      events.push_back(line.substr(at, line.find('"', at) - at));
    }
    start = end + 1;
  }
  REQUIRE(events.size() >= 3);
  CHECK(events.front() == "arrival");
  CHECK(std::find(events.begin(), events.end(), "offer") != events.end());
  CHECK((events.back() == "completed" || events.back() == "abandoned"));
}

TEST_CASE("rate lists are checked: not both forms, not all zero") {
  std::string both = kPeaks;
  both.replace(both.find("rates_per_hour"), 0, "rate_per_hour: 5 ");
  CHECK(std::string(LoadScenario("b.txtpb", both).status().message())
            .find("set rate_per_hour or rates_per_hour, not both") != std::string::npos);
  std::string zeros = kPeaks;
  zeros.replace(zeros.find("[0, 720, 0, 60]"), 15, "[0, 0]");
  CHECK(std::string(LoadScenario("z.txtpb", zeros).status().message())
            .find("rates_per_hour: are all zero") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
