// acd/observer.h: what the engine tells its driver.
//
// The engine reports each decision and state change to an `Observer`, in the
// order it makes them, synchronously, on the thread that called `Apply` or
// `AdvanceTo`. An observer must not call back into the engine: it records the
// event (or queues a command for later) and returns. A re-entrant call is
// rejected with FailedPrecondition.
//
// Example:
//
//   class Answerer : public acd::Observer {
//    public:
//     void OnOffer(const acd::OfferEvent& offer) override { offers.push_back(offer); }
//     std::vector<acd::OfferEvent> offers;
//   };

#ifndef ACD_OBSERVER_H_
#define ACD_OBSERVER_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "acd/decision.h"
#include "acd/ids.h"
#include "acd/time.h"

namespace acd {

enum class InteractionState : uint8_t {
  kWaiting,    // "Wait Agent": in queue
  kAlerting,   // offered to one agent, ringing
  kConnected,  // the agent answered
  kHeld,       // connected, on hold
  kWrapUp,     // ended; its agent is in after-call work
  kCompleted,  // ended and wrapped up
  kAbandoned,  // the customer left before being connected
  // A callback request set aside by Retry Later until its snooze ends; it
  // holds no agent and is not routed meanwhile.
  kSnoozed,
  // Left this workgroup for another (blind transfer or in-queue timeout);
  // reported for the workgroup it left, and followed at once by its
  // kWaiting in the new one.
  kTransferred,
  // A callback request that ended without reaching the customer (Attempt
  // Failed, or Retry Later on the last allowed attempt), after any wrap-up.
  kFailed,
};

absl::string_view InteractionStateName(InteractionState state);

// The engine offers `interaction` to `agent`: it now alerts there and holds
// the agent's capacity. `auto_answered` means it connected at once.
struct OfferEvent {
  Time now;
  InteractionId interaction;
  AgentId agent;
  WorkgroupId workgroup;
  bool auto_answered = false;
};

// Why an interaction entered a state other than by the plain path (arrive,
// offer, answer, end): mostly why it went back to waiting.
enum class RequeueReason : uint8_t {
  kNone,            // the plain path
  kNoAnswer,        // the alert timed out (RONA)
  kRejected,        // the agent declined
  kAgentLoggedOut,  // the agent logged out while it rang
  kPickupTimeout,   // a work item or generic object was not picked up in time
  kTransferred,     // a blind transfer (to a workgroup, or alerting at an agent)
  kOverflow,        // the workgroup's in-queue timeout moved it
  kRetryLater,      // a callback snoozed (kSnoozed), or its snooze ended (kWaiting)
};

absl::string_view RequeueReasonName(RequeueReason reason);

// `interaction` entered `state`. `agent` is the agent it was with, if any;
// for a return to waiting, the agent it was last offered to ("Wait Agent ->
// Last Attempted: agent"), with `reason` saying why.
struct InteractionEvent {
  Time now;
  InteractionId interaction;
  InteractionState state;
  WorkgroupId workgroup;
  AgentId agent;
  RequeueReason reason = RequeueReason::kNone;
};

// What an agent is doing, from routing's point of view.
// An agent holding several interactions (chats, say) reports the first that
// applies of: alerting, busy, wrap-up, idle.
enum class AgentActivity : uint8_t {
  kLoggedOut,
  kIdle,      // logged in, holding no interaction (available or not by status)
  kAlerting,  // an interaction rings at the agent
  kBusy,      // connected to an interaction
  kWrapUp,    // after-call work, nothing else held
};

absl::string_view AgentActivityName(AgentActivity activity);

// `agent` changed activity or status (the engine changes it for wrap-up and
// after a no-answer).
struct AgentEvent {
  Time now;
  AgentId agent;
  AgentActivity activity;
  StatusId status;
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual void OnOffer(const OfferEvent& /*offer*/) {}
  // Why the offer that follows was made (acd/decision.h); called just before
  // its OnOffer, while decision records are on (the default).
  virtual void OnDecision(const DecisionRecord& /*record*/) {}
  virtual void OnInteraction(const InteractionEvent& /*event*/) {}
  virtual void OnAgent(const AgentEvent& /*event*/) {}
};

}  // namespace acd

#endif  // ACD_OBSERVER_H_
