// sim/contact_behaviour.h: what the customers of a replication do.
//
// The contacts' side of the model: arrivals (listed, or a Poisson process
// per contact type scaled by the busyness factors), what each customer is
// drawn to do on arrival (handle time, patience, callback, transfer, hold,
// due time, preferred agent, balking), and the simulator events that follow
// from it: answers and declines of offers (at the time the agent behaviour
// chose), hang-ups, holds and resumes, abandonments. It owns the live
// contacts (sim/live_contacts.h), tells the KPI tally each contact's KPI
// events (sim/kpi_tally.h), and writes the contact lines of the trace.
//
// The engine's observer events reach it through the replication driver
// (sim/replication_driver.h), one handler per interaction state.
//
// Thread safety: none (one per replication).

#ifndef ACD_SIM_CONTACT_BEHAVIOUR_H_
#define ACD_SIM_CONTACT_BEHAVIOUR_H_

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "acd/engine.h"
#include "acd/engine_state.h"
#include "sim/kpi_tally.h"
#include "sim/live_contacts.h"
#include "sim/random_streams.h"
#include "sim/scenario.h"
#include "sim/sim_event.h"
#include "sim/trace.h"

namespace acd::sim {

class ContactBehaviour {
 public:
  // All references must outlive it; `trace` may be null.
  ContactBehaviour(const Scenario& scenario, ReplicationStreams& streams, Engine& engine,
                   SimEventQueue& events, KpiTally& tally, TraceWriter* trace);
  // Not copied or moved: it points into its own members (the arrival rates).
  ContactBehaviour(const ContactBehaviour&) = delete;
  ContactBehaviour& operator=(const ContactBehaviour&) = delete;

  // Schedules each contact type's first arrival.
  void Start();

  // Instead of Start, for an engine restored from `state` (sim/forecast.h),
  // whose interaction ids are 0..n-1: takes in its live interactions, each
  // as a contact of the contact type sim/forecast.h says, with fresh draws of
  // its remaining handle time, patience and hold (sim/forecast.h), counted
  // in no contact KPI; then schedules each type's next arrival after the
  // state's clock. InvalidArgument naming the interaction if no contact type
  // fits it.
  absl::Status ContinueFrom(const EngineState& state);

  // An event whose target is a contact or a contact type (!IsAgentEvent).
  absl::Status Handle(Time now, const SimEvent& event);

  // ---- Observer events ------------------------------------------------------

  // An offer rings at an agent; returns the number of offers made for the
  // contact so far (its answer must carry it).
  uint32_t Offered(const OfferEvent& offer);
  // The agent's answer to the latest offer is due at `when` (nullopt: it
  // will not answer).
  void AnswerDue(InteractionId id, std::optional<Time> when) { calls_.of(id).answer_due = when; }
  // Writes the trace line of an interaction event (not alerting ones).
  void Trace(const InteractionEvent& event) {
    if (trace_ != nullptr && event.state != InteractionState::kAlerting) TraceState(event);
  }
  // kConnected: answered (once per contact), a later leg connected, or
  // resumed from hold.
  void Connected(const InteractionEvent& event);
  void Held(const InteractionEvent& event);
  void Abandoned(const InteractionEvent& event);
  // kWaiting: arrived, or back in a queue (unanswered, declined, moved,
  // woken).
  void Waiting(const InteractionEvent& event);
  void WrapUpStarted(const InteractionEvent& event);
  // kCompleted, kFailed, kSnoozed, kTransferred: the contact leaves its
  // agent. Returns whether it was in wrap-up there (the agent's wrap-up of
  // it has ended).
  bool LeftAgent(const InteractionEvent& event);

 private:
  // What the customer chose on arrival beyond what the call records.
  struct Choices {
    bool accepts_callback = false;
    bool returning = false;
  };

