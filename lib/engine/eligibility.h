// Who may receive an interaction (docs/design.md 3.3), defined once.
//
// Agent `a` is eligible for waiting interaction `x` when every rule below
// holds; `Rule` names them in the order decision records count them (the
// order of acd::DecisionFilters), and `Eligibility::Classify` returns the
// first that fails. Each rule is written once, as one of the predicates
// below, and Classify is their composition; nothing here changes state.
//
//   kNotMember        a is a member of x's workgroup            (rule 2)
//   kNotLoggedIn      a is logged in                            (rule 1)
//   kNotAvailable     a's status is acd_available and no
//                     no-answer delay is pending (ReadyForWork) (rule 1)
//   kNotActivated     a is activated in x's workgroup           (rule 2)
//   kPreferredWindow  inside x's preferred-agent window, a is
//                     the preferred agent (PreferenceKeepsOut)  (rule 7)
//   kExcluded         a is not excluded from x (Excludes)       (rule 6)
//   kNoCapacity       a has room for x's media (HasRoom)        (rule 3)
//   kSkills           a meets every requirement of x's group
//                     (unless any member may take it)           (rule 4)
//   kOutsideTier      a is inside x's current tier (SkillRule)  (rule 5)
//
// The fast paths compose the same predicates, or keep bitmaps of them:
//   * MemberWord::ready holds member i when rules 1 and 2 hold and the
//     agent has room for some media (used below 100 %, or some media takes
//     0 % of it): Classify(a, x, any tier) is none of kNotMember ..
//     kNotActivated exactly for the members in it and for the full ones.
//   * MemberWord::room bit (i, m) is HasRoom for media m, for each media
//     the workgroup keeps (AgentBook::WantRoom).
//   * The agent-freed walk (Engine::Impl::FillOnce) asks ReadyForWork once per
//     agent, HasRoom once per media, SkillRule once per bucket (every
//     interaction of a bucket shares its group and tier) and Excludes per
//     interaction.
// tests/engine/eligibility_test.cc checks each of them against Classify,
// and Classify against the reference router's rule.

#ifndef ACD_LIB_ENGINE_ELIGIBILITY_H_
#define ACD_LIB_ENGINE_ELIGIBILITY_H_

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/engine/agent_book.h"
#include "lib/engine/center.h"
#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"

namespace acd::internal {

enum class Rule : uint8_t {
  kNotMember,
  kNotLoggedIn,
  kNotAvailable,
  kNotActivated,
  kPreferredWindow,
  kExcluded,
  kNoCapacity,
  kSkills,
  kOutsideTier,
  kEligible,
};

// "not_logged_in", ..., "eligible" (DecisionFilters' field names).
absl::string_view RuleName(Rule rule);

// The rules that fail, as a set: different reports rank the same failures
// differently (wait reasons follow WaitReasonCode's order, the agent-freed
// walk counts capacity before skills), so each reads the set in its order.
class RuleSet {
 public:
  bool Has(Rule rule) const { return (bits_ >> static_cast<int>(rule)) & 1; }
  void Add(Rule rule) { bits_ |= uint16_t{1} << static_cast<int>(rule); }
  bool empty() const { return bits_ == 0; }
  // The first in Rule's order, or kEligible when none fails.
  Rule First() const {
    for (int r = 0; r < static_cast<int>(Rule::kEligible); ++r) {
      if ((bits_ >> r) & 1) return static_cast<Rule>(r);
    }
    return Rule::kEligible;
  }
  // The first of `order` that fails, or kEligible when none of them does.
  Rule FirstOf(std::initializer_list<Rule> order) const {
    for (Rule rule : order) {
      if (Has(rule)) return rule;
    }
    return Rule::kEligible;
  }

