// The model features of a planned day (scenario.proto): random busyness,
// opening hours, staggered breaks and clock times.

#include <cmath>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/busyness.h"
#include "sim/clock.h"
#include "sim/mrg32k3a.h"
#include "sim/replication.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/kpis.h"

namespace acd::sim {
namespace {

using testing::Mean;

Scenario Load(const std::string& text) {
  absl::StatusOr<Scenario> scenario = LoadScenario("day.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  return *scenario;
}

// Mean and unbiased variance of the day's offered count over replications.
struct Counts {
  double mean = 0;
  double variance = 0;
};

Counts DailyCounts(const Scenario& scenario) {
  std::vector<double> counts;
  for (int r = 0; r < scenario.replications; ++r) {
    absl::StatusOr<ReplicationResult> result = RunReplication(scenario, r);
    REQUIRE(result.ok());
    counts.push_back(static_cast<double>(result->total.offered));
  }
  Counts out;
  for (double c : counts) out.mean += c / counts.size();
  for (double c : counts) out.variance += (c - out.mean) * (c - out.mean) / (counts.size() - 1);
  return out;
}

// 50 calls expected in an hour, 4000 replications, and `busyness`.
Scenario Busy(const std::string& busyness) {
  return Load(fmt::format(R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{ name: "a" count: 20 workgroups {{ workgroup: "Q" }} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: 50 }} }}
  handle_time {{ constant_s: 60 }}
}}
horizon_s: 3600
interval_s: 1800
replications: 4000
{}
)",
                          busyness));
}

// The sample variance of n draws has a standard deviation of about
// Var * sqrt((2 + excess kurtosis) / n); the checks allow 4 of them.
void ExpectVariance(const Counts& counts, double mean, double variance, double kurtosis) {
  const double sd = variance * std::sqrt((2 + kurtosis) / 4000);
  MESSAGE(fmt::format("mean {:.2f} (exact {}), variance {:.1f} (exact {}, allowed ± {:.1f})",
                      counts.mean, mean, counts.variance, variance, 4 * sd));
  CHECK(std::fabs(counts.mean - mean) <= 4 * std::sqrt(variance / 4000));
  CHECK(std::fabs(counts.variance - variance) <= 4 * sd);
}

TEST_CASE("a day's busyness factor gives the mixed-Poisson variance m + m^2 / shape") {
  // Without it the count is Poisson: variance 50.
  ExpectVariance(DailyCounts(Busy("")), 50, 50, 0.02);
  // Gamma shape 4: variance 50 + 2500 / 4 = 675 (excess kurtosis about 6 /
  // shape).
  ExpectVariance(DailyCounts(Busy("busyness { day_shape: 4 }")), 50, 675, 1.5);
}

TEST_CASE("interval noise adds each interval's own mixed-Poisson variance") {
  // Two half-hours of mean 25 each, independent factors of shape 4:
  // variance 2 * (25 + 625 / 4) = 362.5.
  ExpectVariance(DailyCounts(Busy("busyness { interval_shape: 4 }")), 50, 362.5, 1.0);
}

TEST_CASE("one busyness factor per day, times each interval's own noise") {
  // Two days of 6-hour intervals.
  Mrg32k3a rng;
  const std::vector<double> days = DrawRateFactors({.day_shape = 10}, Seconds(21600), 8, rng);
  REQUIRE(days.size() == 8);
  for (int i = 1; i < 4; ++i) CHECK(days[i] == days[0]);
  for (int i = 5; i < 8; ++i) CHECK(days[i] == days[4]);
  CHECK(days[0] != days[4]);
  const std::vector<double> noisy = DrawRateFactors({.interval_shape = 10}, Seconds(21600), 8, rng);
  CHECK(noisy[0] != noisy[1]);
  CHECK(DrawRateFactors({}, Seconds(1800), 3, rng) == std::vector<double>{1, 1, 1});
  // The last rate holds past the end of the list.
  CHECK(ScaleRates({10, 20}, {1, 2, 3}) == std::vector<double>{10, 40, 60});
}

TEST_CASE("busyness changes the arrivals, the same way for the same seed") {
  const Scenario plain = Busy("");
  const Scenario busy = Busy("busyness { day_shape: 4 }");
  std::string a, b;
  REQUIRE(RunReplication(plain, 3, &a).ok());
  REQUIRE(RunReplication(busy, 3, &b).ok());
  CHECK(a != b);
  a.clear();
  REQUIRE(RunReplication(busy, 3, &a).ok());
  CHECK(a == b);  // and it is deterministic
}

