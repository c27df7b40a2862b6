#include "acd/config_loader.h"

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "acd/proto/center.pb.h"
#include "acd/status_macros.h"

namespace acd {
namespace {

std::string Join(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

// Durations are written in seconds; validation of their ranges happens in
// ValidateCenterConfig, so only non-finite values are caught here.
absl::StatusOr<Duration> ToDuration(double seconds, const TextProtoFile& file,
                                    const std::string& where) {
  // The engine's one limit (kMaxDuration); the sign is checked there.
  const double max = ToSeconds(kMaxDuration);
  if (!(seconds >= -max && seconds <= max)) {
    return file.Error(where, absl::StrCat(seconds, " is not a number of seconds within ", max));
  }
  return SecondsF(seconds);
}

absl::StatusOr<MediaType> ToMedia(int value, const TextProtoFile& file, const std::string& where) {
  std::optional<MediaType> media = MediaFromProto(value);
  if (!media) return file.Error(where, absl::StrCat("unknown media ", value));
  return *media;
}

std::vector<SkillLevel> ToSkills(const google::protobuf::RepeatedPtrField<proto::SkillLevel>& in) {
  std::vector<SkillLevel> out;
  for (const proto::SkillLevel& s : in) {
    out.push_back({.skill = s.skill(), .proficiency = s.proficiency(), .desire = s.desire()});
  }
  return out;
}

absl::StatusOr<WorkgroupConfig> ToWorkgroup(const proto::Workgroup& m, const TextProtoFile& file,
                                            const std::string& where) {
  WorkgroupConfig wg{.name = m.name()};
  if (m.alert_timeout_s() != 0) {
    ACD_ASSIGN_OR_RETURN(wg.alert_timeout,
                         ToDuration(m.alert_timeout_s(), file, where + ".alert_timeout_s"));
  }
  ACD_ASSIGN_OR_RETURN(wg.wrap_up, ToDuration(m.wrap_up_s(), file, where + ".wrap_up_s"));
  if (!m.wrap_up_status().empty()) wg.wrap_up_status = m.wrap_up_status();
  wg.skills = ToSkills(m.skills());
  ACD_ASSIGN_OR_RETURN(wg.utilization,
                       UtilizationFromProto(m.utilization(), file, where + ".utilization"));
  wg.exempt_held = m.exempt_held();
  const proto::InteractionWeights& iw = m.interaction_weights();
  wg.interaction_weights = {.skill = iw.skill(),
                            .priority = iw.has_priority() ? iw.priority() : 1.0,
                            .time_in_queue = iw.time_in_queue(),
                            .time_in_system = iw.time_in_system()};
  const proto::AgentWeights& aw = m.agent_weights();
  wg.agent_weights = {
      .skill = aw.has_skill() ? aw.skill() : 1.0,
      .cost = aw.cost(),
      .available = aw.available(),
      .available_interval_s = aw.has_available_interval_s() ? aw.available_interval_s() : 1.0,
      .attribute1 = aw.attribute1(),
      .attribute2 = aw.attribute2(),
      .attribute3 = aw.attribute3()};
  for (int k = 0; k < m.tiers_size(); ++k) {
    TierConfig tier{.threshold = m.tiers(k).threshold()};
    ACD_ASSIGN_OR_RETURN(tier.duration, ToDuration(m.tiers(k).duration_s(), file,
                                                   absl::StrCat(where, ".tiers[", k, "]")));
    wg.tiers.push_back(tier);
  }
  switch (m.agent_order()) {
    case proto::AGENT_ORDER_FEWEST_INTERACTIONS:
      wg.agent_order = AgentOrder::kFewestInteractions;
      break;
    case proto::AGENT_ORDER_LEAST_TALK_TIME:
      wg.agent_order = AgentOrder::kLeastTalkTime;
      break;
    case proto::AGENT_ORDER_ROUND_ROBIN:
      wg.agent_order = AgentOrder::kRoundRobin;
      break;
    default:
      wg.agent_order = AgentOrder::kScore;
  }
  wg.after_last_tier = m.after_last_tier() == proto::AFTER_LAST_TIER_ANY_MEMBER
                           ? AfterLastTier::kAnyMember
                           : AfterLastTier::kWaitForever;
  if (m.service_level_thresholds_s_size() > 0) {
    wg.service_level_thresholds.clear();
    for (int i = 0; i < m.service_level_thresholds_s_size(); ++i) {
      ACD_ASSIGN_OR_RETURN(Duration threshold,
                           ToDuration(m.service_level_thresholds_s(i), file,
                                      absl::StrCat(where, ".service_level_thresholds_s[", i, "]")));
      wg.service_level_thresholds.push_back(threshold);
    }
  }
  if (m.stats_interval_s() != 0) {
    ACD_ASSIGN_OR_RETURN(wg.stats_interval,
                         ToDuration(m.stats_interval_s(), file, where + ".stats_interval_s"));
  }
  const proto::NoAnswer& na = m.no_answer();
  if (!na.status().empty()) wg.no_answer.status = na.status();
  if (na.has_misses_before_status()) wg.no_answer.misses_before_status = na.misses_before_status();
  ACD_ASSIGN_OR_RETURN(wg.no_answer.delay, ToDuration(na.delay_s(), file, where + ".no_answer"));
  wg.no_answer.priority_bump = na.priority_bump();
  if (na.has_exclusion_s()) {
    ACD_ASSIGN_OR_RETURN(wg.no_answer.exclusion,
                         ToDuration(na.exclusion_s(), file, where + ".no_answer"));
  }
  if (m.has_transfer_priority()) wg.transfer_priority = m.transfer_priority();
  ACD_ASSIGN_OR_RETURN(wg.queue_timeout,
                       ToDuration(m.queue_timeout_s(), file, where + ".queue_timeout_s"));
  wg.overflow_workgroup = m.overflow_workgroup();
  if (m.has_queue_capacity()) wg.queue_capacity = m.queue_capacity();
  if (m.has_callback_retry_interval_s()) {
    ACD_ASSIGN_OR_RETURN(
        wg.callback_retry_interval,
        ToDuration(m.callback_retry_interval_s(), file, where + ".callback_retry_interval_s"));
  }
  if (m.has_callback_max_attempts()) wg.callback_max_attempts = m.callback_max_attempts();
  if (m.has_max_hold_s()) {
    ACD_ASSIGN_OR_RETURN(wg.max_hold, ToDuration(m.max_hold_s(), file, where + ".max_hold_s"));
  }
  wg.max_hold_action = m.max_hold_action() == proto::MAX_HOLD_ACTION_TRANSFER
                           ? MaxHoldAction::kTransfer
                           : MaxHoldAction::kDisconnect;
  wg.max_hold_workgroup = m.max_hold_workgroup();
  wg.allow_pickup_by_non_members = m.allow_pickup_by_non_members();
  return wg;
}

absl::StatusOr<AgentConfig> ToAgent(const proto::Agent& m, const TextProtoFile& file,
                                    const std::string& where) {
  AgentConfig agent{.name = m.name(),
                    .skills = ToSkills(m.skills()),
                    .auto_answer = m.auto_answer(),
                    .cost = m.cost(),
                    .attribute1 = m.attribute1(),
                    .attribute2 = m.attribute2(),
                    .attribute3 = m.attribute3()};
  for (const proto::Membership& membership : m.workgroups()) {
    agent.workgroups.push_back({.workgroup = membership.workgroup(),
                                .active = membership.has_active() ? membership.active() : true});
  }
  ACD_ASSIGN_OR_RETURN(agent.utilization,
                       UtilizationFromProto(m.utilization(), file, where + ".utilization"));
  for (int i = 0; i < m.auto_answer_media_size(); ++i) {
    ACD_ASSIGN_OR_RETURN(
        MediaType media,
        ToMedia(m.auto_answer_media(i), file, absl::StrCat(where, ".auto_answer_media[", i, "]")));
    agent.auto_answer_media.push_back(media);
  }
  return agent;
}

// ValidateCenterConfig names C++ fields ("workgroups[1].wrap_up"); the file
// has the proto's ("workgroups[1].wrap_up_s").
std::string ProtoPath(absl::string_view path) {
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (std::string& part : parts) {
    for (const char* timed : {"alert_timeout", "wrap_up", "delay", "exclusion", "duration",
                              "stats_interval", "service_level_thresholds"}) {
      // "name" or "name[i]".
      if (absl::StartsWith(part, timed) &&
          (part.size() == strlen(timed) || part[strlen(timed)] == '[')) {
        part.insert(strlen(timed), "_s");
      }
    }
  }
  return absl::StrJoin(parts, ".");
}

// Re-reports a ValidateCenterConfig error at its field's position.
absl::Status Locate(const absl::Status& status, const TextProtoFile& file,
                    absl::string_view prefix) {
  absl::string_view message = status.message();
  const size_t colon = message.find(": ");
  if (colon == absl::string_view::npos) return file.Error(prefix, message);
  return file.Error(Join(prefix, ProtoPath(message.substr(0, colon))), message.substr(colon + 2));
}

}  // namespace

absl::StatusOr<std::vector<MediaUtilization>> UtilizationFromProto(
    const google::protobuf::RepeatedPtrField<proto::MediaUtilization>& entries,
    const TextProtoFile& file, absl::string_view path) {
  std::vector<MediaUtilization> out;
  for (int i = 0; i < entries.size(); ++i) {
    MediaUtilization u;
    ACD_ASSIGN_OR_RETURN(u.media,
                         ToMedia(entries[i].media(), file, absl::StrCat(path, "[", i, "].media")));
    if (entries[i].has_percent()) u.percent = entries[i].percent();
    if (entries[i].has_max_assign()) u.max_assign = entries[i].max_assign();
    out.push_back(u);
  }
  return out;
}

std::optional<MediaType> MediaFromProto(int value) {
  switch (value) {
    case proto::MEDIA_UNSPECIFIED:
    case proto::MEDIA_CALL:
      return MediaType::kCall;
    case proto::MEDIA_CALLBACK:
      return MediaType::kCallback;
    case proto::MEDIA_CHAT:
      return MediaType::kChat;
    case proto::MEDIA_EMAIL:
      return MediaType::kEmail;
    case proto::MEDIA_WORK_ITEM:
      return MediaType::kWorkItem;
    case proto::MEDIA_GENERIC:
      return MediaType::kGeneric;
    case proto::MEDIA_SOCIAL:
      return MediaType::kSocial;
    case proto::MEDIA_SMS:
      return MediaType::kSms;
    default:
      return std::nullopt;
  }
}

namespace {

absl::StatusOr<CenterConfig> ConvertCenter(const proto::CenterConfig& message,
                                           const TextProtoFile& file, absl::string_view path) {
  CenterConfig config;
  for (const proto::Status& s : message.statuses()) {
    config.statuses.push_back({.name = s.name(),
                               .acd_available = s.acd_available(),
                               .dnd = s.dnd(),
                               .acw = s.acw(),
                               .selectable = s.has_selectable() ? s.selectable() : true,
                               .system = s.system()});
  }
  if (!message.available_status().empty()) {
    config.available_status = message.available_status();
  }
  config.skills.assign(message.skills().begin(), message.skills().end());
  for (int i = 0; i < message.workgroups_size(); ++i) {
    ACD_ASSIGN_OR_RETURN(
        WorkgroupConfig wg,
        ToWorkgroup(message.workgroups(i), file, Join(path, absl::StrCat("workgroups[", i, "]"))));
    config.workgroups.push_back(std::move(wg));
  }
  for (int i = 0; i < message.agents_size(); ++i) {
    ACD_ASSIGN_OR_RETURN(AgentConfig agent, ToAgent(message.agents(i), file,
                                                    Join(path, absl::StrCat("agents[", i, "]"))));
    config.agents.push_back(std::move(agent));
  }
  return config;
}

}  // namespace

absl::StatusOr<CenterConfig> CenterConfigFromProto(const proto::CenterConfig& message,
                                                   const TextProtoFile& file,
                                                   absl::string_view path) {
  ACD_ASSIGN_OR_RETURN(CenterConfig config, ConvertCenter(message, file, path));
  if (absl::Status valid = ValidateCenterConfig(config); !valid.ok()) {
    return Locate(valid, file, path);
  }
  return config;
}

absl::StatusOr<CenterConfig> StateCenterConfigFromProto(const proto::CenterConfig& message,
                                                        const TextProtoFile& file,
                                                        absl::string_view path) {
  ACD_ASSIGN_OR_RETURN(CenterConfig config, ConvertCenter(message, file, path));
  // References are by name: the live entries alone must be valid.
  CenterConfig live = config;
  std::erase_if(live.workgroups, [](const WorkgroupConfig& w) { return w.name.empty(); });
  std::erase_if(live.agents, [](const AgentConfig& a) { return a.name.empty(); });
  if (absl::Status valid = ValidateCenterConfig(live); !valid.ok()) {
    return Locate(valid, file, path);
  }
  return config;
}

absl::StatusOr<WorkgroupConfig> WorkgroupConfigFromProto(const proto::Workgroup& message,
                                                         const TextProtoFile& file,
                                                         absl::string_view path) {
  return ToWorkgroup(message, file, std::string(path));
}

absl::StatusOr<AgentConfig> AgentConfigFromProto(const proto::Agent& message,
                                                 const TextProtoFile& file,
                                                 absl::string_view path) {
  return ToAgent(message, file, std::string(path));
}

absl::StatusOr<CenterConfig> LoadCenterConfig(absl::string_view filename, absl::string_view text) {
  proto::CenterConfig message;
  ACD_ASSIGN_OR_RETURN(TextProtoFile file, TextProtoFile::Parse(filename, text, message));
  return CenterConfigFromProto(message, file, "");
}

absl::StatusOr<CenterConfig> LoadCenterConfigFile(const std::string& path) {
  proto::CenterConfig message;
  ACD_ASSIGN_OR_RETURN(TextProtoFile file, TextProtoFile::ParseFile(path, message));
  return CenterConfigFromProto(message, file, "");
}

}  // namespace acd
