// Journal encoding of every command and every field (lib/router/command_codec.h).

#include "lib/router/command_codec.h"

#include <tuple>
#include <variant>

#include "acd/config_writer.h"
#include "doctest/doctest.h"
#include "tests/testing/random_streams.h"

namespace acd::router_internal {
namespace {

// Each command's fields as a tuple. The structured bindings name every field,
// so a field added to a command fails to compile here until it is compared.
auto Fields(const SkillRequirement& r) {
  const auto& [skill, min_p, max_p, min_d, pw, dw] = r;
  return std::tie(skill, min_p, max_p, min_d, pw, dw);
}
auto Fields(const TierConfig& t) {
  const auto& [threshold, duration] = t;
  return std::tie(threshold, duration);
}
bool Same(const SkillRequirement& a, const SkillRequirement& b) { return Fields(a) == Fields(b); }
bool Same(const TierConfig& a, const TierConfig& b) { return Fields(a) == Fields(b); }
template <typename T>
bool Same(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!Same(a[i], b[i])) return false;
  }
  return true;
}

bool Same(const LogIn& a, const LogIn& b) {
  const auto& [now, agent, status] = a;
  return std::tie(now, agent, status) == std::tie(b.now, b.agent, b.status);
}
bool Same(const LogOut& a, const LogOut& b) {
  const auto& [now, agent] = a;
  return std::tie(now, agent) == std::tie(b.now, b.agent);
}
bool Same(const SetStatus& a, const SetStatus& b) {
  const auto& [now, agent, status] = a;
  return std::tie(now, agent, status) == std::tie(b.now, b.agent, b.status);
}
bool Same(const SetActivation& a, const SetActivation& b) {
  const auto& [now, agent, workgroup, active] = a;
  return std::tie(now, agent, workgroup, active) == std::tie(b.now, b.agent, b.workgroup, b.active);
}
bool Same(const Arrive& a, const Arrive& b) {
  const auto& [now, id, workgroup, media, priority, requirements, tiers, preferred, window, due] =
      a;
  return std::tie(now, id, workgroup, media, priority, preferred, window, due) ==
             std::tie(b.now, b.interaction, b.workgroup, b.media, b.priority, b.preferred_agent,
                      b.preferred_window, b.due) &&
         Same(requirements, b.requirements) && Same(tiers, b.tiers);
}
template <typename C>
bool SameInteractionCommand(const C& a, const C& b) {
  const auto& [now, interaction] = a;
  return std::tie(now, interaction) == std::tie(b.now, b.interaction);
}
bool Same(const Accept& a, const Accept& b) { return SameInteractionCommand(a, b); }
bool Same(const Reject& a, const Reject& b) { return SameInteractionCommand(a, b); }
bool Same(const Hold& a, const Hold& b) { return SameInteractionCommand(a, b); }
bool Same(const Resume& a, const Resume& b) { return SameInteractionCommand(a, b); }
bool Same(const Disconnect& a, const Disconnect& b) { return SameInteractionCommand(a, b); }
bool Same(const EndWrapUp& a, const EndWrapUp& b) {
  const auto& [now, agent] = a;
  return std::tie(now, agent) == std::tie(b.now, b.agent);
}

bool Same(const Transfer& a, const Transfer& b) {
  const auto& [now, interaction, workgroup, agent] = a;
  return std::tie(now, interaction, workgroup, agent) ==
         std::tie(b.now, b.interaction, b.workgroup, b.agent);
}
bool Same(const ReportCallback& a, const ReportCallback& b) {
  const auto& [now, interaction, outcome] = a;
  return std::tie(now, interaction, outcome) == std::tie(b.now, b.interaction, b.outcome);
}
bool Same(const SetPriority& a, const SetPriority& b) {
  const auto& [now, interaction, priority] = a;
  return std::tie(now, interaction, priority) == std::tie(b.now, b.interaction, b.priority);
}
// Configurations compare through their complete proto form (acd/config_writer.h
// writes every field).
bool Same(const UpdateAgent& a, const UpdateAgent& b) {
  const auto& [now, agent, config] = a;
  return std::tie(now, agent) == std::tie(b.now, b.agent) &&
         AgentConfigToProto(config).SerializeAsString() ==
             AgentConfigToProto(b.config).SerializeAsString();
}
bool Same(const UpdateWorkgroup& a, const UpdateWorkgroup& b) {
  const auto& [now, workgroup, config] = a;
  return std::tie(now, workgroup) == std::tie(b.now, b.workgroup) &&
         WorkgroupConfigToProto(config).SerializeAsString() ==
             WorkgroupConfigToProto(b.config).SerializeAsString();
}

