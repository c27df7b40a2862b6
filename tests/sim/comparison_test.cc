#include "sim/comparison.h"

#include <cmath>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "sim/kpi_plan.h"
#include "sim/paired_runner.h"
#include "sim/replication.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

// One total with three KPIs and no intervals.
KpiLayout ThreeKpis() {
  KpiLayout layout;
  layout.slices.push_back(
      {"total",
       {"total"},
       {{"service_level_ans", "SL", 4}, {"asa_s", "ASA", 2}, {"offered", "n", 1}}});
  return layout;
}

TEST_CASE("each KPI has the direction that counts as better") {
  CHECK(BetterDirection("service_level_ans") == Better::kHigher);
  CHECK(BetterDirection("service_level_g1") == Better::kHigher);
  CHECK(BetterDirection("on_time") == Better::kHigher);
  CHECK(BetterDirection("asa_s") == Better::kLower);
  CHECK(BetterDirection("abandon_rate") == Better::kLower);
  CHECK(BetterDirection("p_wait") == Better::kLower);
  CHECK(BetterDirection("occupancy") == Better::kNone);
  CHECK(BetterDirection("offered") == Better::kNone);
  CHECK(BetterDirection("aht_s") == Better::kNone);
  CHECK(std::string(BetterName(Better::kNone)) == "none");
}

TEST_CASE("identical sides differ by exactly 0 with a zero-width interval") {
  Comparison c = Comparison::Start(ThreeKpis());
  for (const std::vector<double>& v :
       {std::vector<double>{0.8, 10.5, 100}, std::vector<double>{0.7, 12.25, 110},
        std::vector<double>{0.9, 9.0, 95}}) {
    c.Add(v, v);
  }
  for (size_t k = 0; k < 3; ++k) {
    const KpiComparison kc = c.At(0, 0, 0, k);
    CHECK(kc.diff == 0);
    CHECK(kc.ci95 == 0);
    CHECK(kc.unpaired_ci95 > 0);
    CHECK(kc.a == kc.b);
  }
  CHECK(c.At(0, 0, 0, 0).verdict == Verdict::kNoDifference);
  CHECK(c.At(0, 0, 0, 2).verdict == Verdict::kNotCompared);
  CHECK(ComparisonExitStatus(c) == 0);
}

TEST_CASE("a paired difference outside its interval is better or worse by the KPI's direction") {
  Comparison c = Comparison::Start(ThreeKpis());
  // B's SL is higher by about 0.05 and its ASA higher by about 2 s in every
  // replication, against a spread of A's values far wider than that.
  c.Add(std::vector<double>{0.60, 30, 100}, std::vector<double>{0.66, 32, 100});
  c.Add(std::vector<double>{0.90, 5, 100}, std::vector<double>{0.94, 7.5, 100});
  c.Add(std::vector<double>{0.75, 15, 100}, std::vector<double>{0.80, 16.5, 100});
  const KpiComparison sl = c.At(0, 0, 0, 0);
  CHECK(sl.diff == doctest::Approx(0.05));
  CHECK(sl.ci95 < sl.diff);
  CHECK(sl.unpaired_ci95 > sl.diff);
  CHECK(sl.unpaired_ci95 ==
        doctest::Approx(std::sqrt(std::pow(Summarize({0.60, 0.90, 0.75}).ci95, 2) +
                                  std::pow(Summarize({0.66, 0.94, 0.80}).ci95, 2))));
  CHECK(sl.verdict == Verdict::kBetter);
  CHECK(c.At(0, 0, 0, 1).verdict == Verdict::kWorse);
  CHECK(c.BetterCount() == 1);
  CHECK(c.WorseCount() == 1);
  CHECK(ComparisonExitStatus(c) == 1);
}

TEST_CASE("B better and nowhere worse exits 3; a difference within its interval is none") {
  Comparison c = Comparison::Start(ThreeKpis());
  c.Add(std::vector<double>{0.60, 30, 100}, std::vector<double>{0.66, 29, 100});
  c.Add(std::vector<double>{0.90, 5, 100}, std::vector<double>{0.94, 6, 100});
  c.Add(std::vector<double>{0.75, 15, 100}, std::vector<double>{0.80, 15, 100});
  CHECK(c.At(0, 0, 0, 1).verdict == Verdict::kNoDifference);
  CHECK(ComparisonExitStatus(c) == 3);
}

