// The reference router's skill levels, scores, utilization and readiness,
// written out literally from the configuration (see reference_router.h).

#include <algorithm>
#include <cmath>
#include <string>

#include "tests/testing/reference_router.h"

namespace acd::testing {

int ReferenceRouter::SkillProficiency(AgentId a, SkillId s) const {
  const std::string& name = config_.skills[s.value()];
  for (const SkillLevel& own : config_.agents[a.value()].skills) {
    if (own.skill == name) return own.proficiency;
  }
  int best = 0;
  for (const auto& [wg, active] : agents_[a.value()].active) {
    for (const SkillLevel& inherited : config_.workgroups[wg].skills) {
      if (inherited.skill == name) best = std::max(best, inherited.proficiency);
    }
  }
  return best;
}

int ReferenceRouter::SkillDesire(AgentId a, SkillId s) const {
  const std::string& name = config_.skills[s.value()];
  for (const SkillLevel& own : config_.agents[a.value()].skills) {
    if (own.skill == name) return own.desire;
  }
  int best = 0, desire = 0;
  for (const auto& [wg, active] : agents_[a.value()].active) {
    for (const SkillLevel& inherited : config_.workgroups[wg].skills) {
      if (inherited.skill == name && inherited.proficiency > best) {
        best = inherited.proficiency;
        desire = inherited.desire;
      }
    }
  }
  return desire;
}

bool ReferenceRouter::HasSkills(AgentId a, const Interaction& x) const {
  for (const SkillRequirement& r : x.requirements) {
    const int p = SkillProficiency(a, r.skill);
    if (p == 0 || p < r.min_proficiency || p > r.max_proficiency) return false;
    if (SkillDesire(a, r.skill) < r.min_desire) return false;
  }
  return true;
}

bool ReferenceRouter::Above(AgentId a, const Interaction& x, int threshold) const {
  for (const SkillRequirement& r : x.requirements) {
    if (!(SkillProficiency(a, r.skill) > threshold)) return false;
  }
  return true;
}

double ReferenceRouter::SkillScore(AgentId a, const Interaction& x) const {
  if (x.requirements.empty()) return 0;
  double total = 0;
  for (const SkillRequirement& r : x.requirements) {
    total += (SkillProficiency(a, r.skill) * r.proficiency_weight +
              SkillDesire(a, r.skill) * r.desire_weight) /
             std::fabs(r.proficiency_weight + r.desire_weight);
  }
  return total / static_cast<double>(x.requirements.size());
}

MediaUtilization ReferenceRouter::UtilizationOf(AgentId a, WorkgroupId wg, MediaType m) const {
  for (const MediaUtilization& u : config_.agents[a.value()].utilization) {
    if (u.media == m) return u;
  }
  for (const MediaUtilization& u : config_.workgroups[wg.value()].utilization) {
    if (u.media == m) return u;
  }
  return MediaUtilization{.media = m};
}

bool ReferenceRouter::Active(AgentId a, WorkgroupId wg) const {
  auto it = agents_[a.value()].active.find(wg.value());
  return it != agents_[a.value()].active.end() && it->second;
}

bool ReferenceRouter::Ready(AgentId a) const {
  const Agent& agent = agents_[a.value()];
  return agent.logged_in && config_.statuses[agent.status.value()].acd_available &&
         !agent.delay_pending;
}

}  // namespace acd::testing
