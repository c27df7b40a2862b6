// Tiers: primary, secondary, tertiary (docs/design.md 3.6).

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;

const WorkgroupId kWg(0);

// Agents a0..a{n-1} with the given proficiencies in skill "s" (0: lacks it);
// the workgroup's tiers are `tiers`.
CenterConfig TieredCenter(std::vector<int> proficiencies, std::vector<TierConfig> tiers,
                          AfterLastTier after = AfterLastTier::kWaitForever) {
  CenterConfig center;
  center.skills = {"s"};
  center.workgroups.push_back({.name = "Q", .tiers = tiers, .after_last_tier = after});
  for (size_t i = 0; i < proficiencies.size(); ++i) {
    AgentConfig agent{.name = "a" + std::to_string(i), .workgroups = {{.workgroup = "Q"}}};
    if (proficiencies[i] > 0) agent.skills = {{.skill = "s", .proficiency = proficiencies[i]}};
    center.agents.push_back(agent);
  }
  return center;
}

Arrive NeedsS(uint64_t id, int64_t at_s) {
  return Arrive{.now = At(at_s),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .requirements = {{.skill = SkillId(0)}}};
}

void LogInAway(EngineUnderTest& e, uint32_t agent) {
  e.Do(LogIn{.now = At(0), .agent = AgentId(agent), .status = *e->FindStatus("Away From Desk")});
}

const std::vector<TierConfig> kTwoTiers = {{.threshold = 70, .duration = Seconds(10)},
                                           {.threshold = 40, .duration = Seconds(20)}};

TEST_CASE("an interaction waits for primary agents, then widens to secondary ones") {
  EngineUnderTest e(TieredCenter({80, 50}, kTwoTiers));
  LogInAway(e, 0);  // a primary agent is logged in, though not available
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  e.Do(NeedsS(1, 0));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e->NextDeadline() == At(10));
  REQUIRE(e->AdvanceTo(At(9)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  REQUIRE(e->AdvanceTo(At(10)).ok());
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("a first tier with nobody logged in is skipped at once") {
  EngineUnderTest e(TieredCenter({80, 50}, kTwoTiers));
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});  // a0 is logged out
  e.Do(NeedsS(1, 0));
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("a middle tier that adds no agent is skipped without waiting its duration") {
  const std::vector<TierConfig> three = {{.threshold = 70, .duration = Seconds(10)},
                                         {.threshold = 60, .duration = Seconds(10)},
                                         {.threshold = 40, .duration = Seconds(10)}};
  EngineUnderTest e(TieredCenter({80, 50}, three));
  LogInAway(e, 0);
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  e.Do(NeedsS(1, 0));
  // Nobody is in 61..70, so at 10 s the interaction goes straight to tier 3.
  REQUIRE(e->AdvanceTo(At(10)).ok());
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("tiers are cumulative: once widened, the best agent of all tiers wins") {
  EngineUnderTest e(TieredCenter({80, 50}, kTwoTiers));
  LogInAway(e, 0);
  LogInAway(e, 1);
  e.Do(NeedsS(1, 0));
  REQUIRE(e->AdvanceTo(At(15)).ok());
  const StatusId available = *e->FindStatus("Available");
  e.Do(SetStatus{.now = At(15), .agent = AgentId(0), .status = available});
  CHECK(e.Interaction(1).agent == AgentId(0));
}

TEST_CASE("after the last tier an interaction keeps waiting for last-tier agents") {
  EngineUnderTest e(TieredCenter({80, 30}, kTwoTiers));
  LogInAway(e, 0);
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  e.Do(NeedsS(1, 0));
  REQUIRE(e->AdvanceTo(At(1000)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
}

TEST_CASE("after the last tier any member may take it when the workgroup falls back") {
  EngineUnderTest e(TieredCenter({80, 50, 0}, kTwoTiers, AfterLastTier::kAnyMember));
  LogInAway(e, 0);
  LogInAway(e, 1);
  e.Do(LogIn{.now = At(0), .agent = AgentId(2)});  // lacks the skill altogether
  e.Do(NeedsS(1, 0));
  REQUIRE(e->AdvanceTo(At(29)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  REQUIRE(e->AdvanceTo(At(30)).ok());
  CHECK(e.Interaction(1).agent == AgentId(2));
}

TEST_CASE("when every remaining tier adds nobody, the fallback to any member comes at once") {
  EngineUnderTest e(TieredCenter({80, 50, 0}, kTwoTiers, AfterLastTier::kAnyMember));
  LogInAway(e, 0);
  e.Do(LogIn{.now = At(0), .agent = AgentId(2)});  // a1, the only tier-2 agent, is out
  e.Do(NeedsS(1, 0));
  REQUIRE(e->AdvanceTo(At(9)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  REQUIRE(e->AdvanceTo(At(10)).ok());
  CHECK(e.Interaction(1).agent == AgentId(2));
}

TEST_CASE("tier time counts from queue entry and survives a no-answer") {
  EngineUnderTest e(TieredCenter({80, 50}, kTwoTiers));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  LogInAway(e, 1);
  e.Do(NeedsS(1, 0));
  CHECK(e.Interaction(1).agent == AgentId(0));
  // a0 does not answer within 15 s and is set not ready; by then the
  // interaction is in tier 2, where a1 is, once available.
  REQUIRE(e->AdvanceTo(At(15)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e.Interaction(1).entered_queue == At(0));
  e.Do(SetStatus{.now = At(16), .agent = AgentId(1), .status = *e->FindStatus("Available")});
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("when the only primary agent logs out, waiting interactions widen at once") {
  EngineUnderTest e(TieredCenter({80, 50}, kTwoTiers));
  LogInAway(e, 0);
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  e.Do(NeedsS(1, 0));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  e.Do(LogOut{.now = At(3), .agent = AgentId(0)});
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("an interaction's own tiers replace the workgroup's") {
  EngineUnderTest e(TieredCenter({80, 50}, kTwoTiers));
  LogInAway(e, 0);
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  Arrive arrive = NeedsS(1, 0);
  arrive.tiers = {{.threshold = 75, .duration = Seconds(2)},
                  {.threshold = 10, .duration = Seconds(2)}};
  e.Do(arrive);
  REQUIRE(e->AdvanceTo(At(2)).ok());
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("tier thresholds must decrease strictly") {
  CenterConfig center = TieredCenter(
      {80}, {{.threshold = 60, .duration = Seconds(5)}, {.threshold = 70, .duration = Seconds(5)}});
  CHECK(std::string(Engine::Create(center).status().message()) ==
        "workgroups[0].tiers[1].threshold: 70 is not below tier 0's 60");
}

}  // namespace
}  // namespace acd
