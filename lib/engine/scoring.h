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

// Every requirement holds: the agent has the skill, proficiency within
// [min, max], desire at least the minimum.
inline bool MeetsRequirements(const std::vector<SkillValue>& skills,
                              const std::vector<SkillRequirement>& requirements) {
  for (const SkillRequirement& r : requirements) {
    const SkillValue& v = skills[r.skill.value()];
    if (v.proficiency == 0 || v.proficiency < r.min_proficiency ||
        v.proficiency > r.max_proficiency || v.desire < r.min_desire) {
      return false;
    }
  }
  return true;
}

// Proficiency strictly above `threshold` in every required skill.
inline bool AboveThreshold(const std::vector<SkillValue>& skills,
                           const std::vector<SkillRequirement>& requirements, int threshold) {
  for (const SkillRequirement& r : requirements) {
    if (skills[r.skill.value()].proficiency <= threshold) return false;
  }
  return true;
}

// Mean over requirements of (prof * w_prof + desire * w_desire) /
// |w_prof + w_desire|; 0 without requirements.
inline double SkillScore(const std::vector<SkillValue>& skills,
                         const std::vector<SkillRequirement>& requirements) {
  if (requirements.empty()) return 0;
  double sum = 0;
  for (const SkillRequirement& r : requirements) {
    const SkillValue& v = skills[r.skill.value()];
    sum += (v.proficiency * r.proficiency_weight + v.desire * r.desire_weight) /
           std::fabs(r.proficiency_weight + r.desire_weight);
  }
  return sum / static_cast<double>(requirements.size());
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
