// Changing the roster while running (AddAgent, RemoveAgent, AddWorkgroup,
// RemoveWorkgroup; acd/commands.h, docs/design.md 3.13): ids stay dense and
// are never reused, removed ids answer NotFound, and each outcome of
// removing an agent that holds work is the documented one.

#include <memory>

#include "acd/engine.h"
#include "acd/engine_state.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

constexpr AgentId kA0(0), kA1(1);
constexpr WorkgroupId kSupport(0);
constexpr InteractionId kX(1), kY(2);

absl::StatusCode Code(EngineUnderTest& e, const Command& c) { return e->Apply(c).code(); }

TEST_CASE("an added agent takes the next id, starts logged out and takes work once logged in") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});
  e.Do(AddAgent{.now = At(2), .config = {.name = "bea", .workgroups = {{.workgroup = "Support"}}}});
  CHECK(e->config().agents.size() == 2);
  CHECK(*e->FindAgent("bea") == kA1);
  CHECK_FALSE(e.Agent(1).logged_in);
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  e.Do(LogIn{.now = At(3), .agent = kA1});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == kA1);
}

TEST_CASE("a name in use is AlreadyExists, an invalid agent InvalidArgument, and nothing changes") {
  EngineUnderTest e(SimpleCenter(1));
  REQUIRE(e->AdvanceTo(At(1)).ok());
  const std::string before = e.Snapshot({});
  CHECK(Code(e, AddAgent{.now = At(1), .config = {.name = "a0"}}) ==
        absl::StatusCode::kAlreadyExists);
  const absl::Status empty = e->Apply(AddAgent{.now = At(1), .config = {}});
  CHECK(empty.code() == absl::StatusCode::kInvalidArgument);
  CHECK(empty.message() == "agents[1].name: must not be empty");
  const absl::Status unknown = e->Apply(
      AddAgent{.now = At(1), .config = {.name = "bea", .workgroups = {{.workgroup = "Sales"}}}});
  CHECK(unknown.code() == absl::StatusCode::kInvalidArgument);
  CHECK(unknown.message() == "agents[1].workgroups[0].workgroup: unknown workgroup \"Sales\"");
  CHECK(Code(e, AddWorkgroup{.now = At(1), .config = {.name = "Support"}}) ==
        absl::StatusCode::kAlreadyExists);
  CHECK(Code(e, AddWorkgroup{.now = At(1),
                             .config = {.name = "Sales", .alert_timeout = Seconds(3)}}) ==
        absl::StatusCode::kInvalidArgument);
  CHECK(e.Snapshot({}) == before);
  CHECK(e->config().agents.size() == 1);
  CHECK(e->config().workgroups.size() == 1);
}

TEST_CASE("a removed agent answers NotFound from then on; its name added again gets a new id") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(RemoveAgent{.now = At(1), .agent = kA0});
  CHECK(e->GetAgent(kA0).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->FindAgent("a0").status().code() == absl::StatusCode::kNotFound);
  CHECK(Code(e, LogIn{.now = At(2), .agent = kA0}) == absl::StatusCode::kNotFound);
  CHECK(Code(e, RemoveAgent{.now = At(2), .agent = kA0}) == absl::StatusCode::kNotFound);
  CHECK(Code(e, UpdateAgent{.now = At(2), .agent = kA0, .config = {.name = "a0"}}) ==
        absl::StatusCode::kNotFound);
  CHECK(Code(e, Arrive{.now = At(2),
                       .interaction = kX,
                       .workgroup = kSupport,
                       .preferred_agent = kA0,
                       .preferred_window = Seconds(10)}) == absl::StatusCode::kNotFound);
  // The entry keeps its place with an empty name: ids stay dense.
  CHECK(e->config().agents.size() == 2);
  CHECK(e->config().agents[0].name.empty());
  e.Do(AddAgent{.now = At(3), .config = {.name = "a0", .workgroups = {{.workgroup = "Support"}}}});
  CHECK(*e->FindAgent("a0") == AgentId(2));
  CHECK(e.Agent(2).memberships.size() == 1);
  CHECK(e->GetAgent(kA0).status().code() == absl::StatusCode::kNotFound);
  // Listings leave it out.
  const std::vector<AgentView> listed = e->ListAgents();
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].id == kA1);
  CHECK(listed[1].id == AgentId(2));
}

