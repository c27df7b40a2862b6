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

// The simulator's future events: Push through `Schedule`, which sets the
// priority from the kind.
using SimEventQueue = EventQueue<SimEvent>;

inline void Schedule(SimEventQueue& events, Time time, SimEvent event) {
  events.Push(time, static_cast<int32_t>(event.kind), event);
}

// Pushes `event` in the place taken by `sequence` (SimEventQueue::Reserve).
inline void ScheduleReserved(SimEventQueue& events, Time time, uint64_t sequence, SimEvent event) {
  events.PushReserved(time, static_cast<int32_t>(event.kind), sequence, event);
}

}  // namespace acd::sim

#endif  // ACD_SIM_SIM_EVENT_H_
