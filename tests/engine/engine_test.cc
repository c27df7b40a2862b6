// The foundation engine's routing behaviour (acd/engine.h).

#include "acd/engine.h"

#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

const WorkgroupId kSupport(0);

Arrive Call(uint64_t id, int64_t at_s, WorkgroupId wg = kSupport, int priority = 50) {
  return Arrive{
      .now = At(at_s), .interaction = InteractionId(id), .workgroup = wg, .priority = priority};
}

// One agent (a0) logged in at 0 in a workgroup with `wrap_up_s` of wrap-up,
// who answers interaction 1 at 0 and ends it at `end_s`.
void InWrapUpFrom(EngineUnderTest& e, int64_t end_s) {
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  e.Do(Accept{.now = At(0), .interaction = InteractionId(1)});
  e.Do(Disconnect{.now = At(end_s), .interaction = InteractionId(1)});
}

CenterConfig WithWrapUp(int64_t wrap_up_s) {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(wrap_up_s);
  return center;
}

TEST_CASE("an available agent is offered an arriving interaction at once") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 5));
  REQUIRE(e.observer.offers.size() == 1);
  CHECK(e.observer.offers[0].agent == AgentId(0));
  CHECK(e.observer.offers[0].now == At(5));
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Agent(0).activity == AgentActivity::kAlerting);
}

TEST_CASE("an interaction waits when nobody is available and goes to the first agent to log in") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(Call(1, 0));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e->GetWorkgroupCounters(kSupport)->waiting == 1);
  e.Do(LogIn{.now = At(3), .agent = AgentId(1)});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == AgentId(1));
  CHECK(e->GetWorkgroupCounters(kSupport)->waiting == 0);
}

TEST_CASE("the agent available longest gets the next interaction") {
  EngineUnderTest e(SimpleCenter(3));
  e.Do(LogIn{.now = At(0), .agent = AgentId(2)});
  e.Do(LogIn{.now = At(1), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(2), .agent = AgentId(1)});
  e.Do(Call(1, 10));
  e.Do(Call(2, 11));
  e.Do(Call(3, 12));
  REQUIRE(e.observer.offers.size() == 3);
  CHECK(e.observer.offers[0].agent == AgentId(2));
  CHECK(e.observer.offers[1].agent == AgentId(0));
  CHECK(e.observer.offers[2].agent == AgentId(1));
}

TEST_CASE("agents available since the same moment are taken lowest id first") {
  EngineUnderTest e(SimpleCenter(3));
  for (uint32_t a : {2u, 1u, 0u}) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  e.Do(Call(1, 1));
  CHECK(e.Interaction(1).agent == AgentId(0));
}

TEST_CASE("a freed agent takes the interaction that has waited longest") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 1));
  e.Do(Accept{.now = At(2), .interaction = InteractionId(1)});
  e.Do(Call(2, 3));
  e.Do(Call(3, 4));
  e.Do(Disconnect{.now = At(10), .interaction = InteractionId(1)});
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e.Interaction(3).state == InteractionState::kWaiting);
}

TEST_CASE("higher priority is served before longer waiting") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(Call(1, 0, kSupport, 50));
  e.Do(Call(2, 1, kSupport, 80));
  e.Do(LogIn{.now = At(2), .agent = AgentId(0)});
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
}

TEST_CASE("after a disconnect the agent is free again and its available time restarts") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(1), .agent = AgentId(1)});
  e.Do(Call(1, 2));  // to agent 0, available longest
  e.Do(Accept{.now = At(3), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).activity == AgentActivity::kBusy);
  e.Do(Disconnect{.now = At(60), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).available_since == At(60));
  CHECK_FALSE(e->GetInteraction(InteractionId(1)).ok());
  CHECK(e->GetWorkgroupCounters(kSupport)->completed == 1);
  e.Do(Call(2, 61));  // agent 1 has now been available longer
  CHECK(e.Interaction(2).agent == AgentId(1));
}

TEST_CASE("a waiting customer who hangs up leaves the queue as abandoned") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(Call(1, 0));
  e.Do(Call(2, 1));
  e.Do(Disconnect{.now = At(30), .interaction = InteractionId(1)});
  WorkgroupCounters c = *e->GetWorkgroupCounters(kSupport);
  CHECK(c.abandoned == 1);
  CHECK(c.waiting == 1);
  CHECK(e.observer.interactions.back().state == InteractionState::kAbandoned);
  e.Do(LogIn{.now = At(40), .agent = AgentId(0)});
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
}

TEST_CASE("a hang-up while alerting frees the agent for the next waiting interaction") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 1));
  e.Do(Call(2, 2));
  e.Do(Disconnect{.now = At(5), .interaction = InteractionId(1)});
  CHECK(e->GetWorkgroupCounters(kSupport)->abandoned == 1);
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e.Interaction(2).agent == AgentId(0));
}