bool Same(const Pickup& a, const Pickup& b) {
  return a.now == b.now && a.agent == b.agent && a.interaction == b.interaction;
}
bool Same(const AddAgent& a, const AddAgent& b) {
  const auto& [now, config] = a;
  return now == b.now && AgentConfigToProto(config).SerializeAsString() ==
                             AgentConfigToProto(b.config).SerializeAsString();
}
bool Same(const RemoveAgent& a, const RemoveAgent& b) {
  const auto& [now, agent] = a;
  return std::tie(now, agent) == std::tie(b.now, b.agent);
}
bool Same(const AddWorkgroup& a, const AddWorkgroup& b) {
  const auto& [now, config] = a;
  return now == b.now && WorkgroupConfigToProto(config).SerializeAsString() ==
                             WorkgroupConfigToProto(b.config).SerializeAsString();
}
bool Same(const RemoveWorkgroup& a, const RemoveWorkgroup& b) {
  const auto& [now, workgroup] = a;
  return std::tie(now, workgroup) == std::tie(b.now, b.workgroup);
}

bool Same(const Command& a, const Command& b) {
  if (a.index() != b.index()) return false;
  return std::visit([&b](const auto& x) { return Same(x, std::get<std::decay_t<decltype(x)>>(b)); },
                    a);
}

Command RoundTrip(const Command& command) {
  journal::Command proto;
  EncodeCommand(command, proto);
  // Through the wire format too, as the journal does.
  journal::Command parsed;
  REQUIRE(parsed.ParseFromString(proto.SerializeAsString()));
  absl::StatusOr<Command> decoded = DecodeCommand(parsed);
  REQUIRE(decoded.ok());
  return *decoded;
}

