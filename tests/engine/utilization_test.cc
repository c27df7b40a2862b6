// Utilization (docs/design.md 3.4): PureConnect's published examples, reproduced.

#include <vector>

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

// One agent in a workgroup with calls 51 %, chats 25 % (max 4), email 10 %
// (max 5), every offer answered at once.
CenterConfig Blended(int call_percent = 51, int call_max = 1, int chat_max = 4) {
  CenterConfig center = SimpleCenter(1);
  center.agents[0].auto_answer = true;
  center.workgroups[0].utilization = {
      {.media = MediaType::kCall, .percent = call_percent, .max_assign = call_max},
      {.media = MediaType::kChat, .percent = 25, .max_assign = chat_max},
      {.media = MediaType::kEmail, .percent = 10, .max_assign = 5}};
  return center;
}

// Offers `count` interactions of `media` (ids from `first_id`) and returns how
// many the agent took.
int Take(EngineUnderTest& e, MediaType media, int count, uint64_t first_id) {
  int taken = 0;
  for (int i = 0; i < count; ++i) {
    const InteractionId id(first_id + i);
    e.Do(Arrive{.now = At(1), .interaction = id, .workgroup = WorkgroupId(0), .media = media});
    taken += e.Interaction(id.value()).state == InteractionState::kConnected;
  }
  return taken;
}

TEST_CASE("with chats at 25 percent an agent takes four chats and no fifth") {
  EngineUnderTest e(Blended());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kChat, 5, 1) == 4);
  CHECK(e.Agent(0).used_percent == 100);
}

TEST_CASE("an agent on a 51 percent call takes at most four 10 percent emails") {
  EngineUnderTest e(Blended());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kCall, 1, 1) == 1);
  CHECK(Take(e, MediaType::kEmail, 5, 10) == 4);
  CHECK(e.Agent(0).used_percent == 91);
}

TEST_CASE("an agent takes two chats and five emails together") {
  EngineUnderTest e(Blended());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kChat, 2, 1) == 2);
  CHECK(Take(e, MediaType::kEmail, 6, 10) == 5);  // max assign 5 stops the sixth
  CHECK(e.Agent(0).used_percent == 100);
  CHECK(Take(e, MediaType::kCall, 1, 20) == 0);
}

TEST_CASE("calls at 30 percent with max assign 1 leave 70 percent for chats but no second call") {
  EngineUnderTest e(Blended(/*call_percent=*/30, /*call_max=*/1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kCall, 2, 1) == 1);
  CHECK(Take(e, MediaType::kChat, 3, 10) == 2);  // 30 + 50 = 80; a third chat would be 105
  CHECK(e.Agent(0).used_percent == 80);
}

TEST_CASE("chats at 25 percent with max assign 2 allow only two chats") {
  EngineUnderTest e(Blended(51, 1, /*chat_max=*/2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kChat, 3, 1) == 2);
  CHECK(e.Agent(0).used_percent == 50);
}

TEST_CASE("an alerting interaction holds its share of the agent") {
  CenterConfig center = Blended();
  center.agents[0].auto_answer = false;
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  for (uint64_t id = 1; id <= 5; ++id) {
    e.Do(Arrive{.now = At(1),
                .interaction = InteractionId(id),
                .workgroup = WorkgroupId(0),
                .media = MediaType::kChat});
  }
  CHECK(e.Agent(0).used_percent == 100);
  CHECK(e.Interaction(5).state == InteractionState::kWaiting);
  // Declining one frees its share, and the waiting chat takes it.
  e.Do(Reject{.now = At(2), .interaction = InteractionId(1)});
  CHECK(e.Interaction(5).state == InteractionState::kAlerting);
}

TEST_CASE("an agent's own utilization overrides the workgroup's") {
  CenterConfig center = Blended();
  center.agents[0].utilization = {{.media = MediaType::kChat, .percent = 50, .max_assign = 4}};
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kChat, 3, 1) == 2);
}

TEST_CASE("finishing one chat lets the agent take the next waiting chat") {
  EngineUnderTest e(Blended());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kChat, 5, 1) == 4);
  e.Do(Disconnect{.now = At(9), .interaction = InteractionId(2)});
  CHECK(e.Interaction(5).state == InteractionState::kConnected);
}

TEST_CASE("a held chat keeps its share unless the workgroup exempts held interactions") {
  EngineUnderTest e(Blended());
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kChat, 4, 1) == 4);
  e.Do(Hold{.now = At(1), .interaction = InteractionId(1)});
  CHECK(e.Interaction(1).state == InteractionState::kHeld);
  CHECK(e.Agent(0).used_percent == 100);
  CHECK(Take(e, MediaType::kChat, 1, 10) == 0);
}

TEST_CASE("with exempt held interactions, holding a chat frees its share at once") {
  CenterConfig center = Blended();
  center.workgroups[0].exempt_held = true;
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  CHECK(Take(e, MediaType::kChat, 5, 1) == 4);  // chat 5 waits
  e.Do(Hold{.now = At(2), .interaction = InteractionId(1)});
  CHECK(e.Interaction(5).state == InteractionState::kConnected);
  CHECK(e.Agent(0).used_percent == 100);
  // Resuming takes the share back, above 100 % until something ends.
  e.Do(Resume{.now = At(3), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).used_percent == 125);
  e.Do(Disconnect{.now = At(4), .interaction = InteractionId(2)});
  CHECK(e.Agent(0).used_percent == 100);
}

TEST_CASE("a held interaction ends with a disconnect and only then frees the agent") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)});
  e.Do(Accept{.now = At(1), .interaction = InteractionId(1)});
  e.Do(Hold{.now = At(2), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).activity == AgentActivity::kBusy);
  CHECK(e->Apply(Hold{.now = At(3), .interaction = InteractionId(1)}).code() ==
        absl::StatusCode::kFailedPrecondition);
  e.Do(Disconnect{.now = At(4), .interaction = InteractionId(1)});
  CHECK(e.Agent(0).activity == AgentActivity::kIdle);
  CHECK(e.Agent(0).used_percent == 0);
}

}  // namespace
}  // namespace acd
