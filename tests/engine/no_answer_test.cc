// Alerting, no answer (RONA), reject and log-out while alerting (docs/design.md 3.7).

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

const WorkgroupId kWg(0);

Arrive Call(uint64_t id, int64_t at_s, WorkgroupId wg = kWg) {
  return Arrive{.now = At(at_s), .interaction = InteractionId(id), .workgroup = wg};
}

StatusId Status(EngineUnderTest& e, const char* name) { return *e->FindStatus(name); }

TEST_CASE("an unanswered offer returns to the queue with its queue time, last attempted noted") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 2));
  e.observer.Clear();
  REQUIRE(e->AdvanceTo(At(17)).ok());  // default alert timeout 15 s
  REQUIRE(!e.observer.interactions.empty());
  const InteractionEvent& back = e.observer.interactions.front();
  CHECK(back.state == InteractionState::kWaiting);
  CHECK(back.agent == AgentId(0));
  CHECK(back.reason == RequeueReason::kNoAnswer);
  CHECK(back.now == At(17));
  CHECK(e.Interaction(1).entered_queue == At(2));
  CHECK(e.Interaction(1).last_attempted == AgentId(0));
}

TEST_CASE("the missing agent gets the no-answer status, which holds in all its workgroups") {
  EngineUnderTest e(SimpleCenter(1, {"Sales", "Support"}));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0, WorkgroupId(0)));
  REQUIRE(e->AdvanceTo(At(15)).ok());
  CHECK(e.Agent(0).status == Status(e, "ACD - Agent Not Answering"));
  e.Do(Call(2, 16, WorkgroupId(1)));
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
}

TEST_CASE("with three misses configured, only the third consecutive miss changes the status") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].no_answer.misses_before_status = 3;
  center.workgroups[0].no_answer.exclusion = Duration::Zero();
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  REQUIRE(e->AdvanceTo(At(15)).ok());  // miss 1; re-offered at once (no exclusion)
  CHECK(e.Agent(0).misses == 1);
  CHECK(e.Agent(0).status == Status(e, "Available"));
  REQUIRE(e->AdvanceTo(At(30)).ok());  // miss 2
  CHECK(e.Agent(0).misses == 2);
  REQUIRE(e->AdvanceTo(At(45)).ok());  // miss 3
  CHECK(e.Agent(0).status == Status(e, "ACD - Agent Not Answering"));
  CHECK(e.Agent(0).misses == 0);
}

TEST_CASE("an answer resets the count of consecutive misses") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].no_answer.misses_before_status = 2;
  center.workgroups[0].no_answer.exclusion = Duration::Zero();
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  REQUIRE(e->AdvanceTo(At(15)).ok());
  CHECK(e.Agent(0).misses == 1);
  e.Do(Accept{.now = At(16), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).misses == 0);
}

TEST_CASE("the no-answer delay keeps the agent from offers for its length") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].no_answer.misses_before_status = 5;
  center.workgroups[0].no_answer.delay = Seconds(20);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  REQUIRE(e->AdvanceTo(At(15)).ok());
  e.Do(Call(2, 16));
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
  CHECK(e->NextDeadline() == At(35));
  REQUIRE(e->AdvanceTo(At(35)).ok());
  // Interaction 1 still excludes the agent (30 s from 15 s); 2 does not.
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
}

TEST_CASE("a no-answer raises the interaction's priority by the configured bump") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].no_answer.priority_bump = 25;
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  REQUIRE(e->AdvanceTo(At(15)).ok());
  CHECK(e.Interaction(1).priority == 75);
}

TEST_CASE("a missed interaction is not re-offered to that agent until offered to someone else") {
  CenterConfig center = SimpleCenter(2);
  center.workgroups[0].no_answer.misses_before_status = 5;  // a0 stays available
  center.workgroups[0].no_answer.exclusion = Seconds(600);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(0), .agent = AgentId(1), .status = Status(e, "At Lunch")});
  e.Do(Call(1, 0));
  REQUIRE(e->AdvanceTo(At(15)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);  // a0 is excluded
  CHECK(e.Interaction(1).excluded == AgentId(0));
  e.Do(SetStatus{.now = At(20), .agent = AgentId(1), .status = Status(e, "Available")});
  CHECK(e.Interaction(1).agent == AgentId(1));
  // Offered to a1, so a0 is no longer excluded; a1's reject excludes a1.
  e.Do(Reject{.now = At(21), .interaction = InteractionId(1)});
  CHECK(e.Interaction(1).agent == AgentId(0));
}

