#include "tests/testing/reference_router.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace acd::testing {
namespace {

// Timer kinds, in the engine's documented firing order.
enum Kind {
  kAlert = 0,
  kWrapUp = 1,
  kDelay = 2,
  kExclusion = 3,
  kTier = 4,
  kPreference = 5,
  kSnooze = 6,
  kOverflow = 7,
  kMaxHold = 8,
};

bool PickupLimited(MediaType m) { return m == MediaType::kWorkItem || m == MediaType::kGeneric; }

double Seconds(Duration d) { return static_cast<double>(d.microseconds()) / 1e6; }

// PureConnect's offering timeout: 0 stands for the default, 15 s.
Duration AlertTimeout(const WorkgroupConfig& w) {
  return w.alert_timeout == Duration::Zero() ? Duration::Microseconds(15'000'000) : w.alert_timeout;
}

int IndexOfStatus(const CenterConfig& c, const std::string& name) {
  for (size_t i = 0; i < c.statuses.size(); ++i) {
    if (c.statuses[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int IndexOfWorkgroup(const CenterConfig& c, const std::string& name) {
  for (size_t i = 0; i < c.workgroups.size(); ++i) {
    if (c.workgroups[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

bool ReferenceRouter::Pending::operator<(const Pending& o) const {
  return std::tie(due, kind, target) < std::tie(o.due, o.kind, o.target);
}

ReferenceRouter::ReferenceRouter(const CenterConfig& config) : config_(config) {
  if (config_.statuses.empty()) config_.statuses = DefaultStatuses();
  available_status_ = StatusId(IndexOfStatus(config_, config_.available_status));
  agents_.resize(config_.agents.size());
  for (size_t a = 0; a < config_.agents.size(); ++a) {
    for (const MembershipConfig& m : config_.agents[a].workgroups) {
      agents_[a].active[IndexOfWorkgroup(config_, m.workgroup)] = m.active;
    }
  }
  counters_.resize(config_.workgroups.size());
  last_offered_.assign(config_.workgroups.size(), AgentId());
}

int64_t ReferenceRouter::MemberIndex(AgentId a, WorkgroupId wg) const {
  int64_t index = 0;
  for (uint32_t other = 0; other < a.value(); ++other) {
    index += agents_[other].active.count(wg.value());
  }
  return index;
}

int64_t ReferenceRouter::MemberCount(WorkgroupId wg) const {
  return MemberIndex(AgentId(static_cast<uint32_t>(agents_.size())), wg);
}

// ---- Tiers -------------------------------------------------------------------------

bool ReferenceRouter::Adds(const Interaction& x, int tier) const {
  for (size_t i = 0; i < agents_.size(); ++i) {
    const AgentId a(static_cast<uint32_t>(i));
    if (!agents_[i].logged_in || !Active(a, x.workgroup) || !HasSkills(a, x)) continue;
    if (!Above(a, x, x.tiers[tier].threshold)) continue;
    if (tier > 0 && Above(a, x, x.tiers[tier - 1].threshold)) continue;
    return true;
  }
  return false;
}

ReferenceRouter::Position ReferenceRouter::PositionOf(const Interaction& x) const {
  if (x.tiers.empty()) return {};
  const int n = static_cast<int>(x.tiers.size());
  int k = x.static_tier;
  while (k < n && !Adds(x, k)) ++k;
  if (k < n) return {Position::kTier, k};
  if (config_.workgroups[x.workgroup.value()].after_last_tier == AfterLastTier::kAnyMember) {
    return {Position::kAny, 0};
  }
  return {Position::kTier, n - 1};
}

// ---- Eligibility and choice -------------------------------------------------------------

bool ReferenceRouter::HasRoom(AgentId a, const Interaction& x) const {
  int used = 0, same_media = 0;
  for (InteractionId held : agents_[a.value()].held) {
    const Interaction& other = interactions_.at(held.value());
    if (other.exempt) continue;
    used += other.percent;
    if (other.media == x.media) ++same_media;
  }
  const MediaUtilization u = UtilizationOf(a, x.workgroup, x.media);
  return used + u.percent <= 100 && same_media < u.max_assign;
}

ReferenceRouter::Rule ReferenceRouter::FirstFailure(AgentId a, const Interaction& x,
                                                    Position p) const {
  if (!agents_[a.value()].logged_in) return Rule::kNotLoggedIn;
  if (!Ready(a)) return Rule::kNotAvailable;
  if (!Active(a, x.workgroup)) return Rule::kNotActivated;
  if (x.preference_open && a != x.preferred_agent) return Rule::kPreferredWindow;
  if (x.excluded == a && now_ < x.excluded_until) return Rule::kExcluded;
  if (!HasRoom(a, x)) return Rule::kNoCapacity;
  if (p.mode == Position::kAny) return Rule::kEligible;
  if (!HasSkills(a, x)) return Rule::kSkills;
  if (p.mode == Position::kTier && !Above(a, x, x.tiers[p.tier].threshold)) {
    return Rule::kOutsideTier;
  }
  return Rule::kEligible;
}

bool ReferenceRouter::Eligible(AgentId a, const Interaction& x, Position p) const {
  return FirstFailure(a, x, p) == Rule::kEligible;
}

void ReferenceRouter::Route(InteractionId id) {
  auto found = interactions_.find(id.value());
  if (found == interactions_.end() || found->second.state != InteractionState::kWaiting) return;
  Interaction& x = found->second;
  const Position p = PositionOf(x);
  const AgentWeights& w = config_.workgroups[x.workgroup.value()].agent_weights;
  AgentId best, second;
  double best_score = 0, second_score = 0;
  for (size_t i = 0; i < agents_.size(); ++i) {
    const AgentId a(static_cast<uint32_t>(i));
    if (!Eligible(a, x, p)) continue;
    const AgentConfig& ac = config_.agents[i];
    double score = 0;
    switch (config_.workgroups[x.workgroup.value()].agent_order) {
      case AgentOrder::kScore:
        score = SkillScore(a, x) * w.skill + ac.cost * w.cost +
                std::floor(Seconds(now_ - agents_[i].available_since) / w.available_interval_s) *
                    w.available +
                ac.attribute1 * w.attribute1 + ac.attribute2 * w.attribute2 +
                ac.attribute3 * w.attribute3;
        break;
      case AgentOrder::kFewestInteractions:
        score = -static_cast<double>(agents_[i].answered);
        break;
      case AgentOrder::kLeastTalkTime:
        score = -static_cast<double>(agents_[i].talk_time.microseconds());
        break;
      case AgentOrder::kRoundRobin: {
        const int64_t n = MemberCount(x.workgroup);
        // The last agent's member index, or the one before where it would
        // stand if it has left the workgroup.
        const AgentId previous = last_offered_[x.workgroup.value()];
        int64_t last = -1;
        if (previous.valid()) {
          last = MemberIndex(previous, x.workgroup) -
                 (agents_[previous.value()].active.count(x.workgroup.value()) ? 0 : 1);
        }
        score = -static_cast<double>((MemberIndex(a, x.workgroup) - last - 1 + n) % n);
        break;
      }
    }
    const auto beats = [&](AgentId other, double other_score) {
      return !other.valid() || score > other_score ||
             (score == other_score &&
              agents_[i].available_since < agents_[other.value()].available_since);
    };
    if (beats(best, best_score)) {
      second = best;
      second_score = best_score;
      best = a;
      best_score = score;
    } else if (beats(second, second_score)) {
      second = a;
      second_score = score;
    }
  }
  if (!best.valid()) return;
  RecordAgentChoice(x, best, best_score, second, second_score);
  Offer(x, best);
}

void ReferenceRouter::Fill(AgentId a) {
  while (Ready(a)) {
    Interaction* best = nullptr;
    Interaction* second = nullptr;
    double best_score = 0, second_score = 0;
    for (auto& [id, x] : interactions_) {
      if (x.state != InteractionState::kWaiting || !Eligible(a, x, PositionOf(x))) continue;
      const InteractionWeights& w = config_.workgroups[x.workgroup.value()].interaction_weights;
      const double score = SkillScore(a, x) * w.skill + x.priority * w.priority +
                           Seconds(now_ - x.entered_queue) * w.time_in_queue +
                           Seconds(now_ - x.entered_system) * w.time_in_system;
      const auto beats = [&](const Interaction* other, double other_score) {
        return other == nullptr || score > other_score ||
               (score == other_score && x.entered_queue < other->entered_queue);
      };
      if (beats(best, best_score)) {
        second = best;
        second_score = best_score;
        best = &x;
        best_score = score;
      } else if (beats(second, second_score)) {
        second = &x;
        second_score = score;
      }
    }
    if (best == nullptr) return;
    RecordInteractionChoice(a, *best, second);
    Offer(*best, a);
  }
}

void ReferenceRouter::Rebalance(std::vector<WorkgroupId> workgroups) {
  std::vector<std::pair<Time, uint64_t>> order;
  for (const auto& [id, x] : interactions_) {
    if (x.state != InteractionState::kWaiting) continue;
    if (std::find(workgroups.begin(), workgroups.end(), x.workgroup) == workgroups.end()) continue;
    order.emplace_back(x.entered_queue, id);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [queued, id] : order) Route(InteractionId(id));
}

// ---- Transitions ---------------------------------------------------------------------

void ReferenceRouter::Emit(const Interaction& x, AgentId agent, RequeueReason reason) {
  if (observer_ == nullptr) return;
  observer_->OnInteraction({.now = now_,
                            .interaction = x.id,
                            .state = x.state,
                            .workgroup = x.workgroup,
                            .agent = agent,
                            .reason = reason});
}

void ReferenceRouter::EnterQueue(Interaction& x) {
  x.state = InteractionState::kWaiting;
  x.agent = AgentId();
  Tiers(x);
  ArmOverflow(x);
}

void ReferenceRouter::ArmOverflow(Interaction& x) {
  const Duration timeout = config_.workgroups[x.workgroup.value()].queue_timeout;
  x.overflow_due =
      timeout > Duration::Zero() ? std::max(now_, x.entered_queue + timeout) : Time::Infinite();
}

void ReferenceRouter::Tiers(Interaction& x) {
  x.tier_due = Time::Infinite();
  x.static_tier = 0;
  Time boundary = x.entered_queue;
  for (const TierConfig& t : x.tiers) {
    boundary = boundary + t.duration;
    if (boundary > now_) {
      x.tier_due = boundary;
      break;
    }
    ++x.static_tier;
  }
}

void ReferenceRouter::Offer(Interaction& x, AgentId a, bool direct, RequeueReason reason) {
  if (!direct) last_offered_[x.workgroup.value()] = a;
  x.tier_due = Time::Infinite();
  x.overflow_due = Time::Infinite();
  if (x.excluded.valid() && x.excluded != a) x.excluded = AgentId(), x.excluded_until = Time();
  x.state = InteractionState::kAlerting;
  x.agent = a;
  x.percent = UtilizationOf(a, x.workgroup, x.media).percent;
  x.max_assign = UtilizationOf(a, x.workgroup, x.media).max_assign;
  agents_[a.value()].held.push_back(x.id);
  const AgentConfig& ac = config_.agents[a.value()];
  const bool auto_answer =
      ac.auto_answer || std::find(ac.auto_answer_media.begin(), ac.auto_answer_media.end(),
                                  x.media) != ac.auto_answer_media.end();
  if (observer_ != nullptr) {
    observer_->OnOffer({.now = now_,
                        .interaction = x.id,
                        .agent = a,
                        .workgroup = x.workgroup,
                        .auto_answered = auto_answer});
  }
  Emit(x, a, reason);
  if (auto_answer) {
    Connect(x);
    return;
  }
  if (x.transferred && PickupLimited(x.media)) return;  // rings until picked up
  x.alert_pending = true;
  x.alert_due = now_ + AlertTimeout(config_.workgroups[x.workgroup.value()]);
}

void ReferenceRouter::Connect(Interaction& x) {
  x.alert_pending = false;
  x.state = InteractionState::kConnected;
  x.connected_at = now_;
  ++counters_[x.workgroup.value()].answered;
  agents_[x.agent.value()].misses = 0;
  ++agents_[x.agent.value()].answered;
  Emit(x, x.agent);
}

void ReferenceRouter::Release(Interaction& x) {
  auto& held = agents_[x.agent.value()].held;
  held.erase(std::find(held.begin(), held.end(), x.id));
  x.percent = 0;
  x.exempt = false;
  x.hold_due = Time::Infinite();
}

void ReferenceRouter::Requeue(Interaction& x, RequeueReason reason, bool exclude) {
  const AgentId a = x.agent;
  x.last_attempted = a;
  x.alert_pending = false;
  Release(x);
  x.excluded = AgentId();
  x.excluded_until = Time();
  const Duration exclusion = config_.workgroups[x.workgroup.value()].no_answer.exclusion;
  if (exclude && exclusion > Duration::Zero()) {
    x.excluded = a;
    x.excluded_until = now_ + exclusion;
  }
  EnterQueue(x);
  Emit(x, a, reason);
}

void ReferenceRouter::NoAnswer(Interaction& x) {
  const AgentId a = x.agent;
  const WorkgroupConfig& wg = config_.workgroups[x.workgroup.value()];
  x.priority += wg.no_answer.priority_bump;
  Requeue(x, RequeueReason::kNoAnswer, true);
  Agent& agent = agents_[a.value()];
  agent.misses += 1;
  if (agent.misses >= wg.no_answer.misses_before_status) {
    agent.misses = 0;
    agent.status = StatusId(IndexOfStatus(config_, wg.no_answer.status));
  } else if (wg.no_answer.delay > Duration::Zero()) {
    agent.blocked_until = now_ + wg.no_answer.delay;
    agent.delay_pending = true;
  }
  Route(x.id);
  Fill(a);
}

void ReferenceRouter::Abandon(Interaction& x) {
  x.state = InteractionState::kAbandoned;
  ++counters_[x.workgroup.value()].abandoned;
  Emit(x, x.agent);
  interactions_.erase(x.id.value());
}

void ReferenceRouter::EndConnected(Interaction& x) {
  const AgentId a = x.agent;
  Release(x);
  x.hold_due = Time::Infinite();
  agents_[a.value()].talk_time += now_ - x.connected_at;
  const WorkgroupConfig& wg = config_.workgroups[x.workgroup.value()];
  if (x.due != Time::Infinite()) {
    if (now_ <= x.due) {
      ++counters_[x.workgroup.value()].completed_on_time;
    } else {
      ++counters_[x.workgroup.value()].completed_late;
    }
  }
  if (wg.wrap_up == Duration::Zero()) {
    Complete(x);
    agents_[a.value()].available_since = now_;
    Fill(a);
    return;
  }
  x.state = InteractionState::kWrapUp;
  x.wrap_due = now_ + wg.wrap_up;
  agents_[a.value()].wrapping.push_back(x.id);
  Emit(x, a);
  Agent& agent = agents_[a.value()];
  if (!config_.statuses[agent.status.value()].acw) agent.return_status = agent.status;
  agent.status = StatusId(IndexOfStatus(config_, wg.wrap_up_status));
}

void ReferenceRouter::Complete(Interaction& x) {
  x.state = x.failed ? InteractionState::kFailed : InteractionState::kCompleted;
  if (x.failed) {
    ++counters_[x.workgroup.value()].failed;
  } else {
    ++counters_[x.workgroup.value()].completed;
  }
  Emit(x, x.agent);
  interactions_.erase(x.id.value());
}

void ReferenceRouter::FinishWrapUp(AgentId a, InteractionId id) {
  Agent& agent = agents_[a.value()];
  agent.wrapping.erase(std::find(agent.wrapping.begin(), agent.wrapping.end(), id));
  Complete(interactions_.at(id.value()));
  agent.available_since = now_;
  if (agent.wrapping.empty() && agent.logged_in && config_.statuses[agent.status.value()].acw) {
    agent.status = agent.return_status.valid() ? agent.return_status : available_status_;
  }
}

// ---- Timers ------------------------------------------------------------------------

std::vector<ReferenceRouter::Pending> ReferenceRouter::AllPending() const {
  std::vector<Pending> all;
  for (const auto& [id, x] : interactions_) {
    if (x.state == InteractionState::kAlerting && x.alert_pending) {
      all.push_back({x.alert_due, kAlert, id});
    }
    if (x.state == InteractionState::kWrapUp) all.push_back({x.wrap_due, kWrapUp, id});
    if (x.excluded.valid()) all.push_back({x.excluded_until, kExclusion, id});
    if (x.state == InteractionState::kWaiting && x.tier_due != Time::Infinite()) {
      all.push_back({x.tier_due, kTier, id});
    }
    if (x.preference_open) all.push_back({x.preferred_until, kPreference, id});
    if (x.state == InteractionState::kSnoozed) all.push_back({x.snooze_due, kSnooze, id});
    if (x.state == InteractionState::kWaiting && x.overflow_due != Time::Infinite()) {
      all.push_back({x.overflow_due, kOverflow, id});
    }
    if (x.state == InteractionState::kHeld && x.hold_due != Time::Infinite()) {
      all.push_back({x.hold_due, kMaxHold, id});
    }
  }
  for (size_t a = 0; a < agents_.size(); ++a) {
    if (agents_[a].delay_pending) all.push_back({agents_[a].blocked_until, kDelay, a});
  }
  return all;
}

Time ReferenceRouter::NextDeadline() const {
  Time next = Time::Infinite();
  for (const Pending& p : AllPending()) next = std::min(next, p.due);
  return next;
}

void ReferenceRouter::Fire(const Pending& p) {
  switch (p.kind) {
    case kAlert: {
      Interaction& x = interactions_.at(p.target);
      if (!PickupLimited(x.media)) {
        NoAnswer(x);
        return;
      }
      const AgentId a = x.agent;
      Requeue(x, RequeueReason::kPickupTimeout, true);
      Route(x.id);
      Fill(a);
      return;
    }
    case kSnooze: {
      Interaction& x = interactions_.at(p.target);
      x.entered_queue = now_;
      EnterQueue(x);
      Emit(x, AgentId(), RequeueReason::kRetryLater);
      Route(x.id);
      return;
    }
    case kOverflow: {
      Interaction& x = interactions_.at(p.target);
      const WorkgroupId target(static_cast<uint32_t>(
          IndexOfWorkgroup(config_, config_.workgroups[x.workgroup.value()].overflow_workgroup)));
      if (Refused(x, target, 0)) {
        x.overflow_due = Time::Infinite();
        return;
      }
      Move(x, target, RequeueReason::kOverflow, AgentId());
      Route(x.id);
      return;
    }
    case kWrapUp: {
      const AgentId a = interactions_.at(p.target).agent;
      FinishWrapUp(a, InteractionId(p.target));
      Fill(a);
      return;
    }
    case kDelay:
      agents_[p.target].delay_pending = false;
      Fill(AgentId(static_cast<uint32_t>(p.target)));
      return;
    case kExclusion: {
      Interaction& x = interactions_.at(p.target);
      x.excluded = AgentId();
      x.excluded_until = Time();
      Route(x.id);
      return;
    }
    case kTier: {
      Interaction& x = interactions_.at(p.target);
      const int passed = x.static_tier + 1;
      Tiers(x);  // recomputes the next boundary
      x.static_tier = passed;
      Route(x.id);
      return;
    }
    case kMaxHold:
      HoldExceeded(interactions_.at(p.target));
      return;
    case kPreference: {
      Interaction& x = interactions_.at(p.target);
      x.preference_open = false;
      Route(x.id);
      return;
    }
  }
}

absl::Status ReferenceRouter::AdvanceTo(Time now) {
  if (now < now_) return absl::InvalidArgumentError("time goes backwards");
  while (true) {
    std::vector<Pending> all = AllPending();
    auto first = std::min_element(all.begin(), all.end());
    if (first == all.end() || first->due > now) break;
    now_ = first->due;
    Fire(*first);
  }
  now_ = now;
  return absl::OkStatus();
}

}  // namespace acd::testing
