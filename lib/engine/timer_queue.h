// The engine's own timers, in one total order: by due time, then by kind (in
// the order the enum lists them), then by target id. The order depends only
// on what is pending, never on when it was scheduled, so any implementation
// of the same rules fires simultaneous timers in the same order.
//
// Cancelling is lazy: the owner of a timer records its due time, and a popped
// timer whose owner no longer expects it (IsLive says no) is dropped. The
// queue is a binary heap in one vector, so once it has grown to its working
// size, scheduling allocates nothing.

#ifndef ACD_LIB_ENGINE_TIMER_QUEUE_H_
#define ACD_LIB_ENGINE_TIMER_QUEUE_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "acd/time.h"

namespace acd::internal {

enum class TimerKind : uint8_t {
  kAlertTimeout,   // target: interaction; the offer was not answered in time
  kWrapUpEnd,      // target: interaction in wrap-up
  kDelayEnd,       // target: agent; its no-answer delay is over
  kExclusionEnd,   // target: interaction; its excluded agent may have it again
  kTierBoundary,   // target: interaction; its static tier changes
  kPreferenceEnd,  // target: interaction; its preferred-agent window closes
  kSnoozeEnd,      // target: interaction; a snoozed callback waits again
  kQueueTimeout,   // target: interaction; it overflows to another workgroup
  kMaxHold,        // target: interaction; it was held too long
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
  void Schedule(Time due, TimerKind kind, uint64_t target) {
    heap_.push_back({due, kind, target});
    std::push_heap(heap_.begin(), heap_.end(), Later);
  }

  // Drops dead timers from the front; `is_live(timer)` says whether its
  // owner still expects it.
  template <typename IsLive>
  void Prune(IsLive is_live) {
    while (!heap_.empty() && !is_live(heap_.front())) Pop();
  }

  // Due time of the earliest timer (live or not; Prune first), or
  // Time::Infinite().
  Time NextDue() const { return heap_.empty() ? Time::Infinite() : heap_.front().due; }

  // Removes and returns the earliest timer if it is due at or before `now`.
  std::optional<Timer> PopDue(Time now) {
    if (heap_.empty() || heap_.front().due > now) return std::nullopt;
    return Pop();
  }

 private:
  static bool Later(const Timer& a, const Timer& b) { return b < a; }

  Timer Pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later);
    Timer timer = heap_.back();
    heap_.pop_back();
    return timer;
  }

  std::vector<Timer> heap_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_TIMER_QUEUE_H_
