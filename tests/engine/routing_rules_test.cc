// Eligibility and choosing (docs/design.md 3.3, 3.5): skills, both scores, their
// weights and tie-breaks, activation, priority tuning.

#include <string>

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;

const WorkgroupId kWg(0);

// A center with skills "windows" and "unix", one workgroup "Q" and agents
// with the given skill levels.
CenterConfig SkilledCenter(std::vector<std::vector<SkillLevel>> agent_skills) {
  CenterConfig center;
  center.skills = {"windows", "unix"};
  center.workgroups.push_back({.name = "Q"});
  for (size_t i = 0; i < agent_skills.size(); ++i) {
    center.agents.push_back({.name = "a" + std::to_string(i),
                             .workgroups = {{.workgroup = "Q"}},
                             .skills = agent_skills[i]});
  }
  return center;
}

const SkillId kWindows(0), kUnix(1);

Arrive Needs(uint64_t id, int64_t at_s, std::vector<SkillRequirement> requirements,
             int priority = 50) {
  return Arrive{.now = At(at_s),
                .interaction = InteractionId(id),
                .workgroup = kWg,
                .priority = priority,
                .requirements = std::move(requirements)};
}

void LogInAll(EngineUnderTest& e, int agents) {
  for (int a = 0; a < agents; ++a) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
}

TEST_CASE("an agent lacking a required skill is not eligible") {
  EngineUnderTest e(SkilledCenter({{{.skill = "unix", .proficiency = 90}}}));
  LogInAll(e, 1);
  e.Do(Needs(1, 1, {{.skill = kWindows}}));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
}

TEST_CASE("proficiency must lie within the requirement's minimum and maximum") {
  EngineUnderTest e(SkilledCenter({{{.skill = "windows", .proficiency = 90}},
                                   {{.skill = "windows", .proficiency = 40}},
                                   {{.skill = "windows", .proficiency = 60}}}));
  LogInAll(e, 3);
  e.Do(Needs(1, 1, {{.skill = kWindows, .min_proficiency = 50, .max_proficiency = 80}}));
  CHECK(e.Interaction(1).agent == AgentId(2));
}

TEST_CASE("desire to use below the requirement's minimum makes an agent ineligible") {
  EngineUnderTest e(SkilledCenter({{{.skill = "windows", .proficiency = 90, .desire = 10}},
                                   {{.skill = "windows", .proficiency = 50, .desire = 60}}}));
  LogInAll(e, 2);
  e.Do(Needs(1, 1, {{.skill = kWindows, .min_desire = 50}}));
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("the highest skilled available agent wins, ties going to the longest available") {
  EngineUnderTest e(SkilledCenter({{{.skill = "windows", .proficiency = 50}},
                                   {{.skill = "windows", .proficiency = 80}},
                                   {{.skill = "windows", .proficiency = 80}}}));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(1), .agent = AgentId(2)});
  e.Do(LogIn{.now = At(2), .agent = AgentId(1)});
  e.Do(Needs(1, 5, {{.skill = kWindows}}));
  CHECK(e.Interaction(1).agent == AgentId(2));
}

TEST_CASE("skill score averages each requirement's weighted proficiency and desire") {
  // PureConnect's worked example: a0 has Windows 70 / desire 100 and UNIX
  // 50 / 50; a1 has higher proficiencies but little desire for Windows.
  // Windows weighs proficiency and desire equally, UNIX only proficiency:
  // a0 = ((70 + 100) / 2 + 50) / 2 = 67.5, a1 = ((80 + 20) / 2 + 60) / 2 = 55.
  EngineUnderTest e(SkilledCenter({{{.skill = "windows", .proficiency = 70, .desire = 100},
                                    {.skill = "unix", .proficiency = 50, .desire = 50}},
                                   {{.skill = "windows", .proficiency = 80, .desire = 20},
                                    {.skill = "unix", .proficiency = 60, .desire = 50}}}));
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});  // a1 is available longer
  e.Do(LogIn{.now = At(1), .agent = AgentId(0)});
  e.Do(Needs(1, 5,
             {{.skill = kWindows, .proficiency_weight = 1, .desire_weight = 1}, {.skill = kUnix}}));
  CHECK(e.Interaction(1).agent == AgentId(0));
}

TEST_CASE("a negative cost weight sends interactions to the cheapest agent") {
  CenterConfig center = SkilledCenter({{}, {}, {}});
  center.agents[0].cost = 30;
  center.agents[1].cost = 10;
  center.agents[2].cost = 20;
  center.workgroups[0].agent_weights.cost = -1;
  EngineUnderTest e(center);
  LogInAll(e, 3);
  e.Do(Needs(1, 1, {}));
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("available time counts in whole intervals, so nearby agents tie and cost decides") {
  CenterConfig center = SkilledCenter({{}, {}});
  center.workgroups[0].agent_weights = {
      .skill = 0, .cost = 1, .available = 10, .available_interval_s = 60};
  center.agents[1].cost = 5;
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(30), .agent = AgentId(1)});
  // At 59 s both have 0 whole minutes: a1's cost wins.
  e.Do(Needs(1, 59, {}));
  CHECK(e.Interaction(1).agent == AgentId(1));
  // At 130 s a1 is free again since 100 s (0 whole minutes, cost 5) while a0
  // has 2 whole minutes (20): a0 wins.
  e.Do(Accept{.now = At(60), .interaction = InteractionId(1)});
  e.Do(Disconnect{.now = At(100), .interaction = InteractionId(1)});
  e.Do(Needs(2, 130, {}));
  CHECK(e.Interaction(2).agent == AgentId(0));
}

