// Lifecycles by media (docs/design.md 3.8): callbacks with their three outcomes,
// work items with a pickup limit and due times, blind transfers to a
// workgroup or an agent (of an alerting interaction too), the in-queue
// timeout to an overflow workgroup, and queue capacity; happy and unhappy
// paths.

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

constexpr AgentId kA0(0), kA1(1);
constexpr WorkgroupId kFirst(0), kSecond(1);
constexpr InteractionId kX(1), kY(2);

// ---- Callbacks ----------------------------------------------------------------------

CenterConfig CallbackCenter() {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].callback_retry_interval = Seconds(300);
  center.workgroups[0].callback_max_attempts = 2;
  center.workgroups[0].wrap_up = Seconds(10);
  return center;
}

void ConnectCallback(EngineUnderTest& e, Time now) {
  e.Do(Accept{.now = now, .interaction = kX});
  REQUIRE(e.Interaction(1).state == InteractionState::kConnected);
}

TEST_CASE(
    "a callback retried later snoozes off the agent, then routes again until its last "
    "attempt fails it") {
  EngineUnderTest e(CallbackCenter());
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .media = MediaType::kCallback});
  ConnectCallback(e, At(2));

  e.Do(ReportCallback{.now = At(60), .interaction = kX, .outcome = CallbackOutcome::kRetryLater});
  InteractionView x = e.Interaction(1);
  CHECK(x.state == InteractionState::kSnoozed);
  CHECK(x.attempts == 1);
  CHECK(x.snoozed_until == At(360));
  CHECK_FALSE(x.agent.valid());
  // The agent is free at once, without wrap-up.
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).available_since == At(60));
  CHECK(e.observer.interactions.back().reason == RequeueReason::kRetryLater);
  CHECK(e->NextDeadline() == At(360));

  // Snoozed, it is not routed even with the agent idle; at the end of the
  // snooze it waits again with a fresh queue clock and is offered.
  REQUIRE(e->AdvanceTo(At(359)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kSnoozed);
  REQUIRE(e->AdvanceTo(At(360)).ok());
  x = e.Interaction(1);
  CHECK(x.state == InteractionState::kAlerting);
  CHECK(x.entered_queue == At(360));
  CHECK(x.entered_system == At(1));

  // The second report is the last attempt allowed: Retry Later now fails
  // it, after the wrap-up.
  ConnectCallback(e, At(361));
  e.Do(ReportCallback{.now = At(400), .interaction = kX, .outcome = CallbackOutcome::kRetryLater});
  CHECK(e.Interaction(1).state == InteractionState::kWrapUp);
  REQUIRE(e->AdvanceTo(At(410)).ok());
  CHECK(e.observer.interactions.back().state == InteractionState::kFailed);
  const WorkgroupCounters c = *e->GetWorkgroupCounters(kFirst);
  CHECK(c.failed == 1);
  CHECK(c.completed == 0);
  CHECK(c.answered == 2);
  CHECK(e->live_interactions() == 0);
}

TEST_CASE("a callback reported complete completes, and attempt failed fails it") {
  EngineUnderTest e(CallbackCenter());
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .media = MediaType::kCallback});
  ConnectCallback(e, At(2));
  e.Do(ReportCallback{.now = At(30), .interaction = kX, .outcome = CallbackOutcome::kComplete});
  e.Do(EndWrapUp{.now = At(31), .agent = kA0});
  CHECK(e.observer.interactions.back().state == InteractionState::kCompleted);

  e.Do(
      Arrive{.now = At(40), .interaction = kY, .workgroup = kFirst, .media = MediaType::kCallback});
  e.Do(Accept{.now = At(41), .interaction = kY});
  e.Do(
      ReportCallback{.now = At(50), .interaction = kY, .outcome = CallbackOutcome::kAttemptFailed});
  e.Do(EndWrapUp{.now = At(51), .agent = kA0});
  CHECK(e.observer.interactions.back().state == InteractionState::kFailed);
  const WorkgroupCounters c = *e->GetWorkgroupCounters(kFirst);
  CHECK(c.completed == 1);
  CHECK(c.failed == 1);
}

