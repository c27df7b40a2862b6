// State changes of interactions: into and out of the queue (with the
// queue's timers and counts), offers, answers, requeues, transfers, ends.
// Where a waiting interaction is filed is the waiting index's
// (waiting_index.h); who gets what is the matching's.

#include <algorithm>
#include <cstring>
#include <vector>

#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"

namespace acd {

using internal::HasPickupLimit;
using internal::MediaIndex;
using internal::Utilization;

// ---- Queueing ------------------------------------------------------------------

void Engine::Impl::EnterQueue(InteractionRecord& x) {
  x.state = InteractionState::kWaiting;
  x.agent = AgentId();
  Key(x);
  interactions_.File(x);
  stats_.OnQueued(x.workgroup);
}

double Engine::Impl::OrderKey(const InteractionRecord& x) const {
  return internal::InGroupKey(center_.workgroup(x.workgroup).interaction_weights, x.priority,
                              x.entered_queue, x.entered_system);
}

void Engine::Impl::Key(InteractionRecord& x) {
  const WorkgroupConfig& config = center_.workgroup(x.workgroup);
  x.order_key = OrderKey(x);
  x.bucket = ScheduleTierBoundary(x);
  // Back in the queue after its timeout passed (a no-answer, say): it
  // overflows when the timer fires, at the next AdvanceTo or command.
  x.overflow_due = Time::Infinite();
  if (config.queue_timeout > Duration::Zero()) {
    x.overflow_due = std::max(now_, x.entered_queue + config.queue_timeout);
    timers_.Schedule(x.overflow_due, TimerKind::kQueueTimeout, x.id.value());
  }
}

uint32_t Engine::Impl::StaticTier(const InteractionRecord& x, Time& next) const {
  uint32_t passed = 0;
  Time boundary = x.entered_queue;
  next = Time::Infinite();
  for (const TierConfig& tier : interactions_.group(x.group).tiers) {
    boundary += tier.duration;
    if (boundary > now_) {
      next = boundary;
      break;
    }
    ++passed;
  }
  return passed;
}

uint32_t Engine::Impl::ScheduleTierBoundary(InteractionRecord& x) {
  const uint32_t passed = StaticTier(x, x.tier_due);
  if (x.tier_due != Time::Infinite()) {
    timers_.Schedule(x.tier_due, TimerKind::kTierBoundary, x.id.value());
  }
  return passed;
}

void Engine::Impl::LeaveQueue(InteractionRecord& x) {
  interactions_.Unfile(x);
  x.tier_due = Time::Infinite();
  x.overflow_due = Time::Infinite();
  stats_.OnDequeued(x.workgroup);
}

// ---- Transitions ------------------------------------------------------------------

void Engine::Impl::ClearExclusion(InteractionRecord& x) {
  x.excluded = AgentId();
  x.excluded_until = Time();
}

void Engine::Impl::Offer(InteractionRecord& x, AgentId agent, bool direct, RequeueReason reason) {
  if (x.state == InteractionState::kWaiting) LeaveQueue(x);
  if (!direct) last_offered_[x.workgroup.value()] = agent;
  if (x.excluded.valid() && x.excluded != agent) ClearExclusion(x);
  const Utilization u = center_.UtilizationFor(agent, x.workgroup, x.media);
  x.state = InteractionState::kAlerting;
  x.agent = agent;
  x.percent = u.percent;
  agents_.Take(agent, x.id, x.media, u.percent);
  const bool auto_answer = center_.agent_model(agent).auto_answer[MediaIndex(x.media)];
  if (observer_ != nullptr) {
    observer_->OnOffer({.now = now_,
                        .interaction = x.id,
                        .agent = agent,
                        .workgroup = x.workgroup,
                        .auto_answered = auto_answer});
  }
  ReportInteraction(x, agent, reason);
  if (auto_answer) {
    Connect(x);
    return;
  }
  // A work item transferred is being handled: it rings until picked up.
  if (!(x.transferred && HasPickupLimit(x.media))) {
    x.alert_due = now_ + center_.workgroup(x.workgroup).alert_timeout;
    timers_.Schedule(x.alert_due, TimerKind::kAlertTimeout, x.id.value());
  }
  ReportAgent(agent, &x);
}

void Engine::Impl::Connect(InteractionRecord& x) {
  x.alert_due = Time::Infinite();
  x.state = InteractionState::kConnected;
  x.connected_at = now_;
  stats_.OnAnswered(x.workgroup, now_ - x.entered_queue, now_);
  agents_.Answered(x.agent);
  ReportInteraction(x, x.agent);
  ReportAgent(x.agent, &x);
}

void Engine::Impl::ReleaseCapacity(InteractionRecord& x) {
  agents_.Give(x.agent, x.id, x.media, x.percent, x.exempt);
  x.exempt = false;
  x.percent = 0;
  x.hold_due = Time::Infinite();  // off its agent, it is no longer held
}

void Engine::Impl::Requeue(InteractionRecord& x, RequeueReason reason, bool exclude) {
  const AgentId agent = x.agent;
  x.alert_due = Time::Infinite();
  x.last_attempted = agent;
  ReleaseCapacity(x);
  ClearExclusion(x);
  const Duration exclusion = center_.workgroup(x.workgroup).no_answer.exclusion;
  if (exclude && exclusion > Duration::Zero()) {
    x.excluded = agent;
    x.excluded_until = now_ + exclusion;
    timers_.Schedule(x.excluded_until, TimerKind::kExclusionEnd, x.id.value());
  }
  EnterQueue(x);
  ReportInteraction(x, agent, reason);
  ReportAgent(agent);
}

void Engine::Impl::NoAnswer(InteractionRecord& x) {
  const AgentId agent = x.agent;
  const NoAnswerConfig& policy = center_.workgroup(x.workgroup).no_answer;
  x.priority += policy.priority_bump;
  Requeue(x, RequeueReason::kNoAnswer, /*exclude=*/true);
  if (agents_.Missed(agent, policy.misses_before_status)) {
    SetAgentStatus(agent, center_.workgroup_model(x.workgroup).no_answer_status);
  } else if (policy.delay > Duration::Zero()) {
    agents_.Block(agent, now_ + policy.delay);
    timers_.Schedule(now_ + policy.delay, TimerKind::kDelayEnd, agent.value());
  }
  RouteInteraction(x);
  FillAgent(agent);
}

void Engine::Impl::ReturnToQueue(InteractionRecord& x, RequeueReason reason) {
  const AgentId agent = x.agent;
  Requeue(x, reason, /*exclude=*/true);
  RouteInteraction(x);
  FillAgent(agent);
}

AgentId Engine::Impl::Detach(InteractionRecord& x) {
  const AgentId agent = x.agent;
  ReleaseCapacity(x);
  x.hold_due = Time::Infinite();
  agents_.AddTalkTime(agent, now_ - x.connected_at);
  agents_.SetAvailableSince(agent, now_);
  x.agent = AgentId();
  return agent;
}

void Engine::Impl::MoveToWorkgroup(InteractionRecord& x, WorkgroupId wg, RequeueReason reason,
                                   AgentId from) {
  x.state = InteractionState::kTransferred;
  stats_.OnTransferredOut(x.workgroup);
  ReportInteraction(x, from, reason);
  x.group = interactions_.GroupIn(x, wg);
  x.workgroup = wg;
  stats_.OnEntered(wg, now_);
  const int transfer_priority = center_.workgroup(wg).transfer_priority;
  if (reason == RequeueReason::kTransferred && transfer_priority >= 0) {
    x.priority = transfer_priority;
  }
  x.entered_queue = now_;
  x.preference_open = false;
  x.last_attempted = AgentId();
  ClearExclusion(x);
  EnterQueue(x);
  ReportInteraction(x, AgentId(), reason);
}

void Engine::Impl::Snooze(InteractionRecord& x) {
  const AgentId agent = Detach(x);
  ClearExclusion(x);
  x.state = InteractionState::kSnoozed;
  x.snooze_due = now_ + center_.workgroup(x.workgroup).callback_retry_interval;
  timers_.Schedule(x.snooze_due, TimerKind::kSnoozeEnd, x.id.value());
  ReportInteraction(x, agent, RequeueReason::kRetryLater);
  ReportAgent(agent);
  FillAgent(agent);
}

void Engine::Impl::Abandon(InteractionRecord& x) {
  x.state = InteractionState::kAbandoned;
  ClearExclusion(x);
  stats_.OnAbandoned(x.workgroup, now_ - x.entered_queue, now_);
  ReportInteraction(x, x.agent);
  interactions_.Delete(x);
}

void Engine::Impl::EndConnected(InteractionRecord& x) {
  const AgentId agent = x.agent;
  const WorkgroupId wg = x.workgroup;
  ReleaseCapacity(x);
  x.hold_due = Time::Infinite();
  const Duration wrap_up = center_.workgroup(wg).wrap_up;
  agents_.AddTalkTime(agent, now_ - x.connected_at);
  stats_.OnDisconnected(wg, x.due, now_);
  if (wrap_up == Duration::Zero()) {
    Complete(x);
    agents_.SetAvailableSince(agent, now_);
    ReportAgent(agent);
    FillAgent(agent);
    return;
  }
  x.state = InteractionState::kWrapUp;
  x.wrap_up_due = now_ + wrap_up;
  timers_.Schedule(x.wrap_up_due, TimerKind::kWrapUpEnd, x.id.value());
  agents_.StartWrapUp(agent, x.id);
  ReportInteraction(x, agent);
  SetAgentStatus(agent, center_.workgroup_model(wg).wrap_up_status);
}

void Engine::Impl::Complete(InteractionRecord& x) {
  x.state = x.failed ? InteractionState::kFailed : InteractionState::kCompleted;
  stats_.OnCompleted(x.workgroup, x.failed, now_ - x.connected_at, now_);
  ReportInteraction(x, x.agent);
  interactions_.Delete(x);
}

// ---- Reporting --------------------------------------------------------------------

void Engine::Impl::ReportInteraction(const InteractionRecord& x, AgentId agent,
                                     RequeueReason reason) {
  if (observer_ == nullptr) return;
  observer_->OnInteraction({.now = now_,
                            .interaction = x.id,
                            .state = x.state,
                            .workgroup = x.workgroup,
                            .agent = agent,
                            .reason = reason});
}

}  // namespace acd
