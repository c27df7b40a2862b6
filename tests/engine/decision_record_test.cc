// Decision records (docs/design.md 3.9, acd/decision.h): checked against scores
// worked out by hand from the configuration and the state.

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;

const WorkgroupId kWg(0);

// Six members of "Support", each kept from the first arrival by a
// different rule except a0 and a1; see the test below for the sums.
CenterConfig ScoredCenter() {
  CenterConfig center;
  center.skills = {"s0", "s1"};
  center.workgroups.push_back(
      {.name = "Support",
       .agent_weights = {
           .skill = 1, .cost = -1, .available = 2, .available_interval_s = 10, .attribute1 = 0.5}});
  const auto agent = [](std::string name, std::string skill, int proficiency, int desire) {
    return AgentConfig{.name = name,
                       .workgroups = {{.workgroup = "Support"}},
                       .skills = {{.skill = skill, .proficiency = proficiency, .desire = desire}}};
  };
  center.agents = {agent("a0", "s0", 80, 40), agent("a1", "s0", 60, 100), agent("a2", "s1", 90, 1),
                   agent("a3", "s0", 90, 1),  agent("a4", "s0", 90, 1),   agent("a5", "s0", 90, 1)};
  center.agents[0].cost = 3;
  center.agents[0].attribute1 = 10;
  center.agents[1].cost = 1;
  center.agents[5].workgroups[0].active = false;
  return center;
}

Arrive NeedsS0(uint64_t id, int64_t at_s) {
  return Arrive{.now = At(at_s),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .requirements = {{.skill = SkillId(0), .desire_weight = 1}}};
}

TEST_CASE("a record gives every score term of the winner and the runner-up") {
  EngineUnderTest e(ScoredCenter());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(0), .agent = AgentId(2)});
  e.Do(LogIn{.now = At(0), .agent = AgentId(4), .status = *e->FindStatus("Away From Desk")});
  e.Do(LogIn{.now = At(0), .agent = AgentId(5)});
  e.Do(LogIn{.now = At(30), .agent = AgentId(1)});
  e.Do(NeedsS0(1, 100));
  REQUIRE(e.observer.decisions.size() == 1);
  const DecisionRecord& d = e.observer.decisions[0];
  CHECK(d.now == At(100));
  CHECK(d.direction == DecisionDirection::kInteractionRoutable);
  CHECK(d.workgroup == kWg);
  CHECK(d.tier == 0);
  CHECK_FALSE(d.any_member);
  // a3 is logged out, a4 away, a5 not activated, a2 lacks s0.
  CHECK(d.filtered.not_logged_in == 1);
  CHECK(d.filtered.not_available == 1);
  CHECK(d.filtered.not_activated == 1);
  CHECK(d.filtered.skills == 1);
  CHECK(d.filtered.no_capacity == 0);
  CHECK(d.eligible == 2);
  // SkillScore = (proficiency + desire) / 2: a1 80, a0 60. Available: a1
  // floor(70 / 10) * 2 = 14, a0 floor(100 / 10) * 2 = 20. Cost: -1, -3.
  // Attributes: 0, 10 * 0.5.
  CHECK(d.winner.agent == AgentId(1));
  CHECK(d.winner.interaction == InteractionId(1));
  CHECK(d.winner.available_since == At(30));
  CHECK(d.winner.terms.skill_score == 80);
  CHECK(d.winner.terms.agent_skill == 80);
  CHECK(d.winner.terms.cost == -1);
  CHECK(d.winner.terms.available == 14);
  CHECK(d.winner.terms.attributes == 0);
  CHECK(d.winner.terms.agent_score == 93);
  CHECK(d.winner.terms.order_key == 93);
  CHECK(d.winner.terms.priority == 50);
  CHECK(d.winner.terms.interaction_skill == 0);
  CHECK(d.winner.terms.interaction_score == 50);
  REQUIRE(d.has_runner_up);
  CHECK(d.runner_up.agent == AgentId(0));
  CHECK(d.runner_up.terms.skill_score == 60);
  CHECK(d.runner_up.terms.cost == -3);
  CHECK(d.runner_up.terms.available == 20);
  CHECK(d.runner_up.terms.attributes == 5);
  CHECK(d.runner_up.terms.agent_score == 82);
  CHECK(d.decided_by == DecidedBy::kAgentScore);
  CHECK(e.observer.offers.back().agent == AgentId(1));
}

TEST_CASE("a lone candidate is recorded as such, with the busy agent counted as full") {
  EngineUnderTest e(ScoredCenter());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  e.Do(NeedsS0(1, 10));
  e.Do(NeedsS0(2, 10));
  REQUIRE(e.observer.decisions.size() == 2);
  const DecisionRecord& d = e.observer.decisions[1];
  CHECK(d.eligible == 1);
  CHECK(d.filtered.no_capacity == 1);
  CHECK_FALSE(d.has_runner_up);
  CHECK(d.decided_by == DecidedBy::kOnlyCandidate);
}

