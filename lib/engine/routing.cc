// Matching (acd/engine.h): the agent for an interaction that became
// routable, and the interactions for an agent that gained capacity. Who may
// receive an interaction is eligibility.h's; the scores are scoring.h's;
// where the waiting ones are, the waiting index's (waiting_index.h).

#include <algorithm>
#include <array>
#include <bit>
#include <tuple>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "lib/engine/eligibility.h"
#include "lib/engine/engine_impl.h"
#include "lib/engine/ready_index.h"
#include "lib/engine/scoring.h"

namespace acd {

using internal::Group;
using internal::MediaIndex;
using internal::Rule;
using internal::RuleSet;
using internal::Score;
using internal::ScoreAt;
using internal::SkillRule;
using internal::SkillScore;
using internal::SkillsOf;
using internal::SkillValue;

// ---- Matching ----------------------------------------------------------------------

// What the workgroup's agent order ranks `agent` (member `index`) by for
// `x`, higher first: AgentScore (with the agent's SkillScore `skill`, 0
// when the skill weight is), or the open-source orders' negated counters.
double Engine::Impl::AgentOrderKey(const InteractionRecord& x, AgentId agent, int64_t index,
                                   double skill, Time since) const {
  const WorkgroupConfig& config = center_.workgroup(x.workgroup);
  const AgentState& a = agents_[agent.value()];
  switch (config.agent_order) {
    case AgentOrder::kScore:
      return Score(config.agent_weights, skill, center_.agent(agent), now_ - since).sum;
    case AgentOrder::kFewestInteractions:
      return -static_cast<double>(a.answered);
    case AgentOrder::kLeastTalkTime:
      return -static_cast<double>(a.talk_time.microseconds());
    case AgentOrder::kRoundRobin: {
      // The first member after the last one offered, cyclically. The last
      // one's member index, or, if it is no longer a member, the index of
      // the member before where it would stand.
      const auto& members = center_.workgroup_model(x.workgroup).members;
      const auto n = static_cast<int64_t>(members.size());
      const AgentId previous = last_offered_[x.workgroup.value()];
      int64_t last = -1;
      if (previous.valid()) {
        const auto at = std::lower_bound(members.begin(), members.end(), previous);
        last = (at - members.begin()) - (at != members.end() && *at == previous ? 0 : 1);
      }
      return -static_cast<double>((index - last - 1 + n) % n);
    }
  }
  return 0;
}

void Engine::Impl::RouteInteraction(InteractionRecord& x) {
  if (x.state != InteractionState::kWaiting) return;
  const bool record = Recording();
  if (record) {
    BeginDecision(DecisionDirection::kInteractionRoutable);
    CountUnready(x);
  }
  internal::AgentChoice second;
  const internal::AgentChoice best = ChooseAgent(x, record, second);
  if (!best.agent.valid()) return;
  if (record) EmitAgentChoice(x, best, second.agent.valid() ? &second : nullptr);
  Offer(x, best.agent);
}

// From the workgroup's ready index (ready_index.h) when the interaction's
// order over the members is the index's (the conditions below); otherwise,
// or when the index walk gives up, by the scan.
internal::AgentChoice Engine::Impl::ChooseAgent(const InteractionRecord& x, bool record,
                                                internal::AgentChoice& second) {
  const internal::MemberBits& wg = agents_.members(x.workgroup);
  // A workgroup without members has empty bitmaps (null data): no offset.
  if (wg.words.empty()) return internal::AgentChoice();
  const Group& group = interactions_.group(x.group);
  const WorkgroupConfig& config = center_.workgroup(x.workgroup);
  // Every agent's skill term is the same (0) for this interaction: with
  // W_skill = 0, or without requirements (SkillScore is then 0).
  if (wg.words.size() > internal::ReadyIndex::kMinMembers / 64 &&
      (config.agent_weights.skill == 0 || group.requirements.empty()) &&
      internal::ReadyIndex::OrderFixed(config)) {
    if (!wg.order.enabled()) agents_.WantOrder(x.workgroup);
    // A preferred-agent window leaves one member to look at (the scan's
    // bitmaps find it at once); with records, the filter counts need every
    // member's skills unless there are no requirements.
    if (wg.order.enabled() && !x.preference_open && (!record || group.requirements.empty())) {
      internal::AgentChoice best;
      if (ChooseFromOrder(x, record, best, second)) return best;
      second = internal::AgentChoice();
    }
  }
  return ScanMembers(x, record, second);
}

// Each class of the ready index best-first, over its heap with a frontier
// of positions whose parents were visited; the first member (two with
// records) that passes the filters is the class's candidate. Gives up
// after kMaxRejected members fail a filter, leaving the decision record
// untouched. With records (only without requirements: no member fails
// the skill rules), the filter counts are popcounts of the bitmaps.
bool Engine::Impl::ChooseFromOrder(const InteractionRecord& x, bool record,
                                   internal::AgentChoice& best, internal::AgentChoice& second) {
  constexpr int kMaxRejected = 32;
  const Group& group = interactions_.group(x.group);
  const TierPosition tier = PositionOf(x.group, x.bucket);
  const internal::WorkgroupModel& model = center_.workgroup_model(x.workgroup);
  const internal::MemberBits& wg = agents_.members(x.workgroup);
  const internal::ReadyIndex& order = wg.order;
  const int media = MediaIndex(x.media);
  absl::InlinedVector<const SkillValue*, 4> columns;
  for (const SkillRequirement& r : group.requirements) columns.push_back(model.Column(r.skill));
  const int64_t excluded =
      internal::ExclusionOpen(x, now_) ? center_.MemberIndex(x.excluded, x.workgroup) : -1;
  const auto passes = [&](uint32_t index) {
    if ((wg.words[index / 64].room[media] >> (index % 64) & 1) == 0) return false;
    if (index == excluded) return false;
    return SkillRule(internal::MemberSkillsOf{columns.data(), index}, group, tier) ==
           Rule::kEligible;
  };
  const size_t wanted = record ? 2 : 1;
  int rejected = 0;
  for (size_t c = 0; c < order.class_count(); ++c) {
    const std::vector<uint32_t>& heap = order.members_of(c).slots();
    if (heap.empty()) continue;
    const auto worse = [&](uint32_t p, uint32_t q) {
      return internal::ReadyIndex::Before(heap[q], heap[p], wg.since);
    };
    member_frontier_.assign(1, 0);
    size_t found = 0;
    while (!member_frontier_.empty() && found < wanted) {
      std::pop_heap(member_frontier_.begin(), member_frontier_.end(), worse);
      const uint32_t position = member_frontier_.back();
      member_frontier_.pop_back();
      const uint32_t index = heap[position];
      if (passes(index)) {
        ++found;
        const AgentId agent = model.members[index];
        const Time since = wg.since[index];
        const internal::AgentChoice candidate{agent, AgentOrderKey(x, agent, index, 0, since),
                                              since};
        if (!best.agent.valid() || candidate.Beats(best)) {
          second = best;
          best = candidate;
        } else if (!second.agent.valid() || candidate.Beats(second)) {
          second = candidate;
        }
      } else if (++rejected > kMaxRejected) {
        return false;
      }
      for (uint32_t child = 2 * position + 1; child <= 2 * position + 2; ++child) {
        if (child < heap.size()) {
          member_frontier_.push_back(child);
          std::push_heap(member_frontier_.begin(), member_frontier_.end(), worse);
        }
      }
    }
  }
  if (record) {
    // The scan's counts, in its order: exclusion, then room; no member
    // fails the skill rules without requirements.
    DecisionFilters& filtered = decision_.filtered;
    for (size_t word = 0; word < wg.words.size(); ++word) {
      uint64_t bits = wg.words[word].ready;
      if (excluded >= 0 && static_cast<size_t>(excluded / 64) == word) {
        const uint64_t out = bits & uint64_t{1} << (excluded % 64);
        if (out != 0) ++filtered.excluded;
        bits &= ~out;
      }
      const uint64_t has_room = wg.words[word].room[media];
      filtered.no_capacity += std::popcount(bits & ~has_room);
      decision_.eligible += std::popcount(bits & has_room);
    }
  }
  return true;
}

namespace {

// Whether AgentScore ranks the members of `config`'s workgroup for an
// interaction of `group` in ascending (since, member index), Beats's order
// on ties: with the kScore order and W_available >= 0, when no other term
// tells members apart (no cost or attribute weight, and the skill term 0
// for every agent). The score is then the same constant plus
// floor(available_s / interval) * W_available (never a NaN: weights are
// finite, and an unweighed term is left out of the sum), which does not
// increase with `since` (ready_index.h makes the same argument per class).
bool SinceOrders(const WorkgroupConfig& config, const Group& group) {
  const AgentWeights& w = config.agent_weights;
  return internal::ReadyIndex::OrderFixed(config) && w.cost == 0 && w.attribute1 == 0 &&
         w.attribute2 == 0 && w.attribute3 == 0 && (w.skill == 0 || group.requirements.empty());
}

}  // namespace

// The scan runs over the workgroup's member bitmaps a word at a time, and
// reads required skills from the workgroup's member columns: it touches an
// agent's own records only to score it, and when the order over members is
// by `since` (SinceOrders), only the best two.
internal::AgentChoice Engine::Impl::ScanMembers(const InteractionRecord& x, bool record,
                                                internal::AgentChoice& second) {
  const Group& group = interactions_.group(x.group);
  // Without tiers, PositionOf's answer is the default.
  const TierPosition tier = group.tiers.empty() ? TierPosition() : PositionOf(x.group, x.bucket);
  const internal::WorkgroupModel& model = center_.workgroup_model(x.workgroup);
  const internal::MemberBits& wg = agents_.members(x.workgroup);
  const int media = MediaIndex(x.media);
  const WorkgroupConfig& config = center_.workgroup(x.workgroup);
  const bool by_score = config.agent_order == AgentOrder::kScore;
  const AgentWeights& weights = config.agent_weights;
  const bool skill_weighed = by_score && weights.skill != 0;
  absl::InlinedVector<const SkillValue*, 4> columns;
  absl::InlinedVector<const uint64_t*, 4> holders;
  for (const SkillRequirement& r : group.requirements) {
    columns.push_back(model.Column(r.skill));
    holders.push_back(model.ColumnBits(r.skill));
  }
  // Members without a required skill fail rule 4 (unless any member may
  // take it): dropped a word at a time, counted as SkillRule would.
  const bool drop_unskilled = !holders.empty() && internal::SkillsApply(tier);
  // Rules 7 and 6 as member bits (PreferenceKeepsOut, Excludes): inside a
  // preferred-agent window only that agent may take it (-1: no member
  // may); an excluded agent may not.
  const int64_t only = x.preference_open ? center_.MemberIndex(x.preferred_agent, x.workgroup) : -1;
  const int64_t excluded =
      internal::ExclusionOpen(x, now_) ? center_.MemberIndex(x.excluded, x.workgroup) : -1;
  const auto bit_of = [](int64_t index, size_t word) {
    return index >= 0 && static_cast<size_t>(index / 64) == word ? uint64_t{1} << (index % 64)
                                                                 : uint64_t{0};
  };
  // Without requirements every member passes rules 4 and 5.
  const bool skill_rules = !group.requirements.empty();
  const bool by_since = SinceOrders(config, group);
  // With by_since: the best member so far, and with records the runner-up.
  constexpr uint32_t kNone = UINT32_MAX;
  uint32_t best_index = kNone, second_index = kNone;
  Time best_since, second_since;
  DecisionFilters& filtered = decision_.filtered;
  internal::AgentChoice best;
  // Ready members in ascending id order; ties in score go to the one
  // available longest, then the lowest id (AgentChoice::Beats). Each is
  // counted under the first rule it fails, in DecisionFilters' order: the
  // rule of Eligibility::Classify, from the bitmaps of eligibility.h.
  for (size_t word = 0; word < wg.words.size(); ++word) {
    uint64_t bits = wg.words[word].ready;
    if (bits == 0) continue;
    if (x.preference_open) {
      const uint64_t keep = bit_of(only, word);
      if (record) filtered.preferred_window += std::popcount(bits & ~keep);
      bits &= keep;
    }
    if (const uint64_t out = bits & bit_of(excluded, word); out != 0) {
      if (record) ++filtered.excluded;
      bits &= ~out;
    }
    const uint64_t has_room = wg.words[word].room[media];
    if (record) filtered.no_capacity += std::popcount(bits & ~has_room);
    bits &= has_room;
    if (drop_unskilled) {
      uint64_t skilled = bits;
      for (const uint64_t* held : holders) skilled &= held != nullptr ? held[word] : 0;
      if (record) filtered.skills += std::popcount(bits & ~skilled);
      bits = skilled;
    }
    if (by_since) {
      // Members come in ascending index: an equal `since` does not beat.
      for (; bits != 0; bits &= bits - 1) {
        const auto index = static_cast<uint32_t>(word * 64 + std::countr_zero(bits));
        if (skill_rules) {
          const internal::MemberSkillsOf skills{columns.data(), index};
          if (const Rule rule = SkillRule(skills, group, tier); rule != Rule::kEligible) {
            if (record) ++(rule == Rule::kSkills ? filtered.skills : filtered.outside_tier);
            continue;
          }
        }
        if (record) ++decision_.eligible;
        const Time since = wg.since[index];
        if (best_index == kNone || since < best_since) {
          second_index = best_index;
          second_since = best_since;
          best_index = index;
          best_since = since;
        } else if (record && (second_index == kNone || since < second_since)) {
          second_index = index;
          second_since = since;
        }
      }
      continue;
    }
    for (; bits != 0; bits &= bits - 1) {
      const auto index = static_cast<uint32_t>(word * 64 + std::countr_zero(bits));
      const internal::MemberSkillsOf skills{columns.data(), index};
      if (const Rule rule = SkillRule(skills, group, tier); rule != Rule::kEligible) {
        if (record) ++(rule == Rule::kSkills ? filtered.skills : filtered.outside_tier);
        continue;
      }
      const AgentId agent = model.members[index];
      const double skill = skill_weighed ? SkillScore(skills, group.requirements) : 0;
      const Time since = wg.since[index];
      // AgentOrderKey, with its kScore case inline: the weights are looked
      // up once per scan, not per member.
      const double key = by_score ? Score(weights, skill, center_.agent(agent), now_ - since).sum
                                  : AgentOrderKey(x, agent, index, skill, since);
      const internal::AgentChoice candidate{agent, key, since};
      if (!best.agent.valid() || candidate.Beats(best)) {
        second = best;
        best = candidate;
      } else if (record && (!second.agent.valid() || candidate.Beats(second))) {
        second = candidate;
      }
      if (record) ++decision_.eligible;
    }
  }
  if (by_since) {
    // AgentOrderKey's kScore case, with a skill term of 0.
    const auto choice = [&](uint32_t index, Time since) {
      const AgentId agent = model.members[index];
      return internal::AgentChoice{
          agent, Score(weights, 0, center_.agent(agent), now_ - since).sum, since};
    };
    if (best_index != kNone) best = choice(best_index, best_since);
    if (record && second_index != kNone) second = choice(second_index, second_since);
  }
  return best;
}

void Engine::Impl::FillAgent(AgentId agent) {
  while (ReadyForWork(agents_[agent.value()])) {
    if (!FillOnce(agent)) return;
  }
}

// The best interaction for `agent`, by InteractionScore, then longest in
// queue, then lowest id; with records on, the runner-up too.
bool Engine::Impl::FillOnce(AgentId agent) {
  const auto& model = center_.agent_model(agent);
  const AgentState& a = agents_[agent.value()];
  const bool record = Recording();
  if (record) BeginDecision(DecisionDirection::kAgentGainsCapacity);
  internal::InteractionChoice choice{.keep_second = record};
  for (size_t m = 0; m < model.workgroups.size(); ++m) {
    const WorkgroupId wg = model.workgroups[m];
    // Nothing filed in the workgroup (the common case while agents
    // outnumber calls): nothing to walk, and without records nothing to count.
    if (a.active[m]) {
      if (record || !interactions_.queue(wg).nonempty_groups.empty()) {
        ChooseInWorkgroup(agent, wg, choice);
      }
    } else if (record) {
      decision_.filtered.not_activated += static_cast<int32_t>(stats_.counters(wg).waiting);
    }
  }
  if (!a.preferred.empty()) ChooseAmongPreferred(agent, choice);
  if (choice.best == nullptr) return false;
  if (record) EmitInteractionChoice(agent, *choice.best, choice.second);
  Offer(*choice.best, agent);
  return true;
}

// Each media the agent has room for, through the workgroup's heap of
// bucket tops. Without a skill weight, scores across buckets follow the
// tops' order for every agent, so the walk goes best top first and stops at
// the first top that can neither win nor place second; with one, the skill
// term differs by group and every bucket is visited.
void Engine::Impl::ChooseInWorkgroup(AgentId agent, WorkgroupId wg,
                                     internal::InteractionChoice& choice) {
  const bool record = choice.keep_second;
  if (record) CountReservedForOthers(agent, wg);
  const internal::WorkgroupQueue& state = interactions_.queue(wg);
  // Nothing filed in any bucket (the common case when agents outnumber
  // calls): every media's heap of tops is empty.
  if (state.nonempty_groups.empty()) return;
  const InteractionWeights& weights = center_.workgroup(wg).interaction_weights;
  for (int media = 0; media < kMediaTypeCount; ++media) {
    const std::vector<uint32_t>& tops = state.tops[media].slots();
    if (tops.empty()) continue;
    if (!HasCapacity(agent, wg, static_cast<MediaType>(media))) {
      if (record) decision_.filtered.no_capacity += static_cast<int32_t>(state.filed[media]);
      continue;
    }
    if (weights.skill != 0) {
      for (uint32_t ref : tops) VisitBucket(agent, ref, weights, choice);
      continue;
    }
    // Best-first over the heap: the frontier holds positions whose parents
    // were visited, best top on its front.
    const auto worse = [&](uint32_t p, uint32_t q) {
      return interactions_.BucketBefore(tops[q], tops[p]);
    };
    frontier_.assign(1, 0);
    int64_t visited = 0;
    while (!frontier_.empty()) {
      std::pop_heap(frontier_.begin(), frontier_.end(), worse);
      const uint32_t position = frontier_.back();
      frontier_.pop_back();
      const InteractionRecord& top = interactions_.TopOf(tops[position]);
      if (choice.Hopeless(top, ScoreAt(weights, 0, top, now_).sum)) {
        break;
      }
      visited += VisitBucket(agent, tops[position], weights, choice);
      for (uint32_t child = 2 * position + 1; child <= 2 * position + 2; ++child) {
        if (child < tops.size()) {
          frontier_.push_back(child);
          std::push_heap(frontier_.begin(), frontier_.end(), worse);
        }
      }
    }
    if (record)
      decision_.filtered.not_examined += static_cast<int32_t>(state.filed[media] - visited);
  }
}

int64_t Engine::Impl::VisitBucket(AgentId agent, uint32_t ref, const InteractionWeights& weights,
                                  internal::InteractionChoice& choice) {
  const uint32_t g = internal::GroupOfRef(ref);
  const Group& group = interactions_.group(g);
  const uint32_t k = internal::BucketOfRef(ref);
  const internal::SlotHeap& bucket = group.buckets[k];
  const auto size = static_cast<int32_t>(bucket.size());
  const bool record = choice.keep_second;
  const auto& skills = center_.agent_model(agent).skills;
  DecisionFilters& filtered = decision_.filtered;
  // Rules 4 and 5 once for the bucket: its interactions share them.
  if (const Rule rule = SkillRule(SkillsOf{skills, group.requirements}, group, PositionOf(g, k));
      rule != Rule::kEligible) {
    if (record) (rule == Rule::kSkills ? filtered.skills : filtered.outside_tier) += size;
    return size;
  }
  const double skill = weights.skill != 0 ? SkillScore(skills, group.requirements) : 0;
  const int32_t stepped_over = ConsiderBucket(agent, bucket, weights, skill, choice);
  if (record) {
    filtered.excluded += stepped_over;
    decision_.eligible += size - stepped_over;
  }
  return size;
}

// Offers the bucket's best one (two with records) that `agent` is not
// excluded from to `choice`; returns how many excluded ones it stepped
// over. The best two are the top and its better child unless an exclusion
// is in the way (rare), which takes a scan.
int32_t Engine::Impl::ConsiderBucket(AgentId agent, const internal::SlotHeap& bucket,
                                     const InteractionWeights& weights, double skill,
                                     internal::InteractionChoice& choice) {
  const auto excluded = [&](uint32_t s) {
    return internal::Excludes(interactions_.record(s), agent, now_);
  };
  const auto consider = [&](uint32_t slot) {
    InteractionRecord& x = interactions_.record(slot);
    choice.Consider(x, ScoreAt(weights, skill, x, now_).sum);
  };
  const auto& slots = bucket.slots();
  const size_t wanted = choice.keep_second ? 3 : 1;
  bool clean = true;
  for (size_t c = 0; clean && c < wanted && c < slots.size(); ++c) clean = !excluded(slots[c]);
  if (clean) {
    consider(slots[0]);
    if (choice.keep_second && slots.size() > 1) {
      consider(slots.size() > 2 && interactions_.SlotBefore(slots[2], slots[1]) ? slots[2]
                                                                                : slots[1]);
    }
    return 0;
  }
  uint32_t first = internal::kNoSlot, next = internal::kNoSlot;
  int32_t stepped_over = 0;
  for (uint32_t s : slots) {
    if (excluded(s)) {
      ++stepped_over;
    } else if (first == internal::kNoSlot || interactions_.SlotBefore(s, first)) {
      next = first;
      first = s;
    } else if (next == internal::kNoSlot || interactions_.SlotBefore(s, next)) {
      next = s;
    }
  }
  if (first != internal::kNoSlot) consider(first);
  if (choice.keep_second && next != internal::kNoSlot) consider(next);
  return stepped_over;
}

// Interactions inside their preferred-agent window for `agent`, each
// classified in full; counted in the walk's order (capacity, skills, tier,
// exclusion), not Classify's.
void Engine::Impl::ChooseAmongPreferred(AgentId agent, internal::InteractionChoice& choice) {
  const auto& skills = center_.agent_model(agent).skills;
  const AgentState& a = agents_[agent.value()];
  const bool record = choice.keep_second;
  DecisionFilters& filtered = decision_.filtered;
  const internal::Eligibility rules = eligibility();
  for (uint32_t slot : a.preferred) {
    InteractionRecord& x = interactions_.record(slot);
    const Group& group = interactions_.group(x.group);
    const RuleSet failed = rules.Failures(agent, x, PositionOf(x.group, x.bucket));
    // Not a member or not activated: counted with its workgroup.
    if (failed.Has(Rule::kNotMember) || failed.Has(Rule::kNotActivated)) continue;
    switch (
        failed.FirstOf({Rule::kNoCapacity, Rule::kSkills, Rule::kOutsideTier, Rule::kExcluded})) {
      case Rule::kNoCapacity:
        if (record) ++filtered.no_capacity;
        continue;
      case Rule::kSkills:
        if (record) ++filtered.skills;
        continue;
      case Rule::kOutsideTier:
        if (record) ++filtered.outside_tier;
        continue;
      case Rule::kExcluded:
        if (record) ++filtered.excluded;
        continue;
      default:
        break;
    }
    const InteractionWeights& weights = center_.workgroup(x.workgroup).interaction_weights;
    const double skill = weights.skill != 0 ? SkillScore(skills, group.requirements) : 0;
    choice.Consider(x, ScoreAt(weights, skill, x, now_).sum);
    if (record) ++decision_.eligible;
  }
}

void Engine::Impl::Rebalance(const std::vector<WorkgroupId>& workgroups) {
  std::vector<WorkgroupId> unique = workgroups;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  std::vector<std::pair<Time, InteractionId>> order;
  for (WorkgroupId wg : unique) {
    interactions_.ForEachWaiting(wg, [&](uint32_t slot) {
      const InteractionRecord& x = interactions_.record(slot);
      order.emplace_back(x.entered_queue, x.id);
    });
  }
  std::sort(order.begin(), order.end());
  for (const auto& [queued, id] : order) {
    if (const InteractionRecord* x = FindRecord(id)) RouteInteraction(Record(x->id));
  }
}

}  // namespace acd