// Every field set to a value other than its default.
std::vector<Command> OneOfEach() {
  const Time t = Time::FromMicroseconds(123'456'789);
  const InteractionId x(0xFEEDFACE12345ULL);
  return {
      LogIn{.now = t, .agent = AgentId(7), .status = StatusId(3)},
      LogOut{.now = t, .agent = AgentId(8)},
      SetStatus{.now = t, .agent = AgentId(9), .status = StatusId(4)},
      SetActivation{.now = t, .agent = AgentId(10), .workgroup = WorkgroupId(2), .active = false},
      Arrive{.now = t,
             .interaction = x,
             .workgroup = WorkgroupId(5),
             .media = MediaType::kSms,
             .priority = 999,
             .requirements = {{.skill = SkillId(3),
                               .min_proficiency = 20,
                               .max_proficiency = 80,
                               .min_desire = 30,
                               .proficiency_weight = 2.5,
                               .desire_weight = 0.25},
                              {.skill = SkillId(1)}},
             .tiers = {{.threshold = 70, .duration = Seconds(5)},
                       {.threshold = 10, .duration = Microseconds(7)}},
             .preferred_agent = AgentId(11),
             .preferred_window = Seconds(30),
             .due = t + Seconds(3600)},
      Accept{.now = t, .interaction = x},
      Reject{.now = t, .interaction = x},
      Hold{.now = t, .interaction = x},
      Resume{.now = t, .interaction = x},
      Disconnect{.now = t, .interaction = x},
      EndWrapUp{.now = t, .agent = AgentId(12)},
      Transfer{.now = t, .interaction = x, .workgroup = WorkgroupId(3), .agent = AgentId(4)},
      ReportCallback{.now = t, .interaction = x, .outcome = CallbackOutcome::kRetryLater},
      SetPriority{.now = t, .interaction = x, .priority = 77},
      UpdateAgent{.now = t,
                  .agent = AgentId(2),
                  .config = {.name = "ann",
                             .workgroups = {{.workgroup = "Sales", .active = false}},
                             .skills = {{.skill = "spanish", .proficiency = 60, .desire = 9}},
                             .utilization = {{.media = MediaType::kChat, .percent = 25}},
                             .auto_answer_media = {MediaType::kEmail},
                             .cost = 1.5}},
      UpdateWorkgroup{.now = t,
                      .workgroup = WorkgroupId(1),
                      .config = {.name = "Sales",
                                 .alert_timeout = Seconds(20),
                                 .max_hold = Seconds(1200),
                                 .max_hold_action = MaxHoldAction::kTransfer,
                                 .max_hold_workgroup = "Support",
                                 .allow_pickup_by_non_members = true,
                                 .tiers = {{.threshold = 50, .duration = Seconds(9)}},
                                 .queue_timeout = Seconds(60),
                                 .overflow_workgroup = "Support",
                                 .queue_capacity = 5}},
      AddAgent{.now = t,
               .config = {.name = "bea",
                          .workgroups = {{.workgroup = "Sales"}},
                          .skills = {{.skill = "klingon", .proficiency = 70, .desire = 3}},
                          .auto_answer = true,
                          .attribute2 = 4}},
      RemoveAgent{.now = t, .agent = AgentId(3)},
      AddWorkgroup{.now = t,
                   .config = {.name = "Billing",
                              .wrap_up = Seconds(30),
                              .skills = {{.skill = "warp", .proficiency = 10, .desire = 0}},
                              .queue_capacity = 2}},
      RemoveWorkgroup{.now = t, .workgroup = WorkgroupId(4)},
      Pickup{.now = t, .agent = AgentId(13), .interaction = x},
  };
}

TEST_CASE("every command type round-trips through the journal encoding with every field") {
  const std::vector<Command> commands = OneOfEach();
  // One of each alternative, in variant order.
  REQUIRE(commands.size() == std::variant_size_v<Command>);
  for (size_t i = 0; i < commands.size(); ++i) {
    CAPTURE(i);
    REQUIRE(commands[i].index() == i);
    CHECK(Same(RoundTrip(commands[i]), commands[i]));
  }
}

TEST_CASE("every media type and invalid ids round-trip") {
  for (MediaType media : kAllMediaTypes) {
    const Arrive arrive{.interaction = InteractionId(), .media = media};
    CHECK(Same(RoundTrip(arrive), Command(arrive)));
  }
  const LogIn no_status{.agent = AgentId()};
  CHECK(Same(RoundTrip(no_status), Command(no_status)));
}

TEST_CASE("random command streams round-trip") {
  testing::Chooser pick(99);
  for (int stream = 0; stream < 50; ++stream) {
    const CenterConfig center = testing::RandomCenter(pick);
    for (uint64_t i = 1; i < 100; ++i) {
      const Command command =
          testing::RandomCommand(pick, Time::FromMicroseconds(static_cast<int64_t>(i)), center, i);
      REQUIRE(Same(RoundTrip(command), command));
    }
    CenterConfig roster = center;
    for (int i = 0; i < 20; ++i) {
      const Command command = testing::RandomRosterCommand(pick, Time(), roster);
      REQUIRE(Same(RoundTrip(command), command));
    }
  }
}

TEST_CASE("decoding rejects a record without a command and an unknown media") {
  CHECK(DecodeCommand(journal::Command()).status().code() == absl::StatusCode::kInvalidArgument);
  journal::Command bad;
  bad.mutable_arrive()->set_media(static_cast<proto::Media>(99));
  absl::StatusOr<Command> decoded = DecodeCommand(bad);
  CHECK(decoded.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(decoded.status().message().find("media") != absl::string_view::npos);
}

}  // namespace
}  // namespace acd::router_internal