TEST_CASE("a replication without a value on one side is left out of the differences") {
  Comparison c = Comparison::Start(ThreeKpis());
  const double nan = std::nan("");
  c.Add(std::vector<double>{0.5, nan, 1}, std::vector<double>{0.6, 4, 1});
  c.Add(std::vector<double>{0.5, 2, 1}, std::vector<double>{0.6, 3, 1});
  c.Add(std::vector<double>{0.5, 4, 1}, std::vector<double>{0.6, 5, 1});
  const KpiComparison asa = c.At(0, 0, 0, 1);
  CHECK(asa.a == 3);
  CHECK(asa.b == 4);
  CHECK(asa.diff == 1);
  CHECK(asa.ci95 == 0);
  CHECK(asa.verdict == Verdict::kWorse);
}

TEST_CASE("sides with other contact types are refused, other agent groups warned about") {
  const Scenario a = testing::SmallStudy();
  std::vector<std::string> warnings;
  CHECK(CheckCommonRandomNumbers(a, a, warnings).ok());
  CHECK(warnings.empty());
  Scenario b = a;
  b.contact_types.pop_back();
  const absl::Status refused = CheckCommonRandomNumbers(a, b, warnings);
  CHECK(refused.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(refused.message()).find("other contact types") != std::string::npos);
  b = a;
  b.agent_groups[0].name = "renamed";
  CHECK(CheckCommonRandomNumbers(a, b, warnings).ok());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("other agent groups") != std::string::npos);
}

TEST_CASE("a paired run of one scenario against itself gives zero differences everywhere") {
  const Scenario a = testing::SmallStudy();
  absl::StatusOr<Comparison> c = RunPaired(a, a, {.replications = 5, .seed = 77});
  REQUIRE(c.ok());
  CHECK(c->added == 5);
  for (const Moments& diff : c->cells_diff) {
    const Summary s = diff.Summarize();
    if (s.count == 0) continue;
    CHECK(s.mean == 0);
    CHECK(s.ci95 == 0);
  }
}

TEST_CASE("common random numbers: another staffing sees the same arrivals, at any thread count") {
  const Scenario a = testing::SmallStudy();
  // One more agent in group "t" (agents are expanded at load time).
  absl::StatusOr<Scenario> reloaded = [&]() -> absl::StatusOr<Scenario> {
    std::string text = testing::kSmallStudy;
    text.replace(text.find("count: 3"), 8, "count: 4");
    return LoadScenario("b.txtpb", text);
  }();
  REQUIRE(reloaded.ok());
  absl::StatusOr<Comparison> one = RunPaired(a, *reloaded, {.replications = 6, .threads = 1});
  absl::StatusOr<Comparison> three = RunPaired(a, *reloaded, {.replications = 6, .threads = 3});
  REQUIRE(one.ok());
  REQUIRE(three.ok());
  CHECK(FormatComparisonJson(*one) == FormatComparisonJson(*three));
  const int total = one->layout.FindSlice("total");
  // "offered" is KPI 0: the same customers on both sides.
  REQUIRE(one->layout.slices[total].kpis[0].key == "offered");
  const KpiComparison offered = one->At(total, 0, 0, 0);
  CHECK(offered.diff == 0);
  CHECK(offered.ci95 == 0);
  CHECK(offered.unpaired_ci95 > 0);
  // The arrivals themselves, in the event traces: the same contacts at the
  // same times on both sides.
  for (int r : {0, 4}) {
    std::string trace_a, trace_b;
    REQUIRE(RunReplication(a, r, &trace_a).ok());
    REQUIRE(RunReplication(*reloaded, r, &trace_b).ok());
    CHECK(trace_a != trace_b);
    const auto arrivals = [](const std::string& trace) {
      std::string out;
      size_t lines = 0;
      for (size_t at = 0; at < trace.size();) {
        const size_t end = trace.find('\n', at);
        const std::string line = trace.substr(at, end - at);
        if (line.find("\"event\": \"arrival\"") != std::string::npos) {
          out += line + "\n";
          ++lines;
        }
        at = end == std::string::npos ? trace.size() : end + 1;
      }
      CHECK(lines > 100);
      return out;
    };
    CHECK(arrivals(trace_a) == arrivals(trace_b));
  }
}

}  // namespace
}  // namespace acd::sim
