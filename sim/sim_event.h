// sim/sim_event.h: the events a replication schedules, and their order.
//
// A replication's future events (sim/replication_driver.h) are the engine's
// own timers (wrap-up ends, alert timeouts, ...: Engine::NextDeadline) and
// the simulator's events below, kept in an EventQueue (sim/event_queue.h)
// with the event's kind as its priority.
//
// Same-time order. Events at the same microsecond run in this order:
//
//   1. the engine's timers (before every simulator event at that time);
//   2. the simulator's events by kind, in the order `SimEventKind` lists
//      them: shift starts, hang-ups, wrap-up ends, answers, declines,
//      abandonments, arrivals, returns from the no-answer status, break
//      ends, break starts, shift ends, holds, resumes;
//   3. events of the same kind in the order they were scheduled.
//
// The busy agents at an interval's end are counted after every event at
// that instant. tests/sim/sim_event_test.cc pins this order; changing it
// changes every report.
//
// Thread safety: none (one queue per replication).

#ifndef ACD_SIM_SIM_EVENT_H_
#define ACD_SIM_SIM_EVENT_H_

#include <cstdint>

#include "acd/ids.h"
#include "acd/time.h"
#include "sim/event_queue.h"

namespace acd::sim {

// Listed in their same-time order; the value is the event's priority.
enum class SimEventKind : int32_t {
  kShiftStart,    // target: agent
  kHangUp,        // target: interaction
  kEndWrapUp,     // target: agent
  kAnswer,        // target: interaction; `offer`: the offer it answers
  kReject,        // target: interaction; `offer`: the offer it declines
  kAbandon,       // target: interaction
  kArrival,       // target: contact type
  kAgentReturns,  // target: agent, back from the no-answer status
  kBreakEnd,      // target: agent; `status` of the break
  kBreakStart,    // target: agent; `status` of the break
  kShiftEnd,      // target: agent
  kHold,          // target: interaction
  kResume,        // target: interaction
};

// Whether the event's target is an agent (else an interaction or a contact
// type).
constexpr bool IsAgentEvent(SimEventKind kind) {
  switch (kind) {
    case SimEventKind::kShiftStart:
    case SimEventKind::kEndWrapUp:
    case SimEventKind::kAgentReturns:
    case SimEventKind::kBreakEnd:
    case SimEventKind::kBreakStart:
    case SimEventKind::kShiftEnd:
      return true;
    default:
      return false;
  }
}

struct SimEvent {
  SimEventKind kind;
  uint64_t target;
  uint32_t offer = 0;
  StatusId status;
};

// The simulator's future events: an EventQueue whose priority is the
// event's kind. An entry keeps the kind only as its priority, so that it
// is 32 bytes (the key, then target, offer and status) instead of 40: the
// heap moves an entry in two 16-byte words and finds one by a shift
// (measured: A2 -2.1M instructions, the full day -0.6M).
class SimEventQueue {
 public:
  struct Event {
    Time time;
    SimEvent payload;
  };

  bool empty() const { return queue_.empty(); }
  // The first event's time, or Time::Infinite() when there is none.
  Time next_time() const { return queue_.next_time(); }
  // EventQueue::Reserve.
  uint64_t Reserve() { return queue_.Reserve(); }
  void Push(Time time, const SimEvent& event) {
    queue_.Push(time, static_cast<int32_t>(event.kind),
                Stored{event.target, event.offer, event.status});
  }
  // Pushes `event` in the place taken by `sequence` (Reserve).
  void PushReserved(Time time, uint64_t sequence, const SimEvent& event) {
    queue_.PushReserved(time, static_cast<int32_t>(event.kind), sequence,
                        Stored{event.target, event.offer, event.status});
  }
  // Removes and returns the first event. Precondition: !empty(). Built
  // straight from the queue's entry, not from an EventQueue::Event
  // (measured: A2 -1.2M instructions, the full day -0.2M).
  Event Pop() {
    return queue_.PopWith([](Time time, int32_t priority, uint64_t, Stored&& stored) {
      return Event{time, SimEvent{.kind = static_cast<SimEventKind>(priority),
                                  .target = stored.target,
                                  .offer = stored.offer,
                                  .status = stored.status}};
    });
  }

 private:
  struct Stored {
    uint64_t target;
    uint32_t offer;
    StatusId status;
  };
  static_assert(sizeof(Stored) == 16);

  EventQueue<Stored> queue_;
};

inline void Schedule(SimEventQueue& events, Time time, SimEvent event) { events.Push(time, event); }

// Pushes `event` in the place taken by `sequence` (SimEventQueue::Reserve).
inline void ScheduleReserved(SimEventQueue& events, Time time, uint64_t sequence, SimEvent event) {
  events.PushReserved(time, sequence, event);
}

}  // namespace acd::sim

#endif  // ACD_SIM_SIM_EVENT_H_