TEST_CASE("equal scores are decided by the longest available, then the lowest id") {
  CenterConfig center = testing::SimpleCenter(3);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(2)});
  e.Do(LogIn{.now = At(5), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(5), .agent = AgentId(1)});
  e.Do(Arrive{.now = At(10), .interaction = InteractionId(1), .workgroup = kWg});
  e.Do(Arrive{.now = At(10), .interaction = InteractionId(2), .workgroup = kWg});
  REQUIRE(e.observer.decisions.size() == 2);
  CHECK(e.observer.decisions[0].winner.agent == AgentId(2));
  CHECK(e.observer.decisions[0].decided_by == DecidedBy::kLongestAvailable);
  CHECK(e.observer.decisions[1].winner.agent == AgentId(0));
  CHECK(e.observer.decisions[1].runner_up.agent == AgentId(1));
  CHECK(e.observer.decisions[1].decided_by == DecidedBy::kLowestId);
}

TEST_CASE("an agent choosing work records the interaction score terms and the queue tie-break") {
  CenterConfig center = testing::SimpleCenter(1);
  center.workgroups[0].interaction_weights.time_in_system = 0.5;
  EngineUnderTest e(center);
  for (uint64_t id : {1, 2, 3}) {
    e.Do(Arrive{.now = At(static_cast<int64_t>(id)),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .priority = id == 3 ? 60 : 50});
  }
  e.Do(LogIn{.now = At(10), .agent = AgentId(0)});
  REQUIRE(e.observer.decisions.size() == 1);
  const DecisionRecord& d = e.observer.decisions[0];
  CHECK(d.direction == DecisionDirection::kAgentGainsCapacity);
  CHECK(d.winner.interaction == InteractionId(3));
  CHECK(d.winner.agent == AgentId(0));
  // 60 * 1 + (10 - 3) s * 0.5 against 50 + 9 * 0.5.
  CHECK(d.winner.terms.priority == 60);
  CHECK(d.winner.terms.time_in_system == 3.5);
  CHECK(d.winner.terms.interaction_score == 63.5);
  CHECK(d.winner.terms.order_key == 63.5);
  CHECK(d.runner_up.interaction == InteractionId(1));
  CHECK(d.runner_up.terms.interaction_score == 54.5);
  CHECK(d.decided_by == DecidedBy::kInteractionScore);
  CHECK(d.eligible == 3);

  e.Do(Accept{.now = At(10), .interaction = InteractionId(3)});
  e.Do(Disconnect{.now = At(20), .interaction = InteractionId(3)});
  REQUIRE(e.observer.decisions.size() == 2);
  // 1 and 2 now differ by their time in system only: 1 entered earlier.
  CHECK(e.observer.decisions[1].winner.interaction == InteractionId(1));
  CHECK(e.observer.decisions[1].decided_by == DecidedBy::kInteractionScore);
}

TEST_CASE("an agent choosing among equal scores records the longest in queue") {
  EngineUnderTest e(testing::SimpleCenter(1));
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(2), .workgroup = kWg});
  e.Do(Arrive{.now = At(2), .interaction = InteractionId(1), .workgroup = kWg});
  e.Do(LogIn{.now = At(3), .agent = AgentId(0)});
  REQUIRE(e.observer.decisions.size() == 1);
  CHECK(e.observer.decisions[0].winner.interaction == InteractionId(2));
  CHECK(e.observer.decisions[0].decided_by == DecidedBy::kLongestInQueue);
}

TEST_CASE("records count exclusions, tiers and preferred-agent windows") {
  CenterConfig center;
  center.skills = {"s"};
  center.workgroups.push_back({.name = "Q", .tiers = {{.threshold = 50, .duration = Seconds(10)}}});
  for (int proficiency : {80, 40, 70}) {
    center.agents.push_back({.name = "b" + std::to_string(proficiency),
                             .workgroups = {{.workgroup = "Q"}},
                             .skills = {{.skill = "s", .proficiency = proficiency}}});
  }
  EngineUnderTest e(center);
  for (uint32_t a : {0, 1, 2}) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  const Arrive x1{.now = At(0),
                  .interaction = InteractionId(1),
                  .workgroup = kWg,
                  .requirements = {{.skill = SkillId(0)}}};
  e.Do(x1);
  REQUIRE(e.observer.decisions.size() == 1);
  CHECK(e.observer.decisions[0].tier == 1);
  CHECK(e.observer.decisions[0].filtered.outside_tier == 1);  // b40
  CHECK(e.observer.decisions[0].winner.agent == AgentId(0));
  CHECK(e.observer.decisions[0].runner_up.agent == AgentId(2));

  e.Do(Reject{.now = At(1), .interaction = InteractionId(1)});
  REQUIRE(e.observer.decisions.size() == 2);
  CHECK(e.observer.decisions[1].filtered.excluded == 1);  // b80 rejected it
  CHECK(e.observer.decisions[1].winner.agent == AgentId(2));
  CHECK(e.observer.decisions[1].decided_by == DecidedBy::kOnlyCandidate);

  Arrive x2 = x1;
  x2.now = At(2);
  x2.interaction = InteractionId(2);
  x2.preferred_agent = AgentId(0);
  x2.preferred_window = Seconds(5);
  e.Do(x2);
  REQUIRE(e.observer.decisions.size() == 3);
  // b40 is free and b70 alerting: both are outside the window.
  CHECK(e.observer.decisions[2].filtered.preferred_window == 2);
  CHECK(e.observer.decisions[2].winner.agent == AgentId(0));
}

