// The composition of the eligibility rules (eligibility.h).

#include "lib/engine/eligibility.h"

namespace acd::internal {

absl::string_view RuleName(Rule rule) {
  switch (rule) {
    case Rule::kNotMember:
      return "not_member";
    case Rule::kNotLoggedIn:
      return "not_logged_in";
    case Rule::kNotAvailable:
      return "not_available";
    case Rule::kNotActivated:
      return "not_activated";
    case Rule::kPreferredWindow:
      return "preferred_window";
    case Rule::kExcluded:
      return "excluded";
    case Rule::kNoCapacity:
      return "no_capacity";
    case Rule::kSkills:
      return "skills";
    case Rule::kOutsideTier:
      return "outside_tier";
    case Rule::kEligible:
      return "eligible";
  }
  return "?";
}

RuleSet Eligibility::Failures(AgentId agent, const InteractionRecord& x, TierPosition tier) const {
  RuleSet failed;
  const int m = center_.MembershipIndex(agent, x.workgroup);
  if (m < 0) {
    failed.Add(Rule::kNotMember);
    return failed;
  }
  const AgentState& a = agents_.agent(agent);
  if (!a.logged_in) failed.Add(Rule::kNotLoggedIn);
  if (!ReadyForWork(center_, a)) failed.Add(Rule::kNotAvailable);
  if (!a.active[m]) failed.Add(Rule::kNotActivated);
  if (PreferenceKeepsOut(x, agent)) failed.Add(Rule::kPreferredWindow);
  if (Excludes(x, agent, now_)) failed.Add(Rule::kExcluded);
  if (!HasRoom(center_, a, agent, x.workgroup, x.media)) failed.Add(Rule::kNoCapacity);
  // Both skill rules are asked apart, so that a report may rank them.
  if (SkillsApply(tier)) {
    const Group& group = groups_[x.group];
    const SkillsOf skills{center_.agent_model(agent).skills, group.requirements};
    if (!MeetsRequirements(skills, group.requirements)) failed.Add(Rule::kSkills);
    if (!InsideTier(skills, group, tier)) failed.Add(Rule::kOutsideTier);
  }
  return failed;
}

}  // namespace acd::internal

namespace acd {

// The rules on the engine's state.

internal::Eligibility Engine::Impl::eligibility() const {
  return internal::Eligibility(center_, agents_, interactions_.groups(), now_);
}

}  // namespace acd
