// sim/replication_driver.h: the event loop of one replication.
//
// The driver owns the engine's run and the future events. It merges the
// engine's timers (Engine::NextDeadline) with the simulator's events
// (sim/sim_event.h, which states their same-time order), hands each
// simulator event to its owner (the agent or the contact behaviour), and
// passes on what the engine reports through its observer: each interaction
// state to its handler in the contact and agent behaviour, agent changes to
// the agent behaviour and the KPI tally. It stops at the horizon, or with an
// error past the scenario's event limit or when time stops moving.
//
// Pieces and owners:
//   ReplicationStreams  (sim/random_streams.h)    the random streams
//   AgentBehaviour      (sim/agent_behaviour.h)   shifts, breaks, answers,
//                                                 wrap-up, returns
//   ContactBehaviour    (sim/contact_behaviour.h) arrivals, customers'
//                                                 choices, the live contacts
//   KpiTally            (sim/kpi_tally.h)         every KPI sum
//
// Example (what RunReplication does):
//
//   ReplicationDriver driver(scenario, replication, *engine, trace);
//   absl::StatusOr<ReplicationResult> result = driver.Run();
//
// Calls between the pieces are direct (no virtual call but the engine's
// observer interface, no allocation per event once the vectors have grown).
// Thread safety: none; independent drivers may run on different threads.

#ifndef ACD_SIM_REPLICATION_DRIVER_H_
#define ACD_SIM_REPLICATION_DRIVER_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "acd/engine.h"
#include "sim/agent_behaviour.h"
#include "sim/contact_behaviour.h"
#include "sim/kpi_tally.h"
#include "sim/random_streams.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/sim_event.h"
#include "sim/trace.h"

namespace acd::sim {

class ReplicationDriver : public Observer {
 public:
  // `engine` is fresh, built from the scenario's center, and must outlive
  // the driver; with `trace`, the event trace is appended there.
  ReplicationDriver(const Scenario& scenario, int replication, Engine& engine, std::string* trace);

  // Runs the replication to its horizon. Call once.
  absl::StatusOr<ReplicationResult> Run();

  // ---- Observer -------------------------------------------------------------

  void OnOffer(const OfferEvent& offer) override;
  void OnInteraction(const InteractionEvent& event) override;
  void OnAgent(const AgentEvent& event) override;

 private:
  absl::Status Handle(Time now, const SimEvent& event) {
    return IsAgentEvent(event.kind) ? agents_.Handle(now, event) : contacts_.Handle(now, event);
  }

  // Agents who all decline at once, with no answer delay, would pass a
  // contact around forever without time moving: at most this many events
  // at one moment.
  static constexpr int64_t kMaxEventsAtOneTime = 1'000'000;

  const Scenario& scenario_;
  Engine& engine_;
  const Time horizon_;
  std::optional<TraceWriter> trace_;
  ReplicationStreams streams_;
  SimEventQueue events_;
  KpiTally tally_;
  AgentBehaviour agents_;
  ContactBehaviour contacts_;
  int64_t events_run_ = 0;
  Time last_event_time_ = Time::Infinite();
  int64_t same_time_events_ = 0;
};

}  // namespace acd::sim

#endif  // ACD_SIM_REPLICATION_DRIVER_H_
