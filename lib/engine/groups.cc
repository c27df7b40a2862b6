// Requirement groups (Group in engine_impl.h): the waiting interactions any
// agent would rank and admit alike, found by workgroup, media, skill
// requirements and tiers through a hash of that key.

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "lib/engine/engine_impl.h"

namespace acd {

using internal::Group;

namespace {

// The key's hash; equal keys are compared in full (SameRequirements,
// SameTiers).
uint64_t GroupHash(WorkgroupId wg, MediaType media,
                   const std::vector<SkillRequirement>& requirements,
                   const std::vector<TierConfig>& tiers) {
  uint64_t h = absl::HashOf(wg.value(), static_cast<int>(media));
  for (const SkillRequirement& r : requirements) {
    h = absl::HashOf(h, r.skill.value(), r.min_proficiency, r.max_proficiency, r.min_desire,
                     r.proficiency_weight, r.desire_weight);
  }
  for (const TierConfig& t : tiers) h = absl::HashOf(h, t.threshold, t.duration.microseconds());
  return h;
}

bool SameRequirements(const std::vector<SkillRequirement>& a,
                      const std::vector<SkillRequirement>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const SkillRequirement& x, const SkillRequirement& y) {
                      return x.skill == y.skill && x.min_proficiency == y.min_proficiency &&
                             x.max_proficiency == y.max_proficiency &&
                             x.min_desire == y.min_desire &&
                             x.proficiency_weight == y.proficiency_weight &&
                             x.desire_weight == y.desire_weight;
                    });
}

bool SameTiers(const std::vector<TierConfig>& a, const std::vector<TierConfig>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const TierConfig& x, const TierConfig& y) {
                      return x.threshold == y.threshold && x.duration == y.duration;
                    });
}

}  // namespace

uint32_t Engine::Impl::GroupFor(WorkgroupId wg, MediaType media,
                                const std::vector<SkillRequirement>& requirements,
                                const std::vector<TierConfig>& tiers) {
  std::vector<uint32_t>& candidates = groups_by_hash_[GroupHash(wg, media, requirements, tiers)];
  for (uint32_t g : candidates) {
    const Group& group = groups_[g];
    if (group.workgroup == wg && group.media == media &&
        SameRequirements(group.requirements, requirements) && SameTiers(group.tiers, tiers)) {
      return g;
    }
  }
  // Built (copying the requirements and tiers) before groups_ may grow:
  // they may be another group's.
  Group group{.workgroup = wg, .media = media, .requirements = requirements, .tiers = tiers};
  group.buckets.resize(tiers.size() + 1);
  group.top_position.resize(tiers.size() + 1);
  groups_.push_back(std::move(group));
  candidates.push_back(static_cast<uint32_t>(groups_.size() - 1));
  return static_cast<uint32_t>(groups_.size() - 1);
}

uint32_t Engine::Impl::GroupIn(const InteractionRecord& x, WorkgroupId wg) {
  const Group& group = groups_[x.group];
  return GroupFor(wg, x.media, group.requirements,
                  x.own_tiers ? group.tiers : center_.workgroup(wg).tiers);
}

}  // namespace acd