TEST_CASE("callback outcomes are refused for other media and other states, changing nothing") {
  EngineUnderTest e(CallbackCenter());
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .media = MediaType::kCallback});
  e.Do(Arrive{.now = At(1), .interaction = kY, .workgroup = kFirst});
  REQUIRE(e->AdvanceTo(At(2)).ok());
  const std::string before = e.Snapshot({1, 2});
  // Alerting, not connected.
  CHECK(e->Apply(ReportCallback{.now = At(2), .interaction = kX}).code() ==
        absl::StatusCode::kFailedPrecondition);
  // A call, not a callback.
  CHECK(e->Apply(ReportCallback{.now = At(2), .interaction = kY}).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(e->Apply(ReportCallback{.now = At(2), .interaction = InteractionId(9)}).code() ==
        absl::StatusCode::kNotFound);
  CHECK(e.Snapshot({1, 2}) == before);
}

TEST_CASE("a snoozed callback withdrawn by the customer is abandoned") {
  EngineUnderTest e(CallbackCenter());
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .media = MediaType::kCallback});
  ConnectCallback(e, At(2));
  e.Do(ReportCallback{.now = At(3), .interaction = kX, .outcome = CallbackOutcome::kRetryLater});
  e.Do(Disconnect{.now = At(4), .interaction = kX});
  CHECK(e.observer.interactions.back().state == InteractionState::kAbandoned);
  CHECK(e->GetWorkgroupCounters(kFirst)->abandoned == 1);
  CHECK(e->NextDeadline() == Time::Infinite());
}

// ---- Work items ------------------------------------------------------------------

TEST_CASE(
    "a work item not picked up in time goes to the next agent without penalizing the "
    "first") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(LogIn{.now = At(1), .agent = kA1});
  e.Do(Arrive{.now = At(2), .interaction = kX, .workgroup = kFirst, .media = MediaType::kWorkItem});
  REQUIRE(e.Interaction(1).agent == kA0);  // available longest
  const StatusId available = e.Agent(0).status;
  REQUIRE(e->AdvanceTo(At(17)).ok());  // the 15 s pickup limit
  CHECK(e.Interaction(1).agent == kA1);
  CHECK(e.observer.interactions[e.observer.interactions.size() - 2].reason ==
        RequeueReason::kPickupTimeout);
  CHECK(e.Agent(0).status == available);
  CHECK(e.Agent(0).misses == 0);
}

TEST_CASE("a call not answered in time sets the agent not answering, unlike a work item") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = kA0});
  const StatusId available = e.Agent(0).status;
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  REQUIRE(e->AdvanceTo(At(16)).ok());
  CHECK(e.Agent(0).status != available);
}

TEST_CASE("after a transfer a work item has no pickup limit, before it has one") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .media = MediaType::kWorkItem});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(Hold{.now = At(3), .interaction = kX});  // closed, not completed
  e.Do(LogIn{.now = At(3), .agent = kA1, .status = *e->FindStatus("Do Not Disturb")});
  e.Do(SetStatus{.now = At(4), .agent = kA1, .status = *e->FindStatus("Available")});
  e.Do(Transfer{.now = At(5), .interaction = kX, .agent = kA1});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).transferred);
  REQUIRE(e->AdvanceTo(At(3600)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == kA1);
  CHECK(e->NextDeadline() == Time::Infinite());
}

TEST_CASE("work items with a due time count as completed on time or late") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = kA0, .status = *e->FindStatus("Do Not Disturb")});
  e.Do(Arrive{.now = At(1),
              .interaction = kX,
              .workgroup = kFirst,
              .media = MediaType::kWorkItem,
              .due = At(100)});
  e.Do(Arrive{.now = At(1),
              .interaction = kY,
              .workgroup = kFirst,
              .media = MediaType::kWorkItem,
              .due = At(50)});
  CHECK(e.Interaction(1).due == At(100));
  e.Do(SetStatus{.now = At(10), .agent = kA0, .status = *e->FindStatus("Available")});
  const InteractionId first = e.observer.offers.back().interaction;
  e.Do(Accept{.now = At(11), .interaction = first});
  e.Do(Disconnect{.now = At(40), .interaction = first});  // on time either way
  const InteractionId second = e.observer.offers.back().interaction;
  REQUIRE(second != first);
  e.Do(Accept{.now = At(41), .interaction = second});
  e.Do(Disconnect{.now = At(90), .interaction = second});  // late only if due at 50
  const WorkgroupCounters c = *e->GetWorkgroupCounters(kFirst);
  CHECK(c.completed_on_time + c.completed_late == 2);
  CHECK(c.completed_late == (second == kY ? 1 : 0));
}

