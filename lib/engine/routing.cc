// The routing rules of acd/engine.h: eligibility, tiers, matching, offers,
// no-answers, wrap-up and the engine's timers.

#include <algorithm>
#include <tuple>
#include <vector>

#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"

namespace acd {

using internal::AboveThreshold;
using internal::AgentScore;
using internal::InteractionScore;
using internal::MediaIndex;
using internal::MeetsRequirements;
using internal::SkillScore;
using internal::Utilization;

// ---- Tiers ---------------------------------------------------------------------

const std::vector<TierConfig>& Engine::Impl::TiersOf(const InteractionRecord& x) const {
  return x.tiers.empty() ? center_.workgroup(x.workgroup).tiers : x.tiers;
}

// Whether some logged-in activated member meeting x's requirements is in
// tier `tier` but not in the tier before it.
bool Engine::Impl::TierAdds(const InteractionRecord& x, int tier) const {
  const std::vector<TierConfig>& tiers = TiersOf(x);
  for (AgentId member : center_.workgroup_model(x.workgroup).members) {
    const AgentState& a = agents_[member.value()];
    if (!a.logged_in || !a.active[center_.MembershipIndex(member, x.workgroup)]) continue;
    const auto& skills = center_.agent_model(member).skills;
    if (!MeetsRequirements(skills, x.requirements)) continue;
    if (!AboveThreshold(skills, x.requirements, tiers[tier].threshold)) continue;
    if (tier > 0 && AboveThreshold(skills, x.requirements, tiers[tier - 1].threshold)) continue;
    return true;
  }
  return false;
}

internal::TierPosition Engine::Impl::PositionOf(const InteractionRecord& x) const {
  const std::vector<TierConfig>& tiers = TiersOf(x);
  if (tiers.empty()) return {};
  const int n = static_cast<int>(tiers.size());
  // The static tier: the first whose cumulative end is still ahead.
  const Duration waited = now_ - x.entered_queue;
  Duration end = Duration::Zero();
  int k = 0;
  for (; k < n; ++k) {
    end += tiers[k].duration;
    if (waited < end) break;
  }
  // Skip forward past tiers that add nobody.
  while (k < n && !TierAdds(x, k)) ++k;
  if (k < n) return {TierPosition::kTier, k};
  if (center_.workgroup(x.workgroup).after_last_tier == AfterLastTier::kAnyMember) {
    return {TierPosition::kAnyMember, 0};
  }
  return {TierPosition::kTier, n - 1};
}

void Engine::Impl::ScheduleTierBoundary(InteractionRecord& x) {
  const std::vector<TierConfig>& tiers = TiersOf(x);
  Time boundary = x.entered_queue;
  for (const TierConfig& tier : tiers) {
    boundary += tier.duration;
    if (boundary > now_) {
      x.tier_due = boundary;
      timers_.Schedule(boundary, TimerKind::kTierBoundary, x.id.value());
      return;
    }
  }
  x.tier_due = Time::Infinite();
}

// ---- Eligibility -----------------------------------------------------------------

bool Engine::Impl::ReadyForWork(const AgentState& a) const {
  return a.logged_in && center_.status(a.status).acd_available && now_ >= a.blocked_until;
}

bool Engine::Impl::Eligible(AgentId agent, const InteractionRecord& x, TierPosition tier) const {
  const AgentState& a = agents_[agent.value()];
  if (!ReadyForWork(a)) return false;
  const int m = center_.MembershipIndex(agent, x.workgroup);
  if (m < 0 || !a.active[m]) return false;
  const Utilization u = center_.UtilizationFor(agent, x.workgroup, x.media);
  if (a.used_percent + u.percent > 100 || a.count[MediaIndex(x.media)] >= u.max_assign) {
    return false;
  }
  if (x.excluded == agent && now_ < x.excluded_until) return false;
  if (tier.mode == TierPosition::kAnyMember) return true;
  const auto& skills = center_.agent_model(agent).skills;
  if (!MeetsRequirements(skills, x.requirements)) return false;
  return tier.mode == TierPosition::kNoTiers ||
         AboveThreshold(skills, x.requirements, TiersOf(x)[tier.tier].threshold);
}

// ---- Matching ----------------------------------------------------------------------

void Engine::Impl::RouteInteraction(InteractionRecord& x) {
  if (x.state != InteractionState::kWaiting) return;
  const TierPosition tier = PositionOf(x);
  const AgentWeights& weights = center_.workgroup(x.workgroup).agent_weights;
  AgentId best;
  double best_score = 0;
  Time best_since;
  for (AgentId agent : center_.workgroup_model(x.workgroup).members) {
    if (!Eligible(agent, x, tier)) continue;
    const AgentState& a = agents_[agent.value()];
    const double score =
        AgentScore(weights, SkillScore(center_.agent_model(agent).skills, x.requirements),
                   center_.agent(agent), now_ - a.available_since);
    // Members are in ascending id order, so a strict comparison keeps the
    // lowest id among equals.
    if (!best.valid() || score > best_score ||
        (score == best_score && a.available_since < best_since)) {
      best = agent;
      best_score = score;
      best_since = a.available_since;
    }
  }
  if (best.valid()) Offer(x, best);
}

void Engine::Impl::FillAgent(AgentId agent) {
  const auto& model = center_.agent_model(agent);
  while (ReadyForWork(agents_[agent.value()])) {
    const AgentState& a = agents_[agent.value()];
    InteractionRecord* best = nullptr;
    double best_score = 0;
    for (size_t m = 0; m < model.workgroups.size(); ++m) {
      if (!a.active[m]) continue;
      const WorkgroupId wg = model.workgroups[m];
      const InteractionWeights& weights = center_.workgroup(wg).interaction_weights;
      for (const auto& [queued, id] : workgroups_[wg.value()].waiting) {
        InteractionRecord& x = interactions_.find(id)->second;
        if (!Eligible(agent, x, PositionOf(x))) continue;
        const double score =
            InteractionScore(weights, SkillScore(model.skills, x.requirements), x.priority,
                             now_ - x.entered_queue, now_ - x.entered_system);
        if (best == nullptr || score > best_score ||
            (score == best_score &&
             std::tie(x.entered_queue, x.id) < std::tie(best->entered_queue, best->id))) {
          best = &x;
          best_score = score;
        }
      }
    }
    if (best == nullptr) return;
    Offer(*best, agent);
  }
}

void Engine::Impl::Rebalance(const std::vector<WorkgroupId>& workgroups) {
  std::vector<WorkgroupId> unique = workgroups;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::vector<std::pair<Time, InteractionId>> order;
  for (WorkgroupId wg : unique) {
    const auto& waiting = workgroups_[wg.value()].waiting;
    order.insert(order.end(), waiting.begin(), waiting.end());
  }
  std::sort(order.begin(), order.end());
  for (const auto& [queued, id] : order) {
    auto it = interactions_.find(id);
    if (it != interactions_.end()) RouteInteraction(it->second);
  }
}

// ---- Transitions -----------------------------------------------------------------

void Engine::Impl::EnterQueue(InteractionRecord& x) {
  x.state = InteractionState::kWaiting;
  x.agent = AgentId();
  workgroups_[x.workgroup.value()].waiting.insert({x.entered_queue, x.id});
  ScheduleTierBoundary(x);
}

void Engine::Impl::LeaveQueue(InteractionRecord& x) {
  workgroups_[x.workgroup.value()].waiting.erase({x.entered_queue, x.id});
  if (x.tier_due != Time::Infinite()) {
    timers_.Cancel(x.tier_due, TimerKind::kTierBoundary, x.id.value());
    x.tier_due = Time::Infinite();
  }
}

void Engine::Impl::ClearExclusion(InteractionRecord& x) {
  if (!x.excluded.valid()) return;
  timers_.Cancel(x.excluded_until, TimerKind::kExclusionEnd, x.id.value());
  x.excluded = AgentId();
  x.excluded_until = Time();
}

void Engine::Impl::Offer(InteractionRecord& x, AgentId agent) {
  LeaveQueue(x);
  if (x.excluded.valid() && x.excluded != agent) ClearExclusion(x);
  AgentState& a = agents_[agent.value()];
  const Utilization u = center_.UtilizationFor(agent, x.workgroup, x.media);
  x.state = InteractionState::kAlerting;
  x.agent = agent;
  x.percent = u.percent;
  a.used_percent += u.percent;
  ++a.count[MediaIndex(x.media)];
  a.held.push_back(x.id);
  const bool auto_answer = center_.agent_model(agent).auto_answer[MediaIndex(x.media)];
  if (observer_ != nullptr) {
    observer_->OnOffer({.now = now_,
                        .interaction = x.id,
                        .agent = agent,
                        .workgroup = x.workgroup,
                        .auto_answered = auto_answer});
  }
  ReportInteraction(x);
  if (auto_answer) {
    Connect(x);
    return;
  }
  x.alert_due = now_ + center_.workgroup(x.workgroup).alert_timeout;
  timers_.Schedule(x.alert_due, TimerKind::kAlertTimeout, x.id.value());
  ReportAgent(agent);
}

void Engine::Impl::Connect(InteractionRecord& x) {
  timers_.Cancel(x.alert_due, TimerKind::kAlertTimeout, x.id.value());
  x.state = InteractionState::kConnected;
  ++workgroups_[x.workgroup.value()].counters.answered;
  agents_[x.agent.value()].misses = 0;
  ReportInteraction(x);
  ReportAgent(x.agent);
}

void Engine::Impl::ReleaseCapacity(InteractionRecord& x) {
  AgentState& a = agents_[x.agent.value()];
  a.used_percent -= x.percent;
  --a.count[MediaIndex(x.media)];
  a.held.erase(std::find(a.held.begin(), a.held.end(), x.id));
  x.percent = 0;
}

void Engine::Impl::Requeue(InteractionRecord& x, RequeueReason reason, bool exclude) {
  const AgentId agent = x.agent;
  timers_.Cancel(x.alert_due, TimerKind::kAlertTimeout, x.id.value());
  ReleaseCapacity(x);
  ClearExclusion(x);
  const Duration exclusion = center_.workgroup(x.workgroup).no_answer.exclusion;
  if (exclude && exclusion > Duration::Zero()) {
    x.excluded = agent;
    x.excluded_until = now_ + exclusion;
    timers_.Schedule(x.excluded_until, TimerKind::kExclusionEnd, x.id.value());
  }
  EnterQueue(x);
  if (observer_ != nullptr) {
    observer_->OnInteraction({.now = now_,
                              .interaction = x.id,
                              .state = x.state,
                              .workgroup = x.workgroup,
                              .agent = agent,
                              .reason = reason});
  }
  ReportAgent(agent);
}

void Engine::Impl::NoAnswer(InteractionRecord& x) {
  const AgentId agent = x.agent;
  const NoAnswerConfig& policy = center_.workgroup(x.workgroup).no_answer;
  x.priority += policy.priority_bump;
  Requeue(x, RequeueReason::kNoAnswer, /*exclude=*/true);
  AgentState& a = agents_[agent.value()];
  if (++a.misses >= policy.misses_before_status) {
    a.misses = 0;
    SetAgentStatus(agent, center_.workgroup_model(x.workgroup).no_answer_status);
  } else if (policy.delay > Duration::Zero()) {
    // One pending delay per agent: a later miss replaces the earlier one.
    if (a.blocked_until > now_) timers_.Cancel(a.blocked_until, TimerKind::kDelayEnd, agent.value());
    a.blocked_until = now_ + policy.delay;
    timers_.Schedule(a.blocked_until, TimerKind::kDelayEnd, agent.value());
  }
  RouteInteraction(x);
  FillAgent(agent);
}

void Engine::Impl::Abandon(InteractionRecord& x) {
  x.state = InteractionState::kAbandoned;
  ClearExclusion(x);
  ++workgroups_[x.workgroup.value()].counters.abandoned;
  ReportInteraction(x);
  interactions_.erase(x.id);
}

void Engine::Impl::EndConnected(InteractionRecord& x) {
  const AgentId agent = x.agent;
  const WorkgroupId wg = x.workgroup;
  ReleaseCapacity(x);
  const Duration wrap_up = center_.workgroup(wg).wrap_up;
  AgentState& a = agents_[agent.value()];
  if (wrap_up == Duration::Zero()) {
    Complete(x);
    a.available_since = now_;
    ReportAgent(agent);
    FillAgent(agent);
    return;
  }
  x.state = InteractionState::kWrapUp;
  x.wrap_up_due = now_ + wrap_up;
  timers_.Schedule(x.wrap_up_due, TimerKind::kWrapUpEnd, x.id.value());
  a.wrapping.push_back(x.id);
  ReportInteraction(x);
  SetAgentStatus(agent, center_.workgroup_model(wg).wrap_up_status);
}

void Engine::Impl::Complete(InteractionRecord& x) {
  x.state = InteractionState::kCompleted;
  ++workgroups_[x.workgroup.value()].counters.completed;
  ReportInteraction(x);
  interactions_.erase(x.id);
}

void Engine::Impl::FinishWrapUp(AgentId agent, InteractionId id) {
  AgentState& a = agents_[agent.value()];
  InteractionRecord& x = interactions_.find(id)->second;
  timers_.Cancel(x.wrap_up_due, TimerKind::kWrapUpEnd, id.value());
  a.wrapping.erase(std::find(a.wrapping.begin(), a.wrapping.end(), id));
  Complete(x);
  a.available_since = now_;
  if (a.wrapping.empty() && a.logged_in && center_.status(a.status).acw) {
    SetAgentStatus(agent, center_.available_status());
  } else {
    ReportAgent(agent);
  }
}

void Engine::Impl::SetAgentStatus(AgentId agent, StatusId status) {
  agents_[agent.value()].status = status;
  ReportAgent(agent);
}

// ---- Timers --------------------------------------------------------------------

void Engine::Impl::Fire(const Timer& timer) {
  switch (timer.kind) {
    case TimerKind::kAlertTimeout:
      NoAnswer(interactions_.find(InteractionId(timer.target))->second);
      return;
    case TimerKind::kWrapUpEnd: {
      const AgentId agent = interactions_.find(InteractionId(timer.target))->second.agent;
      FinishWrapUp(agent, InteractionId(timer.target));
      FillAgent(agent);
      return;
    }
    case TimerKind::kDelayEnd:
      FillAgent(AgentId(static_cast<AgentId::rep_type>(timer.target)));
      return;
    case TimerKind::kExclusionEnd: {
      InteractionRecord& x = interactions_.find(InteractionId(timer.target))->second;
      x.excluded = AgentId();
      x.excluded_until = Time();
      RouteInteraction(x);
      return;
    }
    case TimerKind::kTierBoundary: {
      InteractionRecord& x = interactions_.find(InteractionId(timer.target))->second;
      x.tier_due = Time::Infinite();
      ScheduleTierBoundary(x);
      RouteInteraction(x);
      return;
    }
  }
}

// ---- Reporting -------------------------------------------------------------------

AgentActivity Engine::Impl::ActivityOf(const AgentState& a) const {
  bool connected = false;
  for (InteractionId id : a.held) {
    const InteractionState state = interactions_.find(id)->second.state;
    if (state == InteractionState::kAlerting) return AgentActivity::kAlerting;
    connected = connected || state == InteractionState::kConnected;
  }
  if (connected) return AgentActivity::kBusy;
  if (!a.wrapping.empty()) return AgentActivity::kWrapUp;
  return a.logged_in ? AgentActivity::kIdle : AgentActivity::kLoggedOut;
}

void Engine::Impl::ReportInteraction(const InteractionRecord& x, RequeueReason reason) {
  if (observer_ == nullptr) return;
  observer_->OnInteraction({.now = now_,
                            .interaction = x.id,
                            .state = x.state,
                            .workgroup = x.workgroup,
                            .agent = x.agent,
                            .reason = reason});
}

void Engine::Impl::ReportAgent(AgentId agent) {
  if (observer_ == nullptr) return;
  const AgentState& a = agents_[agent.value()];
  observer_->OnAgent(
      {.now = now_, .agent = agent, .activity = ActivityOf(a), .status = a.status});
}

}  // namespace acd
