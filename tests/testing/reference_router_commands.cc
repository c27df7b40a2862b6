// The reference router's commands, invariants and views; the rules are in
// reference_router.cc.

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/testing/reference_router.h"

namespace acd::testing {

// ---- Commands ------------------------------------------------------------------------

absl::Status ReferenceRouter::Apply(const Command& command) {
  absl::Status time = AdvanceTo(CommandTime(command));
  if (!time.ok()) return time;
  return std::visit([this](const auto& c) { return Do(c); }, command);
}

namespace {

absl::Status AgentExists(const std::vector<AgentConfig>& agents, AgentId a) {
  if (!a.valid() || a.value() >= agents.size()) return absl::NotFoundError("agent");
  if (agents[a.value()].name.empty()) return absl::NotFoundError("agent removed");
  return absl::OkStatus();
}

}  // namespace

absl::Status ReferenceRouter::Do(const LogIn& c) {
  if (auto s = AgentExists(config_.agents, c.agent); !s.ok()) return s;
  const StatusId status = c.status.valid() ? c.status : available_status_;
  if (status.value() >= config_.statuses.size()) return absl::NotFoundError("status");
  Agent& a = agents_[c.agent.value()];
  if (a.logged_in) return absl::FailedPreconditionError("logged in");
  a.logged_in = true;
  a.status = status;
  a.available_since = now_;
  a.misses = 0;
  a.answered = 0;
  a.talk_time = Duration::Zero();
  Fill(c.agent);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const LogOut& c) {
  if (auto s = AgentExists(config_.agents, c.agent); !s.ok()) return s;
  Agent& a = agents_[c.agent.value()];
  if (!a.logged_in) return absl::FailedPreconditionError("not logged in");
  while (!a.wrapping.empty()) FinishWrapUp(c.agent, a.wrapping.front());
  a.logged_in = false;
  std::vector<WorkgroupId> affected;
  for (const auto& [wg, active] : a.active) affected.push_back(WorkgroupId(wg));
  for (InteractionId id : std::vector<InteractionId>(a.held)) {
    Interaction& x = interactions_.at(id.value());
    if (x.state != InteractionState::kAlerting) continue;
    affected.push_back(x.workgroup);
    Requeue(x, RequeueReason::kAgentLoggedOut, false);
  }
  Rebalance(affected);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const SetStatus& c) {
  if (auto s = AgentExists(config_.agents, c.agent); !s.ok()) return s;
  if (!agents_[c.agent.value()].logged_in) return absl::FailedPreconditionError("not logged in");
  if (!c.status.valid() || c.status.value() >= config_.statuses.size()) {
    return absl::NotFoundError("status");
  }
  agents_[c.agent.value()].status = c.status;
  Fill(c.agent);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const SetActivation& c) {
  if (auto s = AgentExists(config_.agents, c.agent); !s.ok()) return s;
  if (!HasWorkgroup(c.workgroup)) return absl::NotFoundError("workgroup");
  auto it = agents_[c.agent.value()].active.find(c.workgroup.value());
  if (it == agents_[c.agent.value()].active.end()) {
    return absl::FailedPreconditionError("not a member");
  }
  if (it->second == c.active) return absl::OkStatus();
  it->second = c.active;
  if (c.active) {
    Fill(c.agent);
  } else {
    Rebalance({c.workgroup});
  }
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const Arrive& c) {
  if (!HasWorkgroup(c.workgroup)) return absl::NotFoundError("workgroup");
  if (!c.interaction.valid()) return absl::InvalidArgumentError("id");
  if (c.priority < 0 || c.priority > 1000) return absl::InvalidArgumentError("priority");
  for (const SkillRequirement& r : c.requirements) {
    if (!r.skill.valid() || r.skill.value() >= config_.skills.size()) {
      return absl::NotFoundError("skill");
    }
    if (r.min_proficiency < 1 || r.min_proficiency > r.max_proficiency || r.max_proficiency > 100 ||
        r.min_desire < 0 || r.min_desire > 100) {
      return absl::InvalidArgumentError("requirement range");
    }
    if (!std::isfinite(r.proficiency_weight) || !std::isfinite(r.desire_weight) ||
        r.proficiency_weight + r.desire_weight == 0) {
      return absl::InvalidArgumentError("requirement weights");
    }
  }
  if (c.tiers.size() > 5) return absl::InvalidArgumentError("tiers");
  for (size_t k = 0; k < c.tiers.size(); ++k) {
    const TierConfig& t = c.tiers[k];
    if (t.threshold < 0 || t.threshold > 99 || t.duration <= Duration::Zero() ||
        (k > 0 && t.threshold >= c.tiers[k - 1].threshold)) {
      return absl::InvalidArgumentError("tiers");
    }
  }
  if (c.preferred_agent.valid()) {
    if (!HasAgent(c.preferred_agent)) return absl::NotFoundError("agent");
    if (c.preferred_window < Duration::Zero()) return absl::InvalidArgumentError("window");
  }
  if (interactions_.count(c.interaction.value()) > 0) return absl::AlreadyExistsError("id");
  Interaction x;
  x.id = c.interaction;
  x.workgroup = c.workgroup;
  x.media = c.media;
  x.priority = c.priority;
  x.requirements = c.requirements;
  x.own_tiers = !c.tiers.empty();
  x.tiers = c.tiers.empty() ? config_.workgroups[c.workgroup.value()].tiers : c.tiers;
  x.due = c.due;
  x.entered_system = now_;
  x.entered_queue = now_;
  if (c.preferred_agent.valid() && c.preferred_window > Duration::Zero()) {
    x.preferred_agent = c.preferred_agent;
    x.preferred_until = now_ + c.preferred_window;
    x.preference_open = true;
  }
  if (Refused(x, c.workgroup, 0)) return absl::ResourceExhaustedError("queue full");
  interactions_[x.id.value()] = x;
  return Arrived(interactions_.at(x.id.value()));
}

absl::Status ReferenceRouter::Arrived(Interaction& x) {
  ++counters_[x.workgroup.value()].entered;
  EnterQueue(x);
  Emit(x, AgentId());
  Route(x.id);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const Accept& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  if (it->second.state != InteractionState::kAlerting) {
    return absl::FailedPreconditionError("not alerting");
  }
  Connect(it->second);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const Reject& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  if (x.state != InteractionState::kAlerting) return absl::FailedPreconditionError("alerting");
  const AgentId a = x.agent;
  Requeue(x, RequeueReason::kRejected, true);
  Route(x.id);
  Fill(a);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const Hold& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  if (x.state != InteractionState::kConnected) return absl::FailedPreconditionError("connected");
  x.state = InteractionState::kHeld;
  x.last_held = now_;
  const Duration max_hold = config_.workgroups[x.workgroup.value()].max_hold;
  if (max_hold > Duration::Zero()) x.hold_due = now_ + max_hold;
  Emit(x, x.agent);
  if (config_.workgroups[x.workgroup.value()].exempt_held) {
    x.exempt = true;
    Fill(x.agent);
  }
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const Resume& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  if (x.state != InteractionState::kHeld) return absl::FailedPreconditionError("held");
  x.state = InteractionState::kConnected;
  x.hold_due = Time::Infinite();
  if (x.exempt) {
    x.exempt = false;
    x.resumed_exempt = true;
  }
  Emit(x, x.agent);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const Disconnect& c) {
  auto it = interactions_.find(c.interaction.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  Interaction& x = it->second;
  switch (x.state) {
    case InteractionState::kWaiting:
      x.tier_due = Time::Infinite();
      Abandon(x);
      return absl::OkStatus();
    case InteractionState::kAlerting: {
      const AgentId a = x.agent;
      x.alert_pending = false;
      Release(x);
      x.excluded = AgentId();
      Abandon(x);
      Fill(a);
      return absl::OkStatus();
    }
    case InteractionState::kConnected:
    case InteractionState::kHeld:
      EndConnected(x);
      return absl::OkStatus();
    case InteractionState::kSnoozed:
      Abandon(x);
      return absl::OkStatus();
    default:
      return absl::FailedPreconditionError("wrap-up");
  }
}

absl::Status ReferenceRouter::Do(const EndWrapUp& c) {
  if (auto s = AgentExists(config_.agents, c.agent); !s.ok()) return s;
  Agent& a = agents_[c.agent.value()];
  if (!a.logged_in) return absl::FailedPreconditionError("not logged in");
  if (a.wrapping.empty()) return absl::FailedPreconditionError("not in wrap-up");
  while (!a.wrapping.empty()) FinishWrapUp(c.agent, a.wrapping.front());
  Fill(c.agent);
  return absl::OkStatus();
}

// ---- Invariants -------------------------------------------------------------------

std::string ReferenceRouter::CheckInvariants() const {
  for (const auto& [id, x] : interactions_) {
    if (x.state != InteractionState::kWaiting) continue;
    const Position p = PositionOf(x);
    for (size_t a = 0; a < agents_.size(); ++a) {
      if (Eligible(AgentId(static_cast<uint32_t>(a)), x, p)) {
        return absl::StrCat("work conservation: interaction ", id, " waits while agent ", a,
                            " is eligible");
      }
    }
  }
  for (size_t a = 0; a < agents_.size(); ++a) {
    // Each offer checked its own workgroup's max assign, so the count of a
    // media never exceeds the largest limit among the interactions held.
    int used = 0;
    std::map<MediaType, int> count, limit;
    bool resumed = false;
    for (InteractionId held : agents_[a].held) {
      resumed = resumed || interactions_.at(held.value()).resumed_exempt;
    }
    if (resumed) continue;  // resuming exempt held work may overcommit
    for (InteractionId held : agents_[a].held) {
      const Interaction& x = interactions_.at(held.value());
      if (x.exempt) continue;
      used += x.percent;
      ++count[x.media];
      limit[x.media] = std::max(limit[x.media], x.max_assign);
    }
    for (const auto& [media, n] : count) {
      if (n > limit[media]) {
        return absl::StrCat("capacity: agent ", a, " over max assign for ", MediaName(media));
      }
    }
    if (used > 100) return absl::StrCat("capacity: agent ", a, " at ", used, " %");
  }
  return "";
}

// ---- Views -------------------------------------------------------------------------

absl::StatusOr<InteractionView> ReferenceRouter::GetInteraction(InteractionId id) const {
  auto it = interactions_.find(id.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  const Interaction& x = it->second;
  return InteractionView{
      .id = x.id,
      .workgroup = x.workgroup,
      .media = x.media,
      .state = x.state,
      .priority = x.priority,
      .agent = x.agent,
      .entered_system = x.entered_system,
      .entered_queue = x.entered_queue,
      .last_attempted = x.last_attempted,
      .excluded = x.excluded,
      .excluded_until = x.excluded_until,
      .preferred_agent = x.preferred_agent,
      .preferred_until = x.preferred_until,
      .transferred = x.transferred,
      .attempts = x.attempts,
      .due = x.due,
      .last_held = x.last_held,
      .snoozed_until = x.state == InteractionState::kSnoozed ? x.snooze_due : Time::Infinite()};
}

absl::StatusOr<AgentView> ReferenceRouter::GetAgent(AgentId id) const {
  if (auto s = AgentExists(config_.agents, id); !s.ok()) return s;
  const Agent& a = agents_[id.value()];
  AgentView view{.id = id,
                 .logged_in = a.logged_in,
                 .status = a.status,
                 .available_since = a.available_since,
                 .misses = a.misses};
  bool alerting = false, connected = false;
  for (InteractionId held : a.held) {
    const Interaction& x = interactions_.at(held.value());
    if (!x.exempt) view.used_percent += x.percent;
    alerting = alerting || x.state == InteractionState::kAlerting;
    connected =
        connected || x.state == InteractionState::kConnected || x.state == InteractionState::kHeld;
  }
  view.activity = alerting              ? AgentActivity::kAlerting
                  : connected           ? AgentActivity::kBusy
                  : !a.wrapping.empty() ? AgentActivity::kWrapUp
                  : a.logged_in         ? AgentActivity::kIdle
                                        : AgentActivity::kLoggedOut;
  view.interactions = a.held;
  view.interactions.insert(view.interactions.end(), a.wrapping.begin(), a.wrapping.end());
  for (const auto& [wg, active] : a.active) view.memberships.emplace_back(WorkgroupId(wg), active);
  return view;
}

absl::StatusOr<WorkgroupCounters> ReferenceRouter::GetWorkgroupCounters(WorkgroupId id) const {
  if (!HasWorkgroup(id)) return absl::NotFoundError("workgroup");
  WorkgroupCounters c = counters_[id.value()];
  for (const auto& [xid, x] : interactions_) {
    if (x.workgroup == id && x.state == InteractionState::kWaiting) ++c.waiting;
  }
  return c;
}

}  // namespace acd::testing