// ---- Transfers -------------------------------------------------------------------

TEST_CASE(
    "a blind transfer to a workgroup re-queues with its transfer priority and a new queue "
    "clock") {
  CenterConfig center = SimpleCenter(2, {"Sales", "Billing"});
  center.agents[1].workgroups = {{.workgroup = "Billing"}};
  center.agents[0].workgroups = {{.workgroup = "Sales"}};
  center.workgroups[1].transfer_priority = 80;
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.observer.Clear();
  e.Do(Transfer{.now = At(30), .interaction = kX, .workgroup = kSecond});

  InteractionView x = e.Interaction(1);
  CHECK(x.state == InteractionState::kWaiting);
  CHECK(x.workgroup == kSecond);
  CHECK(x.priority == 80);
  CHECK(x.entered_queue == At(30));
  CHECK(x.entered_system == At(1));
  REQUIRE(e.observer.interactions.size() == 2);
  CHECK(e.observer.interactions[0].state == InteractionState::kTransferred);
  CHECK(e.observer.interactions[0].workgroup == kFirst);
  CHECK(e.observer.interactions[0].agent == kA0);
  CHECK(e.observer.interactions[1].state == InteractionState::kWaiting);
  CHECK(e.observer.interactions[1].reason == RequeueReason::kTransferred);
  // The transferring agent is free at once.
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).available_since == At(30));
  CHECK(e->GetWorkgroupCounters(kFirst)->transferred_out == 1);
  CHECK(e->GetWorkgroupCounters(kSecond)->entered == 1);

  // Billing's member takes it as soon as it logs in.
  e.Do(LogIn{.now = At(40), .agent = kA1});
  CHECK(e.Interaction(1).agent == kA1);
}

