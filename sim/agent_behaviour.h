// sim/agent_behaviour.h: what the agents of a replication do.
//
// The agents' side of the model: log-ins and log-outs by shift or by head
// count per interval, breaks (staggered across a group), how an agent
// responds to an offer (after its answer delay: answer, decline, or let it
// ring out), how long its wrap-up lasts, and when it makes itself available
// again after an offer rang out. Agents listed on their own (no agent
// group) are logged in throughout and answer at once.
//
// It mirrors of each agent only what its decisions need: whether it is
// logged in, its status, and how many contacts it is wrapping up. Agent time
// accounting is the KPI tally's (sim/kpi_tally.h).
//
// Thread safety: none (one per replication).

#ifndef ACD_SIM_AGENT_BEHAVIOUR_H_
#define ACD_SIM_AGENT_BEHAVIOUR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "acd/engine.h"
#include "acd/engine_state.h"
#include "sim/random_streams.h"
#include "sim/scenario.h"
#include "sim/sim_event.h"
#include "sim/trace.h"

namespace acd::sim {

class AgentBehaviour {
 public:
  // All references must outlive it; `trace` may be null.
  AgentBehaviour(const Scenario& scenario, ReplicationStreams& streams, Engine& engine,
                 SimEventQueue& events, TraceWriter* trace);

  // Logs in at time zero the agents without shifts, and schedules the
  // shifts and breaks of the others.
  absl::Status Start();

  // Instead of Start, for an engine restored from `state` (sim/forecast.h):
  // takes each agent's log-in, status and wrap-up from it, schedules what
  // the agent groups' wrap-up lengths say for the wrap-ups in progress, and
  // the schedule's shift, break and head-count changes at or after the
  // state's clock. Agents from `first_added` on (not in the snapshot) also
  // log in at once when the schedule has them in at that time.
  absl::Status ContinueFrom(const EngineState& state, size_t first_added);

  // An event whose target is an agent (IsAgentEvent).
  absl::Status Handle(Time now, const SimEvent& event);

  // ---- Observer events ------------------------------------------------------

  // An offer of `offers` so far rings at the agent: schedules its answer or
  // decline, or lets it ring out. Returns when the answer is due, if the
  // agent will answer.
  std::optional<Time> Respond(const OfferEvent& offer, uint32_t offers);
  // The agent's wrap-up of a contact began: schedules its end when the
  // agent's group sets its length.
  void WrapUpStarted(AgentId agent, Time now);
  // The agent's wrap-up of a contact ended.
  void WrapUpEnded(AgentId agent) { --agents_[agent.value()].wrapping; }
  // An offer rang out at the agent: schedules its return to work.
  void RangOut(AgentId agent, Time now);
  // The agent's activity or status changed: notes the status, writes the
  // trace line. (Inline: the engine reports about three agent changes per
  // call.)
  void Changed(const AgentEvent& event) {
    if (trace_ != nullptr) TraceAgent(event);
    agents_[event.agent.value()].status = event.status;
  }
  // Whether `status` lets an agent receive ACD work.
  bool Ready(StatusId status) const { return status.valid() && status_ready_[status.value()]; }

 private:
  // How an agent of a group responds to an offer, worked out once: most
  // groups answer after a constant delay (zero by default) and never miss
  // or decline, and Respond runs for every offer.
  struct GroupResponse {
    // The group's answer delay when it is a constant (it draws nothing).
    std::optional<Duration> constant_delay;
    // Whether the group can miss or decline, and the sum of the two
    // probabilities (the same sum Respond compares against).
    bool may_miss = false;
    double miss_or_reject = 0;
  };

  struct AgentTrack {
    int group = -1;
    bool logged_in = false;
    StatusId status;
    // Contacts in wrap-up with this agent.
    int wrapping = 0;
  };

  // Agent `a`, the k-th (from 1) of a group with a head count per interval,
  // logged in (`in`) at `from`: its log-ins and log-outs at the interval
  // starts from `from` on.
  void SchedulePerInterval(size_t a, int k, const std::vector<int>& counts, Time from = Time(),
                           bool in = false);
  // Agent `a`, the k-th (from 0) of its group with shifts: its shift and
  // break events at or after `from`.
  absl::Status ScheduleShifts(size_t a, int64_t k, Time from);
  // Agent `a`, the k-th (from 0) of its group, in a replication continued
  // at `now` (ContinueFrom); `added`: not in the snapshot.
  absl::Status ContinueSchedule(size_t a, int64_t k, Time now, bool added);
  absl::Status Command(const acd::Command& command);
  void Push(Time time, SimEvent event) { Schedule(events_, time, event); }
  // Writes the trace line of an agent change.
  void TraceAgent(const AgentEvent& event);

  const Scenario& scenario_;
  ReplicationStreams& streams_;
  Engine& engine_;
  SimEventQueue& events_;
  TraceWriter* const trace_;
  const StatusId available_;
  std::vector<AgentTrack> agents_;
  // Per agent group.
  std::vector<GroupResponse> responses_;
  // Per status: whether it is acd_available.
  std::vector<char> status_ready_;
};

}  // namespace acd::sim

#endif  // ACD_SIM_AGENT_BEHAVIOUR_H_
