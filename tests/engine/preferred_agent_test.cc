// Preferred (sticky, last) agent: docs/design.md 3.3 rule 7.

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

Arrive Prefers(uint64_t id, int64_t at_s, uint32_t agent, int64_t window_s) {
  return Arrive{.now = At(at_s),
                .interaction = InteractionId(id),
                .workgroup = WorkgroupId(0),
                .preferred_agent = AgentId(agent),
                .preferred_window = Seconds(window_s)};
}

TEST_CASE("inside the preferred window only the preferred agent may take the interaction") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});  // available longest
  e.Do(LogIn{.now = At(1), .agent = AgentId(1)});
  e.Do(Prefers(1, 2, /*agent=*/1, /*window_s=*/60));
  CHECK(e.Interaction(1).agent == AgentId(1));
}

TEST_CASE("while the preferred agent is busy the interaction waits out the window") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(LogIn{.now = At(0), .agent = AgentId(1), .status = *e->FindStatus("At Lunch")});
  e.Do(Prefers(1, 1, /*agent=*/1, /*window_s=*/30));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  CHECK(e->NextDeadline() == At(31));
  REQUIRE(e->AdvanceTo(At(30)).ok());
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  // The window closes: anyone eligible may take it now.
  REQUIRE(e->AdvanceTo(At(31)).ok());
  CHECK(e.Interaction(1).agent == AgentId(0));
}

TEST_CASE("the preferred agent becoming free takes its interaction inside the window") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0), .status = *e->FindStatus("At Lunch")});
  e.Do(LogIn{.now = At(0), .agent = AgentId(1), .status = *e->FindStatus("At Lunch")});
  e.Do(Arrive{.now = At(1), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)});
  e.Do(Prefers(2, 2, /*agent=*/0, /*window_s=*/60));
  e.Do(SetStatus{.now = At(3), .agent = AgentId(1), .status = *e->FindStatus("Available")});
  CHECK(e.Interaction(1).agent == AgentId(1));  // interaction 2 is not for a1
  e.Do(SetStatus{.now = At(4), .agent = AgentId(0), .status = *e->FindStatus("Available")});
  CHECK(e.Interaction(2).agent == AgentId(0));
}

TEST_CASE("an unknown preferred agent is NotFound and a negative window InvalidArgument") {
  EngineUnderTest e(SimpleCenter(1));
  CHECK(e->Apply(Prefers(1, 0, /*agent=*/9, 10)).code() == absl::StatusCode::kNotFound);
  CHECK(e->Apply(Prefers(1, 0, /*agent=*/0, -1)).code() == absl::StatusCode::kInvalidArgument);
  CHECK(e->live_interactions() == 0);
}

}  // namespace
}  // namespace acd