TEST_CASE("arrivals stop at closing time and those waiting are still served and counted") {
  // One agent for 2 calls a minute of 1 minute each: a queue builds up
  // until closing at 3600 s, and is worked off after it.
  const Scenario scenario = Load(R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 120 } }
  handle_time { exponential { mean_s: 60 } }
}
horizon_s: 14400
interval_s: 1800
closing_s: 3600
replications: 5
)");
  absl::StatusOr<Report> report = RunScenario(scenario);
  REQUIRE(report.ok());
  const std::vector<KpiSummaries>& intervals = report->total_intervals;
  CHECK(Mean(intervals[1], "offered") > 40);
  for (size_t i = 2; i < intervals.size(); ++i) CHECK(Mean(intervals[i], "offered") == 0);
  // Everyone who came was answered, most of them after closing.
  CHECK(Mean(report->total, "waiting_at_end") == 0);
  CHECK(Mean(report->total, "answered") == Mean(report->total, "offered"));
  CHECK(Mean(intervals[2], "occupancy") > 0.9);
  CHECK(Mean(report->total, "asa_s") > 600);
}

// The times at which each of `n` agents "a-1".. first goes to lunch, from
// replication 0's trace.
std::vector<double> LunchStarts(const Scenario& scenario, int n) {
  std::string trace;
  REQUIRE(RunReplication(scenario, 0, &trace).ok());
  std::vector<double> starts;
  for (int k = 1; k <= n; ++k) {
    const std::string agent = fmt::format("\"agent\": \"a-{}\"", k);
    size_t at = 0;
    double start = -1;
    while ((at = trace.find(agent, at)) != std::string::npos) {
      const size_t line = trace.rfind('\n', at) + 1;  // npos + 1 == 0
      const size_t end = trace.find('\n', at);
      const std::string text = trace.substr(line, end - line);
      at = end;
      if (text.find("\"status\": \"At Lunch\"") == std::string::npos) continue;
      start = std::stod(text.substr(text.find("\"t\": ") + 5));
      break;
    }
    starts.push_back(start);
  }
  return starts;
}

std::string Breaks(const std::string& stagger) {
  return fmt::format(R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{
  name: "a" count: 4 workgroups {{ workgroup: "Q" }}
  shifts {{ start_s: 0 end_s: 7200 breaks {{ start_s: 1800 duration_s: 600 {} }} }}
}}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: 60 }} }}
  handle_time {{ constant_s: 60 }}
}}
horizon_s: 7200
replications: 3
)",
                     stagger);
}

TEST_CASE("staggered breaks start evenly spaced over the window instead of all at once") {
  CHECK(LunchStarts(Load(Breaks("")), 4) == std::vector<double>{1800, 1800, 1800, 1800});
  CHECK(LunchStarts(Load(Breaks("stagger_window_s: 1200")), 4) ==
        std::vector<double>{1800, 2100, 2400, 2700});
}

TEST_CASE("staggered breaks keep some agents working through the break window") {
  absl::StatusOr<Report> all = RunScenario(Load(Breaks("")));
  absl::StatusOr<Report> staggered = RunScenario(Load(Breaks("stagger_window_s: 1200")));
  REQUIRE(all.ok());
  REQUIRE(staggered.ok());
  // Together, callers of 1800..2400 s wait for the whole group to come
  // back; staggered, three of the four agents are always there.
  const double together = Mean(all->total_intervals[1], "asa_s");
  const double spread = Mean(staggered->total_intervals[1], "asa_s");
  MESSAGE(fmt::format("ASA of callers in 1800..3600 s: {:.1f} s together, {:.1f} s staggered",
                      together, spread));
  CHECK(together > 60);
  CHECK(spread < 10);
}

TEST_CASE("clock times parse and print") {
  CHECK(*ParseClock("08:00") == 28800);
  CHECK(*ParseClock("8:30") == 30600);
  CHECK(*ParseClock("23:59:59") == 86399);
  CHECK(*ParseClock("28800") == 28800);
  CHECK(*ParseClock("8") == 8);  // seconds
  for (const std::string bad : {"24:00", "08:60", "08:5", "abc", "-5", "86400", "1:2:3:4", ""}) {
    INFO(bad);
    CHECK_FALSE(ParseClock(bad).ok());
  }
  CHECK(FormatClock(28800) == "08:00");
  CHECK(FormatClock(28800 + 1800) == "08:30");
  CHECK(FormatClock(86400 + 45) == "00:00:45");
}

TEST_CASE("a day start puts clock times next to seconds in JSON, CSV and the table") {
  const Scenario scenario = Load(R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 2 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 30 } }
  handle_time { constant_s: 60 }
}
horizon_s: 5400
interval_s: 1800
day_start: "23:00"
replications: 2
)");
  absl::StatusOr<Report> report = RunScenario(scenario);
  REQUIRE(report.ok());
  const std::string json = FormatJson(*report);
  CHECK(json.find("\"day_start_s\": 82800,\n") != std::string::npos);
  CHECK(json.find("{\"start_s\": 1800, \"clock\": \"23:30\", \"kpis\": ") != std::string::npos);
  CHECK(json.find("{\"start_s\": 3600, \"clock\": \"00:00\", \"kpis\": ") != std::string::npos);
  const std::string csv = FormatIntervalCsv(*report, IntervalSlice::kTotal);
  CHECK(csv.rfind("total,start_s,clock,offered_mean,", 0) == 0);
  CHECK(csv.find("\ntotal,3600,00:00,") != std::string::npos);
  CHECK(FormatTable(*report).find(", day starts 23:00\n") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
