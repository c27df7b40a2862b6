// The reference router's lifecycle and reconfiguration commands: transfer,
// callback outcomes, priority changes, agent and workgroup updates.

#include <algorithm>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "tests/testing/reference_router.h"

namespace acd::testing {
namespace {

bool UtilizationOk(const std::vector<MediaUtilization>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].percent < 0 || list[i].percent > 100) return false;
    if (list[i].max_assign < 0 || list[i].max_assign > 1000) return false;
    for (size_t j = 0; j < i; ++j) {
      if (list[j].media == list[i].media) return false;
    }
  }
  return true;
}

bool KnownSkill(const CenterConfig& c, const std::string& name) {
  return std::find(c.skills.begin(), c.skills.end(), name) != c.skills.end();
}

bool KnownWorkgroup(const CenterConfig& c, const std::string& name) {
  for (const WorkgroupConfig& w : c.workgroups) {
    if (w.name == name && !name.empty()) return true;  // "": a removed one
  }
  return false;
}

// The rules an agent's configuration must meet, written out again (the
// generator of random reconfigurations stays within these fields).
bool AgentOk(const CenterConfig& c, const AgentConfig& a) {
  for (size_t m = 0; m < a.workgroups.size(); ++m) {
    if (!KnownWorkgroup(c, a.workgroups[m].workgroup)) return false;
    for (size_t k = 0; k < m; ++k) {
      if (a.workgroups[k].workgroup == a.workgroups[m].workgroup) return false;
    }
  }
  for (size_t s = 0; s < a.skills.size(); ++s) {
    const SkillLevel& l = a.skills[s];
    if (!KnownSkill(c, l.skill) || l.proficiency < 1 || l.proficiency > 100 || l.desire < 1 ||
        l.desire > 100) {
      return false;
    }
    for (size_t k = 0; k < s; ++k) {
      if (a.skills[k].skill == l.skill) return false;
    }
  }
  return UtilizationOk(a.utilization);
}

bool WorkgroupOk(const CenterConfig& c, size_t index, const WorkgroupConfig& w) {
  // An alert timeout of 0 stands for 15 s (AlertTimeout, reference_router.cc);
  // otherwise at least 7 s.
  if ((w.alert_timeout != Duration::Zero() && w.alert_timeout < Seconds(7)) ||
      w.wrap_up < Duration::Zero() || w.wrap_up > Seconds(7200)) {
    return false;
  }
  if (w.tiers.size() > 5) return false;
  for (size_t k = 0; k < w.tiers.size(); ++k) {
    if (w.tiers[k].threshold < 0 || w.tiers[k].threshold > 99) return false;
    if (k > 0 && w.tiers[k].threshold >= w.tiers[k - 1].threshold) return false;
    if (w.tiers[k].duration <= Duration::Zero()) return false;
  }
  for (const SkillLevel& l : w.skills) {
    if (!KnownSkill(c, l.skill) || l.proficiency < 1 || l.proficiency > 100 || l.desire < 0 ||
        l.desire > 100) {
      return false;
    }
  }
  if (w.transfer_priority < -1 || w.transfer_priority > 1000) return false;
  if (w.queue_timeout < Duration::Zero() || w.queue_capacity < -1) return false;
  if (w.queue_timeout > Duration::Zero() || !w.overflow_workgroup.empty()) {
    if (w.queue_timeout == Duration::Zero() || !KnownWorkgroup(c, w.overflow_workgroup) ||
        w.overflow_workgroup == c.workgroups[index].name) {
      return false;
    }
  }
  if (w.max_hold < Duration::Zero() || w.max_hold > kMaxDuration) return false;
  if (w.max_hold_action == MaxHoldAction::kTransfer || !w.max_hold_workgroup.empty()) {
    if (w.max_hold_action != MaxHoldAction::kTransfer || !KnownWorkgroup(c, w.max_hold_workgroup)) {
      return false;
    }
  }
  if (w.callback_retry_interval <= Duration::Zero() || w.callback_max_attempts < 1 ||
      w.callback_max_attempts > 100) {
    return false;
  }
  return UtilizationOk(w.utilization);
}

}  // namespace

