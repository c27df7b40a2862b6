// The engine's own timers (wrap-up end now; alert timeouts, tier widening and
// snoozes later), ordered by (due time, scheduling sequence): two timers due
// at the same microsecond fire in the order they were scheduled.

#ifndef ACD_LIB_ENGINE_TIMER_QUEUE_H_
#define ACD_LIB_ENGINE_TIMER_QUEUE_H_

#include <cstdint>
#include <optional>
#include <set>

#include "acd/time.h"

namespace acd::internal {

enum class TimerKind : uint8_t {
  kWrapUpEnd,  // target: agent id
};

struct Timer {
  Time due;
  uint64_t sequence = 0;
  TimerKind kind = TimerKind::kWrapUpEnd;
  uint64_t target = 0;

  friend bool operator<(const Timer& a, const Timer& b) {
    if (a.due != b.due) return a.due < b.due;
    return a.sequence < b.sequence;
  }
};

class TimerQueue {
 public:
  // Schedules a timer and returns it; keep it to cancel.
  Timer Schedule(Time due, TimerKind kind, uint64_t target) {
    Timer timer{due, next_sequence_++, kind, target};
    timers_.insert(timer);
    return timer;
  }

  // Cancels a timer that has not fired; a no-op for one that has.
  void Cancel(const Timer& timer) { timers_.erase(timer); }

  // Due time of the earliest timer, or Time::Infinite().
  Time NextDue() const { return timers_.empty() ? Time::Infinite() : timers_.begin()->due; }

  // Removes and returns the earliest timer if it is due at or before `now`.
  std::optional<Timer> PopDue(Time now) {
    if (timers_.empty() || timers_.begin()->due > now) return std::nullopt;
    Timer timer = *timers_.begin();
    timers_.erase(timers_.begin());
    return timer;
  }

  bool empty() const { return timers_.empty(); }

 private:
  std::set<Timer> timers_;
  uint64_t next_sequence_ = 0;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_TIMER_QUEUE_H_
