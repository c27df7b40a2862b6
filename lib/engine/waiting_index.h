// The waiting index: every live interaction's record, and the indexes that
// let routing find the waiting ones without a scan (docs/design.md 3.12).
//
//   * Records live in a slab (a vector with a free list), found through an
//     open-addressing table of slots keyed by the records' ids; nothing
//     decides anything by the order of the table or the slab.
//   * Waiting interactions are grouped by everything that decides who may
//     take them: workgroup, media, skill requirements and tiers. A group
//     keeps one heap per static tier ("bucket"), ordered by ComesFirst, the
//     part of InteractionScore that differs inside the group; since queue
//     time ages every member alike, that order never changes while they
//     wait.
//   * Each workgroup keeps the list of its non-empty groups; per media, a
//     heap of its non-empty buckets ordered by their tops (TopOrder) and how
//     many interactions they hold; and the list of its waiting interactions
//     inside a preferred-agent window ("reserved"), which wait outside their
//     group, in that list and in their agent's (AgentBook::AddPreferred).
//
// The index is the only writer of heap and list positions (a record's
// heap_position, reserved_position and preferred_position; a group's
// top_position and nonempty_position). The command layer writes the other
// fields of a record, and changes the keys of a waiting one (group, bucket,
// order key, preference_open) only while it is not filed:
//
//   WaitingIndex index(center, agents);
//   InteractionRecord& x = index.Create(id);
//   x.group = index.GroupFor(wg, media, requirements, tiers);
//   x.bucket = ...; x.order_key = ...;
//   index.File(x);           // into its bucket, or the reserved lists
//   index.MoveBucket(x, 1);  // a tier boundary passed
//   index.Unfile(x);
//   index.Delete(x);
//
// The index keeps references to the center (which the engine may replace in
// place; workgroups are only ever added, see Grow) and to the agent book.
//
// Thread safety: none; owned by one Engine::Impl.

#ifndef ACD_LIB_ENGINE_WAITING_INDEX_H_
#define ACD_LIB_ENGINE_WAITING_INDEX_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "acd/config.h"
#include "acd/ids.h"
#include "acd/media.h"
#include "lib/engine/agent_book.h"
#include "lib/engine/center.h"
#include "lib/engine/interaction_record.h"
#include "lib/engine/slot_heap.h"

namespace acd::internal {

// Order inside a bucket: higher order key, then earlier in queue, then lower
// id. It agrees with InteractionScore, which differs inside a group only by
// priority and the two time terms, all fixed while an interaction waits.
inline bool ComesFirst(const InteractionRecord& x, const InteractionRecord& y) {
  if (x.order_key != y.order_key) return x.order_key > y.order_key;
  if (x.entered_queue != y.entered_queue) return x.entered_queue < y.entered_queue;
  return x.id < y.id;
}

// Waiting interactions that any agent would rank and admit alike.
struct Group {
  WorkgroupId workgroup;
  MediaType media = MediaType::kCall;
  std::vector<SkillRequirement> requirements;
  // The interactions' own tiers, else the workgroup's.
  std::vector<TierConfig> tiers;
  // tiers.size() + 1 buckets: bucket k holds interactions whose static tier
  // is k; the last holds those past every boundary. One bucket without tiers.
  std::vector<SlotHeap> buckets;
  size_t waiting = 0;
  // Position in the workgroup's list of non-empty groups, or -1.
  int64_t nonempty_position = -1;
  // Bucket k's position in its workgroup's heap of bucket tops for the
  // media (WorkgroupQueue::tops) while the bucket is not empty.
  std::vector<uint32_t> top_position;
};

// A bucket as one number: group index * kBucketsPerGroup + bucket.
inline constexpr uint32_t kBucketsPerGroup = 8;  // at most five tiers: six buckets
inline uint32_t BucketRef(uint32_t group, uint32_t bucket) {
  return group * kBucketsPerGroup + bucket;
}
inline uint32_t GroupOfRef(uint32_t ref) { return ref / kBucketsPerGroup; }
inline uint32_t BucketOfRef(uint32_t ref) { return ref % kBucketsPerGroup; }

// One workgroup's waiting interactions, as the index files them.
struct WorkgroupQueue {
  std::vector<uint32_t> nonempty_groups;
  // Slots of its waiting interactions inside a preferred-agent window.
  std::vector<uint32_t> reserved;
  // By media: the non-empty buckets of its groups, best top first
  // (TopOrder), and how many interactions they hold.
  std::array<SlotHeap, kMediaTypeCount> tops;
  std::array<int64_t, kMediaTypeCount> filed{};
  // By media: the group GroupFor found last for the workgroup, or
  // kNoGroup; its next call tries it first (most arrivals of a workgroup
  // and media share their requirements and tiers).
  std::array<uint32_t, kMediaTypeCount> last_group = MakeLastGroups();

