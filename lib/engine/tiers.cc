// Where a waiting interaction stands in its tiers (docs/design.md 3.6): a tier
// that adds no logged-in activated member is skipped; after the last, it
// stays there or, if configured, any member may take it.

#include <vector>

#include "lib/engine/eligibility.h"
#include "lib/engine/engine_impl.h"

namespace acd {

using internal::Group;
using internal::Rule;
using internal::SkillRule;
using internal::SkillsOf;

// adds[k]: some logged-in activated member meeting the group's
// requirements is in tier k but not in the tier before it (docs/design.md 3.6).
void Engine::Impl::FillTierAdds(const Group& group, std::vector<bool>& adds) const {
  adds.assign(group.tiers.size(), false);
  for (AgentId member : center_.workgroup_model(group.workgroup).members) {
    const AgentState& a = agents_[member.value()];
    if (!a.logged_in || !a.active[center_.MembershipIndex(member, group.workgroup)]) continue;
    const SkillsOf skills{center_.agent_model(member).skills, group.requirements};
    // Thresholds decrease, so the first tier that admits it is the one it
    // adds to.
    for (size_t k = 0; k < group.tiers.size(); ++k) {
      const Rule rule = SkillRule(skills, group, {TierPosition::kTier, static_cast<int>(k)});
      if (rule == Rule::kSkills) break;
      if (rule == Rule::kEligible) {
        adds[k] = true;
        break;
      }
    }
  }
}

internal::TierPosition Engine::Impl::PositionOf(uint32_t g, uint32_t bucket) {
  const Group& group = interactions_.group(g);
  if (!group.tiers.empty()) {
    if (g >= tier_adds_.size()) tier_adds_.resize(interactions_.groups().size());
    internal::TierAdds& cache = tier_adds_[g];
    if (cache.version != agents_.roster_version()) {
      FillTierAdds(group, cache.adds);
      cache.version = agents_.roster_version();
    }
  }
  return PositionIn(g, bucket);
}

// From the group's cache when it is current; a const query after a roster
// change computes the same answer without updating it.
internal::TierPosition Engine::Impl::PositionIn(uint32_t g, uint32_t bucket) const {
  const Group& group = interactions_.group(g);
  if (group.tiers.empty()) return {};
  const bool cached = g < tier_adds_.size() && tier_adds_[g].version == agents_.roster_version();
  std::vector<bool> fresh;
  if (!cached) FillTierAdds(group, fresh);
  const std::vector<bool>& adds = cached ? tier_adds_[g].adds : fresh;
  const int n = static_cast<int>(group.tiers.size());
  int k = static_cast<int>(bucket);
  while (k < n && !adds[k]) ++k;
  if (k < n) return {TierPosition::kTier, k};
  if (center_.workgroup(group.workgroup).after_last_tier == AfterLastTier::kAnyMember) {
    return {TierPosition::kAnyMember, 0};
  }
  return {TierPosition::kTier, n - 1};
}

}  // namespace acd
