// The engine's own timers, in one total order: by due time, then by kind (in
// the order the enum lists them), then by target id. The order depends only
// on what is pending, never on when it was scheduled, so any implementation
// of the same rules fires simultaneous timers in the same order.

#ifndef ACD_LIB_ENGINE_TIMER_QUEUE_H_
#define ACD_LIB_ENGINE_TIMER_QUEUE_H_

#include <cstdint>
#include <optional>
#include <set>

#include "acd/time.h"

namespace acd::internal {

enum class TimerKind : uint8_t {
  kAlertTimeout,   // target: interaction; the offer was not answered in time
  kWrapUpEnd,      // target: interaction in wrap-up
  kDelayEnd,       // target: agent; its no-answer delay is over
  kExclusionEnd,   // target: interaction; its excluded agent may have it again
  kTierBoundary,   // target: interaction; its static tier changes
};

struct Timer {
  Time due;
  TimerKind kind = TimerKind::kAlertTimeout;
  uint64_t target = 0;

  friend bool operator<(const Timer& a, const Timer& b) {
    if (a.due != b.due) return a.due < b.due;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.target < b.target;
  }
};

class TimerQueue {
 public:
  void Schedule(Time due, TimerKind kind, uint64_t target) { timers_.insert({due, kind, target}); }

  // Cancels a pending timer; a no-op for one that is not pending.
  void Cancel(Time due, TimerKind kind, uint64_t target) { timers_.erase({due, kind, target}); }

  // Due time of the earliest timer, or Time::Infinite().
  Time NextDue() const { return timers_.empty() ? Time::Infinite() : timers_.begin()->due; }

  // Removes and returns the earliest timer if it is due at or before `now`.
  std::optional<Timer> PopDue(Time now) {
    if (timers_.empty() || timers_.begin()->due > now) return std::nullopt;
    Timer timer = *timers_.begin();
    timers_.erase(timers_.begin());
    return timer;
  }

 private:
  std::set<Timer> timers_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_TIMER_QUEUE_H_
