// Hostile commands and configurations (issue 13): ids past 2^31, enum values
// past their last enumerator, durations and times past their documented
// maxima. Each gets a clear error naming the field and changes nothing.

#include <string>

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

const WorkgroupId kSupport(0);
constexpr uint32_t kHuge = uint32_t{1} << 31;

bool Mentions(const absl::Status& status, absl::string_view text) {
  return status.message().find(text) != absl::string_view::npos;
}

// Applies `command`, which must fail with `code` and change nothing.
absl::Status Refused(EngineUnderTest& e, const Command& command, absl::StatusCode code) {
  const std::string before = e.Snapshot({1, 2});
  absl::Status status = e->Apply(command);
  INFO(status.ToString());
  CHECK(status.code() == code);
  CHECK(e.Snapshot({1, 2}) == before);
  return status;
}

TEST_CASE("a status or skill id of 2^31 or more is unknown, not a negative index") {
  EngineUnderTest e(SimpleCenter(2));
  (void)Refused(e, LogIn{.now = At(0), .agent = AgentId(0), .status = StatusId(kHuge)},
          absl::StatusCode::kNotFound);
  (void)Refused(e, LogIn{.now = At(0), .agent = AgentId(kHuge)}, absl::StatusCode::kNotFound);
  e.Do(LogIn{.now = At(0), .agent = AgentId(1)});
  (void)Refused(e, SetStatus{.now = At(0), .agent = AgentId(1), .status = StatusId(0xfffffffe)},
          absl::StatusCode::kNotFound);
  CenterConfig center = SimpleCenter(1);
  center.skills = {"english"};
  EngineUnderTest f(center);
  const absl::Status s =
      Refused(f,
              Arrive{.now = At(0),
                     .interaction = InteractionId(1),
                     .workgroup = kSupport,
                     .requirements = {{.skill = SkillId(kHuge)}}},
              absl::StatusCode::kNotFound);
  CHECK(Mentions(s, "requirements[0]"));
}

TEST_CASE("an arrival with a media value past the last one is refused naming it") {
  EngineUnderTest e(SimpleCenter(1));
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  const absl::Status s = Refused(e,
                                 Arrive{.now = At(0),
                                        .interaction = InteractionId(1),
                                        .workgroup = kSupport,
                                        .media = static_cast<MediaType>(kMediaTypeCount)},
                                 absl::StatusCode::kInvalidArgument);
  CHECK(Mentions(s, "interaction 1: media 8"));
}

TEST_CASE("unknown media in utilization or auto-answer lists fail Create and UpdateAgent") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].utilization = {{.media = static_cast<MediaType>(200), .percent = 50}};
  absl::Status s = Engine::Create(center).status();
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(Mentions(s, "workgroups[0].utilization[0].media: media 200"));

  center = SimpleCenter(1);
  center.agents[0].utilization = {{.media = static_cast<MediaType>(9)}};
  s = Engine::Create(center).status();
  CHECK(Mentions(s, "agents[0].utilization[0].media"));

  center = SimpleCenter(1);
  EngineUnderTest e(center);
  AgentConfig agent = center.agents[0];
  agent.auto_answer_media = {MediaType::kChat, static_cast<MediaType>(255)};
  s = Refused(e, UpdateAgent{.now = At(0), .agent = AgentId(0), .config = agent},
              absl::StatusCode::kInvalidArgument);
  CHECK(Mentions(s, "auto_answer_media[1]"));
}

TEST_CASE("enum values past their last enumerator are refused") {
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].agent_order = static_cast<AgentOrder>(7);
  CHECK(Mentions(Engine::Create(center).status(), "workgroups[0].agent_order"));
  center = SimpleCenter(1);
  center.workgroups[0].after_last_tier = static_cast<AfterLastTier>(3);
  CHECK(Mentions(Engine::Create(center).status(), "workgroups[0].after_last_tier"));

  CenterConfig callbacks = SimpleCenter(1);
  EngineUnderTest e(callbacks);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = At(0),
              .interaction = InteractionId(1),
              .workgroup = kSupport,
              .media = MediaType::kCallback});
  e.Do(Accept{.now = At(1), .interaction = InteractionId(1)});
  (void)Refused(e,
          ReportCallback{.now = At(1),
                         .interaction = InteractionId(1),
                         .outcome = static_cast<CallbackOutcome>(5)},
          absl::StatusCode::kInvalidArgument);
}

TEST_CASE("every configured duration has a maximum of kMaxDuration") {
  const Duration over = kMaxDuration + Microseconds(1);
  const auto refused = [](const CenterConfig& center, absl::string_view field) {
    const absl::Status s = Engine::Create(center).status();
    INFO(s.ToString());
    CHECK(s.code() == absl::StatusCode::kInvalidArgument);
    CHECK(Mentions(s, field));
  };
  CenterConfig c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[0].alert_timeout = over;
  refused(c, "workgroups[0].alert_timeout");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[0].tiers = {{.threshold = 50, .duration = Duration::Infinite()}};
  refused(c, "workgroups[0].tiers[0].duration");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[0].queue_timeout = over;
  c.workgroups[0].overflow_workgroup = "Overflow";
  refused(c, "workgroups[0].queue_timeout");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[1].no_answer.exclusion = over;
  refused(c, "workgroups[1].no_answer.exclusion");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[1].no_answer.delay = over;
  refused(c, "workgroups[1].no_answer.delay");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[0].callback_retry_interval = over;
  refused(c, "workgroups[0].callback_retry_interval");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[0].stats_interval = over;
  refused(c, "workgroups[0].stats_interval");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[0].service_level_thresholds = {Seconds(20), over};
  refused(c, "workgroups[0].service_level_thresholds[1]");
  c = SimpleCenter(1, {"Support", "Overflow"});
  c.workgroups[0].alert_timeout = kMaxDuration;  // the maximum itself is fine
  CHECK(Engine::Create(c).ok());
}

