// The engine's timers: which pending timer is still expected (TimerLive)
// and what each kind does when it fires (Fire). Scheduling happens where the
// state changes; see timer_queue.h for the order.

#include "lib/engine/engine_impl.h"

namespace acd {

using internal::HasPickupLimit;

// Beside TimerLive, which it may then inline.
void Engine::Impl::PruneTimers() const {
  timers_.Prune([this](const Timer& t) { return TimerLive(t); });
  front_live_ = true;
}

bool Engine::Impl::TimerLive(const Timer& timer) const {
  if (timer.kind == TimerKind::kDelayEnd) {
    const AgentState& a = agents_[timer.target];
    return a.delay_pending && a.blocked_until == timer.due;
  }
  const InteractionRecord* x = FindRecord(InteractionId(timer.target));
  if (x == nullptr) return false;
  switch (timer.kind) {
    case TimerKind::kAlertTimeout:
      return x->state == InteractionState::kAlerting && x->alert_due == timer.due;
    case TimerKind::kWrapUpEnd:
      return x->state == InteractionState::kWrapUp && x->wrap_up_due == timer.due;
    case TimerKind::kExclusionEnd:
      return x->excluded.valid() && x->excluded_until == timer.due;
    case TimerKind::kTierBoundary:
      return x->state == InteractionState::kWaiting && x->tier_due == timer.due;
    case TimerKind::kPreferenceEnd:
      return x->preference_open && x->preferred_until == timer.due;
    case TimerKind::kSnoozeEnd:
      return x->state == InteractionState::kSnoozed && x->snooze_due == timer.due;
    case TimerKind::kQueueTimeout:
      return x->state == InteractionState::kWaiting && x->overflow_due == timer.due;
    case TimerKind::kMaxHold:
      return x->state == InteractionState::kHeld && x->hold_due == timer.due;
    case TimerKind::kDelayEnd:
      break;
  }
  return false;
}

void Engine::Impl::Fire(const Timer& timer) {
  switch (timer.kind) {
    case TimerKind::kAlertTimeout: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      if (HasPickupLimit(x.media)) {
        ReturnToQueue(x, RequeueReason::kPickupTimeout);
      } else {
        NoAnswer(x);
      }
      return;
    }
    case TimerKind::kSnoozeEnd: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      x.snooze_due = Time::Infinite();
      x.entered_queue = now_;
      EnterQueue(x);
      ReportInteraction(x, AgentId(), RequeueReason::kRetryLater);
      RouteInteraction(x);
      return;
    }
    case TimerKind::kQueueTimeout: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      const WorkgroupId overflow = center_.workgroup_model(x.workgroup).overflow;
      if (Refused(x, overflow, /*leaving=*/0)) {
        x.overflow_due = Time::Infinite();  // the overflow is full: it stays
        return;
      }
      LeaveQueue(x);
      MoveToWorkgroup(x, overflow, RequeueReason::kOverflow, AgentId());
      RouteInteraction(x);
      return;
    }
    case TimerKind::kMaxHold:
      HoldExceeded(Record(InteractionId(timer.target)));
      return;
    case TimerKind::kWrapUpEnd: {
      const AgentId agent = Record(InteractionId(timer.target)).agent;
      FinishWrapUp(agent, InteractionId(timer.target));
      FillAgent(agent);
      return;
    }
    case TimerKind::kDelayEnd: {
      const AgentId agent(static_cast<AgentId::rep_type>(timer.target));
      agents_.Unblock(agent);
      FillAgent(agent);
      return;
    }
    case TimerKind::kExclusionEnd: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      ClearExclusion(x);
      RouteInteraction(x);
      return;
    }
    case TimerKind::kTierBoundary: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      ScheduleTierBoundary(x);
      interactions_.MoveBucket(x, x.bucket + 1);
      RouteInteraction(x);
      return;
    }
    case TimerKind::kPreferenceEnd: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      const bool waiting = x.state == InteractionState::kWaiting;
      if (waiting) interactions_.Unfile(x);
      x.preference_open = false;
      if (waiting) {
        interactions_.File(x);
        RouteInteraction(x);
      }
      return;
    }
  }
}

}  // namespace acd
