// Live reconfiguration (UpdateAgent, UpdateWorkgroup) and priority changes:
// each takes effect in the same command, and what happens to aging, the tier
// clock and the place in the queue is as acd/commands.h says.

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

constexpr AgentId kA0(0);
constexpr WorkgroupId kFirst(0), kSecond(1);
constexpr InteractionId kX(1), kY(2);

CenterConfig SpanishCenter() {
  CenterConfig center = SimpleCenter(1);
  center.skills = {"spanish"};
  return center;
}

Arrive SpanishCall(Time now, InteractionId id, SkillId spanish) {
  return {.now = now,
          .interaction = id,
          .workgroup = kFirst,
          .requirements = {{.skill = spanish, .min_proficiency = 50}}};
}

TEST_CASE(
    "an agent given a skill takes the waiting interaction that needs it in the same "
    "command") {
  EngineUnderTest e(SpanishCenter());
  const SkillId spanish = *e->FindSkill("spanish");
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(SpanishCall(At(1), kX, spanish));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);

  AgentConfig ann = e->config().agents[0];
  ann.skills = {{.skill = "spanish", .proficiency = 60}};
  e.Do(UpdateAgent{.now = At(5), .agent = kA0, .config = ann});
  const InteractionView x = e.Interaction(1);
  CHECK(x.state == InteractionState::kAlerting);
  CHECK(x.entered_queue == At(1));  // its queue time is kept
  CHECK(e->config().agents[0].skills.size() == 1);
}

TEST_CASE(
    "memberships change at once: an agent that leaves stops receiving, one that joins "
    "receives") {
  EngineUnderTest e(SimpleCenter(1, {"Sales", "Billing"}));
  AgentConfig ann = e->config().agents[0];
  ann.workgroups = {{.workgroup = "Sales"}};
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(UpdateAgent{.now = At(1), .agent = kA0, .config = ann});
  CHECK(e.Agent(0).memberships.size() == 1);
  e.Do(Arrive{.now = At(2), .interaction = kX, .workgroup = kSecond});
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);

  ann.workgroups = {{.workgroup = "Sales"}, {.workgroup = "Billing", .active = false}};
  e.Do(UpdateAgent{.now = At(3), .agent = kA0, .config = ann});
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);  // joined, not activated
  e.Do(SetActivation{.now = At(4), .agent = kA0, .workgroup = kSecond, .active = true});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
}

TEST_CASE("a higher max assign lets an agent take more chats at once") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].utilization = {{.media = MediaType::kChat, .percent = 50, .max_assign = 1}};
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(1), .interaction = kX, .workgroup = kFirst, .media = MediaType::kChat});
  e.Do(Arrive{.now = At(1), .interaction = kY, .workgroup = kFirst, .media = MediaType::kChat});
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);

  AgentConfig ann = e->config().agents[0];
  ann.utilization = {{.media = MediaType::kChat, .percent = 50, .max_assign = 2}};
  e.Do(UpdateAgent{.now = At(2), .agent = kA0, .config = ann});
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e.Agent(0).used_percent == 100);
}

TEST_CASE("new tiers apply to waiting interactions from the moment they entered the queue") {
  CenterConfig center = SimpleCenter(2);
  center.skills = {"spanish"};
  center.agents[0].skills = {{.skill = "spanish", .proficiency = 60}};
  center.agents[1].skills = {{.skill = "spanish", .proficiency = 90}};
  EngineUnderTest e(center);
  const SkillId spanish = *e->FindSkill("spanish");
  const StatusId dnd = *e->FindStatus("Do Not Disturb");
  // The expert is logged in (so tier 1 holds someone) but not available.
  e.Do(LogIn{.now = At(0), .agent = kA0, .status = dnd});
  e.Do(LogIn{.now = At(0), .agent = AgentId(1), .status = dnd});
  e.Do(Arrive{
      .now = At(10), .interaction = kX, .workgroup = kFirst, .requirements = {{.skill = spanish}}});

  // Tier 1 (> 80) for 15 s, then tier 2 (> 50). At the change, 20 s after
  // the call entered the queue, it is already in tier 2.
  WorkgroupConfig support = e->config().workgroups[0];
  support.tiers = {{.threshold = 80, .duration = Seconds(15)},
                   {.threshold = 50, .duration = Seconds(60)}};
  e.Do(UpdateWorkgroup{.now = At(30), .workgroup = kFirst, .config = support});
  CHECK(e->NextDeadline() == At(10 + 15 + 60));  // the second boundary, from queue entry
  e.Do(SetStatus{.now = At(31), .agent = kA0, .status = *e->FindStatus("Available")});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == kA0);
  CHECK(e.Interaction(1).entered_queue == At(10));

  // The same change for a call that just arrived keeps it in tier 1.
  e.Do(Arrive{
      .now = At(32), .interaction = kY, .workgroup = kFirst, .requirements = {{.skill = spanish}}});
  e.Do(Disconnect{.now = At(33), .interaction = kX});
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
  REQUIRE(e->AdvanceTo(At(47)).ok());  // 32 + 15: tier 2
  CHECK(e.Interaction(2).agent == kA0);
}

