// Queries on a waiting interaction (docs/design.md 3.9, acd/stats.h): wait reason,
// position and the two wait estimates; the listings of interactions and agents.

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;

const WorkgroupId kWg(0);

WaitReasonCode Why(EngineUnderTest& e, uint64_t id) {
  absl::StatusOr<WaitReason> why = e->GetWaitReason(InteractionId(id));
  REQUIRE(why.ok());
  return why->code;
}

// One agent "a0" with skill "s" at 80 in workgroup "Q" (calls 60 %, chats
// 40 %), with tiers when given.
CenterConfig SkilledCenter(std::vector<TierConfig> tiers = {}) {
  CenterConfig center;
  center.skills = {"s"};
  center.workgroups.push_back(
      {.name = "Q",
       .utilization = {{.media = MediaType::kCall, .percent = 60},
                       {.media = MediaType::kChat, .percent = 40, .max_assign = 2}},
       .tiers = tiers});
  center.agents.push_back({.name = "a0",
                           .workgroups = {{.workgroup = "Q", .active = false}},
                           .skills = {{.skill = "s", .proficiency = 80}}});
  return center;
}

Arrive NeedsS(uint64_t id, int64_t at_s, MediaType media = MediaType::kCall) {
  return Arrive{.now = At(at_s),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .media = media,
                .requirements = {{.skill = SkillId(0)}}};
}

TEST_CASE("the wait reason follows the agent from logged out to busy with another media") {
  EngineUnderTest e(SkilledCenter());
  e.Do(NeedsS(1, 0));
  CHECK(Why(e, 1) == WaitReasonCode::kNoSkilledAgentLoggedIn);
  e.Do(LogIn{.now = At(1), .agent = AgentId(0), .status = *e->FindStatus("At Lunch")});
  CHECK(Why(e, 1) == WaitReasonCode::kNoAgentActivated);
  e.Do(SetActivation{.now = At(2), .agent = AgentId(0), .workgroup = kWg});
  CHECK(Why(e, 1) == WaitReasonCode::kNoAvailableAgent);
  e.Do(NeedsS(2, 3, MediaType::kChat));
  e.Do(NeedsS(3, 3, MediaType::kChat));
  e.Do(SetStatus{.now = At(4), .agent = AgentId(0), .status = *e->FindStatus("Available")});
  // The call (60 %) went first; the two chats (40 % each) do not both fit.
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(Why(e, 3) == WaitReasonCode::kNoAvailableAgentForMedia);
}

TEST_CASE("the wait reason names the tier and when it widens") {
  CenterConfig center = SkilledCenter(
      {{.threshold = 90, .duration = Seconds(10)}, {.threshold = 50, .duration = Seconds(10)}});
  // Someone above 90 is needed for tier 1 not to be skipped.
  center.agents.push_back({.name = "expert",
                           .workgroups = {{.workgroup = "Q"}},
                           .skills = {{.skill = "s", .proficiency = 95}}});
  EngineUnderTest tiered(center);
  tiered.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  tiered.Do(SetActivation{.now = At(0), .agent = AgentId(0), .workgroup = kWg});
  tiered.Do(LogIn{.now = At(0), .agent = AgentId(1), .status = *tiered->FindStatus("At Lunch")});
  tiered.Do(NeedsS(1, 0));
  absl::StatusOr<WaitReason> why = tiered->GetWaitReason(InteractionId(1));
  REQUIRE(why.ok());
  CHECK(why->code == WaitReasonCode::kWaitingForTier);
  CHECK(why->tier == 1);
  CHECK(why->until == At(10));
  REQUIRE(tiered->AdvanceTo(At(10)).ok());
  CHECK(tiered.Interaction(1).agent == AgentId(0));
}