TEST_CASE("an agent in a status that is not acd_available receives nothing") {
  EngineUnderTest e(SimpleCenter(1));
  const StatusId away = *e->FindStatus("Away From Desk");
  const StatusId available = *e->FindStatus("Available");
  e.Do(LogIn{.now = At(0), .agent = AgentId(0), .status = away});
  e.Do(Call(1, 1));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  e.Do(SetStatus{.now = At(9), .agent = AgentId(0), .status = available});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
}

TEST_CASE("an agent who leaves the available status is no longer offered work") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(SetStatus{.now = At(1), .agent = AgentId(0), .status = *e->FindStatus("At Lunch")});
  e.Do(Call(1, 2));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
}

TEST_CASE("a member not activated in the workgroup receives none of its interactions") {
  CenterConfig center = SimpleCenter(2);
  center.agents[0].workgroups[0].active = false;
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 1));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  e.Do(LogIn{.now = At(2), .agent = AgentId(1)});
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("an agent in two workgroups takes the longest-waiting interaction of both") {
  EngineUnderTest e(SimpleCenter(1, {"Sales", "Support"}));
  const WorkgroupId sales(0), support(1);
  e.Do(Call(1, 0, support));
  e.Do(Call(2, 1, sales));
  e.Do(LogIn{.now = At(2), .agent = AgentId(0)});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
}

TEST_CASE("wrap-up holds the agent until its timer fires, and NextDeadline shows the timer") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(30);
  EngineUnderTest e(center);
  CHECK(e->NextDeadline() == Time::Infinite());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  e.Do(Accept{.now = At(1), .interaction = InteractionId(1)});
  e.Do(Disconnect{.now = At(100), .interaction = InteractionId(1)});
  CHECK(e.Interaction(1).state == InteractionState::kWrapUp);
  CHECK(e.Agent(0).activity == AgentActivity::kWrapUp);
  CHECK(e->NextDeadline() == At(130));
  e.Do(Call(2, 110));
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
  REQUIRE(e->AdvanceTo(At(129)).ok());
  CHECK(e.Agent(0).activity == AgentActivity::kWrapUp);
  REQUIRE(e->AdvanceTo(At(130)).ok());
  CHECK_FALSE(e->GetInteraction(InteractionId(1)).ok());
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  // Now the only timer is interaction 2's alert timeout.
  CHECK(e->NextDeadline() == At(145));
}

TEST_CASE("a command later than a pending timer fires the timer first") {
  EngineUnderTest e(WithWrapUp(10));
  InWrapUpFrom(e, 5);
  e.observer.Clear();
  e.Do(Call(2, 50));
  // The wrap-up ended at 15 s, before the arrival at 50 s was applied.
  REQUIRE(e.observer.interactions.size() >= 2);
  CHECK(e.observer.interactions[0].state == InteractionState::kCompleted);
  CHECK(e.observer.interactions[0].now == At(15));
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e.Agent(0).available_since == At(15));
}

TEST_CASE("an agent who ends wrap-up early is free at once and its timer is gone") {
  EngineUnderTest e(WithWrapUp(60));
  InWrapUpFrom(e, 5);
  e.Do(EndWrapUp{.now = At(8), .agent = AgentId(0)});
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).available_since == At(8));
  CHECK(e->NextDeadline() == Time::Infinite());
}

TEST_CASE("an agent who chose a break during a call takes it once wrap-up ends") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(30);
  EngineUnderTest e(center);
  const StatusId lunch = *e->FindStatus("At Lunch");
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  e.Do(Accept{.now = At(1), .interaction = InteractionId(1)});
  e.Do(SetStatus{.now = At(2), .agent = AgentId(0), .status = lunch});
  e.Do(Disconnect{.now = At(10), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).status == *e->FindStatus("Follow Up"));
  REQUIRE(e->AdvanceTo(At(40)).ok());
  CHECK(e.Agent(0).status == lunch);
  e.Do(Call(2, 41));
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
}

TEST_CASE("an auto-answer agent is connected as soon as it is offered") {
  CenterConfig center = SimpleCenter(1);
  center.agents[0].auto_answer = true;
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 1));
  REQUIRE(e.observer.offers.size() == 1);
  CHECK(e.observer.offers[0].auto_answered);
  CHECK(e.Interaction(1).state == InteractionState::kConnected);
  CHECK(e->GetWorkgroupCounters(kSupport)->answered == 1);
}

TEST_CASE("logging out during wrap-up completes the interaction") {
  EngineUnderTest e(WithWrapUp(60));
  InWrapUpFrom(e, 5);
  e.Do(LogOut{.now = At(6), .agent = AgentId(0)});
  CHECK(e.Agent(0).activity == AgentActivity::kLoggedOut);
  CHECK(e->live_interactions() == 0);
  CHECK(e->GetWorkgroupCounters(kSupport)->completed == 1);
  CHECK(e->NextDeadline() == Time::Infinite());
}

TEST_CASE("the observer sees an offer, then the interaction alerting, then the agent alerting") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.observer.Clear();
  e.Do(Call(7, 1));
  CHECK(e.observer.log == std::vector<std::string>{"interaction 7 waiting", "offer 7 to 0",
                                                   "interaction 7 alerting", "agent 0 alerting"});
}

}  // namespace
}  // namespace acd