TEST_CASE("removing a logged-in agent logs it out: its alerting offer goes to another agent") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});
  REQUIRE(e.Interaction(1).agent == kA0);
  e.Do(LogIn{.now = At(2), .agent = kA1});
  e.observer.interactions.clear();
  e.Do(RemoveAgent{.now = At(3), .agent = kA0});
  const InteractionView x = e.Interaction(1);
  CHECK(x.state == InteractionState::kAlerting);
  CHECK(x.agent == kA1);
  CHECK(x.entered_queue == At(1));
  CHECK_FALSE(x.excluded.valid());
  REQUIRE(e.observer.interactions.size() >= 1);
  CHECK(e.observer.interactions[0].state == InteractionState::kWaiting);
  CHECK(e.observer.interactions[0].reason == RequeueReason::kAgentLoggedOut);
  // Its last event says it is gone: logged out.
  AgentActivity last = AgentActivity::kIdle;
  for (const AgentEvent& event : e.observer.agents) {
    if (event.agent == kA0) last = event.activity;
  }
  CHECK(last == AgentActivity::kLoggedOut);
}

TEST_CASE("removing an agent returns its connected and held interactions, keeping queue time") {
  CenterConfig center = SimpleCenter(2);
  center.workgroups[0].utilization = {{.media = MediaType::kChat, .percent = 50, .max_assign = 2}};
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport, .media = MediaType::kChat});
  e.Do(Arrive{.now = At(2), .interaction = kY, .workgroup = kSupport, .media = MediaType::kChat});
  e.Do(Accept{.now = At(3), .interaction = kX});
  e.Do(Accept{.now = At(3), .interaction = kY});
  e.Do(Hold{.now = At(4), .interaction = kY});
  const int64_t answered = e->GetWorkgroupCounters(kSupport)->answered;
  e.Do(RemoveAgent{.now = At(10), .agent = kA0});
  for (uint64_t id : {1, 2}) {
    const InteractionView x = e.Interaction(id);
    CHECK(x.state == InteractionState::kWaiting);
    CHECK(x.entered_queue == At(static_cast<int64_t>(id)));
    CHECK(x.priority == 50);
    CHECK_FALSE(x.excluded.valid());
    CHECK(x.last_attempted == kA0);
  }
  CHECK(e->GetWorkgroupCounters(kSupport)->waiting == 2);
  // Logged in, the other agent takes both, the older first; each counts as
  // answered again.
  e.Do(LogIn{.now = At(11), .agent = kA1});
  CHECK(e.Agent(1).interactions == std::vector<InteractionId>{kX, kY});
  e.Do(Accept{.now = At(12), .interaction = kX});
  CHECK(e->GetWorkgroupCounters(kSupport)->answered == answered + 1);
}

TEST_CASE("removing an agent in wrap-up ends the wrap-up: the interaction completes") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(60);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(Disconnect{.now = At(5), .interaction = kX});
  REQUIRE(e.Interaction(1).state == InteractionState::kWrapUp);
  e.Do(RemoveAgent{.now = At(6), .agent = kA0});
  CHECK(e->GetInteraction(kX).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->GetWorkgroupCounters(kSupport)->completed == 1);
  CHECK(e->live_interactions() == 0);
  CHECK(e->NextDeadline() == Time::Infinite());  // no wrap-up timer left
}

TEST_CASE("removing the preferred agent opens the window: another agent gets the interaction") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = kA1});
  e.Do(Arrive{.now = At(1),
              .interaction = kX,
              .workgroup = kSupport,
              .preferred_agent = kA0,
              .preferred_window = Seconds(60)});
  REQUIRE(e.Interaction(1).state == InteractionState::kWaiting);
  e.Do(RemoveAgent{.now = At(2), .agent = kA0});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == kA1);
}

TEST_CASE("an added workgroup takes the next id and receives once an agent joins it") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(AddWorkgroup{.now = At(1), .config = {.name = "Sales", .wrap_up = Seconds(5)}});
  const WorkgroupId sales(1);
  CHECK(*e->FindWorkgroup("Sales") == sales);
  CHECK(e->GetWorkgroupCounters(sales)->entered == 0);
  e.Do(LogIn{.now = At(2), .agent = kA0});
  e.Do(Arrive{.now = At(3), .interaction = kX, .workgroup = sales});
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  AgentConfig ann = e->config().agents[0];
  ann.workgroups.push_back({.workgroup = "Sales"});
  e.Do(UpdateAgent{.now = At(4), .agent = kA0, .config = ann});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e->GetWorkgroupStats(sales)->waiting == 0);
}