TEST_CASE("the wait reason names the preferred agent and the excluded one") {
  CenterConfig center = testing::SimpleCenter(2);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(0), .agent = AgentId(1), .status = *e->FindStatus("At Lunch")});
  e.Do(Arrive{.now = At(1),
              .interaction = InteractionId(1),
              .workgroup = kWg,
              .preferred_agent = AgentId(1),
              .preferred_window = Seconds(20)});
  absl::StatusOr<WaitReason> why = e->GetWaitReason(InteractionId(1));
  REQUIRE(why.ok());
  CHECK(why->code == WaitReasonCode::kReservedForPreferredAgent);
  CHECK(why->agent == AgentId(1));
  CHECK(why->until == At(21));

  e.Do(Arrive{.now = At(2), .interaction = InteractionId(2), .workgroup = kWg});
  e.Do(Reject{.now = At(3), .interaction = InteractionId(2)});
  why = e->GetWaitReason(InteractionId(2));
  REQUIRE(why.ok());
  CHECK(why->code == WaitReasonCode::kExcluded);
  CHECK(why->agent == AgentId(0));
  CHECK(why->until == At(33));
}

TEST_CASE("queries on an unknown or non-waiting interaction are errors, but for the position") {
  EngineUnderTest e(testing::SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(1), .workgroup = kWg});
  const InteractionId alerting(1), unknown(9);
  CHECK(e->GetWaitReason(unknown).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->GetPosition(unknown).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->EstimateWait(unknown).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->EstimateWaitPureConnect(unknown).status().code() == absl::StatusCode::kNotFound);
  CHECK(e->EstimateWaitPureConnectSigned(unknown).status().code() == absl::StatusCode::kNotFound);
  const auto precondition = absl::StatusCode::kFailedPrecondition;
  CHECK(e->GetWaitReason(alerting).status().code() == precondition);
  CHECK(*e->GetPosition(alerting) == -1);  // PureConnect's answer (next test)
  CHECK(e->EstimateWait(alerting).status().code() == precondition);
  CHECK(e->EstimateWaitPureConnect(alerting).status().code() == precondition);
  CHECK(e->EstimateWaitPureConnectSigned(alerting).status().code() == precondition);
}

// Interaction Designer help: ACD statistics: the estimated position is -1
// once the interaction is assigned, 1 when it is next (docs/sources.md).
TEST_CASE("the position of a live interaction not in the queue is -1, as PureConnect's") {
  CenterConfig center = testing::SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(30);
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(1), .workgroup = kWg});
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(2), .workgroup = kWg});
  const auto position = [&](uint64_t id) { return *e->GetPosition(InteractionId(id)); };
  CHECK(position(2) == 1);
  REQUIRE(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(position(1) == -1);
  e.Do(Accept{.now = At(2), .interaction = InteractionId(1)});
  CHECK(position(1) == -1);
  e.Do(Hold{.now = At(3), .interaction = InteractionId(1)});
  REQUIRE(e.Interaction(1).state == InteractionState::kHeld);
  CHECK(position(1) == -1);
  e.Do(Resume{.now = At(4), .interaction = InteractionId(1)});
  e.Do(Disconnect{.now = At(5), .interaction = InteractionId(1)});
  REQUIRE(e.Interaction(1).state == InteractionState::kWrapUp);
  CHECK(position(1) == -1);
  CHECK(position(2) == 1);  // still waiting, next
  // Ended: unknown again.
  e.Do(EndWrapUp{.now = At(6), .agent = AgentId(0)});
  CHECK(e->GetPosition(InteractionId(1)).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("a snoozed callback is not in the queue: position -1") {
  EngineUnderTest e(testing::SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = At(1),
              .interaction = InteractionId(1),
              .workgroup = kWg,
              .media = MediaType::kCallback});
  e.Do(Accept{.now = At(2), .interaction = InteractionId(1)});
  e.Do(ReportCallback{
      .now = At(3), .interaction = InteractionId(1), .outcome = CallbackOutcome::kRetryLater});
  REQUIRE(e.Interaction(1).state == InteractionState::kSnoozed);
  CHECK(*e->GetPosition(InteractionId(1)) == -1);
}

TEST_CASE("the position is the order an agent would take them in") {
  CenterConfig center = testing::SimpleCenter(1, {"Q", "Other"});
  EngineUnderTest e(center);
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(1), .workgroup = kWg});
  e.Do(Arrive{.now = At(2), .interaction = InteractionId(2), .workgroup = kWg, .priority = 70});
  e.Do(Arrive{.now = At(3), .interaction = InteractionId(3), .workgroup = kWg});
  e.Do(Arrive{.now = At(3), .interaction = InteractionId(4), .workgroup = WorkgroupId(1)});
  const auto position = [&](uint64_t id) { return *e->GetPosition(InteractionId(id)); };
  CHECK(position(2) == 1);
  CHECK(position(1) == 2);
  CHECK(position(3) == 3);
  CHECK(position(4) == 1);  // alone in its workgroup
  e.Do(LogIn{.now = At(4), .agent = AgentId(0)});
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(position(1) == 1);
  CHECK(position(3) == 2);
}