  static constexpr uint32_t kNoGroup = UINT32_MAX;
  static constexpr std::array<uint32_t, kMediaTypeCount> MakeLastGroups() {
    std::array<uint32_t, kMediaTypeCount> none{};
    none.fill(kNoGroup);
    return none;
  }
};

class WaitingIndex {
 public:
  // No record, no group. `center` and `agents` must outlive the index.
  WaitingIndex(const Center& center, AgentBook& agents);

  WaitingIndex(const WaitingIndex&) = delete;
  WaitingIndex& operator=(const WaitingIndex&) = delete;

  // Empty queues for the workgroups the center added (AddWorkgroup).
  void Grow() { queues_.resize(static_cast<size_t>(center_.workgroup_count())); }

  // ---- Records ----
  size_t live() const { return live_; }
  bool contains(InteractionId id) const { return Find(id) != nullptr; }
  // Null unless `id` is live.
  const InteractionRecord* Find(InteractionId id) const {
    const uint32_t slot = SlotFor(id);
    return slot == kNoSlot ? nullptr : &slab_[slot];
  }
  InteractionRecord* Find(InteractionId id) {
    const uint32_t slot = SlotFor(id);
    return slot == kNoSlot ? nullptr : &slab_[slot];
  }
  // REQUIRES: `id` is live.
  InteractionRecord& Get(InteractionId id) { return slab_[SlotFor(id)]; }
  // The record in `slot` (a slot a heap or list of the index holds).
  const InteractionRecord& record(uint32_t slot) const { return slab_[slot]; }
  InteractionRecord& record(uint32_t slot) { return slab_[slot]; }
  uint32_t SlotOf(const InteractionRecord& x) const {
    return static_cast<uint32_t>(&x - slab_.data());
  }
  // Slots in use or free; a free slot's record has an invalid id.
  size_t slot_count() const { return slab_.size(); }
  // A fresh record for `id`, in a free slot if there is one. REQUIRES: `id`
  // is valid and not live. References to records stay valid until the next Create.
  InteractionRecord& Create(InteractionId id) { return *TryCreate(id); }
  // As Create, or null (and nothing changed) if `id` is live: one lookup
  // for both.
  InteractionRecord* TryCreate(InteractionId id);
  // Frees x's slot. REQUIRES: x is not filed.
  void Delete(InteractionRecord& x);
  // Calls f(record) for every live record, in no set order.
  template <typename F>
  void ForEachLive(F f) const {
    for (const InteractionRecord& x : slab_) {
      if (x.id.valid()) f(x);
    }
  }
  // The live ids, ascending.
  std::vector<InteractionId> LiveIds() const;

  // ---- Requirement groups ----
  // The group of `wg`, `media`, `requirements` and `tiers`, created if new.
  uint32_t GroupFor(WorkgroupId wg, MediaType media,
                    const std::vector<SkillRequirement>& requirements,
                    const std::vector<TierConfig>& tiers);
  // The group x belongs in within `wg`: same media and requirements, its own
  // tiers or the workgroup's.
  uint32_t GroupIn(const InteractionRecord& x, WorkgroupId wg);
  const Group& group(uint32_t g) const { return groups_[g]; }
  const std::vector<Group>& groups() const { return groups_; }

  // ---- Filing ----
  // Files waiting x: inside its preferred-agent window (preference_open) in
  // its workgroup's and its agent's reserved lists, else in bucket x.bucket
  // of its group. REQUIRES: x is not filed.
  void File(InteractionRecord& x);
  // Takes filed x out again.
  void Unfile(InteractionRecord& x);
  // Moves filed x to `bucket` of its group (a reserved x only notes it).
  void MoveBucket(InteractionRecord& x, uint32_t bucket);

