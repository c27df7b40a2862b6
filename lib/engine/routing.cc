// The routing rules of acd/engine.h: eligibility, tiers and matching.

#include <algorithm>
#include <array>
#include <bit>
#include <tuple>
#include <vector>

#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"

namespace acd {

using internal::AboveThreshold;
using internal::AgentScore;
using internal::BucketOrder;
using internal::Group;
using internal::InteractionScore;
using internal::MediaIndex;
using internal::MeetsRequirements;
using internal::SkillScore;
using internal::Utilization;

// ---- Tiers ---------------------------------------------------------------------

// Whether some logged-in activated member meeting the group's requirements
// is in tier `tier` but not in the tier before it. Cached per roster version.
bool Engine::Impl::TierAdds(Group& group, int tier) {
  if (group.adds_version != roster_version_) {
    group.adds.assign(group.tiers.size(), false);
    for (AgentId member : center_.workgroup_model(group.workgroup).members) {
      const AgentState& a = agents_[member.value()];
      if (!a.logged_in || !a.active[center_.MembershipIndex(member, group.workgroup)]) continue;
      const auto& skills = center_.agent_model(member).skills;
      if (!MeetsRequirements(skills, group.requirements)) continue;
      // Thresholds decrease, so the first tier that admits it is the one it
      // adds to.
      for (size_t k = 0; k < group.tiers.size(); ++k) {
        if (AboveThreshold(skills, group.requirements, group.tiers[k].threshold)) {
          group.adds[k] = true;
          break;
        }
      }
    }
    group.adds_version = roster_version_;
  }
  return group.adds[tier];
}

internal::TierPosition Engine::Impl::PositionOf(Group& group, uint32_t bucket) {
  if (group.tiers.empty()) return {};
  const int n = static_cast<int>(group.tiers.size());
  int k = static_cast<int>(bucket);
  while (k < n && !TierAdds(group, k)) ++k;
  if (k < n) return {TierPosition::kTier, k};
  if (center_.workgroup(group.workgroup).after_last_tier == AfterLastTier::kAnyMember) {
    return {TierPosition::kAnyMember, 0};
  }
  return {TierPosition::kTier, n - 1};
}

// ---- Eligibility -----------------------------------------------------------------

// An agent serving a no-answer delay is not ready until the delay's timer
// fires (timers due at the same moment fire in their documented order).
bool Engine::Impl::ReadyForWork(const AgentState& a) const {
  return a.logged_in && center_.status(a.status).acd_available && !a.delay_pending;
}

bool Engine::Impl::HasCapacity(AgentId agent, WorkgroupId wg, MediaType media) const {
  const AgentState& a = agents_[agent.value()];
  const Utilization u = center_.UtilizationFor(agent, wg, media);
  return a.used_percent + u.percent <= 100 && a.count[MediaIndex(media)] < u.max_assign;
}

// Skills and tier, for an agent already ready, activated and with capacity.
bool Engine::Impl::Admits(AgentId agent, const Group& group, TierPosition tier) const {
  if (tier.mode == TierPosition::kAnyMember) return true;
  const auto& skills = center_.agent_model(agent).skills;
  if (!MeetsRequirements(skills, group.requirements)) return false;
  return tier.mode == TierPosition::kNoTiers ||
         AboveThreshold(skills, group.requirements, group.tiers[tier.tier].threshold);
}

// ---- Matching ----------------------------------------------------------------------

void Engine::Impl::RouteInteraction(InteractionRecord& x) {
  if (x.state != InteractionState::kWaiting) return;
  const AgentId best = ChooseAgent(x);
  if (best.valid()) Offer(x, best);
}

AgentId Engine::Impl::ChooseAgent(const InteractionRecord& x) {
  Group& group = groups_[x.group];
  const TierPosition tier = PositionOf(group, x.bucket);
  const WorkgroupConfig& config = center_.workgroup(x.workgroup);
  const AgentWeights& weights = config.agent_weights;
  const auto& members = center_.workgroup_model(x.workgroup).members;
  const internal::WorkgroupState& wg = workgroups_[x.workgroup.value()];
  const int64_t n = static_cast<int64_t>(members.size());
  // Round robin: the member index of the last agent offered one, or of the
  // member before where it would stand if it is no longer a member.
  int64_t last = -1;
  if (wg.last_offered.valid()) {
    const auto at = std::lower_bound(members.begin(), members.end(), wg.last_offered);
    last = (at - members.begin()) - (at != members.end() && *at == wg.last_offered ? 0 : 1);
  }
  AgentId best;
  double best_score = 0;
  Time best_since;
  // Ready members in ascending id order: a strict comparison keeps the
  // lowest id among equals. Every order is "higher score wins"; the
  // open-source orders use negated counters.
  for (size_t word = 0; word < wg.ready.size(); ++word) {
    for (uint64_t bits = wg.ready[word]; bits != 0; bits &= bits - 1) {
      const int64_t index = static_cast<int64_t>(word * 64) + std::countr_zero(bits);
      const AgentId agent = members[index];
      if (x.preference_open && agent != x.preferred_agent) continue;
      if (x.excluded == agent && now_ < x.excluded_until) continue;
      if (!HasCapacity(agent, x.workgroup, x.media) || !Admits(agent, group, tier)) continue;
      const AgentState& a = agents_[agent.value()];
      double score = 0;
      switch (config.agent_order) {
        case AgentOrder::kScore: {
          const double skill =
              weights.skill != 0 ? SkillScore(center_.agent_model(agent).skills, group.requirements)
                                 : 0;
          score = AgentScore(weights, skill, center_.agent(agent), now_ - a.available_since);
          break;
        }
        case AgentOrder::kFewestInteractions:
          score = -static_cast<double>(a.answered);
          break;
        case AgentOrder::kLeastTalkTime:
          score = -static_cast<double>(a.talk_time.microseconds());
          break;
        case AgentOrder::kRoundRobin:
          // The first member after the last one offered, cyclically.
          score = -static_cast<double>((index - last - 1 + n) % n);
          break;
      }
      if (!best.valid() || score > best_score ||
          (score == best_score && a.available_since < best_since)) {
        best = agent;
        best_score = score;
        best_since = a.available_since;
      }
    }
  }
  return best;
}

void Engine::Impl::FillAgent(AgentId agent) {
  const auto& model = center_.agent_model(agent);
  const BucketOrder order{slab_};
  while (ReadyForWork(agents_[agent.value()])) {
    const AgentState& a = agents_[agent.value()];
    InteractionRecord* best = nullptr;
    double best_score = 0;
    // Whether `x` with `score` would lose to the best so far.
    const auto loses = [&](const InteractionRecord& x, double score) {
      return best != nullptr && (score < best_score ||
                                 (score == best_score && std::tie(best->entered_queue, best->id) <
                                                             std::tie(x.entered_queue, x.id)));
    };
    for (size_t m = 0; m < model.workgroups.size(); ++m) {
      if (!a.active[m]) continue;
      const WorkgroupId wg = model.workgroups[m];
      const InteractionWeights& weights = center_.workgroup(wg).interaction_weights;
      // Capacity per media, worked out once per workgroup: -1 unknown.
      std::array<int8_t, kMediaTypeCount> capacity;
      capacity.fill(-1);
      for (uint32_t g : workgroups_[wg.value()].nonempty_groups) {
        Group& group = groups_[g];
        int8_t& fits = capacity[MediaIndex(group.media)];
        if (fits < 0) fits = HasCapacity(agent, wg, group.media) ? 1 : 0;
        if (fits == 0) continue;
        for (uint32_t k = 0; k < group.buckets.size(); ++k) {
          const internal::SlotHeap& bucket = group.buckets[k];
          if (bucket.empty()) continue;
          // Without a skill weight the score does not depend on the agent:
          // a bucket whose best cannot win is passed over before the
          // (dearer) skill check. Inside a bucket, order and score agree.
          const InteractionRecord& top = slab_[bucket.top()];
          if (weights.skill == 0 &&
              loses(top, InteractionScore(weights, 0, top.priority, now_ - top.entered_queue,
                                          now_ - top.entered_system))) {
            continue;
          }
          if (!Admits(agent, group, PositionOf(group, k))) continue;
          // The bucket's best interaction this agent is not excluded from;
          // exclusions are rare, so this is nearly always the top.
          uint32_t slot = bucket.top();
          const auto excluded = [&](uint32_t s) {
            return slab_[s].excluded == agent && now_ < slab_[s].excluded_until;
          };
          if (excluded(slot)) {
            slot = internal::kNoSlot;
            for (uint32_t s : bucket.slots()) {
              if (!excluded(s) && (slot == internal::kNoSlot || order.Better(s, slot))) slot = s;
            }
            if (slot == internal::kNoSlot) continue;
          }
          InteractionRecord& x = slab_[slot];
          const double skill =
              weights.skill != 0 ? SkillScore(model.skills, group.requirements) : 0;
          const double score = InteractionScore(weights, skill, x.priority, now_ - x.entered_queue,
                                                now_ - x.entered_system);
          if (!loses(x, score)) {
            best = &x;
            best_score = score;
          }
        }
      }
    }
    // Interactions inside their preferred-agent window for this agent.
    for (uint32_t slot : a.preferred) {
      InteractionRecord& x = slab_[slot];
      const int m = center_.MembershipIndex(agent, x.workgroup);
      if (m < 0 || !a.active[m] || !HasCapacity(agent, x.workgroup, x.media)) continue;
      if (x.excluded == agent && now_ < x.excluded_until) continue;
      Group& group = groups_[x.group];
      if (!Admits(agent, group, PositionOf(group, x.bucket))) continue;
      const InteractionWeights& weights = center_.workgroup(x.workgroup).interaction_weights;
      const double skill = weights.skill != 0 ? SkillScore(model.skills, group.requirements) : 0;
      const double score = InteractionScore(weights, skill, x.priority, now_ - x.entered_queue,
                                            now_ - x.entered_system);
      if (!loses(x, score)) {
        best = &x;
        best_score = score;
      }
    }
    if (best == nullptr) return;
    Offer(*best, agent);
  }
}

void Engine::Impl::Rebalance(const std::vector<WorkgroupId>& workgroups) {
  std::vector<WorkgroupId> unique = workgroups;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::vector<std::pair<Time, InteractionId>> order;
  for (WorkgroupId wg : unique) {
    for (uint32_t g : workgroups_[wg.value()].nonempty_groups) {
      for (const internal::SlotHeap& bucket : groups_[g].buckets) {
        for (uint32_t slot : bucket.slots()) {
          order.emplace_back(slab_[slot].entered_queue, slab_[slot].id);
        }
      }
    }
    for (uint32_t slot : workgroups_[wg.value()].reserved) {
      order.emplace_back(slab_[slot].entered_queue, slab_[slot].id);
    }
  }
  std::sort(order.begin(), order.end());
  for (const auto& [queued, id] : order) {
    if (const InteractionRecord* x = FindRecord(id)) RouteInteraction(Record(x->id));
  }
}

}  // namespace acd