// One agent answering at once; `waits_s` are the queue waits of the
// answered interactions, which arrive one after another.
void AnswerAfter(EngineUnderTest& e, std::vector<int64_t> waits_s, int64_t& now_s, uint64_t& id) {
  for (int64_t wait : waits_s) {
    e.Do(Arrive{.now = At(now_s), .interaction = InteractionId(id), .workgroup = kWg});
    e.Do(LogIn{.now = At(now_s + wait), .agent = AgentId(0)});
    e.Do(Accept{.now = At(now_s + wait), .interaction = InteractionId(id)});
    e.Do(Disconnect{.now = At(now_s + wait + 100), .interaction = InteractionId(id)});
    e.Do(LogOut{.now = At(now_s + wait + 100), .agent = AgentId(0)});
    now_s += wait + 100;
    ++id;
  }
}

TEST_CASE("PureConnect's estimate is the recent mean wait less the time waited") {
  EngineUnderTest e(testing::SimpleCenter(1));
  int64_t now = 0;
  uint64_t id = 1;
  e.Do(Arrive{.now = At(0), .interaction = InteractionId(100), .workgroup = kWg});
  CHECK(*e->EstimateWaitPureConnect(InteractionId(100)) == Duration::Zero());  // no answers yet
  e.Do(Disconnect{.now = At(0), .interaction = InteractionId(100)});
  AnswerAfter(e, {10, 30}, now, id);  // answered at 10 s and 140 s
  e.Do(Arrive{.now = At(now), .interaction = InteractionId(100), .workgroup = kWg});
  e.Do(Arrive{.now = At(now + 5), .interaction = InteractionId(101), .workgroup = kWg});
  CHECK(*e->EstimateWaitPureConnect(InteractionId(100)) == Seconds(15));  // 20 - 5
  CHECK(*e->EstimateWaitPureConnect(InteractionId(101)) == Seconds(20));
  CHECK(*e->EstimateWaitPureConnect(InteractionId(101)) == Seconds(20));
  // The answer at 10 s leaves the window after 30 minutes: only the 30 s
  // wait remains. A fresh arrival shows it; the old ones have waited longer.
  e.Do(Arrive{.now = At(10 + 1801), .interaction = InteractionId(102), .workgroup = kWg});
  CHECK(*e->EstimateWaitPureConnect(InteractionId(102)) == Seconds(30));
  CHECK(*e->EstimateWaitPureConnect(InteractionId(101)) == Duration::Zero());
  e.Do(Arrive{.now = At(140 + 1801), .interaction = InteractionId(103), .workgroup = kWg});
  CHECK(*e->EstimateWaitPureConnect(InteractionId(103)) == Duration::Zero());  // none left
}

