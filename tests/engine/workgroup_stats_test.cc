// Live statistics per workgroup (docs/design.md 3.9, acd/stats.h).

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;

const WorkgroupId kWg(0);

WorkgroupStats Stats(EngineUnderTest& e) {
  absl::StatusOr<WorkgroupStats> stats = e->GetWorkgroupStats(kWg);
  REQUIRE(stats.ok());
  return *stats;
}

void Call(EngineUnderTest& e, uint64_t id, int64_t at_s) {
  e.Do(Arrive{.now = At(at_s), .interaction = InteractionId(id), .workgroup = kWg});
}

TEST_CASE("statistics count agents by what they do") {
  CenterConfig center = testing::SimpleCenter(5);
  center.workgroups[0].wrap_up = Seconds(30);
  center.agents[4].workgroups[0].active = false;
  EngineUnderTest e(center);
  for (uint32_t a : {0, 1, 2, 3, 4}) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  e.Do(SetStatus{.now = At(0), .agent = AgentId(3), .status = *e->FindStatus("At Lunch")});
  Call(e, 1, 1);  // to a0, connected
  e.Do(Accept{.now = At(1), .interaction = InteractionId(1)});
  Call(e, 2, 2);  // to a1, then ends: wrap-up
  e.Do(Accept{.now = At(2), .interaction = InteractionId(2)});
  e.Do(Disconnect{.now = At(3), .interaction = InteractionId(2)});
  const WorkgroupStats s = Stats(e);
  CHECK(s.agents_logged_in == 5);
  CHECK(s.agents_activated == 4);
  CHECK(s.agents_available == 1);  // a2
  CHECK(s.agents_busy == 1);       // a0
  CHECK(s.agents_wrap_up == 1);    // a1
  CHECK(s.waiting == 0);
  CHECK(s.longest_wait == Duration::Zero());
}

TEST_CASE("statistics give the queue, the counters and the service levels") {
  CenterConfig center = testing::SimpleCenter(1);
  center.workgroups[0].service_level_thresholds = {Seconds(10), Seconds(30)};
  EngineUnderTest e(center);
  Call(e, 1, 0);
  Call(e, 2, 5);
  Call(e, 3, 6);
  WorkgroupStats s = Stats(e);
  CHECK(s.waiting == 3);
  CHECK(s.longest_wait == Seconds(6));
  e.Do(LogIn{.now = At(8), .agent = AgentId(0)});
  e.Do(Accept{.now = At(8), .interaction = InteractionId(1)});  // waited 8 s
  e.Do(Disconnect{.now = At(20), .interaction = InteractionId(1)});
  e.Do(Accept{.now = At(20), .interaction = InteractionId(2)});      // waited 15 s
  e.Do(Disconnect{.now = At(25), .interaction = InteractionId(3)});  // abandoned after 19 s
  s = Stats(e);
  CHECK(s.now == At(25));
  CHECK(s.interval_start == At(0));
  CHECK(s.interval_length == Seconds(1800));
  CHECK(s.waiting == 0);
  CHECK(s.current.entered == 3);
  CHECK(s.current.answered == 2);
  CHECK(s.current.abandoned == 1);
  CHECK(s.current.answer_wait == Seconds(23));
  REQUIRE(s.threshold_count == 2);
  CHECK(s.thresholds[1] == Seconds(30));
  CHECK(s.current.answered_within[0] == 1);
  CHECK(s.current.answered_within[1] == 2);
  CHECK(s.current.abandoned_within[0] == 0);
  CHECK(s.current.abandoned_within[1] == 1);
  CHECK(s.service_level[0] == 0.5);
  CHECK(s.service_level[1] == 1.0);
  CHECK(s.service_level_with_abandons[0] == doctest::Approx(1.0 / 3));
  CHECK(s.service_level_with_abandons[1] == doctest::Approx(2.0 / 3));
}

TEST_CASE("a new interval starts its counters at zero and the totals keep counting") {
  CenterConfig center = testing::SimpleCenter(1);
  center.workgroups[0].stats_interval = Seconds(60);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  Call(e, 1, 50);
  e.Do(Accept{.now = At(50), .interaction = InteractionId(1)});
  REQUIRE(e->AdvanceTo(At(61)).ok());
  WorkgroupStats s = Stats(e);
  CHECK(s.interval_start == At(60));
  CHECK(s.current.entered == 0);
  CHECK(s.current.answered == 0);
  CHECK(s.service_level[0] == 1.0);  // nothing answered
  CHECK(s.total.entered == 1);
  CHECK(s.total.answered == 1);
  Call(e, 2, 70);
  s = Stats(e);
  CHECK(s.current.entered == 1);
  CHECK(s.total.entered == 2);
  CHECK(s.waiting == 1);
  CHECK(s.longest_wait == Duration::Zero());
  REQUIRE(e->AdvanceTo(At(100)).ok());
  CHECK(Stats(e).longest_wait == Seconds(30));
}

TEST_CASE("statistics of an unknown workgroup are NotFound") {
  EngineUnderTest e(testing::SimpleCenter(1));
  CHECK(e->GetWorkgroupStats(WorkgroupId(3)).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("service-level thresholds must be 1 to 12, positive and increasing") {
  CenterConfig center = testing::SimpleCenter(1);
  center.workgroups[0].service_level_thresholds = {Seconds(20), Seconds(20)};
  absl::Status status = ValidateCenterConfig(center);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(status.message()) ==
        "workgroups[0].service_level_thresholds[1]: 20 s is not above threshold 0's 20 s");
  center.workgroups[0].service_level_thresholds = {};
  CHECK(ValidateCenterConfig(center).code() == absl::StatusCode::kInvalidArgument);
  center.workgroups[0].service_level_thresholds = {Seconds(0)};
  CHECK(ValidateCenterConfig(center).code() == absl::StatusCode::kInvalidArgument);
  for (int i = 1; i <= 13; ++i) center.workgroups[0].service_level_thresholds.push_back(Seconds(i));
  center.workgroups[0].service_level_thresholds.erase(
      center.workgroups[0].service_level_thresholds.begin());
  CHECK(center.workgroups[0].service_level_thresholds.size() == 13);
  CHECK(ValidateCenterConfig(center).code() == absl::StatusCode::kInvalidArgument);
  center.workgroups[0].service_level_thresholds.pop_back();
  CHECK(ValidateCenterConfig(center).ok());
  center.workgroups[0].stats_interval = Duration::Zero();
  CHECK(ValidateCenterConfig(center).code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace acd
