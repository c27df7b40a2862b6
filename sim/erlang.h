// sim/erlang.h: exact steady-state queueing formulas (Erlang B, C and A) and
// the analytic staffing that starts `acdsim staff`'s search.
//
// One stationary queue: Poisson arrivals at `calls_per_s`, exponential
// handle times of mean `aht_s`, `agents` identical agents, FCFS. Erlang C
// has no abandonment (it needs an offered load below the agents); Erlang A
// (M/M/c+M) adds exponential patience of mean `patience_s`. Each is computed
// stably: Erlang B by its recursion, Erlang A's birth-death chain in
// logarithms (truncated where the rest of the tail is below 1e-15), the
// service level of Erlang A from the law of the waiting time (an arrival that
// finds j waiting passes stages j..0, stage i ending at rate c mu + i theta,
// against its own Exp(theta) patience), by uniformization.
//
// Service-level definitions (tally.h): sl_ans = answered within t / answered,
// sl_off = answered within t / offered, sl_g1 = answered within t / (offered
// - abandoned within t). ASA is the mean wait of answered contacts.
//
// Example:
//
//   acd::sim::QueueModel q{.calls_per_s = 0.2, .aht_s = 240, .agents = 55,
//                          .patience_s = 120, .threshold_s = 20};
//   absl::StatusOr<acd::sim::QueueKpis> k = acd::sim::ErlangA(q);  // k->sl_ans 0.9669
//   absl::StatusOr<int> n = acd::sim::FewestAgents(q, {.kpi = StaffingKpi::kSlAns,
//                                                     .limit = 0.8});
//
// Thread safety: pure functions.

#ifndef ACD_SIM_ERLANG_H_
#define ACD_SIM_ERLANG_H_

#include "absl/status/statusor.h"

namespace acd::sim {

// Erlang B: the blocking probability of `agents` servers and no queue, at
// `load` Erlangs (>= 0).
double ErlangB(double load, int agents);

struct QueueModel {
  // Arrival rate, per second; >= 0.
  double calls_per_s = 0;
  // Mean handle time, seconds; > 0.
  double aht_s = 1;
  // Agents; >= 1.
  int agents = 1;
  // Mean patience, seconds; 0 means none (Erlang C).
  double patience_s = 0;
  // Service-level threshold t, seconds; >= 0.
  double threshold_s = 20;
};

struct QueueKpis {
  double p_wait = 0;            // P(all agents busy on arrival)
  double p_abandon = 0;         // abandoned / offered
  double p_abandon_within = 0;  // abandoned within t / offered
  double sl_ans = 0;
  double sl_off = 0;
  double sl_g1 = 0;
  double asa_s = 0;       // mean wait of the answered
  double wait_all_s = 0;  // mean wait of everyone (abandoners until they leave)
  double occupancy = 0;   // busy agents / agents
};

// Erlang C. InvalidArgument when a value is out of range or the load
// calls_per_s * aht_s is not below `agents` (no steady state); patience_s is
// ignored.
absl::StatusOr<QueueKpis> ErlangC(const QueueModel& model);

// Erlang A (M/M/c+M); with patience_s 0 it is ErlangC. InvalidArgument for a
// value out of range.
absl::StatusOr<QueueKpis> ErlangA(const QueueModel& model);

// What a staffing target constrains.
enum class StaffingKpi { kSlAns, kSlOff, kSlG1, kAsa, kAbandon, kOccupancy };

struct StaffingGoal {
  StaffingKpi kpi = StaffingKpi::kSlAns;
  // Service levels: at least this; ASA (seconds), abandon rate and
  // occupancy: at most this.
  double limit = 0.8;
};

// Whether `kpis` meet `goal`.
bool Meets(const QueueKpis& kpis, const StaffingGoal& goal);

// The fewest agents (from model.agents' value ignored, searching upwards
// from 1) for which ErlangA (model with that head count) meets `goal`;
// OutOfRange if none up to `max_agents` does. With no arrivals: 0.
absl::StatusOr<int> FewestAgents(const QueueModel& model, const StaffingGoal& goal,
                                 int max_agents = 100000);

// The same under Erlang C (abandonment ignored): counts start above the load.
absl::StatusOr<int> FewestAgentsErlangC(const QueueModel& model, const StaffingGoal& goal,
                                        int max_agents = 100000);

// The square-root staffing rule: ceil(load + beta * sqrt(load)), at least 1
// for a positive load, 0 for none. beta = 1 is the usual quality-and-
// efficiency choice (about 80 % answered within a short threshold).
int SquareRootStaffing(double load, double beta = 1.0);

}  // namespace acd::sim

#endif  // ACD_SIM_ERLANG_H_
