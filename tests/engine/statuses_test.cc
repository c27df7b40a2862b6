// PureConnect's default agent statuses (docs/design.md 3.2) and what a
// status does to an interaction transferred to the agent (docs/design.md
// 3.8): the Interaction Connect printed help (PureConnect 2023 R3) is the
// document cited by line (docs/sources.md).

#include <string>
#include <vector>

#include "acd/config.h"
#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

constexpr AgentId kA0(0), kA1(1);
constexpr WorkgroupId kFirst(0);

std::string Attributes(const StatusConfig& s) {
  std::string out;
  if (s.acd_available) out += " acd";
  if (s.dnd) out += " dnd";
  if (s.acw) out += " acw";
  if (!s.selectable) out += " unselectable";
  if (s.system) out += " system";
  return out;
}

// Interaction Connect printed help, lines 13145-13162: the sixteen default
// status values. Line 4676: statuses are either DND-type or a form of
// Available; line 4678: At Lunch and Gone Home are DND-type; line 15202: At
// Lunch and In a Meeting are DND statuses; line 13082: any status other than
// Available, "Available, Forward" and "Available, No ACD" sends an incoming
// call to voicemail; line 9939: which statuses are ACD-available is the
// administrator's choice, "Available" for example and not "Available,
// Follow-Me"; line 15234: Follow-Up is the after-call-work type.
TEST_CASE("the default statuses are PureConnect's sixteen, with their DND and ACD attributes") {
  const std::vector<StatusConfig> statuses = DefaultStatuses();
  std::vector<std::string> got;
  for (const StatusConfig& s : statuses) got.push_back(s.name + ":" + Attributes(s));
  const std::vector<std::string> want = {
      "Available: acd",
      "Available, No ACD:",
      "Away From Desk: dnd",
      "At Lunch: dnd",
      "In a Meeting: dnd",
      "At a Training Session: dnd",
      "Do Not Disturb: dnd",
      "Follow Up: acw",
      "ACD - Agent Not Answering: dnd unselectable system",
      "Gone Home: dnd",
      "Available, Follow-Me:",
      "Available, Forward:",
      "On Vacation: dnd",
      "Out of the Office: dnd",
      "Out of Town: dnd",
      "Working at Home: dnd",
  };
  CHECK(got == want);
  // The engine fills them in for a center that lists none.
  EngineUnderTest e(SimpleCenter(1));
  CHECK(e->config().statuses.size() == 16);
  CHECK(e->FindStatus("Available, No ACD").ok());
  CHECK_FALSE(e->FindStatus("Available No ACD").ok());
}

// Interaction Connect printed help, line 4678: in a DND-type status (At
// Lunch, Gone Home) calls go to voicemail and do not ring; line 13082: any
// status but the three Available ones sends an incoming call to voicemail.
TEST_CASE("a call, chat or email transferred to an agent in a DND-type status does not ring it") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = kA0, .status = *e->FindStatus("At Lunch")});
  e.Do(LogIn{.now = At(0), .agent = kA1, .status = *e->FindStatus("Gone Home")});
  const std::vector<MediaType> media = {MediaType::kCall, MediaType::kChat, MediaType::kEmail,
                                        MediaType::kCallback, MediaType::kSms};
  std::vector<uint64_t> ids;
  for (MediaType m : media) {
    ids.push_back(ids.size() + 1);
    e.Do(Arrive{
        .now = At(1), .interaction = InteractionId(ids.back()), .workgroup = kFirst, .media = m});
  }
  REQUIRE(e->AdvanceTo(At(2)).ok());
  const std::string before = e.Snapshot(ids);
  for (uint64_t id : ids) {
    const MediaType m = media[id - 1];
    CAPTURE(MediaName(m));
    const absl::Status refused =
        e->Apply(Transfer{.now = At(2), .interaction = InteractionId(id), .agent = kA0});
    CHECK(refused.code() == absl::StatusCode::kFailedPrecondition);
    CHECK(refused.message() ==
          "interaction " + std::to_string(id) +
              ": cannot transfer to agent a0: the agent is in the do-not-disturb status \"At "
              "Lunch\", where a transferred " +
              std::string(MediaName(m)) + " does not ring; send it to the agent's voicemail");
    CHECK(e.Interaction(id).state == InteractionState::kWaiting);
  }
  CHECK(e.Snapshot(ids) == before);  // nothing changed
}

// Interaction Connect printed help, line 9939: you can receive direct-routed
// or transferred work items regardless of your status.
TEST_CASE("a work item or generic object transferred to an agent reaches it whatever its status") {
  EngineUnderTest e(SimpleCenter(2));
  e.Do(LogIn{.now = At(0), .agent = kA0, .status = *e->FindStatus("Do Not Disturb")});
  e.Do(LogIn{.now = At(0), .agent = kA1, .status = *e->FindStatus("In a Meeting")});
  e.Do(Arrive{.now = At(1),
              .interaction = InteractionId(1),
              .workgroup = kFirst,
              .media = MediaType::kWorkItem});
  e.Do(Arrive{.now = At(1),
              .interaction = InteractionId(2),
              .workgroup = kFirst,
              .media = MediaType::kGeneric});
  const StatusId dnd = e.Agent(0).status;
  e.Do(Transfer{.now = At(2), .interaction = InteractionId(1), .agent = kA0});
  e.Do(Transfer{.now = At(2), .interaction = InteractionId(2), .agent = kA1});
  CHECK(e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(e.Interaction(1).agent == kA0);
  CHECK(e.Interaction(2).state == InteractionState::kAlerting);
  CHECK(e.Interaction(2).agent == kA1);
  CHECK(e.Agent(0).status == dnd);  // the status is untouched
  e.Do(Accept{.now = At(3), .interaction = InteractionId(1)});
  CHECK(e.Interaction(1).state == InteractionState::kConnected);
}

// Interaction Connect printed help, line 4680: in a form of Available
// ("Available, Forward" for example) interactions alert the user's queue;
// line 13082 names "Available, No ACD" among the statuses that take calls.
// Follow Up, the after-call-work status, is not DND-type either.
TEST_CASE("a call transferred to an agent in a form of Available or in Follow Up rings it") {
  EngineUnderTest e(SimpleCenter(4));
  const std::vector<std::string> names = {"Available, No ACD", "Available, Forward",
                                          "Available, Follow-Me", "Follow Up"};
  for (size_t a = 0; a < names.size(); ++a) {
    e.Do(LogIn{.now = At(0), .agent = AgentId(a), .status = *e->FindStatus(names[a])});
  }
  for (size_t a = 0; a < names.size(); ++a) {
    e.Do(Arrive{.now = At(1), .interaction = InteractionId(a + 1), .workgroup = kFirst});
    CHECK(e.Interaction(a + 1).state == InteractionState::kWaiting);  // none is ACD-available
  }
  for (size_t a = 0; a < names.size(); ++a) {
    CAPTURE(names[a]);
    const InteractionId x(a + 1);
    e.Do(Transfer{.now = At(2), .interaction = x, .agent = AgentId(a)});
    CHECK(e.Interaction(x.value()).state == InteractionState::kAlerting);
    CHECK(e.Interaction(x.value()).agent == AgentId(a));
  }
}

}  // namespace
}  // namespace acd