TEST_CASE("custom attribute weights add to the agent score") {
  CenterConfig center = SkilledCenter({{}, {}});
  center.agents[1].attribute2 = 7;
  center.workgroups[0].agent_weights.attribute2 = 1;
  EngineUnderTest e(center);
  LogInAll(e, 2);
  e.Do(Needs(1, 1, {}));
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("a freed agent takes the highest-priority interaction that matches its skills") {
  EngineUnderTest e(SkilledCenter({{{.skill = "unix", .proficiency = 60}}}));
  e.Do(Needs(1, 0, {{.skill = kUnix}}, /*priority=*/40));
  e.Do(Needs(2, 1, {{.skill = kWindows}}, /*priority=*/90));  // not its skill
  e.Do(Needs(3, 2, {{.skill = kUnix}}, /*priority=*/70));
  e.Do(LogIn{.now = At(3), .agent = AgentId(0)});
  CHECK(e.Interaction(3).agent == AgentId(0));
}

TEST_CASE("each workgroup's own interaction weights rank its interactions (universal queue)") {
  CenterConfig center;
  center.workgroups = {{.name = "A", .interaction_weights = {.priority = 1}},
                       {.name = "B", .interaction_weights = {.priority = 3}}};
  center.agents = {{.name = "x", .workgroups = {{.workgroup = "A"}, {.workgroup = "B"}}}};
  EngineUnderTest e(center);
  e.Do(Arrive{
      .now = At(0), .interaction = InteractionId(1), .workgroup = WorkgroupId(0), .priority = 100});
  e.Do(Arrive{.now = At(1),
              .interaction = InteractionId(2),
              .workgroup = WorkgroupId(1),
              .priority = 40});  // scores 120 against 100
  e.Do(LogIn{.now = At(2), .agent = AgentId(0)});
  CHECK(e.Interaction(2).agent == AgentId(0));
}

TEST_CASE("an inherited workgroup skill counts unless the agent's own level overrides it") {
  CenterConfig center = SkilledCenter({{}, {{.skill = "windows", .proficiency = 20}}});
  center.workgroups[0].skills = {{.skill = "windows", .proficiency = 60, .desire = 50}};
  EngineUnderTest e(center);
  LogInAll(e, 2);
  e.Do(Needs(1, 1, {{.skill = kWindows, .min_proficiency = 50}}));
  CHECK(e.Interaction(1).agent == AgentId(0));
  e.Do(Needs(2, 2, {{.skill = kWindows, .min_proficiency = 50}}));
  CHECK(e.Interaction(2).state == InteractionState::kWaiting);  // a1's own 20 overrides
}

TEST_CASE("deactivating stops offers, and activating hands the agent waiting work at once") {
  EngineUnderTest e(SkilledCenter({{}}));
  LogInAll(e, 1);
  e.Do(SetActivation{.now = At(1), .agent = AgentId(0), .workgroup = kWg, .active = false});
  e.Do(Needs(1, 2, {}));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  e.Do(SetActivation{.now = At(3), .agent = AgentId(0), .workgroup = kWg, .active = true});
  CHECK(e.Interaction(1).agent == AgentId(0));
  CHECK(e->Apply(SetActivation{.now = At(4), .agent = AgentId(0), .workgroup = WorkgroupId(7)})
            .code() == absl::StatusCode::kNotFound);
}

// Priority tuning: with W_time_in_queue > 0, an interaction with priority
// lower by dp overtakes one that arrived later once it has waited longer by
// more than dp * W_priority / W_time_in_queue seconds.
TEST_CASE("a priority gap is overtaken after gap times priority weight over queue-time weight") {
  struct Case {
    int gap;
    double w_priority, w_time;
  };
  for (const Case& c : {Case{10, 1, 1}, Case{20, 1, 0.5}, Case{5, 2, 1}, Case{30, 0.5, 0.25}}) {
    const int64_t bound = static_cast<int64_t>(c.gap * c.w_priority / c.w_time);
    for (int64_t lead : {bound - 1, bound + 1}) {
      CenterConfig center = SkilledCenter({{}});
      center.workgroups[0].interaction_weights = {.priority = c.w_priority,
                                                  .time_in_queue = c.w_time};
      EngineUnderTest e(center);
      e.Do(Needs(1, 0, {}, 50));             // lower priority, earlier
      e.Do(Needs(2, lead, {}, 50 + c.gap));  // higher priority, `lead` s later
      e.Do(LogIn{.now = At(lead + 1), .agent = AgentId(0)});
      INFO("gap ", c.gap, " bound ", bound, " lead ", lead);
      CHECK(e.Interaction(lead > bound ? 1 : 2).state == InteractionState::kAlerting);
    }
  }
}

}  // namespace
}  // namespace acd
