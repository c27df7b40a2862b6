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
// A 4-ary heap: O(log n) push and pop, no allocation once the vector has
// grown to the largest pending count. Each entry carries its order as two
// words (the time, then the priority and the sequence packed into one), so a
// comparison is two integer compares; with four children a
// level, a pop walks half the levels of a binary heap and the children it
// compares sit side by side in memory. The simulator pops far more often
// than the pending count changes (the hold pattern: each pop pushes about
// one event back), and measured on the simulator's benchmark this layout
// beat std::push_heap/pop_heap on a binary heap of the same events
// (bench/sim_bench.cc).
//
// Pop leaves the first slot empty instead of filling it at once: the next
// Push drops its event into that hole and sifts it down, so an event that
// pushes one event back costs one sift instead of two (the last entry down
// from the top, then the new one up from the bottom). Only when something
// else comes first (next_time, top_time, another Pop) is the hole filled
// the usual way, with the last entry.
//
// An event pushed ahead of every event in the heap (an answer with no
// delay, due at the time of the last pop) waits in a slot of its own in
// front of the heap instead of sifting up to its top; the next Pop takes it
// from there and leaves the heap whole, so the event pushed after it (the
// answered call's hang-up, far in the future) goes in at the bottom and
// mostly stays there, instead of sifting down from the top. The order of
// events is the keys' alone, so where an entry waits changes nothing that
// comes out.
//
// Limits: `priority` must lie in [-32768, 32767] and at most 2^48 events
// may be pushed between two Clear calls (the simulator's event limit per
// replication, sim/scenario_limits.h, is far below it).
//
// Thread safety: none.

#ifndef ACD_SIM_EVENT_QUEUE_H_
#define ACD_SIM_EVENT_QUEUE_H_

