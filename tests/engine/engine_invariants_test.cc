// Random command streams against the invariants of docs/design.md 3.10 that the
// foundation engine already promises, checked after every command.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

using testing::EngineUnderTest;

using testing::Chooser;

CenterConfig SimpleRandomCenter(Chooser& pick) {
  CenterConfig center;
  const int workgroups = 1 + pick.Below(3);
  for (int w = 0; w < workgroups; ++w) {
    center.workgroups.push_back(
        {.name = "wg" + std::to_string(w), .wrap_up = Seconds(pick.Below(3) * 5)});
  }
  const int agents = 1 + pick.Below(5);
  for (int a = 0; a < agents; ++a) {
    AgentConfig agent{.name = "a" + std::to_string(a), .auto_answer = pick.Below(4) == 0};
    for (int w = 0; w < workgroups; ++w) {
      if (pick.Below(3) > 0) {
        agent.workgroups.push_back(
            {.workgroup = "wg" + std::to_string(w), .active = pick.Below(5) > 0});
      }
    }
    center.agents.push_back(agent);
  }
  return center;
}

Command SimpleRandomCommand(Chooser& pick, Time now, const CenterConfig& center, uint64_t next_id) {
  const AgentId agent(pick.Below(static_cast<int>(center.agents.size())));
  const InteractionId some(1 + pick.Below(static_cast<int>(next_id)));
  switch (pick.Below(8)) {
    case 0:
      return LogIn{.now = now, .agent = agent};
    case 1:
      return LogOut{.now = now, .agent = agent};
    case 2:
      return SetStatus{.now = now, .agent = agent, .status = StatusId(pick.Below(3))};
    case 3:
    case 4:
      return Arrive{
          .now = now,
          .interaction = InteractionId(next_id),
          .workgroup = WorkgroupId(pick.Below(static_cast<int>(center.workgroups.size()))),
          .priority = 40 + 10 * pick.Below(3)};
    case 5:
      return Accept{.now = now, .interaction = some};
    case 6:
      return Disconnect{.now = now, .interaction = some};
    default:
      return EndWrapUp{.now = now, .agent = agent};
  }
}

// Checks conservation, single offer, and work conservation.
void CheckInvariants(EngineUnderTest& e, uint64_t ids_issued) {
  const CenterConfig& center = e->config();
  int64_t entered = 0, ended = 0, waiting_counted = 0;
  std::vector<int64_t> waiting(center.workgroups.size());
  for (size_t w = 0; w < center.workgroups.size(); ++w) {
    WorkgroupCounters c = *e->GetWorkgroupCounters(WorkgroupId(w));
    entered += c.entered;
    ended += c.completed + c.abandoned;
    waiting[w] = c.waiting;
  }
  int64_t live = 0;
  std::set<uint64_t> held;
  for (uint64_t id = 1; id < ids_issued; ++id) {
    auto x = e->GetInteraction(InteractionId(id));
    if (!x.ok()) continue;
    ++live;
    if (x->state == InteractionState::kWaiting) {
      ++waiting_counted;
      CHECK_FALSE(x->agent.valid());
    } else {
      // Held by exactly the agent it names.
      AgentView holder = *e->GetAgent(x->agent);
      CHECK(std::count(holder.interactions.begin(), holder.interactions.end(), x->id) == 1);
      CHECK(held.insert(id).second);
    }
  }
  CHECK(entered == live + ended);
  CHECK(live == e->live_interactions());
  int64_t waiting_total = 0;
  for (int64_t w : waiting) waiting_total += w;
  CHECK(waiting_total == waiting_counted);

  // Work conservation: no idle available member beside a waiting interaction
  // it is not excluded from (these centers have no skills or tiers).
  for (uint64_t id = 1; id < ids_issued; ++id) {
    auto x = e->GetInteraction(InteractionId(id));
    if (!x.ok() || x->state != InteractionState::kWaiting) continue;
    for (size_t a = 0; a < center.agents.size(); ++a) {
      AgentView v = *e->GetAgent(AgentId(a));
      if (v.activity != AgentActivity::kIdle) continue;
      if (!center.statuses[v.status.value()].acd_available) continue;
      if (x->excluded == AgentId(a) && e->now() < x->excluded_until) continue;
      for (const auto& [wg, active] : v.memberships) {
        INFO("agent ", a, " idle beside waiting interaction ", id);
        CHECK_FALSE((active && wg == x->workgroup));
      }
    }
  }
}

TEST_CASE("random command streams keep conservation, single offers and work conservation") {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    Chooser pick(seed);
    const CenterConfig center = SimpleRandomCenter(pick);
    EngineUnderTest e(center);
    Time now;
    uint64_t next_id = 1;
    for (int step = 0; step < 200; ++step) {
      now += Seconds(pick.Below(4));
      Command command = SimpleRandomCommand(pick, now, e->config(), next_id);
      const bool arrival = std::holds_alternative<Arrive>(command);
      absl::Status status = e->Apply(command);
      if (arrival && status.ok()) ++next_id;
      INFO("seed ", seed, " step ", step, ": ", status.ToString());
      CheckInvariants(e, next_id);
    }
  }
}

}  // namespace
}  // namespace acd
