// sim/event_queue.h: the simulator's future event list.
//
// Events are ordered by (time, priority, insertion sequence): the earliest
// time first; at equal times the lower priority value first; at equal time
// and priority, the event pushed first. The order is total, so a simulation
// replays identically whatever the heap's internals do.
//
// Example:
//
//   acd::sim::EventQueue<int> events;
//   events.Push(acd::Time() + acd::Seconds(5), /*priority=*/1, 42);
//   while (!events.empty()) { auto e = events.Pop(); handle(e.time, e.payload); }
//
// A binary heap: O(log n) push and pop, no allocation once the vector has
// grown to the largest pending count. Thread safety: none.

#ifndef ACD_SIM_EVENT_QUEUE_H_
#define ACD_SIM_EVENT_QUEUE_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "acd/time.h"

namespace acd::sim {

template <typename Payload>
class EventQueue {
 public:
  struct Event {
    Time time;
    int32_t priority = 0;
    uint64_t sequence = 0;
    Payload payload;
  };

  void Push(Time time, int32_t priority, Payload payload) {
    heap_.push_back(Event{time, priority, next_sequence_++, std::move(payload)});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }

  // Precondition: !empty().
  const Event& top() const { return heap_.front(); }

  // Removes and returns the first event. Precondition: !empty().
  Event Pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    Event event = std::move(heap_.back());
    heap_.pop_back();
    return event;
  }

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }

  void Clear() {
    heap_.clear();
    next_sequence_ = 0;
  }

 private:
  // std heaps keep the greatest element on top; "greater" here means later.
  // A function object rather than a function pointer, so that the heap's
  // sift loops inline the comparison (the hottest code of a replication).
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      if (a.time != b.time) return a.time > b.time;
      if (a.priority != b.priority) return a.priority > b.priority;
      return a.sequence > b.sequence;
    }
  };

  std::vector<Event> heap_;
  uint64_t next_sequence_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_SIM_EVENT_QUEUE_H_
