// sim/live_contacts.h: the contacts of a replication that are still in the
// center, as the simulator sees them.
//
// The simulator mirrors only what the engine does not tell it in each
// observer event: the contact's state (to recognise stale events: an answer
// scheduled for an offer that has since rung out, a hang-up for a contact
// that has already gone), what the customer was drawn to do, and the times
// its KPIs need. Slots are reused: a contact's interaction id is
// (generation << 32 | slot), so an event for a previous occupant of the
// slot no longer matches it.
//
// Thread safety: none (one set per replication).

#ifndef ACD_SIM_LIVE_CONTACTS_H_
#define ACD_SIM_LIVE_CONTACTS_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "acd/ids.h"
#include "acd/time.h"
#include "sim/kpi_tally.h"

namespace acd::sim {

enum class CallState : uint8_t {
  kFree,
  kWaiting,
  kAlerting,
  kConnected,
  kHeld,
  kEnded,  // in wrap-up
  kSnoozed,
  kMoving,  // between leaving one workgroup and waiting in the next
};

struct Call {
  CallState state = CallState::kFree;
  uint32_t generation = 0;
  int type = 0;
  uint64_t number = 0;   // 1, 2, ... in arrival order (for the trace)
  bool counted = false;  // arrived inside the measured window
  int interval = 0;      // the reporting interval it arrived in
  uint32_t offers = 0;   // offers made so far (an answer must match the latest)
  Time arrival;
  Time connected;
  Time disconnected;  // when its wrap-up began
  Duration handle;
  std::optional<Duration> patience;
  // The abandonment's place in the event queue, taken on arrival and not yet
  // pushed (SimEventQueue::Reserve): the call was offered at once with its
  // answer due no later than its patience runs out, so the abandonment is
  // pushed only if the call waits again before being answered.
  bool abandon_deferred = false;
  uint64_t abandon_sequence = 0;
  // When the agent's answer to the latest offer is due (AgentBehaviour
  // schedules it), if it will answer.
  std::optional<Time> answer_due;
  // A callback request (accepted instead of waiting), and whether the
  // current attempt reaches the customer.
  bool callback = false;
  bool reached = false;
  // Connected once: later legs (a transfer, a callback attempt) are not
  // answered again, and patience no longer applies.
  bool answered = false;
  // Its first leg ends in a transfer; it is on its second leg.
  bool transfer = false;
  bool transferred = false;
  bool transferring = false;  // the simulator asked for the scenario's transfer
  Duration second_handle;
  // Put on hold once, halfway through the first leg.
  std::optional<Duration> hold;
  std::optional<Time> due;

  // Its place in the KPI tallies.
  ContactKey key() const { return {.type = type, .interval = interval, .counted = counted}; }
};

class LiveContacts {
 public:
  // A free slot (its call in state kFree, fields as its last occupant left
  // them).
  uint32_t Allocate() {
    if (free_.empty()) {
      calls_.emplace_back();
      return static_cast<uint32_t>(calls_.size() - 1);
    }
    const uint32_t slot = free_.back();
    free_.pop_back();
    return slot;
  }

  // The contact has left: its slot is free, and its id no longer matches.
  void Release(Call& call) {
    call.state = CallState::kFree;
    ++call.generation;
    free_.push_back(static_cast<uint32_t>(&call - calls_.data()));
  }

  Call& at(uint32_t slot) { return calls_[slot]; }
  // The call in the slot of `id` (which may since have been reused).
  Call& of(uint64_t id) { return calls_[static_cast<uint32_t>(id)]; }
  Call& of(InteractionId id) { return of(id.value()); }

  // The interaction id of the call's current occupant.
  InteractionId IdOf(const Call& call) const {
    return InteractionId((uint64_t{call.generation} << 32) |
                         static_cast<uint32_t>(&call - calls_.data()));
  }

  // Whether `id` still names the call in its slot, in `state`.
  bool Live(uint64_t id, CallState state) const {
    const Call& call = calls_[static_cast<uint32_t>(id)];
    return call.generation == static_cast<uint32_t>(id >> 32) && call.state == state;
  }

 private:
  std::vector<Call> calls_;
  std::vector<uint32_t> free_;
};

}  // namespace acd::sim

#endif  // ACD_SIM_LIVE_CONTACTS_H_
