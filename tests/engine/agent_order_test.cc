// The open-source agent orders offered as options (docs/design.md 3.5).

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

const WorkgroupId kWg(0);

CenterConfig Ordered(int agents, AgentOrder order) {
  CenterConfig center = SimpleCenter(agents);
  center.workgroups[0].agent_order = order;
  return center;
}

// An interaction that is answered at `at_s` and ends `talk_s` later; returns
// the agent it went to.
AgentId Handle(EngineUnderTest& e, uint64_t id, int64_t at_s, int64_t talk_s) {
  e.Do(Arrive{.now = At(at_s), .interaction = InteractionId(id), .workgroup = kWg});
  const AgentId agent = e.Interaction(id).agent;
  e.Do(Accept{.now = At(at_s), .interaction = InteractionId(id)});
  e.Do(Disconnect{.now = At(at_s + talk_s), .interaction = InteractionId(id)});
  return agent;
}

TEST_CASE("with fewest interactions, the agent who answered the fewest gets the next") {
  EngineUnderTest e(Ordered(3, AgentOrder::kFewestInteractions));
  for (uint32_t a = 0; a < 3; ++a) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  CHECK(Handle(e, 1, 1, 1) == AgentId(0));  // all at 0: longest available, a0
  CHECK(Handle(e, 2, 3, 1) == AgentId(1));  // a0 has 1
  CHECK(Handle(e, 3, 5, 1) == AgentId(2));
  CHECK(Handle(e, 4, 7, 1) == AgentId(0));  // 1 each; a0 is available longest
}

TEST_CASE("with least talk time, the agent with the least time connected gets the next") {
  EngineUnderTest e(Ordered(2, AgentOrder::kLeastTalkTime));
  for (uint32_t a = 0; a < 2; ++a) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  CHECK(Handle(e, 1, 1, 100) == AgentId(0));   // a0 talks 100 s
  CHECK(Handle(e, 2, 200, 10) == AgentId(1));  // a1 talks 10 s
  CHECK(Handle(e, 3, 300, 10) == AgentId(1));  // a1: 10 s < a0: 100 s
  CHECK(Handle(e, 4, 400, 10) == AgentId(1));  // 20 s < 100 s
}

TEST_CASE("with round robin, offers go around the members in turn") {
  EngineUnderTest e(Ordered(3, AgentOrder::kRoundRobin));
  for (uint32_t a = 0; a < 3; ++a) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  std::vector<AgentId> order;
  for (uint64_t id = 1; id <= 5; ++id) order.push_back(Handle(e, id, 10 * id, 1));
  CHECK(order == std::vector<AgentId>{AgentId(0), AgentId(1), AgentId(2), AgentId(0), AgentId(1)});
}

TEST_CASE("round robin skips members who cannot take the interaction") {
  EngineUnderTest e(Ordered(3, AgentOrder::kRoundRobin));
  for (uint32_t a = 0; a < 3; ++a) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  e.Do(SetStatus{.now = At(0), .agent = AgentId(1), .status = *e->FindStatus("At Lunch")});
  CHECK(Handle(e, 1, 1, 1) == AgentId(0));
  CHECK(Handle(e, 2, 3, 1) == AgentId(2));
  CHECK(Handle(e, 3, 5, 1) == AgentId(0));
}

TEST_CASE("a fresh log-in starts the agent's counters again") {
  EngineUnderTest e(Ordered(2, AgentOrder::kFewestInteractions));
  for (uint32_t a = 0; a < 2; ++a) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
  CHECK(Handle(e, 1, 1, 1) == AgentId(0));
  CHECK(Handle(e, 2, 3, 1) == AgentId(1));
  CHECK(Handle(e, 3, 5, 1) == AgentId(0));  // a0: 2, a1: 1
  e.Do(LogOut{.now = At(7), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(8), .agent = AgentId(0)});  // a0 back to 0
  CHECK(Handle(e, 4, 9, 1) == AgentId(0));
}

}  // namespace
}  // namespace acd