TEST_CASE("the exclusion ends after the configured time") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].no_answer.misses_before_status = 5;
  center.workgroups[0].no_answer.exclusion = Seconds(40);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  REQUIRE(e->AdvanceTo(At(15)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  REQUIRE(e->AdvanceTo(At(54)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  REQUIRE(e->AdvanceTo(At(55)).ok());
  CHECK(e.Interaction(1).agent == AgentId(0));
}

TEST_CASE("a reject returns the interaction without changing the agent's status or misses") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 1));
  e.Do(Call(2, 2));
  e.observer.Clear();
  e.Do(Reject{.now = At(3), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).status == Status(e, "Available"));
  CHECK(e.Agent(0).misses == 0);
  CHECK(e.observer.interactions.front().reason == RequeueReason::kRejected);
  // The agent, free again and excluded from 1, takes the other one.
  CHECK(e.Interaction(2).agent == AgentId(0));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
}

TEST_CASE("an agent who logs out while alerting sends the interaction on at once") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(1), .agent = AgentId(1)});
  e.Do(Call(1, 2));
  CHECK(e.Interaction(1).agent == AgentId(0));
  e.Do(LogOut{.now = At(3), .agent = AgentId(0)});
  CHECK(e.Interaction(1).agent == AgentId(1));
  CHECK(e.observer.interactions[e.observer.interactions.size() - 2].reason ==
        RequeueReason::kAgentLoggedOut);
}

TEST_CASE("a status change while alerting leaves the offer ringing") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  e.Do(SetStatus{.now = At(1), .agent = AgentId(0), .status = Status(e, "Do Not Disturb")});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  e.Do(Accept{.now = At(2), .interaction = InteractionId(1)});
  CHECK(e.Interaction(1).state == InteractionState::kConnected);
}

TEST_CASE("a connected agent may log out and keeps the call until it ends") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  e.Do(Accept{.now = At(1), .interaction = InteractionId(1)});
  e.Do(LogOut{.now = At(2), .agent = AgentId(0)});
  CHECK(e.Interaction(1).state == InteractionState::kConnected);
  e.Do(Call(2, 3));
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
  e.Do(Disconnect{.now = At(9), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).activity == AgentActivity::kLoggedOut);
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
}

TEST_CASE("the alert timeout is the workgroup's") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].alert_timeout = Seconds(8);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  CHECK(e->NextDeadline() == At(8));
}

// IceLib (Interaction Center Extension Library) reference: the offering
// timeout is 15 s by default, and 0 means that default (docs/sources.md).
TEST_CASE("an alert timeout of 0 is PureConnect's default of 15 s, at creation and on update") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].alert_timeout = Duration::Zero();
  EngineUnderTest e(center);
  CHECK(e->config().workgroups[0].alert_timeout == Seconds(15));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Call(1, 0));
  CHECK(e->NextDeadline() == At(15));
  // A workgroup updated to 8 s and back to 0 rings 15 s again.
  WorkgroupConfig wg = e->config().workgroups[0];
  wg.alert_timeout = Seconds(8);
  e.Do(UpdateWorkgroup{.now = At(1), .workgroup = kWg, .config = wg});
  wg.alert_timeout = Duration::Zero();
  e.Do(UpdateWorkgroup{.now = At(2), .workgroup = kWg, .config = wg});
  CHECK(e->config().workgroups[0].alert_timeout == Seconds(15));
  e.Do(Reject{.now = At(3), .interaction = InteractionId(1)});
  e.Do(Call(2, 3));
  CHECK(e.Interaction(2).agent == AgentId(0));
  CHECK(e->NextDeadline() == At(18));
}

TEST_CASE("an alert timeout between 0 and 7 s, or below 0, is still refused") {
  for (const Duration bad : {Duration::Microseconds(1), Seconds(6), Seconds(-15)}) {
    CenterConfig center = SimpleCenter(1);
    center.workgroups[0].alert_timeout = bad;
    const absl::Status status = Engine::Create(center).status();
    CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    CHECK(status.message().find("workgroups[0].alert_timeout") != absl::string_view::npos);
  }
}

}  // namespace
}  // namespace acd
