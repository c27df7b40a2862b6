// sim/staffing.h: the fewest agents per reporting interval that meet every
// target, found by simulation (`acdsim staff`).
//
// What varies: the head count, per interval, of the scenario's staffable
// agent groups (AgentGroup.staffable, or the groups named in the options);
// everything else stays as written. A staffed group's shifts are replaced by
// its per-interval head counts (AgentGroup.agents_per_interval).
//
// Method, interval by interval in time order, earlier intervals frozen at
// the head counts already decided (a later interval inherits the backlog
// the earlier ones leave):
//
//   1. Start: per target, the Erlang A staffing of its traffic in the
//      interval (the interval's arrival rate, mean handle time plus the
//      workgroup's wrap-up, mean patience; sim/erlang.h), falling back to the
//      square-root rule (beta 1) when Erlang A has no answer; each target's
//      head count is split evenly over the staffable groups that are members
//      of its workgroups; per group, the largest share among targets on the
//      same traffic (the same set of contact types), summed over traffics.
//      From the second interval on, each group's start is that Erlang A
//      figure times the ratio of the previous interval's result to its
//      Erlang A figure (the search's correction carried forward).
//   2. Add (greedy): while a target is missed, add one agent to the group
//      whose extra agent most reduces the relative shortfall of the worst
//      missed target (ties: the larger reduction of all shortfalls, then
//      the group listed first); only groups that are members of a workgroup
//      of that target's contacts are tried.
//   3. Remove: for each group in turn, take agents away one at a time while
//      every target stays met. One pass: under monotonicity (more agents
//      never make a target worse, which common random numbers make nearly
//      exact) a group whose agent could not be removed stays so once others
//      lose agents. Candidates already simulated for the interval are not
//      simulated again.
//
//   4. Check (options.verify_replications = V > 0; acdsim staff's default
//      20): the whole day from time 0 with every head count found, on
//      replications R..R+V-1 of the seed, which no candidate ran. Where an
//      interval misses a target by the safety rule (below), the group that
//      serves the worst missed target and the fewest targets (ties: listed
//      first) gets as many agents as cover the miss at the rate one agent
//      of that group changed that target in the search (its failed
//      removal), at most twice, and at least as many as, the relative miss
//      times the square root of the agents serving the target (and at least
//      one); rounds repeat until every target is met in every interval (or
//      verify_rounds). This step catches what the truncated search cannot
//      see (backlog older than the history, the head counts after the
//      interval, which are lower than the search held) and seed noise.
//      Then the trim: in every interval, of the groups whose targets all
//      beat the rule in the last run, the one with the most room (the
//      excess over what one of its agents brought in the search) loses an
//      agent, all intervals at once; the day runs again; where an interval
//      then misses, the agent taken there (else in the nearest interval
//      before) comes back and that cell is not tried again, and the day
//      runs again to confirm (if it still misses, the whole batch comes
//      back); until no cell is left to try (or verify_rounds). The plan is
//      the last head counts whose run met every target everywhere.
//
// The safety rule (steps 2 to 4). A cell is one target in one interval
// where its slice has traffic; C cells in all (260 on scenarios/
// full_day.txtpb with five targets). With m and sd the mean and standard
// deviation of the cell's values over the replications, a target is met
// when
//
//     m - z * sd * sqrt(2 / V) >= limit   (service levels; m + ... <= limit
//                                           for ASA, abandonment, occupancy)
//     z = NormalQuantile(1 - options.miss_risk / C)   (3.550 for 0.05, 260)
//
// V the check's replications (the search's R with the check off). Why: a
// re-run of the written day with another seed and V replications has a
// mean m' with m' - m of sd sd * sqrt(2 / V) (two independent means of V),
// so a cell that meets the rule has its re-run mean beyond the limit with
// probability at most miss_risk / C, and all C cells together (Bonferroni)
// with probability at most miss_risk: the written day, re-run with any
// other seed and V (or more) replications, meets every target's mean in
// every interval with probability at least 1 - miss_risk (sd estimated
// from V values and normal means: approximately). In the search (steps 2
// and 3), m and sd are over the R replications of the truncated day, and
// with StaffingRule::kConfidence the search's 95 % half-width is added to
// the margin. "Met", as the plan reports it (Interval::met), is this rule on
// the check's V replications.
//
// Measured on scenarios/full_day.txtpb (all 8 groups, 80/20 calls and 80/60 s
// chats, the defaults of acdsim staff): the written day re-run with seeds 999,
// 4242, 31337 and 77, 20 replications each, had no cell with a mean below
// its limit (lowest 0.827); 6,459 agent-intervals. Before the rule (the
// check's 95 % lower bound alone): 6,052 agent-intervals, and 4, 4, 2 and 0
// of the 260 means below 80 % on those seeds.
//
// A candidate is judged by simulation with common random numbers:
// replications 0..R-1 of the same seed for every candidate, so candidates
// differ only by their staffing. The simulation starts `history_intervals`
// intervals before the one being decided (arrivals of Poisson contact types
// before that start are dropped, so the center starts empty there) and
// stops one interval after the interval's end (or the longest service-level
// threshold after it, if longer), the head counts held through that tail, so
// the contacts of the interval still waiting at its end are answered or
// abandon rather than drop out of the measures. Targets whose thresholds
// fit one simulation (one threshold per contact type) share it
// (MeasurementPasses). Replications with no contacts in the cell are left
// out of m and sd (with none left the target is met).
//
// Minimality: the search's removal pass leaves no agent that its own rule
// could spare; the trim takes away, on the check's replications, what the
// whole-day run shows room for. One agent fewer in a single cell then
// misses the rule on the check's replications in most cells, not all: a
// cell whose removal missed within a batch is not tried alone
// (tests/sim/staffing_test.cc: 6 of the 9 cells of its three busiest
// intervals miss).
//
// Limits: the greedy search is a heuristic for several groups (it finds a
// staffing where no single agent can be removed, not necessarily the fewest
// agent-intervals overall); the safety rule costs agents (the margin is
// about 1.1 standard deviations of one replication's value with the
// defaults); a short history ignores backlog older than it (step 4 makes
// up for it); head counts are capped at `max_agents` per group; listed and
// traced arrivals are not truncated.
//
// Thread safety: SolveStaffing may be called from any thread.