  absl::Status Arrival(size_t type, Time now);
  // The contact type a restored interaction is taken for, or -1.
  int TypeOf(const EngineState::Interaction& interaction) const;
  // Takes in one live interaction of a restored state (ContinueFrom).
  void Continue(const EngineState::Interaction& interaction, int type, Time now);
  // Its state and what follows from it: a hang-up, a hold's end, patience.
  void ScheduleContinued(Call& call, InteractionState state, Time now);
  // Fills a new call of `type` arriving at `now`: its draws, in stream order.
  Choices Draw(Call& call, size_t type, Time now, const ContactType::Listed* entry);
  // The engine command for a new call, filled in `arrive_`; a caller taking
  // a callback becomes one here.
  const acd::Command& ArriveCommand(Call& call, InteractionId id, const Choices& choices, Time now);
  // Schedules the contact type's next arrival: the next listed one, or the
  // next of its Poisson process (sim/poisson.h).
  void ScheduleArrival(size_t type, Time now);
  // Schedules the connected leg's hold, resume and hang-up.
  void ScheduleTalk(Call& call, InteractionId id, Time now);
  absl::Status HangUp(Call& call, Time now);
  // Counts a leg the agent finished and releases the call when it has
  // ended; returns whether it was in wrap-up.
  bool Finished(Call& call, const InteractionEvent& event);
  // The end of the connected part of the work: due-time accounting. (Inline:
  // every call ends its work, and most have no due time.)
  void WorkDone(const Call& call, Time now) {
    if (!call.due || (call.transfer && !call.transferred)) return;
    tally_.DueFinished(call.key(), now <= *call.due);
  }
  void QueueLeft(const Call& call, Time now) {
    if (call.state == CallState::kWaiting) tally_.QueueChanged(call.type, -1, now);
  }

  void TraceState(const InteractionEvent& event);
  absl::Status Command(const acd::Command& command);
  // Sends `command` through `kept`, a command of its kind kept for it (as
  // `arrive_` is): a command built for one event is destroyed through an
  // indirect call once the engine has it (measured: A2 -1.4M instructions).
  template <typename C>
  absl::Status Send(acd::Command& kept, const C& command) {
    std::get<C>(kept) = command;
    return Command(kept);
  }
  void Push(Time time, SimEvent event) { Schedule(events_, time, event); }
  // The event's call is in `state`, on the leg the event was scheduled for
  // (its offer count).
  bool LiveLeg(const SimEvent& event, CallState state) {
    return calls_.Live(event.target, state) && calls_.of(event.target).offers == event.offer;
  }
  // Schedules the abandonment of a call that just arrived, at `at`.
  void ScheduleAbandon(Call& call, InteractionId id, Time at);
  void TraceContact(Time now, absl::string_view event, const Call& call, AgentId agent,
                    absl::string_view reason = {});

  const Scenario& scenario_;
  ReplicationStreams& streams_;
  Engine& engine_;
  SimEventQueue& events_;
  KpiTally& tally_;
  TraceWriter* const trace_;
  const Time horizon_;
  // Arrivals stop here: the closing time, or never.
  Time arrivals_end_ = Time::Infinite();
  LiveContacts calls_;
  uint64_t arrivals_ = 0;
  // Per contact type with listed arrivals: the next to schedule, and the one
  // whose arrival event is pending.
  std::vector<size_t> next_listed_, pending_listed_;
  // Per contact type: its Poisson rates times this replication's busyness
  // factors (sim/busyness.h); empty when the scenario has none.
  std::vector<std::vector<double>> scaled_rates_;
  // Per contact type with Poisson arrivals, what ScheduleArrival needs,
  // worked out once: the rates it uses (its own or the scaled ones) and,
  // when there is one rate throughout, that rate per second.
  struct ArrivalRates {
    const std::vector<double>* per_hour = nullptr;
    bool constant = false;
    double constant_per_s = 0;
  };
  std::vector<ArrivalRates> arrival_rates_;
  // Poisson arrivals stop here: the horizon or the closing time.
  Time poisson_end_;
  // Per contact type: the agent that answered its latest contact.
  std::vector<AgentId> last_agent_;
  // The Arrive command of the latest arrival (ArriveCommand), kept so that
  // no arrival builds, moves and destroys a command, and its requirements
  // keep their capacity (no allocation per arrival).
  acd::Command arrive_ = Arrive{};
  // The commands of an answer and of a hang-up or abandonment (Send), one
  // each per call.
  acd::Command accept_ = Accept{};
  acd::Command disconnect_ = Disconnect{};
};

}  // namespace acd::sim

#endif  // ACD_SIM_CONTACT_BEHAVIOUR_H_