TEST_CASE("a transfer to a workgroup with no members waits there") {
  CenterConfig center = SimpleCenter(1, {"Sales"});
  center.workgroups.push_back({.name = "Empty"});
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(Transfer{.now = At(3), .interaction = kX, .workgroup = kSecond});
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e.Interaction(1).workgroup == kSecond);
  CHECK(e->GetWorkgroupCounters(kSecond)->waiting == 1);
  REQUIRE(e->AdvanceTo(At(3600)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
}

TEST_CASE(
    "a transfer to an agent offers it directly, and is refused when that agent cannot take "
    "it") {
  CenterConfig center = SimpleCenter(3);
  center.agents[2].workgroups.clear();  // not a member
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(LogIn{.now = At(3), .agent = kA1, .status = *e->FindStatus("Do Not Disturb")});

  REQUIRE(e->AdvanceTo(At(4)).ok());
  const std::string before = e.Snapshot({1});
  const auto refused = [&](const Transfer& t) { return e->Apply(t).code(); };
  CHECK(refused({.now = At(4), .interaction = kX, .agent = AgentId(2)}) ==
        absl::StatusCode::kFailedPrecondition);  // logged out
  CHECK(refused({.now = At(4), .interaction = kX, .agent = kA1}) ==
        absl::StatusCode::kFailedPrecondition);  // do not disturb
  CHECK(refused({.now = At(4), .interaction = kX, .agent = kA0}) ==
        absl::StatusCode::kFailedPrecondition);  // already there
  CHECK(refused({.now = At(4), .interaction = kX}) == absl::StatusCode::kInvalidArgument);
  CHECK(refused({.now = At(4), .interaction = kX, .workgroup = kFirst, .agent = kA1}) ==
        absl::StatusCode::kInvalidArgument);
  CHECK(e.Snapshot({1}) == before);

  // A non-member with capacity may receive it directly.
  e.Do(LogIn{.now = At(5), .agent = AgentId(2)});
  e.Do(Transfer{.now = At(6), .interaction = kX, .agent = AgentId(2)});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == AgentId(2));
  CHECK(e.observer.interactions.back().reason == RequeueReason::kTransferred);
  // No capacity: the receiving agent is busy with it now.
  e.Do(Arrive{.now = At(7), .interaction = kY, .workgroup = kFirst});
  e.Do(Accept{.now = At(8), .interaction = kY});
  CHECK(refused({.now = At(9), .interaction = kY, .agent = AgentId(2)}) ==
        absl::StatusCode::kFailedPrecondition);
  // Unanswered, it returns to its workgroup's queue.
  REQUIRE(e->AdvanceTo(At(21)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e.Interaction(1).last_attempted == AgentId(2));
}

// Interaction Connect printed help, lines 10197-10198: a work item can be
// transferred only in the New, ACD - Wait Agent or Held state, not in
// progress; lines 10041-10043: New is routed to an agent, not yet picked up.
TEST_CASE("a new (alerting) work item is transferred, its offer withdrawn without a miss") {
  CenterConfig center = SimpleCenter(3, {"Claims", "Review"});
  center.agents[0].workgroups = {{.workgroup = "Claims"}};
  center.agents[1].workgroups = {{.workgroup = "Claims"}};
  center.agents[2].workgroups = {{.workgroup = "Review"}};
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(LogIn{.now = At(0), .agent = kA1, .status = *e->FindStatus("At Lunch")});
  e.Do(LogIn{.now = At(0), .agent = AgentId(2)});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .media = MediaType::kWorkItem});
  REQUIRE(e.Interaction(1).agent == kA0);
  const AgentView before = e.Agent(0);

  // New, to a user: withdrawn from a0 and offered to a1, DND or not.
  e.Do(Transfer{.now = At(5), .interaction = kX, .agent = kA1});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == kA1);
  CHECK(e.Interaction(1).transferred);
  const AgentView after = e.Agent(0);
  CHECK(after.activity == AgentActivity::kIdle);
  CHECK(after.status == before.status);
  CHECK(after.misses == 0);
  CHECK(after.available_since == before.available_since);
  // The old pickup limit no longer applies, nor any new one.
  REQUIRE(e->AdvanceTo(At(600)).ok());
  CHECK(e.Interaction(1).agent == kA1);

  // In progress (connected) it is refused, naming the rule; held it goes.
  e.Do(Accept{.now = At(601), .interaction = kX});
  const absl::Status in_progress =
      e->Apply(Transfer{.now = At(602), .interaction = kX, .workgroup = kSecond});
  CHECK(in_progress.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(in_progress.message() ==
        "interaction 1: a work item in progress (connected) cannot be transferred; hold it first");
  e.Do(Hold{.now = At(603), .interaction = kX});
  e.Do(Transfer{.now = At(604), .interaction = kX, .workgroup = kSecond});
  CHECK(e.Interaction(1).workgroup == kSecond);
  CHECK(e.Interaction(1).agent == AgentId(2));  // Review's member, offered at once
}

// Transfer from alerting is not limited to work items: the Interaction
// Connect printed help, line 6444, transfers an alerting call rather than
// answering it; a call in progress may be transferred (line 6083).
TEST_CASE("an alerting call transferred to a workgroup leaves the agent as if never offered") {
  CenterConfig center = SimpleCenter(2, {"Sales", "Billing"});
  center.agents[1].workgroups = {{.workgroup = "Billing"}};
  center.agents[0].workgroups = {{.workgroup = "Sales"}};
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  e.Do(Arrive{.now = At(2), .interaction = kY, .workgroup = kFirst});
  REQUIRE(e.Interaction(1).agent == kA0);
  e.observer.Clear();
  e.Do(Transfer{.now = At(3), .interaction = kX, .workgroup = kSecond});
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e.Interaction(1).workgroup == kSecond);
  CHECK(e.Interaction(1).entered_queue == At(3));
  CHECK_FALSE(e.Interaction(1).last_attempted.valid());
  REQUIRE(e.observer.interactions.size() >= 2);
  CHECK(e.observer.interactions[0].state == InteractionState::kTransferred);
  CHECK(e.observer.interactions[0].agent == kA0);
  CHECK(e->GetWorkgroupCounters(kFirst)->transferred_out == 1);
  CHECK(e.Agent(0).misses == 0);
  // a0, free again, takes the next waiting call at once; no alert timer
  // of the withdrawn offer fires.
  CHECK(e.Interaction(2).agent == kA0);
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e->NextDeadline() == At(18));
  // Alerting at that same agent, a transfer to it is refused.
  CHECK(e->Apply(Transfer{.now = At(4), .interaction = kY, .agent = kA0}).code() ==
        absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("transfers are refused in wrap-up") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(30);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(Disconnect{.now = At(3), .interaction = kX});
  CHECK(e->Apply(Transfer{.now = At(4), .interaction = kX, .workgroup = kFirst}).code() ==
        absl::StatusCode::kFailedPrecondition);
}

