// sim/replication.h: one replication of a scenario, through the engine.
//
// `RunReplication` builds a fresh acd::Engine from the scenario's center and
// plays the scenario's traffic through the engine's public API: agents log
// in (at time zero, by shift or by head count per interval) and take
// breaks, contacts arrive, ring at agents, are answered after the agent's
// answer delay (or ring out, or are declined), hang up after their handle
// time, abandon at the end of their patience. The engine's own timers
// (wrap-up ends, alert timeouts, tier boundaries, queue overflows, snoozed
// callbacks waking, ...) are merged into the event list through
// Engine::NextDeadline. It stops at the horizon. The pieces, each
// with one owner, are listed in sim/replication_driver.h. A forecast
// (sim/forecast.h) runs the same driver on an engine restored from a saved
// state, from that state's clock.
//
// Randomness. Every source has its own MRG32k3a stream (sim/mrg32k3a.h) and
// replication r uses substream r of each (sim/random_streams.h builds
// them). For contact type k of K and agent group g of G:
//
//   stream        feeds
//   3k            the inter-arrival times of type k (one draw per Poisson
//                 arrival; listed arrivals draw nothing)
//   3k+1          its handle times (one per arrival, used or not)
//   3k+2          its patience (one per arrival, when the type has patience)
//   3K+g          the answer delays of group g (one per offer not answered
//                 automatically)
//   3K+G+g        group g's other choices: ring out or decline (one draw per
//                 offer, only when the group can), wrap-up lengths (when it
//                 sets them), time in the no-answer status after a missed
//                 offer
//   3K+2G+k       type k's own choices: at arrival, in this order, callback
//                 acceptance, transfer and second handle time, hold and hold
//                 length, due time, preferred agent (each when the type has
//                 the feature); at each callback attempt's connection,
//                 whether it reaches the customer and, if not, the attempt's
//                 length
//   4K+2G         the busyness factors (sim/busyness.h), when enabled
//   4K+2G+1+k     type k's balking draws (one per arrival), when some type
//                 balks
//
// Streams added later go after all earlier ones, so that older scenarios
// keep their numbers. A contact's handle time, patience and choices are
// drawn when it arrives, so two scenarios with the same contact types and
// the same number of agent groups that differ only in staffing, routing or
// distribution parameters see the same customers (common random numbers,
// sim/comparison.h).
//
// Same-time order. Events at the same microsecond run in this order: the
// engine's timers; then shift starts, hang-ups, wrap-up ends, answers,
// declines, abandonments, arrivals, returns from the no-answer status,
// break ends, break starts, shift ends, holds, resumes; events of one kind
// in the order they were scheduled (sim/sim_event.h, which the tests pin).
// Busy agents at an interval's end are counted after every event at that
// instant.
//
// Arrivals stop at the scenario's closing time when it has one; the
// contacts already there are served until the horizon and counted in the
// interval they arrived in.
//
// Example:
//
//   absl::StatusOr<acd::sim::ReplicationResult> r = acd::sim::RunReplication(scenario, 0);
//
// Thread safety: independent calls may run on different threads.

#ifndef ACD_SIM_REPLICATION_H_
#define ACD_SIM_REPLICATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/scenario.h"
#include "sim/tally.h"

namespace acd::sim {

struct ReplicationResult {
  // One per contact type, in scenario order (busy and staffed unset).
  std::vector<Tally> contact_types;
  // One per workgroup, in center order: its contact types' sums plus the
  // busy and staffed time of its active members.
  std::vector<Tally> workgroups;
  // The whole center.
  Tally total;
  // Per workgroup, per reporting interval from time 0: contacts by the
  // interval they arrived in, agent and queue time by when it passed.
  std::vector<std::vector<Tally>> workgroup_intervals;
  // The same per contact type (contacts and queue only) and for the whole
  // center.
  std::vector<std::vector<Tally>> contact_type_intervals;
  std::vector<Tally> total_intervals;
  // Per agent group, in scenario order: its agents' busy, ready and staffed
  // time and busy agents at the end, for the whole run and per interval.
  std::vector<Tally> agent_groups;
  std::vector<std::vector<Tally>> agent_group_intervals;
  // Simulation events processed (including engine timers).
  int64_t events = 0;
};

// Internal if the engine rejects a command the simulator believed valid.
// With `trace`, appends the replication's event trace there (sim/trace.h).
absl::StatusOr<ReplicationResult> RunReplication(const Scenario& scenario, int replication,
                                                 std::string* trace = nullptr);

}  // namespace acd::sim

#endif  // ACD_SIM_REPLICATION_H_
