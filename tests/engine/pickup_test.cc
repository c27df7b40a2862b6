// Pickup (acd/commands.h) and the workgroup's maximum time on hold
// (WorkgroupConfig::max_hold): happy and unhappy paths, and a snapshot
// taken while a hold runs.
//
// Interaction Connect printed help (PureConnect 2023 R3):
//   line 11839: "You can pick up a call in any displayed queue if you have
//     the rights to modify calls in that queue"; line 11854: "You are now
//     connected to the call" (no alerting);
//   line 4020: the Modify Workgroup Queues rights let an agent pick up an
//     interaction on another queue than its own;
//   lines 3942 and 4024: Pickup also takes an interaction off hold;
//   line 10114: a work item is picked up from New, ACD - Wait Agent or
//     Held, and lines 10161-10166: a held one stays held until picked up;
//   line 3946 (also 5890, 6045): "By default, interactions on hold for
//     longer than fifteen minutes are disconnected"; the administrator may
//     change the time and the behaviour, e.g. transfer interactions held
//     longer than twenty minutes to another queue.

#include <string>

#include "acd/engine.h"
#include "acd/engine_state.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

constexpr AgentId kA0(0), kA1(1), kNobody(9);
constexpr WorkgroupId kSupport(0), kSales(1);
constexpr InteractionId kX(1), kY(2);
// DefaultStatuses(): logged in, but no ACD offers.
constexpr StatusId kAvailableNoAcd(1);

// a0 in Support only, a1 in Sales only.
CenterConfig TwoQueues() {
  CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  center.agents[0].workgroups = {{.workgroup = "Support"}};
  center.agents[1].workgroups = {{.workgroup = "Sales"}};
  return center;
}

// ---- Pickup ---------------------------------------------------------------------------

// Line 11839, 11854: picked up from the queue, connected at once.
TEST_CASE("a member picks up a waiting interaction: connected at once, answered, no offer") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = kA0, .status = kAvailableNoAcd});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});
  REQUIRE(e.Interaction(1).state == InteractionState::kWaiting);

  e.Do(Pickup{.now = At(31), .agent = kA0, .interaction = kX});
  const InteractionView x = e.Interaction(1);
  CHECK(x.state == InteractionState::kConnected);
  CHECK(x.agent == kA0);
  CHECK(e.observer.offers.empty());
  CHECK(e.observer.interactions.back().state == InteractionState::kConnected);
  CHECK(e.Agent(0).interactions == std::vector<InteractionId>{kX});
  CHECK(e.Agent(0).activity == AgentActivity::kBusy);
  const WorkgroupCounters c = *e->GetWorkgroupCounters(kSupport);
  CHECK(c.answered == 1);
  CHECK(c.waiting == 0);
  // Its wait ended at the pickup: 30 s, past the 20 s service level.
  const WorkgroupStats s = *e->GetWorkgroupStats(kSupport);
  CHECK(s.current.answered == 1);
  CHECK(s.current.answer_wait == Seconds(30));
  CHECK(s.current.answered_within[0] == 0);
  // No alert timer: nothing pending.
  CHECK(e->NextDeadline() == Time::Infinite());
}

// Line 4020: another queue than the agent's own, where the rights allow.
TEST_CASE("a non-member may pick up only where the workgroup allows it") {
  CenterConfig center = TwoQueues();
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0, .status = kAvailableNoAcd});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSales});
  const std::string before = e.Snapshot({1});

  const absl::Status refused = e->Apply(Pickup{.now = At(1), .agent = kA0, .interaction = kX});
  CHECK(refused.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(refused.message() ==
        "interaction 1: agent a0 cannot pick it up: not a member of workgroup Sales, which "
        "allows pickup by members only");
  CHECK(e.Snapshot({1}) == before);

  WorkgroupConfig sales = e->config().workgroups[1];
  sales.allow_pickup_by_non_members = true;
  e.Do(UpdateWorkgroup{.now = At(3), .workgroup = kSales, .config = sales});
  e.Do(Pickup{.now = At(4), .agent = kA0, .interaction = kX});
  CHECK(e.Interaction(1).state == InteractionState::kConnected);
  CHECK(e.Interaction(1).agent == kA0);
  CHECK(e.Interaction(1).workgroup == kSales);
  CHECK(e->GetWorkgroupCounters(kSales)->answered == 1);
}

