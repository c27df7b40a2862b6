// The routing formulas of DESIGN 3.3 and 3.5, written once, literally.
//
// Times enter the formulas as seconds computed by dividing microseconds by
// 1e6 (exact for whole seconds), and every sum is taken in the order the
// formula is written, so that any implementation evaluating the same
// expressions orders candidates identically.

#ifndef ACD_LIB_ENGINE_SCORING_H_
#define ACD_LIB_ENGINE_SCORING_H_

#include <cmath>
#include <vector>

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

// Terms whose weight is zero are left out: adding a zero never changes a
// comparison, and most centers weigh only one or two terms.
inline double InteractionScore(const InteractionWeights& w, double skill_score, int priority,
                               Duration in_queue, Duration in_system) {
  double score = 0;
  if (w.skill != 0) score += skill_score * w.skill;
  if (w.priority != 0) score += priority * w.priority;
  if (w.time_in_queue != 0) score += Secs(in_queue) * w.time_in_queue;
  if (w.time_in_system != 0) score += Secs(in_system) * w.time_in_system;
  return score;
}

inline double AgentScore(const AgentWeights& w, double skill_score, const AgentConfig& agent,
                         Duration available) {
  double score = 0;
  if (w.skill != 0) score += skill_score * w.skill;
  if (w.cost != 0) score += agent.cost * w.cost;
  if (w.available != 0) score += std::floor(Secs(available) / w.available_interval_s) * w.available;
  if (w.attribute1 != 0) score += agent.attribute1 * w.attribute1;
  if (w.attribute2 != 0) score += agent.attribute2 * w.attribute2;
  if (w.attribute3 != 0) score += agent.attribute3 * w.attribute3;
  return score;
}

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_SCORING_H_