// ---- Overflow and capacity ------------------------------------------------------

TEST_CASE("an interaction waiting past the in-queue timeout overflows to the other workgroup") {
  CenterConfig center = SimpleCenter(1, {"Sales", "Overflow"});
  center.agents[0].workgroups = {{.workgroup = "Overflow"}};
  center.workgroups[0].queue_timeout = Seconds(60);
  center.workgroups[0].overflow_workgroup = "Overflow";
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .priority = 70});
  CHECK(e->NextDeadline() == At(61));
  REQUIRE(e->AdvanceTo(At(60)).ok());
  CHECK(e.Interaction(1).workgroup == kFirst);
  REQUIRE(e->AdvanceTo(At(61)).ok());
  const InteractionView x = e.Interaction(1);
  CHECK(x.workgroup == kSecond);
  CHECK(x.state == InteractionState::kAlerting);
  CHECK(x.priority == 70);  // an overflow keeps the priority
  CHECK(x.entered_queue == At(61));
  CHECK(e->GetWorkgroupCounters(kFirst)->transferred_out == 1);
}

TEST_CASE("an overflow into a full queue leaves the interaction where it waits") {
  CenterConfig center = SimpleCenter(0, {"Sales", "Overflow"});
  center.workgroups[0].queue_timeout = Seconds(60);
  center.workgroups[0].overflow_workgroup = "Overflow";
  center.workgroups[1].queue_capacity = 0;
  EngineUnderTest e(center);
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  REQUIRE(e->AdvanceTo(At(1000)).ok());
  CHECK(e.Interaction(1).workgroup == kFirst);
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e->NextDeadline() == Time::Infinite());
}

TEST_CASE("a full queue refuses arrivals that would wait, and admits those an agent takes") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].queue_capacity = 0;  // Erlang B: nothing waits
  EngineUnderTest e(center);
  REQUIRE(e->AdvanceTo(At(1)).ok());
  const std::string empty = e.Snapshot({1});
  absl::Status refused = e->Apply(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst});
  CHECK(refused.code() == absl::StatusCode::kResourceExhausted);
  CHECK(refused.message().find("full") != absl::string_view::npos);
  CHECK(e.Snapshot({1}) == empty);
  CHECK(e->live_interactions() == 0);
  CHECK(e->GetWorkgroupCounters(kFirst)->entered == 0);
  CHECK(e.observer.log.empty());

  e.Do(LogIn{.now = At(2), .agent = kA0});
  e.Do(Arrive{.now = At(3), .interaction = kX, .workgroup = kFirst});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  // The one agent busy: the next would wait, so it is refused; the same id
  // may come again later.
  CHECK(e->Apply(Arrive{.now = At(4), .interaction = kY, .workgroup = kFirst}).code() ==
        absl::StatusCode::kResourceExhausted);
  CHECK_FALSE(e->GetInteraction(kY).ok());
}

TEST_CASE("a queue with capacity one holds one waiting interaction and refuses transfers in") {
  CenterConfig center = SimpleCenter(1, {"Sales", "Billing"});
  center.workgroups[1].queue_capacity = 1;
  center.agents[0].workgroups = {{.workgroup = "Sales"}};
  EngineUnderTest e(center);
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSecond});
  e.Do(LogIn{.now = At(2), .agent = kA0});
  e.Do(Arrive{.now = At(3), .interaction = kY, .workgroup = kFirst});
  e.Do(Accept{.now = At(4), .interaction = kY});
  const std::string before = e.Snapshot({1, 2});
  CHECK(e->Apply(Transfer{.now = At(4), .interaction = kY, .workgroup = kSecond}).code() ==
        absl::StatusCode::kResourceExhausted);
  CHECK(e.Snapshot({1, 2}) == before);
  // Re-queueing the waiting one in its own queue is not blocked by itself.
  e.Do(Transfer{.now = At(6), .interaction = kX, .workgroup = kSecond});
  CHECK(e.Interaction(1).entered_queue == At(6));
}

}  // namespace
}  // namespace acd
