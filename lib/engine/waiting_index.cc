// The waiting index (waiting_index.h): records, requirement groups, bucket
// heaps, heaps of bucket tops and reserved lists.

#include "lib/engine/waiting_index.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"
#include "acd/status_macros.h"

namespace acd::internal {

WaitingIndex::WaitingIndex(const Center& center, AgentBook& agents)
    : center_(center), agents_(agents), queues_(center.workgroup_count()) {}

// ---- Records --------------------------------------------------------------------

InteractionRecord* WaitingIndex::TryCreate(InteractionId id) {
  size_t entry = Home(id);
  for (; table_[entry] != kNoSlot; entry = Next(entry)) {
    if (slab_[table_[entry]].id == id) return nullptr;
  }
  uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<uint32_t>(slab_.size());
    slab_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slab_[slot] = InteractionRecord{};
  }
  slab_[slot].id = id;
  table_[entry] = slot;
  if (++live_ * 2 > table_.size()) GrowTable();
  return &slab_[slot];
}

void WaitingIndex::GrowTable() {
  table_.assign(table_.size() * 2, kNoSlot);
  --table_shift_;
  for (uint32_t slot = 0; slot < slab_.size(); ++slot) {
    if (!slab_[slot].id.valid()) continue;
    size_t entry = Home(slab_[slot].id);
    while (table_[entry] != kNoSlot) entry = Next(entry);
    table_[entry] = slot;
  }
}

// Backward-shift deletion: each later entry of the probe run moves into the
// gap when its home is not between the gap and itself (cyclically), so every
// live id stays reachable from its home without passing an empty entry.
void WaitingIndex::Delete(InteractionRecord& x) {
  const uint32_t slot = SlotOf(x);
  const size_t mask = table_.size() - 1;
  size_t gap = Home(x.id);
  while (table_[gap] != slot) gap = Next(gap);
  for (size_t entry = Next(gap); table_[entry] != kNoSlot; entry = Next(entry)) {
    const size_t home = Home(slab_[table_[entry]].id);
    if (((entry - home) & mask) >= ((entry - gap) & mask)) {
      table_[gap] = table_[entry];
      gap = entry;
    }
  }
  table_[gap] = kNoSlot;
  --live_;
  free_slots_.push_back(slot);
  x.id = InteractionId();
}

std::vector<InteractionId> WaitingIndex::LiveIds() const {
  std::vector<InteractionId> ids;
  ids.reserve(live_);
  ForEachLive([&ids](const InteractionRecord& x) { ids.push_back(x.id); });
  std::sort(ids.begin(), ids.end());
  return ids;
}

// ---- Requirement groups -----------------------------------------------------------

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