// For the roster commands (reference_router_roster.cc).
bool ReferenceAgentOk(const CenterConfig& c, const AgentConfig& a) { return AgentOk(c, a); }
bool ReferenceWorkgroupOk(const CenterConfig& c, size_t index, const WorkgroupConfig& w) {
  return WorkgroupOk(c, index, w);
}

void GrowSkills(const std::vector<SkillLevel>& levels, CenterConfig& c) {
  for (const SkillLevel& l : levels) {
    if (!l.skill.empty() && !KnownSkill(c, l.skill)) c.skills.push_back(l.skill);
  }
}

int64_t ReferenceRouter::Waiting(WorkgroupId wg) const {
  int64_t n = 0;
  for (const auto& [id, x] : interactions_) {
    n += x.workgroup == wg && x.state == InteractionState::kWaiting;
  }
  return n;
}

bool ReferenceRouter::Refused(const Interaction& x, WorkgroupId wg, int leaving) const {
  const int capacity = config_.workgroups[wg.value()].queue_capacity;
  if (capacity < 0 || Waiting(wg) - leaving < capacity) return false;
  Interaction probe = x;
  probe.state = InteractionState::kWaiting;
  if (probe.workgroup != wg) {
    probe.workgroup = wg;
    if (!probe.own_tiers) probe.tiers = config_.workgroups[wg.value()].tiers;
    probe.entered_queue = now_;
    probe.preference_open = false;
    probe.excluded = AgentId();
  }
  // The static tier from the queue time, as on entering the queue.
  probe.static_tier = 0;
  Time boundary = probe.entered_queue;
  for (const TierConfig& t : probe.tiers) {
    boundary = boundary + t.duration;
    if (boundary > now_) break;
    ++probe.static_tier;
  }
  const Position p = PositionOf(probe);
  for (size_t a = 0; a < agents_.size(); ++a) {
    if (Eligible(AgentId(static_cast<uint32_t>(a)), probe, p)) return false;
  }
  return true;
}

AgentId ReferenceRouter::Detach(Interaction& x) {
  const AgentId a = x.agent;
  Release(x);
  x.hold_due = Time::Infinite();
  agents_[a.value()].talk_time += now_ - x.connected_at;
  agents_[a.value()].available_since = now_;
  x.agent = AgentId();
  return a;
}

void ReferenceRouter::Move(Interaction& x, WorkgroupId wg, RequeueReason reason, AgentId from) {
  x.state = InteractionState::kTransferred;
  ++counters_[x.workgroup.value()].transferred_out;
  Emit(x, from, reason);
  x.workgroup = wg;
  if (!x.own_tiers) x.tiers = config_.workgroups[wg.value()].tiers;
  ++counters_[wg.value()].entered;
  const int level = config_.workgroups[wg.value()].transfer_priority;
  if (reason == RequeueReason::kTransferred && level >= 0) x.priority = level;
  x.entered_queue = now_;
  x.preference_open = false;
  x.last_attempted = AgentId();
  x.excluded = AgentId();
  x.excluded_until = Time();
  EnterQueue(x);
  Emit(x, AgentId(), reason);
}