TEST_CASE("an arrival's tiers and preferred-agent window are bounded too") {
  EngineUnderTest e(SimpleCenter(2));
  absl::Status s = Refused(e,
                           Arrive{.now = At(0),
                                  .interaction = InteractionId(1),
                                  .workgroup = kSupport,
                                  .preferred_agent = AgentId(1),
                                  .preferred_window = Duration::Infinite()},
                           absl::StatusCode::kInvalidArgument);
  CHECK(Mentions(s, "preferred_window"));
  s = Refused(e,
              Arrive{.now = At(0),
                     .interaction = InteractionId(1),
                     .workgroup = kSupport,
                     .tiers = {{.threshold = 10, .duration = kMaxDuration + Seconds(1)}}},
              absl::StatusCode::kInvalidArgument);
  CHECK(Mentions(s, "tiers[0].duration"));
}

TEST_CASE("times outside +-kMaxTime are refused by AdvanceTo, Apply and Create") {
  EngineUnderTest e(SimpleCenter(1));
  CHECK(e->AdvanceTo(Time::Infinite()).code() == absl::StatusCode::kInvalidArgument);
  CHECK(e->AdvanceTo(kMaxTime + Microseconds(1)).code() == absl::StatusCode::kInvalidArgument);
  CHECK(e->now() == At(0));
  (void)Refused(e, LogIn{.now = Time::Infinite(), .agent = AgentId(0)},
          absl::StatusCode::kInvalidArgument);
  CHECK(Engine::Create(SimpleCenter(1), kMinTime - Microseconds(1)).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(e->AdvanceTo(kMaxTime).ok());
}

TEST_CASE("a command stamped near the largest time fires a bounded number of timers") {
  // Two workgroups overflowing into each other every second: without a
  // bound, advancing to kMaxTime would fire about 4.6e12 timers.
  CenterConfig center = SimpleCenter(0, {"A", "B"});
  center.workgroups[0].queue_timeout = Seconds(1);
  center.workgroups[0].overflow_workgroup = "B";
  center.workgroups[1].queue_timeout = Seconds(1);
  center.workgroups[1].overflow_workgroup = "A";
  EngineUnderTest e(center);
  e.Do(Arrive{.now = At(0), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)});
  const absl::Status s = e->Apply(Disconnect{.now = kMaxTime, .interaction = InteractionId(1)});
  CHECK(s.code() == absl::StatusCode::kResourceExhausted);
  // It stopped after the budget, at an instant all of whose timers fired.
  CHECK(e->now() == At(kMaxTimersPerAdvance));
  CHECK(e->NextDeadline() == At(kMaxTimersPerAdvance + 1));
  CHECK(e.Interaction(1).state == InteractionState::kWaiting);
  // Advancing again goes on from there.
  CHECK(e->AdvanceTo(At(kMaxTimersPerAdvance + 10)).ok());
  e.Do(Disconnect{.now = At(kMaxTimersPerAdvance + 10), .interaction = InteractionId(1)});
}

TEST_CASE("an arrival into a workgroup without members waits, without touching member tables") {
  CenterConfig center = SimpleCenter(1, {"Support"});
  center.workgroups.push_back({.name = "Empty"});
  EngineUnderTest e(center);
  e.Do(LogIn{.now = At(0), .agent = AgentId(0)});
  for (MediaType media : kAllMediaTypes) {
    const auto id = static_cast<uint64_t>(media) + 1;
    e.Do(Arrive{
        .now = At(1), .interaction = InteractionId(id), .workgroup = WorkgroupId(1), .media = media});
    CHECK(e.Interaction(id).state == InteractionState::kWaiting);
  }
}

TEST_CASE("names that are not valid UTF-8 are refused where they are configured") {
  CenterConfig center = SimpleCenter(1);
  center.agents[0].name = "ann\xff";
  absl::Status s = Engine::Create(center).status();
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(Mentions(s, "agents[0].name: not valid UTF-8 (at byte 3)"));
  center = SimpleCenter(1);
  center.skills = {"fran\xc3\xa7" "ais", "\xed\xa0\x80"};  // the second: a surrogate
  CHECK(Mentions(Engine::Create(center).status(), "skills[1]: not valid UTF-8"));
  center.skills = {"fran\xc3\xa7" "ais", "\xc0\xaf"};  // an overlong '/'
  CHECK(Mentions(Engine::Create(center).status(), "skills[1]: not valid UTF-8"));
  center.skills = {"fran\xc3\xa7" "ais", "\xf0\x9f\x93\x9e"};  // a 4-byte character is fine
  CHECK(Engine::Create(center).ok());
  // Live reconfiguration goes through the same check.
  EngineUnderTest e(SimpleCenter(1, {"Support", "Sales"}));
  WorkgroupConfig renamed = e->config().workgroups[1];
  renamed.name = "Sales\xe2\x82";  // truncated
  CHECK(e->Apply(UpdateWorkgroup{.now = At(0), .workgroup = WorkgroupId(1), .config = renamed})
            .code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace acd