#ifndef ACD_SIM_STAFFING_H_
#define ACD_SIM_STAFFING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/scenario.h"
#include "sim/staffing_target.h"
#include "sim/statistics.h"

namespace acd::sim {

// When a target counts as met in an interval.
enum class StaffingRule {
  // The mean over the replications meets the limit.
  kMean,
  // The whole 95 % interval does: mean - half-width >= limit (service
  // levels), mean + half-width <= limit (the others). More agents; a re-run
  // with other seeds misses far less often.
  kConfidence,
};

struct StaffingOptions {
  // Replications per candidate. Range 1..100000.
  int replications = 10;
  // Intervals simulated before the one being decided; -1: from time 0
  // (exact, slowest). Range >= -1.
  int history_intervals = 2;
  // Most agents of one group in one interval. Range >= 1.
  int max_agents = 2000;
  StaffingRule rule = StaffingRule::kMean;
  // Added to every start (tests use it to make the search walk). Default 0.
  int start_offset = 0;
  // Step 4, the check of the whole day on fresh replications: how many
  // (replications R..R+V-1 of the seed, R = `replications`, which no
  // candidate ran); 0 skips it. Range 0..100000.
  int verify_replications = 0;
  // Most rounds of step 4 (each one whole-day run of every verifying
  // replication). Range >= 1.
  int verify_rounds = 30;
  // The safety rule's risk: the chance, at most, that a re-run of the
  // written day with another seed and V replications shows some
  // interval-target cell's mean beyond its limit. Range (0, 1).
  double miss_risk = 0.05;
  // Called after each decided interval (interval, intervals), for progress.
  std::function<void(int, int)> on_interval;
};

struct StaffingPlan {
  // Agent-group indices of the staffed groups, and their names.
  std::vector<int> groups;
  std::vector<std::string> group_names;
  struct Interval {
    int64_t start_s = 0;
    // Per staffed group: the head count found, and the Erlang A start.
    std::vector<int> agents;
    std::vector<int> erlang_a;
    // Per target, at the head counts found.
    std::vector<Summary> kpis;
    std::vector<bool> met;
  };
  std::vector<Interval> intervals;
  int64_t agent_intervals = 0;
  int64_t erlang_a_agent_intervals = 0;
  // Step 4: whole-day rounds run, agents it added, and whether the last
  // round met every target in every interval (false also when skipped).
  int verify_rounds = 0;
  int64_t verify_added = 0;
  // Agents the trim took away again (step 4).
  int64_t verify_removed = 0;
  bool verified = false;
  // Candidates simulated (each with every replication).
  int64_t candidates = 0;
  // Replication-intervals simulated (one replication through one reporting
  // interval), by the search (steps 2 and 3) and by the check (step 4).
  int64_t search_replication_intervals = 0;
  int64_t check_replication_intervals = 0;
  // The safety rule: interval-target cells with traffic, and its quantile.
  int64_t safety_cells = 0;
  double safety_z = 0;
};

// The staffing of `scenario` (its seed; options.replications replications
// per candidate). InvalidArgument when no group is staffable or `targets` is
// empty; Internal on an engine error.
absl::StatusOr<StaffingPlan> SolveStaffing(const Scenario& scenario,
                                           const std::vector<StaffingTarget>& targets,
                                           const StaffingOptions& options);

// The analytic start of step 1 for interval `interval`: per group of
// `groups` (agent-group indices).
std::vector<int> ErlangStart(const Scenario& scenario, const std::vector<StaffingTarget>& targets,
                             const std::vector<int>& groups, int interval);

// Whether agent group `group` is a member of a workgroup where contacts of
// `target`'s slice queue.
bool GroupServes(const Scenario& scenario, int group, const StaffingTarget& target);

// Whether contact type `contact_type` is in `target`'s slice.
bool TargetCovers(const Scenario& scenario, const StaffingTarget& target, int contact_type);

// Whether `target`'s slice has arrivals in `interval` (a rate above 0, or a
// listed arrival there): the cells that count for the safety rule.
bool SliceHasTraffic(const Scenario& scenario, const StaffingTarget& target, int interval);

// The safety rule's quantile: NormalQuantile(1 - risk / cells).
double SafetyZ(double risk, int64_t cells);
// z * sd * sqrt(2 / V): sd the standard deviation of `s`'s replications
// (from its half-width and count), V `check_replications`; 0 with fewer than
// two replications.
double SafetyMargin(const Summary& s, double z, int check_replications);
// Whether `s`'s mean less `margin` (plus it, for at-most targets) meets the
// limit; true without observations.
bool MeetsSafely(const StaffingTarget& target, const Summary& s, double margin);

// One simulation measures one service-level threshold per contact type, so
// targets needing different thresholds on the same contact type need
// separate runs (passes). Targets are packed in order into the first pass
// whose thresholds fit them; ASA, abandonment and occupancy go in pass 0.
struct MeasurementPasses {
  // [pass][contact type]: the threshold, seconds (the scenario's
  // service_level_s where no target sets one).
  std::vector<std::vector<double>> thresholds;
  // Per target, its pass.
  std::vector<int> pass_of;
};
MeasurementPasses PlanMeasurementPasses(const Scenario& scenario,
                                        const std::vector<StaffingTarget>& targets);
// Sets every contact type's thresholds to those of pass `pass`.
void ApplyMeasurementPass(const MeasurementPasses& passes, int pass, Scenario& scenario);

}  // namespace acd::sim

#endif  // ACD_SIM_STAFFING_H_
