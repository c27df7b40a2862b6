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
#include "acd/ids.h"
#include "acd/time.h"

namespace acd {

enum class InteractionState : uint8_t {
  kWaiting,    // "Wait Agent": in queue
  kAlerting,   // offered to one agent, ringing
  kConnected,  // the agent answered
  kWrapUp,     // ended; its agent is in after-call work
  kCompleted,  // ended and wrapped up
  kAbandoned,  // the customer left before being connected
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

// `interaction` entered `state`. `agent` is the agent it was with, if any.
struct InteractionEvent {
  Time now;
  InteractionId interaction;
  InteractionState state;
  WorkgroupId workgroup;
  AgentId agent;
};

// What an agent is doing, from routing's point of view.
enum class AgentActivity : uint8_t {
  kLoggedOut,
  kIdle,      // logged in, holding no interaction (available or not by status)
  kAlerting,  // an interaction rings at the agent
  kBusy,      // connected to an interaction
  kWrapUp,    // after-call work
};

absl::string_view AgentActivityName(AgentActivity activity);

// `agent` changed activity or status.
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
  virtual void OnInteraction(const InteractionEvent& /*event*/) {}
  virtual void OnAgent(const AgentEvent& /*event*/) {}
};

}  // namespace acd

#endif  // ACD_OBSERVER_H_