// One workgroup with calls in four requirement groups and a chat no agent
// may take, waiting for an agent with skills s1 and s2 but not s0.
CenterConfig BacklogCenter(double skill_weight) {
  CenterConfig center;
  center.skills = {"s0", "s1", "s2"};
  center.workgroups.push_back({.name = "Q",
                               .utilization = {{.media = MediaType::kChat, .max_assign = 0}},
                               .interaction_weights = {.skill = skill_weight}});
  center.agents.push_back(
      {.name = "a",
       .workgroups = {{.workgroup = "Q"}},
       .skills = {{.skill = "s1", .proficiency = 50}, {.skill = "s2", .proficiency = 50}}});
  return center;
}

// The low-priority queue first, so that the walk's order differs from the
// order the queues were created in.
void WaitForTheAgent(EngineUnderTest& e) {
  int64_t now = 0;
  const auto wait = [&](uint64_t id, int priority, std::vector<SkillRequirement> requirements,
                        MediaType media = MediaType::kCall) {
    e.Do(Arrive{.now = At(++now),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .media = media,
                .priority = priority,
                .requirements = requirements});
  };
  wait(6, 5, {});
  wait(7, 4, {});
  wait(1, 90, {{.skill = SkillId(0)}});
  wait(2, 80, {{.skill = SkillId(0)}});
  wait(3, 70, {{.skill = SkillId(1)}});
  wait(4, 10, {{.skill = SkillId(1)}});
  wait(5, 60, {{.skill = SkillId(2)}});
  wait(8, 100, {}, MediaType::kChat);
  e.Do(LogIn{.now = At(10), .agent = AgentId(0)});
}

TEST_CASE("an agent freed examines queues best first and stops where nothing can place") {
  // Without a skill weight: s0's queue is passed for skills, s1's and s2's
  // give the best two, and the rest could not beat the runner-up.
  EngineUnderTest e(BacklogCenter(0));
  WaitForTheAgent(e);
  REQUIRE(e.observer.decisions.size() == 1);
  const DecisionRecord& d = e.observer.decisions[0];
  CHECK(d.winner.interaction == InteractionId(3));
  CHECK(d.runner_up.interaction == InteractionId(5));
  CHECK(d.filtered.skills == 2);
  CHECK(d.filtered.no_capacity == 1);
  CHECK(d.filtered.not_examined == 2);
  CHECK(d.eligible == 3);

  // With one, the skill term differs by queue: every queue is examined.
  EngineUnderTest weighed(BacklogCenter(0.01));
  WaitForTheAgent(weighed);
  REQUIRE(weighed.observer.decisions.size() == 1);
  const DecisionRecord& w = weighed.observer.decisions[0];
  CHECK(w.winner.interaction == InteractionId(3));
  CHECK(w.winner.terms.interaction_score == 70.5);
  CHECK(w.runner_up.interaction == InteractionId(5));
  CHECK(w.filtered.skills == 2);
  CHECK(w.filtered.no_capacity == 1);
  CHECK(w.filtered.not_examined == 0);
  CHECK(w.eligible == 5);
}

TEST_CASE("a record comes just before its offer, and records can be switched off") {
  EngineUnderTest e(testing::SimpleCenter(2));
  struct Order : Observer {
    void OnDecision(const DecisionRecord& d) override { log.push_back(d.winner.interaction); }
    void OnOffer(const OfferEvent& o) override { log.push_back(o.interaction); }
    std::vector<InteractionId> log;
  } order;
  e->SetObserver(&order);
  CHECK(e->decision_records());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(7), .workgroup = kWg});
  CHECK(order.log == std::vector<InteractionId>{InteractionId(7), InteractionId(7)});
  e->SetDecisionRecords(false);
  CHECK_FALSE(e->decision_records());
  e.Do(LogIn{.now = At(2), .agent = AgentId(1)});
  e.Do(Arrive{.now = At(3), .interaction = InteractionId(8), .workgroup = kWg});
  CHECK(order.log.size() == 3);
  CHECK(order.log.back() == InteractionId(8));
}

}  // namespace
}  // namespace acd