 private:
  uint16_t bits_ = 0;
};

// ---- The rules, one predicate each --------------------------------------------------

// Rule 1 without the log-in: an agent serving a no-answer delay is not
// ready until the delay's timer fires.
inline bool ReadyForWork(const Center& center, const AgentState& a) {
  return a.logged_in && center.status(a.status).acd_available && !a.delay_pending;
}

// Rule 3: room for one more interaction of `media` from `wg` (docs/design.md 3.4).
inline bool HasRoom(const Center& center, const AgentState& a, AgentId agent, WorkgroupId wg,
                    MediaType media) {
  return a.Fits(MediaIndex(media), center.UtilizationFor(agent, wg, media));
}

// Rule 6: an exclusion is in force for x, and for `agent`.
inline bool ExclusionOpen(const InteractionRecord& x, Time now) {
  return x.excluded.valid() && now < x.excluded_until;
}
inline bool Excludes(const InteractionRecord& x, AgentId agent, Time now) {
  return x.excluded == agent && now < x.excluded_until;
}

// Rule 7: inside x's preferred-agent window, every other agent is kept out.
inline bool PreferenceKeepsOut(const InteractionRecord& x, AgentId agent) {
  return x.preference_open && x.preferred_agent != agent;
}

// Rule 4: every requirement holds: the agent has the skill, proficiency
// within [min, max], desire at least the minimum. The agent's value of
// requirement k is skill_of(k) (SkillsOf or MemberSkillsOf, scoring.h).
template <typename SkillOf>
bool MeetsRequirements(const SkillOf& skill_of, const std::vector<SkillRequirement>& requirements) {
  for (size_t k = 0; k < requirements.size(); ++k) {
    const SkillRequirement& r = requirements[k];
    const SkillValue v = skill_of(k);
    if (v.proficiency == 0 || v.proficiency < r.min_proficiency ||
        v.proficiency > r.max_proficiency || v.desire < r.min_desire) {
      return false;
    }
  }
  return true;
}

// Tier k's condition (docs/design.md 3.6): proficiency strictly above `threshold`
// in every required skill.
template <typename SkillOf>
bool AboveThreshold(const SkillOf& skill_of, const std::vector<SkillRequirement>& requirements,
                    int threshold) {
  for (size_t k = 0; k < requirements.size(); ++k) {
    if (skill_of(k).proficiency <= threshold) return false;
  }
  return true;
}

// Rule 5: inside tier position `tier` of the group (without tiers, or
// after the last with "any member", everyone is).
template <typename SkillOf>
bool InsideTier(const SkillOf& skill_of, const Group& group, TierPosition tier) {
  return tier.mode != TierPosition::kTier ||
         AboveThreshold(skill_of, group.requirements, group.tiers[tier.tier].threshold);
}

// Whether rules 4 and 5 apply at all: after the last tier, with "any
// member", every member may take it whatever its skills.
inline bool SkillsApply(TierPosition tier) { return tier.mode != TierPosition::kAnyMember; }

// Rules 4 and 5 together, for the fast paths: kSkills, kOutsideTier or
// kEligible.
template <typename SkillOf>
Rule SkillRule(const SkillOf& skill_of, const Group& group, TierPosition tier) {
  if (!SkillsApply(tier)) return Rule::kEligible;
  if (!MeetsRequirements(skill_of, group.requirements)) return Rule::kSkills;
  if (!InsideTier(skill_of, group, tier)) return Rule::kOutsideTier;
  return Rule::kEligible;
}

// ---- Their composition ---------------------------------------------------------------

// A read-only view of the engine state the rules read.
class Eligibility {
 public:
  Eligibility(const Center& center, const AgentBook& agents, const std::vector<Group>& groups,
              Time now)
      : center_(center), agents_(agents), groups_(groups), now_(now) {}

  // Every rule `agent` fails for waiting `x` whose tier position is `tier`.
  RuleSet Failures(AgentId agent, const InteractionRecord& x, TierPosition tier) const;
  // The first rule `agent` fails for `x`, or kEligible.
  Rule Classify(AgentId agent, const InteractionRecord& x, TierPosition tier) const {
    return Failures(agent, x, tier).First();
  }

 private:
  const Center& center_;
  const AgentBook& agents_;
  const std::vector<Group>& groups_;
  Time now_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_ELIGIBILITY_H_