// Lines 3942, 4024, 10114: Pickup of a held interaction.
TEST_CASE("pickup of a held interaction: the own one resumes, another agent's moves") {
  CenterConfig center = SimpleCenter(2);
  center.workgroups[0].wrap_up = Seconds(10);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});
  REQUIRE(e.Interaction(1).agent == kA0);
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(Hold{.now = At(10), .interaction = kX});

  // Its own agent: as Resume, and the hold's timer is gone.
  e.Do(Pickup{.now = At(20), .agent = kA0, .interaction = kX});
  CHECK(e.Interaction(1).state == InteractionState::kConnected);
  CHECK(e.Interaction(1).agent == kA0);
  CHECK(e->NextDeadline() == Time::Infinite());

  // Another member: it moves, connected, without a second answer; a0 is
  // free at once, without wrap-up.
  e.Do(Hold{.now = At(30), .interaction = kX});
  e.Do(LogIn{.now = At(31), .agent = kA1, .status = kAvailableNoAcd});
  e.Do(Pickup{.now = At(40), .agent = kA1, .interaction = kX});
  const InteractionView x = e.Interaction(1);
  CHECK(x.state == InteractionState::kConnected);
  CHECK(x.agent == kA1);
  CHECK(e.Agent(0).interactions.empty());
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).available_since == At(40));
  CHECK(e.Agent(1).interactions == std::vector<InteractionId>{kX});
  CHECK(e->GetWorkgroupCounters(kSupport)->answered == 1);
  CHECK(e->NextDeadline() == Time::Infinite());

  // It ends with a1: a1 wraps up.
  e.Do(Disconnect{.now = At(50), .interaction = kX});
  CHECK(e.Interaction(1).state == InteractionState::kWrapUp);
  CHECK(e.Interaction(1).agent == kA1);
}

TEST_CASE("pickup errors name what is wrong and change nothing") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});  // alerting at a0
  e.Do(LogIn{.now = At(2), .agent = kA1, .status = kAvailableNoAcd});
  const std::string before = e.Snapshot({1, 2});
  const auto code = [&](const Pickup& c) { return e->Apply(c).code(); };

  CHECK(code({.now = At(2), .agent = kNobody, .interaction = kX}) == absl::StatusCode::kNotFound);
  CHECK(code({.now = At(2), .agent = kA1, .interaction = kY}) == absl::StatusCode::kNotFound);
  const absl::Status alerting = e->Apply(Pickup{.now = At(2), .agent = kA1, .interaction = kX});
  CHECK(alerting.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(alerting.message() == "interaction 1: is alerting, not waiting or held");
  CHECK(e.Snapshot({1, 2}) == before);
  e.Do(LogOut{.now = At(3), .agent = kA1});
  const absl::Status out = e->Apply(Pickup{.now = At(3), .agent = kA1, .interaction = kX});
  CHECK(out.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(out.message() == "agent a1: not logged in");

  // No capacity: a0 holds a call (100 %) when a second one waits.
  e.Do(Accept{.now = At(4), .interaction = kX});
  e.Do(Arrive{.now = At(5), .interaction = kY, .workgroup = kSupport});
  REQUIRE(e.Interaction(2).state == InteractionState::kWaiting);
  const absl::Status full = e->Apply(Pickup{.now = At(6), .agent = kA0, .interaction = kY});
  CHECK(full.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(full.message() == "interaction 2: agent a0 cannot pick it up: no capacity for a call");
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
}

// ---- Maximum time on hold -------------------------------------------------------------

// Connects x at a0 at t=2 and holds it at t=10.
void HoldAtTen(EngineUnderTest& e) {
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(Hold{.now = At(10), .interaction = kX});
}

// Line 3946: fifteen minutes by default, then disconnected.
TEST_CASE("an interaction held fifteen minutes is disconnected by default") {
  EngineUnderTest e(SimpleCenter(1));
  CHECK(e->config().workgroups[0].max_hold == Seconds(900));
  HoldAtTen(e);
  CHECK(e->NextDeadline() == At(910));
  REQUIRE(e->AdvanceTo(At(909)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kHeld);
  REQUIRE(e->AdvanceTo(At(910)).ok());
  CHECK(e.observer.interactions.back().state == InteractionState::kCompleted);
  CHECK(e->live_interactions() == 0);
  CHECK(e->GetWorkgroupCounters(kSupport)->completed == 1);
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).available_since == At(910));
}

TEST_CASE("a maximum hold of zero is no limit") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].max_hold = Duration::Zero();
  EngineUnderTest e(center);
  HoldAtTen(e);
  CHECK(e->NextDeadline() == Time::Infinite());
  REQUIRE(e->AdvanceTo(At(100000)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kHeld);
}

