// sim/scenario_limits.h: the documented totals a scenario may reach.
//
// Each limit keeps one scenario's memory and time bounded, whatever a
// (hostile or mistaken) small file asks for, and admits every shipped
// scenario and a large real one (a center of tens of thousands of agents
// over a year of 15-minute intervals). A scenario past a limit is refused at
// load with the field and the limit in the error:
//
//   big.txtpb:3:1: agent_groups[2].count: 1000000 agents over all groups so
//   far, more than the limit of 200000 agents in a scenario
//
// The listed limits are also in scenario.proto and the README.

#ifndef ACD_SIM_SCENARIO_LIMITS_H_
#define ACD_SIM_SCENARIO_LIMITS_H_

#include <cstdint>

namespace acd::sim {

// Agents over the center's own and every agent group's.
inline constexpr int64_t kMaxAgents = 200'000;
// Shifts one agent works over the run: the sum of a group's shifts, each
// counted repeat_days times (two shifts a day for ten years fit).
inline constexpr int64_t kMaxShiftsPerAgent = 10'000;
// Shifts worked over all agents (each group's shifts per agent x count);
// every one is two events or more queued at the start of a replication
// (10,000 agents working every day of a year fit).
inline constexpr int64_t kMaxShiftInstances = 5'000'000;
// Reporting intervals: horizon_s / interval_s, rounded up (a year of
// 5-minute intervals). Checked before anything is allocated per interval;
// a study's KPI cells (intervals x slice members x KPIs) are capped as well,
// by kMaxKpiCells of sim/kpi_layout.h.
inline constexpr int64_t kMaxIntervals = 110'000;
// Listed arrivals, over every contact type's `listed` times and trace rows.
inline constexpr int64_t kMaxListedArrivals = 5'000'000;
// Events one replication may handle; a run past it stops with an error.
inline constexpr int64_t kMaxEventsPerReplication = 2'000'000'000;

}  // namespace acd::sim

#endif  // ACD_SIM_SCENARIO_LIMITS_H_
