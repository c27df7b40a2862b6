#include "sim/runner.h"

#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "sim/kpi_plan.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

using testing::SmallStudy;

TEST_CASE("replications reach on_replication in order at any thread count, as run alone") {
  const Scenario scenario = SmallStudy();
  const KpiPlan plan = KpiPlan::For(scenario);
  for (int threads : {1, 3}) {
    INFO(threads);
    std::vector<int> seen;
    RunOptions options{.threads = threads};
    options.on_replication = [&](int r, std::span<const double> values) {
      seen.push_back(r);
      absl::StatusOr<ReplicationResult> alone = RunReplication(scenario, r);
      REQUIRE(alone.ok());
      std::vector<double> expected;
      REQUIRE(plan.Observe(*alone, expected).ok());
      REQUIRE(values.size() == expected.size());
      for (size_t i = 0; i < values.size(); ++i) {
        if (values[i] == values[i]) CHECK(values[i] == expected[i]);  // NaN != NaN
      }
      return absl::OkStatus();
    };
    REQUIRE(RunStudy(scenario, options).ok());
    CHECK(seen == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8});
  }
}

TEST_CASE("a range of replications aggregates exactly those replications") {
  const Scenario scenario = SmallStudy();
  absl::StatusOr<Aggregate> part = RunStudy(scenario, {.range = ReplicationRange{2, 5}});
  REQUIRE(part.ok());
  CHECK(part->range == ReplicationRange{2, 5});
  CHECK(part->added == 3);
  CHECK(part->study.replications == 9);
  const KpiPlan plan = KpiPlan::For(scenario);
  std::vector<Moments> expected(plan.layout().CellCount());
  std::vector<double> values;
  for (int r = 2; r < 5; ++r) {
    absl::StatusOr<ReplicationResult> result = RunReplication(scenario, r);
    REQUIRE(result.ok());
    REQUIRE(plan.Observe(*result, values).ok());
    for (size_t i = 0; i < values.size(); ++i) expected[i].Add(values[i]);
  }
  REQUIRE(part->cells.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(part->cells[i].count == expected[i].count);
    CHECK(part->cells[i].sum.ToCanonical() == expected[i].sum.ToCanonical());
  }
}

TEST_CASE("a range outside the study, or a failing callback, stops the run with its error") {
  const Scenario scenario = SmallStudy();
  CHECK(RunStudy(scenario, {.range = ReplicationRange{5, 12}}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(RunStudy(scenario, {.range = ReplicationRange{3, 3}}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  RunOptions options{.threads = 2};
  int calls = 0;
  options.on_replication = [&](int r, std::span<const double>) {
    ++calls;
    return r == 4 ? absl::DataLossError("disk full") : absl::OkStatus();
  };
  absl::StatusOr<Aggregate> failed = RunStudy(scenario, options);
  CHECK(failed.status().code() == absl::StatusCode::kDataLoss);
  CHECK(calls == 5);
}

TEST_CASE("a scenario reporting more cells than a study may have is refused before it runs") {
  absl::StatusOr<Scenario> scenario = LoadScenario("fine.txtpb", R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 1 } }
  handle_time { constant_s: 60 }
}
horizon_s: 20000
interval_s: 1
)");
  REQUIRE(scenario.ok());
  absl::StatusOr<Aggregate> run = RunStudy(*scenario);
  CHECK(run.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(run.status().message()).find("more than the 1000000 a study may have") !=
        std::string::npos);
}

}  // namespace
}  // namespace acd::sim