// Line 3946: "transfer interactions on hold longer than twenty minutes to
// another queue".
TEST_CASE("the transfer action moves an interaction held too long to the configured queue") {
  CenterConfig center = SimpleCenter(1, {"Support", "Sales"});
  center.agents[0].workgroups = {{.workgroup = "Support"}};
  center.workgroups[0].max_hold = Seconds(1200);
  center.workgroups[0].max_hold_action = MaxHoldAction::kTransfer;
  center.workgroups[0].max_hold_workgroup = "Sales";
  center.workgroups[0].wrap_up = Seconds(60);
  EngineUnderTest e(center);
  HoldAtTen(e);
  REQUIRE(e->AdvanceTo(At(1210)).ok());
  const InteractionView x = e.Interaction(1);
  CHECK(x.state == InteractionState::kWaiting);
  CHECK(x.workgroup == kSales);
  CHECK(x.entered_queue == At(1210));
  CHECK(x.transferred);
  CHECK(e.observer.interactions.back().reason == RequeueReason::kTransferred);
  CHECK(e->GetWorkgroupCounters(kSupport)->transferred_out == 1);
  CHECK(e->GetWorkgroupCounters(kSales)->entered == 1);
  // The agent is free at once, without wrap-up.
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).interactions.empty());
}

TEST_CASE("a bad maximum-hold configuration is refused, naming the field") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].max_hold_action = MaxHoldAction::kTransfer;
  absl::Status s = Engine::Create(center).status();
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(s.message().find("workgroups[0].max_hold_workgroup") != std::string::npos);
  center.workgroups[0].max_hold_action = MaxHoldAction::kDisconnect;
  center.workgroups[0].max_hold_workgroup = "Support";
  s = Engine::Create(center).status();
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(s.message().find("not a transfer") != std::string::npos);
  center.workgroups[0].max_hold_workgroup.clear();
  center.workgroups[0].max_hold = Seconds(-1);
  CHECK(Engine::Create(center).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("resuming before the limit cancels it; the next hold starts a new one") {
  EngineUnderTest e(SimpleCenter(1));
  HoldAtTen(e);
  e.Do(Resume{.now = At(100), .interaction = kX});
  CHECK(e->NextDeadline() == Time::Infinite());
  REQUIRE(e->AdvanceTo(At(2000)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kConnected);
  e.Do(Hold{.now = At(2000), .interaction = kX});
  CHECK(e->NextDeadline() == At(2900));
  // A disconnect while held cancels it too.
  e.Do(Disconnect{.now = At(2100), .interaction = kX});
  CHECK(e->NextDeadline() == Time::Infinite());
}

TEST_CASE("a hold keeps the limit it started with when the workgroup changes") {
  EngineUnderTest e(SimpleCenter(1));
  HoldAtTen(e);
  WorkgroupConfig support = e->config().workgroups[0];
  support.max_hold = Seconds(60);
  e.Do(UpdateWorkgroup{.now = At(20), .workgroup = kSupport, .config = support});
  CHECK(e->NextDeadline() == At(910));
}

TEST_CASE("a snapshot taken during a hold carries its limit") {
  EngineUnderTest e(SimpleCenter(1));
  HoldAtTen(e);
  REQUIRE(e->AdvanceTo(At(500)).ok());
  const EngineState state = e->ExportState();
  absl::StatusOr<std::unique_ptr<Engine>> restored = Engine::Restore(state);
  REQUIRE(restored.ok());
  Engine& r = **restored;
  CHECK(r.NextDeadline() == At(910));
  REQUIRE(r.AdvanceTo(At(909)).ok());
  CHECK(r.GetInteraction(kX)->state == InteractionState::kHeld);
  REQUIRE(r.AdvanceTo(At(910)).ok());
  CHECK(r.live_interactions() == 0);
  CHECK(r.GetWorkgroupCounters(kSupport)->completed == 1);
  // The same in the engine that ran through.
  REQUIRE(e->AdvanceTo(At(910)).ok());
  CHECK(e->live_interactions() == 0);
}

}  // namespace
}  // namespace acd