absl::Status ReferenceRouter::Do(const Transfer& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  if (c.workgroup.valid() == c.agent.valid()) return absl::InvalidArgumentError("one target");
  const InteractionState state = x.state;
  if (state != InteractionState::kWaiting && state != InteractionState::kAlerting &&
      state != InteractionState::kConnected && state != InteractionState::kHeld) {
    return absl::FailedPreconditionError("state");
  }
  // A work item in progress is not transferred; new, waiting or held it is.
  if (x.media == MediaType::kWorkItem && state == InteractionState::kConnected) {
    return absl::FailedPreconditionError("work item in progress");
  }
  if (c.workgroup.valid()) {
    if (!HasWorkgroup(c.workgroup)) return absl::NotFoundError("workgroup");
    const int leaving = state == InteractionState::kWaiting && x.workgroup == c.workgroup;
    if (Refused(x, c.workgroup, leaving)) return absl::ResourceExhaustedError("full");
  } else {
    if (!HasAgent(c.agent)) return absl::NotFoundError("agent");
    const Agent& target = agents_[c.agent.value()];
    if (!target.logged_in) return absl::FailedPreconditionError("not logged in");
    if (x.agent == c.agent) return absl::FailedPreconditionError("same agent");
    // Work items and generic objects reach a user whatever the status.
    const bool task = x.media == MediaType::kWorkItem || x.media == MediaType::kGeneric;
    if (config_.statuses[target.status.value()].dnd && !task) {
      return absl::FailedPreconditionError("dnd");
    }
    int used = 0, same_media = 0;
    for (InteractionId held : target.held) {
      const Interaction& other = interactions_.at(held.value());
      if (other.exempt) continue;
      used += other.percent;
      if (other.media == x.media) ++same_media;
    }
    const MediaUtilization u = UtilizationOf(c.agent, x.workgroup, x.media);
    if (used + u.percent > 100 || same_media >= u.max_assign) {
      return absl::FailedPreconditionError("capacity");
    }
  }
  AgentId from;
  if (state == InteractionState::kWaiting) {
    x.tier_due = Time::Infinite();
    x.overflow_due = Time::Infinite();
  } else if (state == InteractionState::kAlerting) {
    // Withdrawn from the alerting agent: no miss, no status change.
    from = x.agent;
    x.alert_pending = false;
    Release(x);
    x.agent = AgentId();
  } else {
    from = Detach(x);
  }
  x.state = InteractionState::kTransferred;
  x.transferred = true;
  if (c.workgroup.valid()) {
    Move(x, c.workgroup, RequeueReason::kTransferred, from);
    Route(x.id);
  } else {
    x.preference_open = false;
    Offer(x, c.agent, /*direct=*/true, RequeueReason::kTransferred);
  }
  if (from.valid()) Fill(from);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const ReportCallback& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  if (x.media != MediaType::kCallback) return absl::FailedPreconditionError("not a callback");
  if (x.state != InteractionState::kConnected && x.state != InteractionState::kHeld) {
    return absl::FailedPreconditionError("state");
  }
  x.attempts += 1;
  const bool last = x.attempts >= config_.workgroups[x.workgroup.value()].callback_max_attempts;
  if (c.outcome == CallbackOutcome::kRetryLater && !last) {
    const AgentId a = Detach(x);
    x.excluded = AgentId();
    x.excluded_until = Time();
    x.state = InteractionState::kSnoozed;
    x.snooze_due = now_ + config_.workgroups[x.workgroup.value()].callback_retry_interval;
    Emit(x, a, RequeueReason::kRetryLater);
    Fill(a);
    return absl::OkStatus();
  }
  if (c.outcome != CallbackOutcome::kComplete) x.failed = true;
  EndConnected(x);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const SetPriority& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  if (c.priority < 0 || c.priority > 1000) return absl::InvalidArgumentError("priority");
  if (x.state == InteractionState::kWrapUp) return absl::FailedPreconditionError("wrap-up");
  x.priority = c.priority;
  Route(x.id);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const UpdateAgent& c) {
  if (!HasAgent(c.agent)) return absl::NotFoundError("agent");
  CenterConfig next = config_;
  GrowSkills(c.config.skills, next);
  if (c.config.name != config_.agents[c.agent.value()].name || !AgentOk(next, c.config)) {
    return absl::InvalidArgumentError("agent config");
  }
  next.agents[c.agent.value()] = c.config;
  Agent& a = agents_[c.agent.value()];
  std::vector<WorkgroupId> affected;
  for (const auto& [wg, active] : a.active) affected.push_back(WorkgroupId(wg));
  config_ = std::move(next);
  a.active.clear();
  for (const MembershipConfig& m : c.config.workgroups) {
    for (size_t w = 0; w < config_.workgroups.size(); ++w) {
      if (config_.workgroups[w].name == m.workgroup) a.active[static_cast<uint32_t>(w)] = m.active;
    }
  }
  for (const auto& [wg, active] : a.active) affected.push_back(WorkgroupId(wg));
  Fill(c.agent);
  Rebalance(affected);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const UpdateWorkgroup& c) {
  if (!HasWorkgroup(c.workgroup)) return absl::NotFoundError("workgroup");
  CenterConfig next = config_;
  GrowSkills(c.config.skills, next);
  if (c.config.name != config_.workgroups[c.workgroup.value()].name ||
      !WorkgroupOk(next, c.workgroup.value(), c.config)) {
    return absl::InvalidArgumentError("workgroup config");
  }
  next.workgroups[c.workgroup.value()] = c.config;
  config_ = std::move(next);
  for (auto& [id, x] : interactions_) {
    if (x.workgroup != c.workgroup) continue;
    if (!x.own_tiers) x.tiers = c.config.tiers;
    if (x.state != InteractionState::kWaiting) continue;
    Tiers(x);
    ArmOverflow(x);
  }
  std::vector<WorkgroupId> affected = {c.workgroup};
  for (const Agent& a : agents_) {
    if (a.active.count(c.workgroup.value()) == 0) continue;
    for (const auto& [wg, active] : a.active) affected.push_back(WorkgroupId(wg));
  }
  Rebalance(affected);
  return absl::OkStatus();
}

}  // namespace acd::testing

