#include "lib/router/command_codec.h"

#include <cstdint>
#include <optional>
#include <variant>

#include "absl/strings/str_cat.h"
#include "acd/config_loader.h"
#include "acd/config_writer.h"
#include "acd/media.h"

namespace acd::router_internal {
namespace {

static_assert(std::variant_size_v<Command> == 21,
              "a command was added to acd::Command: give it a message in journal.proto and an "
              "Encode/Decode case below");

int64_t Us(Time t) { return t.microseconds(); }
int64_t Us(Duration d) { return d.microseconds(); }
Time TimeUs(int64_t us) { return Time::FromMicroseconds(us); }

void EncodeRequirement(const SkillRequirement& r, journal::SkillRequirement& out) {
  const auto& [skill, min_proficiency, max_proficiency, min_desire, proficiency_weight,
               desire_weight] = r;
  out.set_skill(skill.value());
  out.set_min_proficiency(min_proficiency);
  out.set_max_proficiency(max_proficiency);
  out.set_min_desire(min_desire);
  out.set_proficiency_weight(proficiency_weight);
  out.set_desire_weight(desire_weight);
}

void EncodeTier(const TierConfig& t, journal::Tier& out) {
  const auto& [threshold, duration] = t;
  out.set_threshold(threshold);
  out.set_duration_us(Us(duration));
}

template <typename Proto>
void EncodeInteraction(Time now, InteractionId interaction, Proto& out) {
  out.set_now_us(Us(now));
  out.set_interaction(interaction.value());
}

struct Encoder {
  journal::Command& out;