// Interaction Designer help: ACD statistics: the estimated wait is the
// average wait of those answered in the previous 30 minutes minus the time
// already waited, negative once exceeded (docs/sources.md).
TEST_CASE("PureConnect's estimate in its own signed form goes negative past the mean") {
  EngineUnderTest e(testing::SimpleCenter(1));
  int64_t now = 0;
  uint64_t id = 1;
  e.Do(Arrive{.now = At(0), .interaction = InteractionId(100), .workgroup = kWg});
  e.Do(Arrive{.now = At(4), .interaction = InteractionId(99), .workgroup = kWg});
  // Nothing answered yet: the mean is 0, so minus the time waited.
  CHECK(*e->EstimateWaitPureConnectSigned(InteractionId(100)) == Seconds(-4));
  CHECK(*e->EstimateWaitPureConnect(InteractionId(100)) == Duration::Zero());
  e.Do(Disconnect{.now = At(4), .interaction = InteractionId(100)});
  e.Do(Disconnect{.now = At(4), .interaction = InteractionId(99)});
  now = 4;
  AnswerAfter(e, {10, 30}, now, id);  // mean wait 20 s
  e.Do(Arrive{.now = At(now), .interaction = InteractionId(100), .workgroup = kWg});
  e.Do(Arrive{.now = At(now + 5), .interaction = InteractionId(101), .workgroup = kWg});
  // Within the mean both forms agree.
  CHECK(*e->EstimateWaitPureConnectSigned(InteractionId(100)) == Seconds(15));
  CHECK(*e->EstimateWaitPureConnect(InteractionId(100)) == Seconds(15));
  // Past it: 20 - 50 is -30 s; the floored form says 0.
  e.Do(Arrive{.now = At(now + 50), .interaction = InteractionId(102), .workgroup = kWg});
  CHECK(*e->EstimateWaitPureConnectSigned(InteractionId(100)) == Seconds(-30));
  CHECK(*e->EstimateWaitPureConnect(InteractionId(100)) == Duration::Zero());
  CHECK(*e->EstimateWaitPureConnectSigned(InteractionId(101)) == Seconds(-25));
  CHECK(*e->EstimateWaitPureConnectSigned(InteractionId(102)) == Seconds(20));
  // Exactly at the mean: zero in both.
  e.Do(Arrive{.now = At(now + 70), .interaction = InteractionId(103), .workgroup = kWg});
  CHECK(*e->EstimateWaitPureConnectSigned(InteractionId(102)) == Duration::Zero());
  CHECK(*e->EstimateWaitPureConnect(InteractionId(102)) == Duration::Zero());
}

TEST_CASE("the staffing-aware estimate divides position times handle time by capacity") {
  CenterConfig center = testing::SimpleCenter(3);
  center.workgroups[0].utilization = {{.media = MediaType::kChat, .percent = 50, .max_assign = 4}};
  EngineUnderTest e(center);
  for (uint32_t a : {0, 1, 2}) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  // Six chats fill the three agents (two each); each takes 120 s.
  for (uint64_t id = 1; id <= 6; ++id) {
    e.Do(Arrive{.now = At(0),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .media = MediaType::kChat});
    e.Do(Accept{.now = At(0), .interaction = InteractionId(id)});
  }
  e.Do(Disconnect{.now = At(120), .interaction = InteractionId(1)});
  e.Do(Arrive{.now = At(120),
              .interaction = InteractionId(7),
              .workgroup = kWg,
              .media = MediaType::kChat});
  e.Do(Accept{.now = At(120), .interaction = InteractionId(7)});
  for (uint64_t id = 8; id <= 10; ++id) {
    e.Do(Arrive{.now = At(121),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .media = MediaType::kChat});
  }
  // Handle time 120 s; capacity 3 agents * 2 chats; position 3.
  CHECK(*e->GetPosition(InteractionId(10)) == 3);
  CHECK(*e->EstimateWait(InteractionId(10)) == Seconds(60));
  CHECK(*e->EstimateWait(InteractionId(8)) == Seconds(20));
  // Nobody serving: infinite.
  for (uint32_t a : {0, 1, 2}) {
    e.Do(SetActivation{.now = At(122), .agent = AgentId(a), .workgroup = kWg, .active = false});
  }
  CHECK(*e->EstimateWait(InteractionId(8)) == Duration::Infinite());
}