namespace acd::testing {

// ---- Pickup and the maximum time on hold -------------------------------------------

absl::Status ReferenceRouter::Do(const Pickup& c) {
  if (!HasAgent(c.agent)) return absl::NotFoundError("agent");
  if (!agents_[c.agent.value()].logged_in) return absl::FailedPreconditionError("not logged in");
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  if (x.state != InteractionState::kWaiting && x.state != InteractionState::kHeld) {
    return absl::FailedPreconditionError("state");
  }
  if (x.state == InteractionState::kHeld && x.agent == c.agent) {
    return Do(Resume{.now = c.now, .interaction = c.interaction});
  }
  const WorkgroupConfig& w = config_.workgroups[x.workgroup.value()];
  bool member = false;
  for (const MembershipConfig& m : config_.agents[c.agent.value()].workgroups) {
    member = member || m.workgroup == w.name;
  }
  if (!member && !w.allow_pickup_by_non_members) return absl::FailedPreconditionError("member");
  if (!HasRoom(c.agent, x)) return absl::FailedPreconditionError("capacity");
  const MediaUtilization u = UtilizationOf(c.agent, x.workgroup, x.media);
  if (x.state == InteractionState::kWaiting) {
    x.tier_due = Time::Infinite();
    x.overflow_due = Time::Infinite();
    x.excluded = AgentId();
    x.excluded_until = Time();
    x.agent = c.agent;
    x.percent = u.percent;
    x.max_assign = u.max_assign;
    agents_[c.agent.value()].held.push_back(x.id);
    Connect(x);
    return absl::OkStatus();
  }
  const AgentId from = Detach(x);
  x.state = InteractionState::kConnected;
  x.resumed_exempt = false;
  x.agent = c.agent;
  x.percent = u.percent;
  x.max_assign = u.max_assign;
  x.connected_at = now_;
  agents_[c.agent.value()].held.push_back(x.id);
  Emit(x, c.agent);
  Fill(from);
  return absl::OkStatus();
}

void ReferenceRouter::HoldExceeded(Interaction& x) {
  x.hold_due = Time::Infinite();
  const WorkgroupConfig& w = config_.workgroups[x.workgroup.value()];
  if (w.max_hold_action == MaxHoldAction::kTransfer) {
    WorkgroupId target;
    for (size_t i = 0; i < config_.workgroups.size(); ++i) {
      if (config_.workgroups[i].name == w.max_hold_workgroup) {
        target = WorkgroupId(static_cast<uint32_t>(i));
      }
    }
    if (!Refused(x, target, 0)) {
      const AgentId from = Detach(x);
      x.transferred = true;
      Move(x, target, RequeueReason::kTransferred, from);
      Route(x.id);
      Fill(from);
      return;
    }
  }
  EndConnected(x);
}

}  // namespace acd::testing
