// acd/decision.h: why the engine made an offer (docs/design.md 3.9).
//
// Just before each `Observer::OnOffer`, the engine calls
// `Observer::OnDecision` with a `DecisionRecord`: the direction of the
// decision, how many candidates each eligibility rule turned away, the score
// terms of the winner and of the runner-up, the tier in effect and the rule
// that separated the two. Records are on by default and cost no heap
// allocation (the engine fills one reused record); `Engine::SetDecisionRecords
// (false)` turns them off. The record is valid only during the call: copy
// what you keep. An offer that is not a routing decision, a blind transfer
// rung directly at a named agent (Transfer with an agent), has no record:
// its OnOffer follows an InteractionEvent with reason kTransferred.
//
// Example:
//
//   class Auditor : public acd::Observer {
//    public:
//     void OnDecision(const acd::DecisionRecord& d) override {
//       if (d.decided_by == acd::DecidedBy::kLowestId) ++coin_flips;
//     }
//     int coin_flips = 0;
//   };
//
// Scores: every term below is the term's value times its weight, computed
// with the formulas of docs/design.md 3.5 from the state at the moment of the
// decision; `interaction_score` and `agent_score` are the sums, added in the
// order the formulas are written (the engine compares exactly these sums).

#ifndef ACD_DECISION_H_
#define ACD_DECISION_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "acd/config.h"
#include "acd/ids.h"
#include "acd/time.h"

namespace acd {

enum class DecisionDirection : uint8_t {
  // An interaction became routable (arrived, returned to the queue, widened
  // a tier, its exclusion or preferred-agent window ended) and chose among
  // the members of its workgroup.
  kInteractionRoutable,
  // An agent gained capacity (logged in, became available, was activated,
  // finished an interaction or a wrap-up, its no-answer delay ended) and
  // chose among the waiting interactions of its activated workgroups.
  kAgentGainsCapacity,
};

absl::string_view DecisionDirectionName(DecisionDirection direction);

// What separated the winner from the runner-up, the first that differs.
enum class DecidedBy : uint8_t {
  kOnlyCandidate,     // no runner-up: a single eligible candidate
  kAgentScore,        // higher AgentScore (agent order kScore)
  kAgentOrder,        // the workgroup's other agent order (fewest
                      // interactions, least talk time, round robin)
  kInteractionScore,  // higher InteractionScore
  kLongestAvailable,  // equal scores: the agent available longest
  kLongestInQueue,    // equal scores: the interaction in queue longest
  kLowestId,          // all equal: the lower agent or interaction id
};

absl::string_view DecidedByName(DecidedBy decided_by);

// The scores of one (interaction, agent) pair at the decision.
struct ScoreTerms {
  // SkillScore(agent, interaction), unweighted; 0 without requirements.
  double skill_score = 0;
  // InteractionScore terms, with the interaction's workgroup's weights.
  double interaction_skill = 0;  // skill_score * W_skill
  double priority = 0;           // priority * W_priority
  double time_in_queue = 0;      // seconds in queue * W_time_in_queue
  double time_in_system = 0;     // seconds in system * W_time_in_system
  double interaction_score = 0;  // the sum of the four
  // AgentScore terms, with the same workgroup's agent weights.
  double agent_skill = 0;  // skill_score * W_agent_skill
  double cost = 0;         // cost * W_cost
  double available = 0;    // floor(available_s / available_interval_s) * W_available
  double attributes = 0;   // attr1 * W_attr1 + attr2 * W_attr2 + attr3 * W_attr3
  double agent_score = 0;  // the sum of the four
  // The key the agent order compared (higher wins): agent_score under
  // AgentOrder::kScore; minus answered count, minus talk time in
  // microseconds, or minus the round-robin distance under the others. Equal
  // to interaction_score in the kAgentGainsCapacity direction.
  double order_key = 0;
};

// One side of the comparison.
struct DecisionCandidate {
  InteractionId interaction;
  AgentId agent;
  // The agent's available-since and the interaction's queue entry: the
  // tie-break keys.
  Time available_since;
  Time entered_queue;
  ScoreTerms terms;
};

// How many candidates each rule turned away. Units: members of the
// interaction's workgroup (agents) in the kInteractionRoutable direction;
// waiting interactions in the kAgentGainsCapacity direction. Each candidate
// is counted once, under the first rule it fails, in the order listed,
// except that the agent direction checks exclusion last.
struct DecisionFilters {
  // Interaction direction only (always 0 for the other: the agent is ready).
  int32_t not_logged_in = 0;
  // Logged in, but the status is not acd_available or a no-answer delay runs.
  int32_t not_available = 0;
  // Agent direction: interactions of the agent's workgroups in which it is
  // not activated. Interaction direction: members not activated.
  int32_t not_activated = 0;
  // Inside a preferred-agent window for another agent.
  int32_t preferred_window = 0;
  // Interaction direction: the excluded agent (after its no-answer or
  // reject). Agent direction: the interactions the engine stepped over
  // because they exclude this agent while finding each examined bucket's
  // best two; others may hide deeper in a bucket (counted in `eligible`).
  int32_t excluded = 0;
  // No room for the interaction's media (used percent + percent > 100, or
  // the media's max assign reached).
  int32_t no_capacity = 0;
  // Agent direction only: interactions in buckets (identical requirements
  // and tier) the engine passed over unexamined, since their best could not
  // beat the runner-up; they may or may not be eligible.
  int32_t not_examined = 0;
  // A skill requirement fails (proficiency outside [min, max] or desire
  // below the minimum).
  int32_t skills = 0;
  // Meets the requirements but is outside the current tier.
  int32_t outside_tier = 0;
};

struct DecisionRecord {
  Time now;
  DecisionDirection direction = DecisionDirection::kInteractionRoutable;
  // The workgroup of the winning interaction, and its agent order.
  WorkgroupId workgroup;
  AgentOrder agent_order = AgentOrder::kScore;
  // Candidates that passed every rule (see DecisionFilters::excluded and
  // ::not_examined for the agent direction's limits).
  int32_t eligible = 0;
  DecisionFilters filtered;
  // The winning interaction's tier in effect: 0 without tiers, else k for
  // tier k (1-based, after skipping tiers that add nobody); `any_member`
  // when it is past its last tier with AfterLastTier::kAnyMember (then
  // `tier` is 0).
  int tier = 0;
  bool any_member = false;
  DecidedBy decided_by = DecidedBy::kOnlyCandidate;
  DecisionCandidate winner;
  // Valid when `has_runner_up`: the best candidate after the winner, under
  // the same order.
  bool has_runner_up = false;
  DecisionCandidate runner_up;
};

}  // namespace acd

#endif  // ACD_DECISION_H_