TEST_CASE("a workgroup with live interactions or that others overflow into is not removed") {
  CenterConfig center = SimpleCenter(1, {"Support", "Sales"});
  center.workgroups[0].queue_timeout = Seconds(30);
  center.workgroups[0].overflow_workgroup = "Sales";
  EngineUnderTest e(center);
  const absl::Status overflow =
      e->Apply(RemoveWorkgroup{.now = At(1), .workgroup = WorkgroupId(1)});
  CHECK(overflow.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(overflow.message() == "workgroup Sales: is the overflow workgroup of Support; not removed");
  e.Do(Arrive{.now = At(2), .interaction = kX, .workgroup = kSupport});
  const absl::Status live = e->Apply(RemoveWorkgroup{.now = At(3), .workgroup = kSupport});
  CHECK(live.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(live.message() == "workgroup Support: holds 1 live interaction(s); not removed");
  // Once it has ended, the workgroup goes; then Sales may go too.
  e.Do(Disconnect{.now = At(4), .interaction = kX});
  e.Do(RemoveWorkgroup{.now = At(5), .workgroup = kSupport});
  e.Do(RemoveWorkgroup{.now = At(6), .workgroup = WorkgroupId(1)});
  CHECK(e.Agent(0).memberships.empty());
}

TEST_CASE("a workgroup that others send held interactions to is not removed; its own target goes") {
  CenterConfig center = SimpleCenter(1, {"Support", "Sales"});
  center.workgroups[0].max_hold_action = MaxHoldAction::kTransfer;
  center.workgroups[0].max_hold_workgroup = "Sales";
  center.workgroups[1].max_hold_action = MaxHoldAction::kTransfer;
  center.workgroups[1].max_hold_workgroup = "Sales";  // itself
  EngineUnderTest e(center);
  const absl::Status target = e->Apply(RemoveWorkgroup{.now = At(1), .workgroup = WorkgroupId(1)});
  CHECK(target.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(target.message() ==
        "workgroup Sales: is where Support transfers interactions held too long; not removed");
  // Support goes (nothing points at it); then Sales, its own target, may go.
  e.Do(RemoveWorkgroup{.now = At(2), .workgroup = kSupport});
  e.Do(RemoveWorkgroup{.now = At(3), .workgroup = WorkgroupId(1)});
  CHECK(e.Agent(0).memberships.empty());
}

TEST_CASE("removing a workgroup drops its memberships; the others keep their activation") {
  EngineUnderTest e(SimpleCenter(1, {"Support", "Sales", "Billing"}));
  e.Do(SetActivation{.now = At(0), .agent = kA0, .workgroup = WorkgroupId(2), .active = false});
  e.Do(RemoveWorkgroup{.now = At(1), .workgroup = WorkgroupId(1)});
  const AgentView ann = e.Agent(0);
  REQUIRE(ann.memberships.size() == 2);
  CHECK(ann.memberships[0] == std::pair<WorkgroupId, bool>(kSupport, true));
  CHECK(ann.memberships[1] == std::pair<WorkgroupId, bool>(WorkgroupId(2), false));
  CHECK(e->config().agents[0].workgroups.size() == 2);
  const WorkgroupId sales(1);
  CHECK(e->GetWorkgroupCounters(sales).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->GetWorkgroupStats(sales).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->FindWorkgroup("Sales").status().code() == absl::StatusCode::kNotFound);
  CHECK(Code(e, Arrive{.now = At(2), .interaction = kX, .workgroup = sales}) ==
        absl::StatusCode::kNotFound);
  CHECK(Code(e, SetActivation{.now = At(2), .agent = kA0, .workgroup = sales}) ==
        absl::StatusCode::kNotFound);
  e.Do(AddWorkgroup{.now = At(3), .config = {.name = "Sales"}});
  CHECK(*e->FindWorkgroup("Sales") == WorkgroupId(3));
}

TEST_CASE("removing a workgroup that gave a skill re-routes the members' other workgroups") {
  // ann inherits spanish 40 from Support and 90 from Sales (the highest
  // counts): too good for a call that wants at most 50, until Sales goes.
  CenterConfig center = SimpleCenter(1, {"Support", "Sales"});
  center.skills = {"spanish"};
  center.workgroups[0].skills = {{.skill = "spanish", .proficiency = 40}};
  center.workgroups[1].skills = {{.skill = "spanish", .proficiency = 90}};
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1),
              .interaction = kX,
              .workgroup = kSupport,
              .requirements = {{.skill = SkillId(0), .max_proficiency = 50}}});
  REQUIRE(e.Interaction(1).state == InteractionState::kWaiting);
  e.Do(RemoveWorkgroup{.now = At(2), .workgroup = WorkgroupId(1)});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == kA0);
}

