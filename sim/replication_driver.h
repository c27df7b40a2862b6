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
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "acd/engine.h"
#include "acd/engine_state.h"
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

  // Before Run: the engine was restored from `state` (sim/forecast.h), whose
  // interaction ids are 0..n-1 in order; the replication continues it from
  // its clock instead of starting at time zero. Agents from `first_added` on
  // were not in the snapshot (sim/forecast.h says what they do). `state`
  // must outlive Run.
  void ContinueFrom(const EngineState& state, size_t first_added) {
    start_ = &state;
    first_added_ = first_added;
  }

  // Before Run: once every event before `at` has run (the engine's timers
  // due at `at` included), calls `pause` with the engine, then goes on.
  void PauseAt(Time at, std::function<absl::Status(const Engine&)> pause) {
    pause_at_ = at;
    pause_ = std::move(pause);
  }

  // Runs the replication to its horizon. Call once.
  absl::StatusOr<ReplicationResult> Run();

  // ---- Observer -------------------------------------------------------------

  void OnOffer(const OfferEvent& offer) override;
  void OnInteraction(const InteractionEvent& event) override;
  void OnAgent(const AgentEvent& event) override;

 private:
  // Starts the agents and contacts: at time zero, or from `start_`.
  absl::Status Start();
  // Calls `pause_` once, when nothing before `pause_at_` is left.
  absl::Status MaybePause(Time next_event, Time deadline);

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
  const EngineState* start_ = nullptr;
  size_t first_added_ = 0;
  Time pause_at_ = Time::Infinite();
  std::function<absl::Status(const Engine&)> pause_;
};

}  // namespace acd::sim

#endif  // ACD_SIM_REPLICATION_DRIVER_H_