TEST_CASE("new interaction weights reorder the waiting interactions") {
  CenterConfig center = SimpleCenter(1);
  EngineUnderTest e(center);
  e.Do(Arrive{.now = At(0), .interaction = kX, .workgroup = kFirst, .priority = 10});
  e.Do(Arrive{.now = At(100), .interaction = kY, .workgroup = kFirst, .priority = 60});
  // Priority only: kY first. With time in queue weighted 1 per second, kX
  // (10 + 100) overtakes kY (60 + 0).
  WorkgroupConfig support = e->config().workgroups[0];
  support.interaction_weights = {.priority = 1, .time_in_queue = 1};
  e.Do(UpdateWorkgroup{.now = At(100), .workgroup = kFirst, .config = support});
  e.Do(LogIn{.now = At(100), .agent = kA0});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);
}

TEST_CASE(
    "a priority change reorders a waiting interaction and keeps its queue time and tier "
    "clock") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(Arrive{.now = At(0), .interaction = kX, .workgroup = kFirst, .priority = 50});
  e.Do(Arrive{.now = At(1), .interaction = kY, .workgroup = kFirst, .priority = 50});
  e.Do(SetPriority{.now = At(2), .interaction = kY, .priority = 90});
  CHECK(e.Interaction(2).priority == 90);
  CHECK(e.Interaction(2).entered_queue == At(1));
  e.Do(LogIn{.now = At(3), .agent = kA0});
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e->Apply(SetPriority{.now = At(4), .interaction = kX, .priority = 1001}).code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("invalid reconfigurations are refused with the field named, changing nothing") {
  EngineUnderTest e(SpanishCenter());
  e.Do(LogIn{.now = At(0), .agent = kA0});
  e.Do(Arrive{.now = At(0), .interaction = kX, .workgroup = kFirst});
  const std::string before = e.Snapshot({1});

  AgentConfig renamed = e->config().agents[0];
  renamed.name = "bob";
  absl::Status status = e->Apply(UpdateAgent{.now = At(0), .agent = kA0, .config = renamed});
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);

  AgentConfig bad_skill = e->config().agents[0];
  // A skill new to the center would join it (docs/design.md 3.13), but not
  // with an invalid level: the update is refused and the skill not added.
  bad_skill.skills = {{.skill = "klingon", .proficiency = 0}};
  status = e->Apply(UpdateAgent{.now = At(0), .agent = kA0, .config = bad_skill});
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message().find("agents[0].skills[0]") != absl::string_view::npos);
  CHECK(e->FindSkill("klingon").status().code() == absl::StatusCode::kNotFound);

  WorkgroupConfig fast = e->config().workgroups[0];
  fast.alert_timeout = Seconds(3);
  status = e->Apply(UpdateWorkgroup{.now = At(0), .workgroup = kFirst, .config = fast});
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message().find("workgroups[0].alert_timeout") != absl::string_view::npos);

  WorkgroupConfig overflow = e->config().workgroups[0];
  overflow.queue_timeout = Seconds(30);
  status = e->Apply(UpdateWorkgroup{.now = At(0), .workgroup = kFirst, .config = overflow});
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message().find("overflow_workgroup") != absl::string_view::npos);

  CHECK(e->Apply(UpdateAgent{.now = At(0), .agent = AgentId(7), .config = renamed}).code() ==
        absl::StatusCode::kNotFound);
  CHECK(e.Snapshot({1}) == before);
}

}  // namespace
}  // namespace acd
