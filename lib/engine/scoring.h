// The scoring formulas of docs/design.md 3.5, written once, literally (who may be
// scored at all is eligibility.h's).
//
// Times enter the formulas as seconds computed by dividing microseconds by
// 1e6 (exact for whole seconds), and every sum is taken in the order the
// formula is written, so that any implementation evaluating the same
// expressions orders candidates identically.

#ifndef ACD_LIB_ENGINE_SCORING_H_
#define ACD_LIB_ENGINE_SCORING_H_

#include <cmath>
#include <vector>

#include "absl/base/attributes.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/time.h"
#include "lib/engine/center.h"

namespace acd::internal {

inline double Secs(Duration d) { return static_cast<double>(d.microseconds()) / 1e6; }

// The skill formulas read an agent's value of requirement k through
// `skill_of(k)`, so that the engine can read it from the agent's own table
// or from its workgroup's member columns (Center::MemberSkills) alike.
// `SkillsOf` adapts an agent's table, indexed by SkillId.
struct SkillsOf {
  const std::vector<SkillValue>& skills;
  const std::vector<SkillRequirement>& requirements;
  SkillValue operator()(size_t k) const { return skills[requirements[k].skill.value()]; }
};

// Member `member` of a workgroup, through the columns of the requirements
// (WorkgroupModel::Column; a null column reads as zero).
struct MemberSkillsOf {
  const SkillValue* const* columns;
  uint32_t member;
  SkillValue operator()(size_t k) const {
    return columns[k] != nullptr ? columns[k][member] : SkillValue{};
  }
};

// Mean over requirements of (prof * w_prof + desire * w_desire) /
// |w_prof + w_desire|; 0 without requirements.
template <typename SkillOf>
double SkillScore(const SkillOf& skill_of, const std::vector<SkillRequirement>& requirements) {
  if (requirements.empty()) return 0;
  double sum = 0;
  for (size_t k = 0; k < requirements.size(); ++k) {
    const SkillRequirement& r = requirements[k];
    const SkillValue v = skill_of(k);
    sum += (v.proficiency * r.proficiency_weight + v.desire * r.desire_weight) /
           std::fabs(r.proficiency_weight + r.desire_weight);
  }
  return sum / static_cast<double>(requirements.size());
}

inline double SkillScore(const std::vector<SkillValue>& skills,
                         const std::vector<SkillRequirement>& requirements) {
  return SkillScore(SkillsOf{skills, requirements}, requirements);
}

// ---- Score: each formula of docs/design.md 3.5, with its terms --------------------------------
//
// Every term is its value times its weight; `sum` is what the engine
// compares. A term whose weight is zero is left out of the sum: adding a
// zero never changes a comparison, and most centers weigh only one or two
// terms. Always inlined, so that a caller reading only `sum` (the hot
// path) computes only the weighed terms: no call, no unused term.

// InteractionScore(x, a, t) = SkillScore * W_skill + priority * W_priority
//   + time_in_queue_s * W_time_in_queue + time_in_system_s * W_time_in_system.
struct InteractionScoreTerms {
  double skill = 0;
  double priority = 0;
  double time_in_queue = 0;
  double time_in_system = 0;
  double sum = 0;
};

ABSL_ATTRIBUTE_ALWAYS_INLINE inline InteractionScoreTerms Score(const InteractionWeights& w,
                                                                double skill_score, int priority,
                                                                Duration in_queue,
                                                                Duration in_system) {
  InteractionScoreTerms t;
  t.skill = skill_score * w.skill;
  t.priority = priority * w.priority;
  t.time_in_queue = Secs(in_queue) * w.time_in_queue;
  t.time_in_system = Secs(in_system) * w.time_in_system;
  if (w.skill != 0) t.sum += t.skill;
  if (w.priority != 0) t.sum += t.priority;
  if (w.time_in_queue != 0) t.sum += t.time_in_queue;
  if (w.time_in_system != 0) t.sum += t.time_in_system;
  return t;
}

// AgentScore(a, x, t) = SkillScore * W_agent_skill + cost * W_cost
//   + floor(available_s / available_interval_s) * W_available
//   + attr1 * W_attr1 + attr2 * W_attr2 + attr3 * W_attr3.
struct AgentScoreTerms {
  double skill = 0;
  double cost = 0;
  double available = 0;
  double attribute1 = 0;
  double attribute2 = 0;
  double attribute3 = 0;
  double sum = 0;
  // The three attribute terms as one (ScoreTerms::attributes).
  double attributes() const { return attribute1 + attribute2 + attribute3; }
};

ABSL_ATTRIBUTE_ALWAYS_INLINE inline AgentScoreTerms Score(const AgentWeights& w, double skill_score,
                                                          const AgentConfig& agent,
                                                          Duration available) {
  AgentScoreTerms t;
  t.skill = skill_score * w.skill;
  t.cost = agent.cost * w.cost;
  t.available = std::floor(Secs(available) / w.available_interval_s) * w.available;
  t.attribute1 = agent.attribute1 * w.attribute1;
  t.attribute2 = agent.attribute2 * w.attribute2;
  t.attribute3 = agent.attribute3 * w.attribute3;
  if (w.skill != 0) t.sum += t.skill;
  if (w.cost != 0) t.sum += t.cost;
  if (w.available != 0) t.sum += t.available;
  if (w.attribute1 != 0) t.sum += t.attribute1;
  if (w.attribute2 != 0) t.sum += t.attribute2;
  if (w.attribute3 != 0) t.sum += t.attribute3;
  return t;
}

// The InteractionScore of interaction record `x` at time `now`.
template <typename Record>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline InteractionScoreTerms ScoreAt(const InteractionWeights& w,
                                                                  double skill_score,
                                                                  const Record& x, Time now) {
  return Score(w, skill_score, x.priority, now - x.entered_queue, now - x.entered_system);
}

// The order of a waiting interaction among those of its group (which share
// its requirements, so its skill term): its InteractionScore at any time t
// less the part every member of the group gains alike by t, namely
// priority * W_priority - entered_queue_s * W_time_in_queue
//   - entered_system_s * W_time_in_system, with times since the epoch.
// Fixed while it waits; a higher key is a higher score at every t.
inline double InGroupKey(const InteractionWeights& w, int priority, Time entered_queue,
                         Time entered_system) {
  const auto seconds = [](Time t) { return static_cast<double>(t.microseconds()) / 1e6; };
  return priority * w.priority - seconds(entered_queue) * w.time_in_queue -
         seconds(entered_system) * w.time_in_system;
}

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_SCORING_H_
