// CenterConfig to center.proto messages (acd/config_writer.h).

#include "acd/config_writer.h"

#include "acd/proto/center.pb.h"

namespace acd {
namespace {

void WriteSkills(const std::vector<SkillLevel>& levels,
                 google::protobuf::RepeatedPtrField<proto::SkillLevel>& out) {
  for (const SkillLevel& level : levels) {
    proto::SkillLevel& m = *out.Add();
    m.set_skill(level.skill);
    m.set_proficiency(level.proficiency);
    m.set_desire(level.desire);
  }
}

void WriteUtilization(const std::vector<MediaUtilization>& entries,
                      google::protobuf::RepeatedPtrField<proto::MediaUtilization>& out) {
  for (const MediaUtilization& u : entries) {
    proto::MediaUtilization& m = *out.Add();
    m.set_media(MediaToProto(u.media));
    m.set_percent(u.percent);
    m.set_max_assign(u.max_assign);
  }
}

proto::AgentOrder AgentOrderToProto(AgentOrder order) {
  switch (order) {
    case AgentOrder::kScore:
      return proto::AGENT_ORDER_SCORE;
    case AgentOrder::kFewestInteractions:
      return proto::AGENT_ORDER_FEWEST_INTERACTIONS;
    case AgentOrder::kLeastTalkTime:
      return proto::AGENT_ORDER_LEAST_TALK_TIME;
    case AgentOrder::kRoundRobin:
      return proto::AGENT_ORDER_ROUND_ROBIN;
  }
  return proto::AGENT_ORDER_SCORE;
}

}  // namespace

proto::Media MediaToProto(MediaType media) {
  switch (media) {
    case MediaType::kCall:
      return proto::MEDIA_CALL;
    case MediaType::kCallback:
      return proto::MEDIA_CALLBACK;
    case MediaType::kChat:
      return proto::MEDIA_CHAT;
    case MediaType::kEmail:
      return proto::MEDIA_EMAIL;
    case MediaType::kWorkItem:
      return proto::MEDIA_WORK_ITEM;
    case MediaType::kGeneric:
      return proto::MEDIA_GENERIC;
    case MediaType::kSocial:
      return proto::MEDIA_SOCIAL;
    case MediaType::kSms:
      return proto::MEDIA_SMS;
  }
  return proto::MEDIA_CALL;
}

proto::Workgroup WorkgroupConfigToProto(const WorkgroupConfig& wg) {
  proto::Workgroup m;
  m.set_name(wg.name);
  // 0 is written as what it means (acd/config.h), as the engine stores it.
  m.set_alert_timeout_s(
      ToSeconds(wg.alert_timeout == Duration::Zero() ? kDefaultAlertTimeout : wg.alert_timeout));
  m.set_wrap_up_s(ToSeconds(wg.wrap_up));
  m.set_wrap_up_status(wg.wrap_up_status);
  WriteSkills(wg.skills, *m.mutable_skills());
  WriteUtilization(wg.utilization, *m.mutable_utilization());
  m.set_exempt_held(wg.exempt_held);
  proto::InteractionWeights& iw = *m.mutable_interaction_weights();
  iw.set_skill(wg.interaction_weights.skill);
  iw.set_priority(wg.interaction_weights.priority);
  iw.set_time_in_queue(wg.interaction_weights.time_in_queue);
  iw.set_time_in_system(wg.interaction_weights.time_in_system);
  proto::AgentWeights& aw = *m.mutable_agent_weights();
  aw.set_skill(wg.agent_weights.skill);
  aw.set_cost(wg.agent_weights.cost);
  aw.set_available(wg.agent_weights.available);
  aw.set_available_interval_s(wg.agent_weights.available_interval_s);
  aw.set_attribute1(wg.agent_weights.attribute1);
  aw.set_attribute2(wg.agent_weights.attribute2);
  aw.set_attribute3(wg.agent_weights.attribute3);
  m.set_agent_order(AgentOrderToProto(wg.agent_order));
  for (const TierConfig& tier : wg.tiers) {
    proto::Tier& t = *m.add_tiers();
    t.set_threshold(tier.threshold);
    t.set_duration_s(ToSeconds(tier.duration));
  }
  m.set_after_last_tier(wg.after_last_tier == AfterLastTier::kAnyMember
                            ? proto::AFTER_LAST_TIER_ANY_MEMBER
                            : proto::AFTER_LAST_TIER_WAIT_FOREVER);
  proto::NoAnswer& na = *m.mutable_no_answer();
  na.set_status(wg.no_answer.status);
  na.set_misses_before_status(wg.no_answer.misses_before_status);
  na.set_delay_s(ToSeconds(wg.no_answer.delay));
  na.set_priority_bump(wg.no_answer.priority_bump);
  na.set_exclusion_s(ToSeconds(wg.no_answer.exclusion));
  if (wg.transfer_priority >= 0) m.set_transfer_priority(wg.transfer_priority);
  m.set_queue_timeout_s(ToSeconds(wg.queue_timeout));
  m.set_overflow_workgroup(wg.overflow_workgroup);
  if (wg.queue_capacity >= 0) m.set_queue_capacity(wg.queue_capacity);
  m.set_callback_retry_interval_s(ToSeconds(wg.callback_retry_interval));
  m.set_callback_max_attempts(wg.callback_max_attempts);
  // Written only when not the default, so that a configuration without
  // them encodes (and fingerprints, acd/journal.h) as before they existed.
  if (wg.max_hold != kDefaultMaxHold) m.set_max_hold_s(ToSeconds(wg.max_hold));
  if (wg.max_hold_action == MaxHoldAction::kTransfer) {
    m.set_max_hold_action(proto::MAX_HOLD_ACTION_TRANSFER);
  }
  m.set_max_hold_workgroup(wg.max_hold_workgroup);
  m.set_allow_pickup_by_non_members(wg.allow_pickup_by_non_members);
  return m;
}

proto::Agent AgentConfigToProto(const AgentConfig& agent) {
  proto::Agent m;
  m.set_name(agent.name);
  for (const MembershipConfig& membership : agent.workgroups) {
    proto::Membership& out = *m.add_workgroups();
    out.set_workgroup(membership.workgroup);
    out.set_active(membership.active);
  }
  m.set_auto_answer(agent.auto_answer);
  WriteSkills(agent.skills, *m.mutable_skills());
  WriteUtilization(agent.utilization, *m.mutable_utilization());
  for (MediaType media : agent.auto_answer_media) m.add_auto_answer_media(MediaToProto(media));
  m.set_cost(agent.cost);
  m.set_attribute1(agent.attribute1);
  m.set_attribute2(agent.attribute2);
  m.set_attribute3(agent.attribute3);
  return m;
}

proto::CenterConfig CenterConfigToProto(const CenterConfig& config) {
  proto::CenterConfig m;
  for (const StatusConfig& status : config.statuses) {
    proto::Status& s = *m.add_statuses();
    s.set_name(status.name);
    s.set_acd_available(status.acd_available);
    s.set_dnd(status.dnd);
    s.set_acw(status.acw);
    s.set_selectable(status.selectable);
    s.set_system(status.system);
  }
  m.set_available_status(config.available_status);
  for (const std::string& skill : config.skills) m.add_skills(skill);
  for (const WorkgroupConfig& wg : config.workgroups) {
    *m.add_workgroups() = WorkgroupConfigToProto(wg);
  }
  for (const AgentConfig& agent : config.agents) *m.add_agents() = AgentConfigToProto(agent);
  return m;
}

}  // namespace acd