  void operator()(const LogIn& c) const {
    const auto& [now, agent, status] = c;
    journal::LogIn& m = *out.mutable_log_in();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
    m.set_status(status.value());
  }
  void operator()(const LogOut& c) const {
    const auto& [now, agent] = c;
    journal::LogOut& m = *out.mutable_log_out();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
  }
  void operator()(const SetStatus& c) const {
    const auto& [now, agent, status] = c;
    journal::SetStatus& m = *out.mutable_set_status();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
    m.set_status(status.value());
  }
  void operator()(const SetActivation& c) const {
    const auto& [now, agent, workgroup, active] = c;
    journal::SetActivation& m = *out.mutable_set_activation();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
    m.set_workgroup(workgroup.value());
    m.set_active(active);
  }
  void operator()(const Arrive& c) const {
    const auto& [now, interaction, workgroup, media, priority, requirements, tiers, preferred_agent,
                 preferred_window, due] = c;
    journal::Arrive& m = *out.mutable_arrive();
    m.set_now_us(Us(now));
    m.set_interaction(interaction.value());
    m.set_workgroup(workgroup.value());
    m.set_media(MediaToProto(media));
    m.set_priority(priority);
    for (const SkillRequirement& r : requirements) EncodeRequirement(r, *m.add_requirements());
    for (const TierConfig& t : tiers) EncodeTier(t, *m.add_tiers());
    m.set_preferred_agent(preferred_agent.value());
    m.set_preferred_window_us(Us(preferred_window));
    m.set_due_us(Us(due));
  }
  void operator()(const Accept& c) const {
    const auto& [now, interaction] = c;
    EncodeInteraction(now, interaction, *out.mutable_accept());
  }
  void operator()(const Reject& c) const {
    const auto& [now, interaction] = c;
    EncodeInteraction(now, interaction, *out.mutable_reject());
  }
  void operator()(const Hold& c) const {
    const auto& [now, interaction] = c;
    EncodeInteraction(now, interaction, *out.mutable_hold());
  }
  void operator()(const Resume& c) const {
    const auto& [now, interaction] = c;
    EncodeInteraction(now, interaction, *out.mutable_resume());
  }
  void operator()(const Disconnect& c) const {
    const auto& [now, interaction] = c;
    EncodeInteraction(now, interaction, *out.mutable_disconnect());
  }
  void operator()(const EndWrapUp& c) const {
    const auto& [now, agent] = c;
    journal::EndWrapUp& m = *out.mutable_end_wrap_up();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
  }
  void operator()(const Transfer& c) const {
    const auto& [now, interaction, workgroup, agent] = c;
    journal::Transfer& m = *out.mutable_transfer();
    m.set_now_us(Us(now));
    m.set_interaction(interaction.value());
    m.set_workgroup(workgroup.value());
    m.set_agent(agent.value());
  }
  void operator()(const ReportCallback& c) const {
    const auto& [now, interaction, outcome] = c;
    journal::ReportCallback& m = *out.mutable_report_callback();
    m.set_now_us(Us(now));
    m.set_interaction(interaction.value());
    m.set_outcome(static_cast<int32_t>(outcome));
  }
  void operator()(const SetPriority& c) const {
    const auto& [now, interaction, priority] = c;
    journal::SetPriority& m = *out.mutable_set_priority();
    m.set_now_us(Us(now));
    m.set_interaction(interaction.value());
    m.set_priority(priority);
  }
  void operator()(const UpdateAgent& c) const {
    const auto& [now, agent, config] = c;
    journal::UpdateAgent& m = *out.mutable_update_agent();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
    *m.mutable_config() = AgentConfigToProto(config);
  }
  void operator()(const Pickup& c) const {
    const auto& [now, agent, interaction] = c;
    journal::Pickup& m = *out.mutable_pickup();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
    m.set_interaction(interaction.value());
  }
  void operator()(const UpdateWorkgroup& c) const {
    const auto& [now, workgroup, config] = c;
    journal::UpdateWorkgroup& m = *out.mutable_update_workgroup();
    m.set_now_us(Us(now));
    m.set_workgroup(workgroup.value());
    *m.mutable_config() = WorkgroupConfigToProto(config);
  }
  void operator()(const AddAgent& c) const {
    const auto& [now, config] = c;
    journal::AddAgent& m = *out.mutable_add_agent();
    m.set_now_us(Us(now));
    *m.mutable_config() = AgentConfigToProto(config);
  }
  void operator()(const RemoveAgent& c) const {
    const auto& [now, agent] = c;
    journal::RemoveAgent& m = *out.mutable_remove_agent();
    m.set_now_us(Us(now));
    m.set_agent(agent.value());
  }
  void operator()(const AddWorkgroup& c) const {
    const auto& [now, config] = c;
    journal::AddWorkgroup& m = *out.mutable_add_workgroup();
    m.set_now_us(Us(now));
    *m.mutable_config() = WorkgroupConfigToProto(config);
  }
  void operator()(const RemoveWorkgroup& c) const {
    const auto& [now, workgroup] = c;
    journal::RemoveWorkgroup& m = *out.mutable_remove_workgroup();
    m.set_now_us(Us(now));
    m.set_workgroup(workgroup.value());
  }
};

absl::StatusOr<Command> DecodeArrive(const journal::Arrive& m) {
  Arrive c{.now = TimeUs(m.now_us()),
           .interaction = InteractionId(m.interaction()),
           .workgroup = WorkgroupId(m.workgroup()),
           .priority = m.priority(),
           .preferred_agent = AgentId(m.preferred_agent()),
           .preferred_window = Duration::Microseconds(m.preferred_window_us()),
           .due = TimeUs(m.due_us())};
  const std::optional<MediaType> media = MediaFromProto(m.media());
  if (!media)
    return absl::InvalidArgumentError(absl::StrCat("arrive.media: unknown media ", m.media()));
  c.media = *media;
  for (const journal::SkillRequirement& r : m.requirements()) {
    c.requirements.push_back({.skill = SkillId(r.skill()),
                              .min_proficiency = r.min_proficiency(),
                              .max_proficiency = r.max_proficiency(),
                              .min_desire = r.min_desire(),
                              .proficiency_weight = r.proficiency_weight(),
                              .desire_weight = r.desire_weight()});
  }
  for (const journal::Tier& t : m.tiers()) {
    c.tiers.push_back(
        {.threshold = t.threshold(), .duration = Duration::Microseconds(t.duration_us())});
  }
  return c;
}

absl::StatusOr<Command> DecodeReportCallback(const journal::ReportCallback& m) {
  if (m.outcome() < 0 || m.outcome() > static_cast<int32_t>(CallbackOutcome::kRetryLater)) {
    return absl::InvalidArgumentError(
        absl::StrCat("report_callback.outcome: unknown outcome ", m.outcome()));
  }
  return ReportCallback{.now = TimeUs(m.now_us()),
                        .interaction = InteractionId(m.interaction()),
                        .outcome = static_cast<CallbackOutcome>(m.outcome())};
}

absl::StatusOr<Command> DecodeUpdateAgent(const journal::UpdateAgent& m) {
  absl::StatusOr<AgentConfig> config = AgentConfigFromProto(
      m.config(), TextProtoFile::Unlocated("journal record"), "update_agent.config");
  if (!config.ok()) return config.status();
  return UpdateAgent{
      .now = TimeUs(m.now_us()), .agent = AgentId(m.agent()), .config = *std::move(config)};
}

absl::StatusOr<Command> DecodeUpdateWorkgroup(const journal::UpdateWorkgroup& m) {
  absl::StatusOr<WorkgroupConfig> config = WorkgroupConfigFromProto(
      m.config(), TextProtoFile::Unlocated("journal record"), "update_workgroup.config");
  if (!config.ok()) return config.status();
  return UpdateWorkgroup{.now = TimeUs(m.now_us()),
                         .workgroup = WorkgroupId(m.workgroup()),
                         .config = *std::move(config)};
}

absl::StatusOr<Command> DecodeAddAgent(const journal::AddAgent& m) {
  absl::StatusOr<AgentConfig> config = AgentConfigFromProto(
      m.config(), TextProtoFile::Unlocated("journal record"), "add_agent.config");
  if (!config.ok()) return config.status();
  return AddAgent{.now = TimeUs(m.now_us()), .config = *std::move(config)};
}

absl::StatusOr<Command> DecodeAddWorkgroup(const journal::AddWorkgroup& m) {
  absl::StatusOr<WorkgroupConfig> config = WorkgroupConfigFromProto(
      m.config(), TextProtoFile::Unlocated("journal record"), "add_workgroup.config");
  if (!config.ok()) return config.status();
  return AddWorkgroup{.now = TimeUs(m.now_us()), .config = *std::move(config)};
}

template <typename C>
C DecodeInteraction(const journal::InteractionCommand& m) {
  return C{.now = TimeUs(m.now_us()), .interaction = InteractionId(m.interaction())};
}

}  // namespace

void EncodeCommand(const Command& command, journal::Command& out) {
  out.Clear();
  std::visit(Encoder{out}, command);
}

absl::StatusOr<Command> DecodeCommand(const journal::Command& in) {
  using journal::Command;
  switch (in.command_case()) {
    case Command::kLogIn:
      return LogIn{.now = TimeUs(in.log_in().now_us()),
                   .agent = AgentId(in.log_in().agent()),
                   .status = StatusId(in.log_in().status())};
    case Command::kLogOut:
      return LogOut{.now = TimeUs(in.log_out().now_us()), .agent = AgentId(in.log_out().agent())};
    case Command::kSetStatus:
      return SetStatus{.now = TimeUs(in.set_status().now_us()),
                       .agent = AgentId(in.set_status().agent()),
                       .status = StatusId(in.set_status().status())};
    case Command::kSetActivation:
      return SetActivation{.now = TimeUs(in.set_activation().now_us()),
                           .agent = AgentId(in.set_activation().agent()),
                           .workgroup = WorkgroupId(in.set_activation().workgroup()),
                           .active = in.set_activation().active()};
    case Command::kArrive:
      return DecodeArrive(in.arrive());
    case Command::kAccept:
      return DecodeInteraction<Accept>(in.accept());
    case Command::kReject:
      return DecodeInteraction<Reject>(in.reject());
    case Command::kHold:
      return DecodeInteraction<Hold>(in.hold());
    case Command::kResume:
      return DecodeInteraction<Resume>(in.resume());
    case Command::kDisconnect:
      return DecodeInteraction<Disconnect>(in.disconnect());
    case Command::kEndWrapUp:
      return EndWrapUp{.now = TimeUs(in.end_wrap_up().now_us()),
                       .agent = AgentId(in.end_wrap_up().agent())};
    case Command::kTransfer:
      return Transfer{.now = TimeUs(in.transfer().now_us()),
                      .interaction = InteractionId(in.transfer().interaction()),
                      .workgroup = WorkgroupId(in.transfer().workgroup()),
                      .agent = AgentId(in.transfer().agent())};
    case Command::kReportCallback:
      return DecodeReportCallback(in.report_callback());
    case Command::kSetPriority:
      return SetPriority{.now = TimeUs(in.set_priority().now_us()),
                         .interaction = InteractionId(in.set_priority().interaction()),
                         .priority = in.set_priority().priority()};
    case Command::kUpdateAgent:
      return DecodeUpdateAgent(in.update_agent());
    case Command::kUpdateWorkgroup:
      return DecodeUpdateWorkgroup(in.update_workgroup());
    case Command::kAddAgent:
      return DecodeAddAgent(in.add_agent());
    case Command::kRemoveAgent:
      return RemoveAgent{.now = TimeUs(in.remove_agent().now_us()),
                         .agent = AgentId(in.remove_agent().agent())};
    case Command::kAddWorkgroup:
      return DecodeAddWorkgroup(in.add_workgroup());
    case Command::kRemoveWorkgroup:
      return RemoveWorkgroup{.now = TimeUs(in.remove_workgroup().now_us()),
                             .workgroup = WorkgroupId(in.remove_workgroup().workgroup())};
    case Command::kPickup:
      return Pickup{.now = TimeUs(in.pickup().now_us()),
                    .agent = AgentId(in.pickup().agent()),
                    .interaction = InteractionId(in.pickup().interaction())};
    case Command::COMMAND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("command: none set");
}

}  // namespace acd::router_internal