#include <cstdint>
#include <utility>
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
    PushReserved(time, priority, Reserve(), std::move(payload));
  }

  // Takes the next insertion sequence now, for an event that may be pushed
  // later (PushReserved) or never: pushed, it comes out exactly where it
  // would have had it been pushed now. The simulator reserves the place of
  // an abandonment that will most likely never be needed (the call is being
  // answered) instead of filling the heap with events that do nothing.
  uint64_t Reserve() { return next_sequence_++ & kSequenceMask; }

  // Pushes an event with a sequence from Reserve(), each used at most once.
  void PushReserved(Time time, int32_t priority, uint64_t sequence, Payload payload) {
    const uint64_t order =
        (static_cast<uint64_t>(static_cast<uint16_t>(priority ^ 0x8000)) << 48) | sequence;
    Entry entry{KeyOf(time, order), std::move(payload)};
    if (hole_) {
      hole_ = false;
      SiftDown(std::move(entry));
      return;
    }
    if (!has_front_) {
      if (heap_.empty() || entry.key < heap_.front().key) {
        front_ = std::move(entry);
        has_front_ = true;
        return;
      }
    } else if (entry.key < front_.key) {
      std::swap(entry, front_);  // the old front goes to the top of the heap
    }
    heap_.push_back(std::move(entry));
    SiftUp(heap_.size() - 1);
  }

  // The first event's time. Precondition: !empty().
  Time top_time() const {
    if (has_front_) return TimeOf(front_.key);
    FillHole();
    return TimeOf(heap_.front().key);
  }

  // The first event's time, or Time::Infinite() when there is none.
  Time next_time() const {
    if (has_front_) return TimeOf(front_.key);
    FillHole();
    return heap_.empty() ? Time::Infinite() : TimeOf(heap_.front().key);
  }

  // Removes and returns the first event. Precondition: !empty().
  Event Pop() {
    return PopWith([](Time time, int32_t priority, uint64_t sequence, Payload&& payload) {
      return Event{time, priority, sequence, std::move(payload)};
    });
  }

  // Removes the first event and returns what `take(time, priority,
  // sequence, payload)` makes of it, without building an Event first.
  // Precondition: !empty().
  template <typename Take>
  auto PopWith(Take take) {
    Entry* first = &front_;
    if (has_front_) {
      has_front_ = false;
    } else {
      FillHole();
      hole_ = true;
      first = &heap_.front();
    }
    const uint64_t order = first->key.order;
    return take(TimeOf(first->key),
                static_cast<int32_t>(static_cast<int16_t>((order >> 48) ^ 0x8000)),
                order & kSequenceMask, std::move(first->payload));
  }

  bool empty() const { return size() == 0; }
  size_t size() const { return heap_.size() - (hole_ ? 1 : 0) + (has_front_ ? 1 : 0); }

  void Clear() {
    heap_.clear();
    hole_ = false;
    has_front_ = false;
    next_sequence_ = 0;
  }

 private:
  static constexpr uint64_t kSequenceMask = (uint64_t{1} << 48) - 1;
  static constexpr uint64_t kSignBit = uint64_t{1} << 63;

  struct Key {
    uint64_t time;   // the time in microseconds, its sign bit flipped
    uint64_t order;  // priority << 48 | sequence
    bool operator<(const Key& o) const {
      return time < o.time || (time == o.time && order < o.order);
    }
    bool operator<=(const Key& o) const { return !(o < *this); }
  };

  struct Entry {
    Key key;
    Payload payload;
  };

  __extension__ using Wide128 = unsigned __int128;
  static Wide128 Wide(const Key& key) { return (static_cast<Wide128>(key.time) << 64) | key.order; }

  static Key KeyOf(Time time, uint64_t order) {
    return Key{static_cast<uint64_t>(time.microseconds()) ^ kSignBit, order};
  }
  static Time TimeOf(const Key& key) {
    return Time::FromMicroseconds(static_cast<int64_t>(key.time ^ kSignBit));
  }

  // Fills the hole a Pop left with the last entry (the usual removal),
  // unless a Push has filled it since.
  void FillHole() const {
    if (!hole_) return;
    hole_ = false;
    Entry last = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) SiftDown(std::move(last));
  }

  void SiftUp(size_t i) {
    Entry moving = std::move(heap_[i]);
    while (i > 0) {
      const size_t parent = (i - 1) / 4;
      if (heap_[parent].key <= moving.key) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(moving);
  }

  // Places `moving` from the root down, into the hole the popped first
  // event left.
  void SiftDown(Entry moving) const {
    const size_t n = heap_.size();
    size_t i = 0;
    while (true) {
      const size_t first_child = 4 * i + 1;
      if (first_child >= n) break;
      size_t best = first_child;
      if (first_child + 4 <= n) {
        // All four children: pick the least without branches (the outcome
        // of each comparison is a coin toss, so a branch would mispredict).
        const Entry* c = &heap_[first_child];
        const size_t low = Wide(c[1].key) < Wide(c[0].key) ? 1 : 0;
        const size_t high = Wide(c[3].key) < Wide(c[2].key) ? 3 : 2;
        best += Wide(c[high].key) < Wide(c[low].key) ? high : low;
      } else {
        for (size_t c = first_child + 1; c < n; ++c) {
          if (heap_[c].key < heap_[best].key) best = c;
        }
      }
      if (moving.key <= heap_[best].key) break;
      heap_[i] = std::move(heap_[best]);
      i = best;
    }
    heap_[i] = std::move(moving);
  }

  // The first slot is empty (`hole_`): its event was popped, and no Push
  // has filled it yet. Filling it the usual way, which top_time may do,
  // changes where entries sit but not what comes out: mutable.
  mutable std::vector<Entry> heap_;
  mutable bool hole_ = false;
  // An event ahead of every event in the heap, waiting in front of it
  // (`has_front_`). Never at the same time as the hole: a Push fills the
  // hole first, and a Pop from the front leaves the heap whole.
  Entry front_{};
  bool has_front_ = false;
  uint64_t next_sequence_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_SIM_EVENT_QUEUE_H_