  // ---- Reading, for routing and queries ----
  const WorkgroupQueue& queue(WorkgroupId wg) const { return queues_[wg.value()]; }
  const SlotHeap& bucket(uint32_t ref) const {
    return groups_[GroupOfRef(ref)].buckets[BucketOfRef(ref)];
  }
  // The best interaction of non-empty bucket `ref`.
  const InteractionRecord& TopOf(uint32_t ref) const { return slab_[bucket(ref).top()]; }
  // The orders of the heaps: slot `a` before slot `b` in a bucket; bucket
  // `a` before bucket `b` among a workgroup's tops (by their tops; with no
  // skill weight, the order of InteractionScore across the workgroup's
  // groups as well, for any agent).
  bool SlotBefore(uint32_t a, uint32_t b) const { return ComesFirst(slab_[a], slab_[b]); }
  bool BucketBefore(uint32_t a, uint32_t b) const { return ComesFirst(TopOf(a), TopOf(b)); }
  // Calls f(slot) for every waiting interaction of `wg`, in no set order.
  template <typename F>
  void ForEachWaiting(WorkgroupId wg, F f) const {
    const WorkgroupQueue& q = queues_[wg.value()];
    for (uint32_t g : q.nonempty_groups) {
      for (const SlotHeap& heap : groups_[g].buckets) {
        for (uint32_t slot : heap.slots()) f(slot);
      }
    }
    for (uint32_t slot : q.reserved) f(slot);
  }

  // ---- Snapshots ----
  // A record from a snapshot, with its fields (id included) from `x` and
  // its group found or created from `requirements` and `tiers`; filed if
  // waiting. REQUIRES: x.id is not live.
  InteractionRecord& Restore(const InteractionRecord& x,
                             const std::vector<SkillRequirement>& requirements,
                             const std::vector<TierConfig>& tiers);

  // Aborts (ACD_CHECK) unless every heap is in order, every recorded
  // position and count agrees with where the slots are, and the id map
  // agrees with the slab. Costs a pass over all state.
  void CheckInvariants() const;

 private:
  // The order of the heaps and where each keeps its positions (slot_heap.h).
  struct BucketOrder {
    std::vector<InteractionRecord>& slab;
    bool Better(uint32_t a, uint32_t b) const { return ComesFirst(slab[a], slab[b]); }
    uint32_t& Position(uint32_t slot) { return slab[slot].heap_position; }
  };
  struct TopOrder {
    WaitingIndex& index;
    bool Better(uint32_t a, uint32_t b) const { return index.BucketBefore(a, b); }
    uint32_t& Position(uint32_t ref) {
      return index.groups_[GroupOfRef(ref)].top_position[BucketOfRef(ref)];
    }
  };

  // The slot of live `id`, or kNoSlot. The table holds live records only,
  // whose ids are valid: an invalid id ends at an empty entry.
  uint32_t SlotFor(InteractionId id) const {
    for (size_t e = Home(id);; e = Next(e)) {
      const uint32_t slot = table_[e];
      if (slot == kNoSlot || slab_[slot].id == id) return slot;
    }
  }
  // The table entry where the search for `id` starts, and the one after
  // `e`. Ids come from outside (commands, journals), so the hash is Abseil's,
  // salted per process: a fixed one (Fibonacci hashing, say) would let chosen
  // ids pile into one probe run and make each lookup linear in the live
  // records. Where an id lands decides nothing: the table only finds slots.
  size_t Home(InteractionId id) const {
    return static_cast<size_t>(absl::HashOf(id.value()) >> table_shift_);
  }
  size_t Next(size_t e) const { return (e + 1) & (table_.size() - 1); }
  // Doubles the table and fills it from the live records.
  void GrowTable();

  // Puts x in `bucket` of its group, and takes it out, keeping its
  // workgroup's heap of bucket tops in order.
  void PushToBucket(InteractionRecord& x, uint32_t bucket);
  void RemoveFromBucket(InteractionRecord& x);

  const Center& center_;
  AgentBook& agents_;
  // Interactions by slot, with free slots for reuse; looked up by id only.
  std::vector<InteractionRecord> slab_;
  std::vector<uint32_t> free_slots_;
  size_t live_ = 0;
  // The live records' slots by id, which every command and timer consults:
  // linear probing from Home(id), 2^(64 - table_shift_) entries, at least
  // twice the live records so that every search meets an empty entry
  // (kNoSlot) soon. Delete closes the gap it leaves by moving later entries
  // back (no tombstones), so a search may stop at the first empty entry.
  std::vector<uint32_t> table_ = std::vector<uint32_t>(kInitialTable, kNoSlot);
  int table_shift_ = 64 - kInitialTableBits;
  static constexpr int kInitialTableBits = 8;
  static constexpr size_t kInitialTable = size_t{1} << kInitialTableBits;
  std::vector<Group> groups_;
  // Group ids by a hash of their key; each candidate is compared in full.
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> groups_by_hash_;
  std::vector<WorkgroupQueue> queues_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_WAITING_INDEX_H_