uint32_t WaitingIndex::GroupFor(WorkgroupId wg, MediaType media,
                                const std::vector<SkillRequirement>& requirements,
                                const std::vector<TierConfig>& tiers) {
  // Groups are never removed or renumbered: the last one found for the
  // workgroup and media is still that group, and still this key if its
  // requirements and tiers are.
  uint32_t& last = queues_[wg.value()].last_group[MediaIndex(media)];
  if (last != WorkgroupQueue::kNoGroup &&
      SameRequirements(groups_[last].requirements, requirements) &&
      SameTiers(groups_[last].tiers, tiers)) {
    return last;
  }
  std::vector<uint32_t>& candidates = groups_by_hash_[GroupHash(wg, media, requirements, tiers)];
  for (uint32_t g : candidates) {
    const Group& group = groups_[g];
    if (group.workgroup == wg && group.media == media &&
        SameRequirements(group.requirements, requirements) && SameTiers(group.tiers, tiers)) {
      last = g;
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
  last = static_cast<uint32_t>(groups_.size() - 1);
  // Routing reads the workgroup's room bits of the media only for
  // interactions of a group of both.
  agents_.WantRoom(wg, media);
  return last;
}

uint32_t WaitingIndex::GroupIn(const InteractionRecord& x, WorkgroupId wg) {
  const Group& group = groups_[x.group];
  return GroupFor(wg, x.media, group.requirements,
                  x.own_tiers ? group.tiers : center_.workgroup(wg).tiers);
}

// ---- Filing -------------------------------------------------------------------------

namespace {

// Appends `slot` to `list`, recording where.
void AddToList(std::vector<uint32_t>& list, uint32_t slot, uint32_t& position) {
  position = static_cast<uint32_t>(list.size());
  list.push_back(slot);
}

// Removes the slot at `position` by moving the last one there.
template <typename PositionOf>
void RemoveFromList(std::vector<uint32_t>& list, uint32_t position, PositionOf position_of) {
  list[position] = list.back();
  position_of(list[position]) = position;
  list.pop_back();
}

}  // namespace

void WaitingIndex::File(InteractionRecord& x) {
  const uint32_t slot = SlotOf(x);
  if (x.preference_open) {
    x.reserved = true;
    AddToList(queues_[x.workgroup.value()].reserved, slot, x.reserved_position);
    x.preferred_position = agents_.AddPreferred(x.preferred_agent, slot);
    return;
  }
  x.reserved = false;
  PushToBucket(x, x.bucket);
  Group& group = groups_[x.group];
  if (group.waiting++ == 0) {
    auto& list = queues_[x.workgroup.value()].nonempty_groups;
    group.nonempty_position = static_cast<int64_t>(list.size());
    list.push_back(x.group);
  }
}

void WaitingIndex::Unfile(InteractionRecord& x) {
  if (x.reserved) {
    RemoveFromList(queues_[x.workgroup.value()].reserved, x.reserved_position,
                   [this](uint32_t s) -> uint32_t& { return slab_[s].reserved_position; });
    const uint32_t moved = agents_.RemovePreferred(x.preferred_agent, x.preferred_position);
    if (moved != kNoSlot) slab_[moved].preferred_position = x.preferred_position;
    x.reserved = false;
    return;
  }
  RemoveFromBucket(x);
  Group& group = groups_[x.group];
  if (--group.waiting == 0) {
    auto& list = queues_[x.workgroup.value()].nonempty_groups;
    const size_t at = static_cast<size_t>(group.nonempty_position);
    list[at] = list.back();
    groups_[list[at]].nonempty_position = static_cast<int64_t>(at);
    list.pop_back();
    group.nonempty_position = -1;
  }
}

void WaitingIndex::MoveBucket(InteractionRecord& x, uint32_t bucket) {
  if (x.reserved) {
    x.bucket = bucket;
    return;
  }
  RemoveFromBucket(x);
  PushToBucket(x, bucket);
}

void WaitingIndex::PushToBucket(InteractionRecord& x, uint32_t bucket) {
  SlotHeap& heap = groups_[x.group].buckets[bucket];
  const uint32_t old_top = heap.empty() ? kNoSlot : heap.top();
  BucketOrder order{slab_};
  heap.Push(SlotOf(x), order);
  x.bucket = bucket;
  WorkgroupQueue& wg = queues_[x.workgroup.value()];
  const int media = MediaIndex(x.media);
  ++wg.filed[media];
  TopOrder tops{*this};
  const uint32_t ref = BucketRef(x.group, bucket);
  if (old_top == kNoSlot) {
    wg.tops[media].Push(ref, tops);
  } else if (heap.top() != old_top) {
    wg.tops[media].Update(ref, tops);
  }
}

void WaitingIndex::RemoveFromBucket(InteractionRecord& x) {
  SlotHeap& heap = groups_[x.group].buckets[x.bucket];
  const uint32_t slot = SlotOf(x);
  const bool was_top = heap.top() == slot;
  BucketOrder order{slab_};
  heap.Remove(slot, order);
  WorkgroupQueue& wg = queues_[x.workgroup.value()];
  const int media = MediaIndex(x.media);
  --wg.filed[media];
  TopOrder tops{*this};
  const uint32_t ref = BucketRef(x.group, x.bucket);
  if (heap.empty()) {
    wg.tops[media].Remove(ref, tops);
  } else if (was_top) {
    wg.tops[media].Update(ref, tops);
  }
}

// ---- Snapshots ----------------------------------------------------------------------

InteractionRecord& WaitingIndex::Restore(const InteractionRecord& x,
                                         const std::vector<SkillRequirement>& requirements,
                                         const std::vector<TierConfig>& tiers) {
  const uint32_t group = GroupFor(x.workgroup, x.media, requirements, tiers);
  InteractionRecord& restored = Create(x.id);
  restored = x;
  restored.group = group;
  restored.reserved = false;
  if (restored.state == InteractionState::kWaiting) File(restored);
  return restored;
}

// ---- Invariants ---------------------------------------------------------------------

void WaitingIndex::CheckInvariants() const {
  // The live records and the free slots partition the slab; the table
  // finds every live record, and holds nothing else.
  ACD_CHECK(live_ + free_slots_.size() == slab_.size());
  for (uint32_t slot : free_slots_) ACD_CHECK(!slab_[slot].id.valid());
  ACD_CHECK(static_cast<size_t>(std::count_if(table_.begin(), table_.end(), [](uint32_t slot) {
              return slot != kNoSlot;
            })) == live_);
  // Every waiting record is where it says, and only waiting ones are filed.
  std::vector<int64_t> reserved(queues_.size(), 0);
  for (uint32_t slot = 0; slot < slab_.size(); ++slot) {
    const InteractionRecord& x = slab_[slot];
    if (!x.id.valid()) continue;
    ACD_CHECK(SlotFor(x.id) == slot);
    if (x.state != InteractionState::kWaiting) continue;
    if (x.reserved) {
      ++reserved[x.workgroup.value()];
      ACD_CHECK(queues_[x.workgroup.value()].reserved[x.reserved_position] == slot);
      ACD_CHECK(agents_.agent(x.preferred_agent).preferred[x.preferred_position] == slot);
    } else {
      ACD_CHECK(groups_[x.group].buckets[x.bucket].slots()[x.heap_position] == slot);
    }
  }
  // Each workgroup's heaps of bucket tops hold its non-empty buckets, in
  // order, and count what they hold; its list of non-empty groups holds the
  // groups with waiting interactions.
  std::vector<std::array<int64_t, kMediaTypeCount>> buckets(queues_.size()), filed(queues_.size());
  std::vector<size_t> nonempty(queues_.size(), 0);
  for (size_t g = 0; g < groups_.size(); ++g) {
    const Group& group = groups_[g];
    const int media = MediaIndex(group.media);
    const size_t w = group.workgroup.value();
    size_t waiting = 0;
    for (uint32_t k = 0; k < group.buckets.size(); ++k) {
      const SlotHeap& heap = group.buckets[k];
      const std::vector<uint32_t>& slots = heap.slots();
      for (size_t p = 0; p < slots.size(); ++p) {
        const InteractionRecord& x = slab_[slots[p]];
        ACD_CHECK(x.id.valid() && x.state == InteractionState::kWaiting && !x.reserved);
        ACD_CHECK(x.group == g && x.bucket == k && x.heap_position == p);
        if (p > 0) ACD_CHECK(!SlotBefore(slots[p], slots[(p - 1) / 2]));
      }
      waiting += slots.size();
      if (heap.empty()) continue;
      ++buckets[w][media];
      filed[w][media] += static_cast<int64_t>(slots.size());
      ACD_CHECK(queues_[w].tops[media].slots()[group.top_position[k]] ==
                BucketRef(static_cast<uint32_t>(g), k));
    }
    ACD_CHECK(group.waiting == waiting);
    if (waiting == 0) {
      ACD_CHECK(group.nonempty_position == -1);
    } else {
      ++nonempty[w];
      ACD_CHECK(queues_[w].nonempty_groups[static_cast<size_t>(group.nonempty_position)] == g);
    }
  }
  for (size_t w = 0; w < queues_.size(); ++w) {
    const WorkgroupQueue& q = queues_[w];
    ACD_CHECK(q.nonempty_groups.size() == nonempty[w]);
    ACD_CHECK(static_cast<int64_t>(q.reserved.size()) == reserved[w]);
    for (int media = 0; media < kMediaTypeCount; ++media) {
      const std::vector<uint32_t>& tops = q.tops[media].slots();
      ACD_CHECK(static_cast<int64_t>(tops.size()) == buckets[w][media]);
      ACD_CHECK(q.filed[media] == filed[w][media]);
      for (size_t p = 1; p < tops.size(); ++p) ACD_CHECK(!BucketBefore(tops[p], tops[(p - 1) / 2]));
    }
  }
}

}  // namespace acd::internal
