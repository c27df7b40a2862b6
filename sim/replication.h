// sim/replication.h: one replication of a scenario, through the engine.
//
// `RunReplication` builds a fresh acd::Engine from the scenario's center,
// logs every agent in at time zero, and plays the traffic through the
// engine's public API: arrivals, answers after the agent's answer delay,
// hang-ups after the handle time, abandonment at the end of the customer's
// patience. The engine's own timers (wrap-up) are merged into the event list
// through Engine::NextDeadline. It stops at the horizon.
//
// Randomness: every source has its own MRG32k3a stream and replication r
// uses substream r of each. Stream layout, for contact type k of K and agent
// group g of G: arrivals 3k, handle times 3k+1, patience 3k+2, answer delay
// 3K+g, agent behaviour (no-answer, decline, wrap-up) 3K+G+g, the contact's
// own choices (callback, transfer, hold, due, preference) 3K+2G+k; then,
// added later and placed after all of those so that older scenarios keep
// their numbers: the busyness factors 4K+2G (sim/busyness.h), balking
// 4K+2G+1+k. A contact's handle time, patience and choices are drawn when it
// arrives, so two scenarios with the same contact types and the same number
// of agent groups that differ only in staffing, routing or distribution
// parameters see the same customers (common random numbers,
// sim/comparison.h).
//
// Events at the same microsecond run in this order: engine timers, hang-ups,
// answers, abandonments, arrivals (then by scheduling order).
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