TEST_CASE("the staffing-aware estimate counts free agents of a wider tier from its start") {
  CenterConfig center;
  center.skills = {"s"};
  center.workgroups.push_back({.name = "Q",
                               .tiers = {{.threshold = 70, .duration = Seconds(30)},
                                         {.threshold = 40, .duration = Seconds(30)}}});
  for (int proficiency : {90, 50}) {
    center.agents.push_back({.name = "p" + std::to_string(proficiency),
                             .workgroups = {{.workgroup = "Q"}},
                             .skills = {{.skill = "s", .proficiency = proficiency}}});
  }
  EngineUnderTest e(center);
  for (uint32_t a : {0, 1}) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  e.Do(NeedsS(1, 0));  // p90 handles it in 100 s
  e.Do(Accept{.now = At(0), .interaction = InteractionId(1)});
  e.Do(Disconnect{.now = At(100), .interaction = InteractionId(1)});
  e.Do(NeedsS(2, 100));
  e.Do(Accept{.now = At(100), .interaction = InteractionId(2)});
  e.Do(NeedsS(3, 110));
  // Tier 1: one completion of p90, 100 s; tier 2 from 140 s: p50 is free.
  CHECK(*e->EstimateWait(InteractionId(3)) == Seconds(30));
  REQUIRE(e->AdvanceTo(At(140)).ok());
  CHECK(e.Interaction(3).agent == AgentId(1));
}

// ---- Listings ----

std::vector<uint64_t> Ids(const std::vector<InteractionView>& views) {
  std::vector<uint64_t> ids;
  for (const InteractionView& v : views) ids.push_back(v.id.value());
  return ids;
}

TEST_CASE("the listings give the live interactions in id order, all and per workgroup") {
  EngineUnderTest e(testing::SimpleCenter(1, {"Q", "Other"}));
  const WorkgroupId other(1);
  CHECK(e->ListInteractions().empty());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  // Arrival order is not id order: the listing sorts by id.
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(7), .workgroup = kWg});
  e.Do(Arrive{.now = At(2), .interaction = InteractionId(3), .workgroup = other});
  e.Do(Arrive{.now = At(3), .interaction = InteractionId(5), .workgroup = kWg});
  REQUIRE(e.Interaction(7).state == InteractionState::kAlerting);
  CHECK(Ids(e->ListInteractions()) == std::vector<uint64_t>{3, 5, 7});
  CHECK(static_cast<int64_t>(e->ListInteractions().size()) == e->live_interactions());
  CHECK(Ids(*e->ListInteractions(kWg)) == std::vector<uint64_t>{5, 7});
  CHECK(Ids(*e->ListInteractions(other)) == std::vector<uint64_t>{3});
  // Each entry is the interaction's view.
  const std::vector<InteractionView> all = e->ListInteractions();
  CHECK(all[2].state == InteractionState::kAlerting);
  CHECK(all[2].agent == AgentId(0));
  CHECK(all[1].state == InteractionState::kWaiting);
  CHECK(all[1].entered_queue == At(3));
  // A transfer moves an interaction to its new workgroup's listing.
  e.Do(Transfer{.now = At(4), .interaction = InteractionId(5), .workgroup = other});
  CHECK(Ids(*e->ListInteractions(kWg)) == std::vector<uint64_t>{7});
  CHECK(Ids(*e->ListInteractions(other)) == std::vector<uint64_t>{3, 5});
  // An ended one leaves the listings.
  e.Do(Disconnect{.now = At(5), .interaction = InteractionId(7)});
  CHECK(Ids(e->ListInteractions()) == std::vector<uint64_t>{3, 5});
  CHECK(e->ListInteractions(kWg)->empty());
  CHECK(e->ListInteractions(WorkgroupId(2)).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("the agent listing gives every configured agent in id order") {
  EngineUnderTest e(testing::SimpleCenter(3));
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(1), .workgroup = kWg});
  const std::vector<AgentView> agents = e->ListAgents();
  REQUIRE(agents.size() == 3);
  CHECK(agents[0].id == AgentId(0));
  CHECK(agents[1].id == AgentId(1));
  CHECK(agents[2].id == AgentId(2));
  CHECK_FALSE(agents[0].logged_in);
  CHECK(agents[1].logged_in);
  CHECK(agents[1].activity == AgentActivity::kAlerting);
  CHECK(agents[1].interactions == std::vector<InteractionId>{InteractionId(1)});
  CHECK(agents[1].available_since == At(0));
  CHECK_FALSE(agents[2].logged_in);
}

}  // namespace
}  // namespace acd