TEST_CASE("a skill new to the center is added by AddAgent and UpdateAgent and usable at once") {
  EngineUnderTest e(SimpleCenter(1));
  CHECK(e->FindSkill("klingon").status().code() == absl::StatusCode::kNotFound);
  e.Do(AddAgent{.now = At(1),
                .config = {.name = "worf",
                           .workgroups = {{.workgroup = "Support"}},
                           .skills = {{.skill = "klingon", .proficiency = 80, .desire = 50}}}});
  const SkillId klingon = *e->FindSkill("klingon");
  CHECK(klingon == SkillId(0));
  CHECK(e->config().skills == std::vector<std::string>{"klingon"});
  AgentConfig ann = e->config().agents[0];
  ann.skills = {{.skill = "vulcan", .proficiency = 90}};
  e.Do(UpdateAgent{.now = At(2), .agent = kA0, .config = ann});
  const SkillId vulcan = *e->FindSkill("vulcan");
  CHECK(vulcan == SkillId(1));
  e.Do(LogIn{.now = At(3), .agent = kA0});
  e.Do(LogIn{.now = At(3), .agent = kA1});
  e.Do(Arrive{.now = At(4),
              .interaction = kX,
              .workgroup = kSupport,
              .requirements = {{.skill = klingon, .min_proficiency = 60}}});
  CHECK(e.Interaction(1).agent == kA1);
  e.Do(Arrive{
      .now = At(4), .interaction = kY, .workgroup = kSupport, .requirements = {{.skill = vulcan}}});
  CHECK(e.Interaction(2).agent == kA0);
  // AddWorkgroup grows it too (inherited skills).
  e.Do(AddWorkgroup{.now = At(5), .config = {.name = "Space", .skills = {{.skill = "warp"}}}});
  CHECK(*e->FindSkill("warp") == SkillId(2));
}

TEST_CASE("a snapshot after roster changes carries them and restores exactly") {
  CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  center.workgroups[0].wrap_up = Seconds(20);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(LogIn{.now = At(0), .agent = kA1});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kSupport});
  e.Do(Arrive{.now = At(1), .interaction = kY, .workgroup = kSupport});
  e.Do(Accept{.now = At(2), .interaction = kX});
  e.Do(RemoveAgent{.now = At(3), .agent = kA0});
  e.Do(RemoveWorkgroup{.now = At(3), .workgroup = WorkgroupId(1)});
  e.Do(AddWorkgroup{.now = At(4), .config = {.name = "Sales"}});
  e.Do(AddAgent{.now = At(4),
                .config = {.name = "a0",
                           .workgroups = {{.workgroup = "Support"}, {.workgroup = "Sales"}},
                           .skills = {{.skill = "french", .proficiency = 70}}}});
  e.Do(LogIn{.now = At(5), .agent = AgentId(2)});
  const EngineState state = e->ExportState();
  CHECK(state.center.agents.size() == 3);
  CHECK(state.center.agents[0].name.empty());
  CHECK(state.center.workgroups[1].name.empty());
  CHECK(state.center.skills == std::vector<std::string>{"french"});
  auto restored = Engine::Restore(state);
  REQUIRE(restored.ok());
  EngineUnderTest again(SimpleCenter(1));
  again.engine = std::move(*restored);
  again.engine->SetObserver(&again.observer);
  CHECK(again.Snapshot({1, 2}) == e.Snapshot({1, 2}));
  CHECK(again->FindAgent("a0").value() == AgentId(2));
  // Both continue alike.
  for (EngineUnderTest* x : {&e, &again}) {
    x->Do(Disconnect{.now = At(30), .interaction = kY});
    x->Do(Arrive{.now = At(31), .interaction = InteractionId(3), .workgroup = WorkgroupId(2)});
    CHECK(x->engine->AdvanceTo(At(90)).ok());
    x->Do(AddAgent{.now = At(90), .config = {.name = "c"}});
  }
  CHECK(again.Snapshot({1, 2, 3}) == e.Snapshot({1, 2, 3}));
  CHECK(Engine::Restore(again->ExportState()).ok());
}

TEST_CASE(
    "a snapshot whose removed agent is logged in, or works in a removed workgroup, is refused") {
  EngineUnderTest e(SimpleCenter(2, {"Support", "Sales"}));
  e.Do(LogIn{.now = At(0), .agent = kA1});
  e.Do(RemoveAgent{.now = At(1), .agent = kA0});
  e.Do(Arrive{.now = At(2), .interaction = kX, .workgroup = kSupport});
  EngineState state = e->ExportState();
  REQUIRE(Engine::Restore(state).ok());
  EngineState logged_in = state;
  logged_in.agents[0].logged_in = true;
  logged_in.agents[0].status = StatusId(0);
  const auto refused = Engine::Restore(logged_in);
  CHECK(refused.status().code() == absl::StatusCode::kDataLoss);
  CHECK(refused.status().message().find("agents[0]") != absl::string_view::npos);
  // Its interaction in a workgroup that is gone.
  EngineState orphan = state;
  orphan.interactions[0].workgroup = WorkgroupId(1);
  orphan.center.workgroups[1].name.clear();
  orphan.center.agents[1].workgroups = {{.workgroup = "Support"}};
  orphan.agents[1].active = {true};
  const auto unknown = Engine::Restore(orphan);
  CHECK(unknown.status().code() == absl::StatusCode::kDataLoss);
  CHECK(unknown.status().message().find("interactions[0]") != absl::string_view::npos);
}

}  // namespace
}  // namespace acd
