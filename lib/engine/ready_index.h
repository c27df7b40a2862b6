// The ready index: one workgroup's ready members in the order AgentScore
// ranks them, so that an arrival into a big workgroup takes its agent from
// the front instead of scoring every ready member (docs/design.md 3.12).
//
// Why an order exists. With the kScore agent order and W_available >= 0,
// AgentScore (scoring.h) is, for an interaction whose skill term is the same
// for every agent (W_skill = 0, or no requirements: SkillScore is then 0),
//   ((((skill) + cost) + available) + attr1) + attr2) + attr3
// summed in that order over the weighed terms only, where every term but
// `available` depends on the agent's configuration alone (its static
// terms), and `available` = floor((now - since) / interval) * W_available
// does not increase with `since`. Members whose static terms are equal
// (a class) therefore score in the order of their `since`, earlier at
// least as high, whatever the interaction and the time (floating-point
// addition of the same terms is monotone), and AgentChoice::Beats breaks
// their ties by earlier `since`, then lower agent id (members are indexed
// in ascending agent id). So within a class, Beats's order is ascending
// (since, member index): each class keeps its ready members in a heap by
// that key, and the best member for an interaction is the best, by Beats,
// of each class's first member that passes the interaction's filters.
//
// When a workgroup keeps the index (Enabled): kScore order, W_available
// >= 0, more than kMinMembers members, at most kMaxClasses classes, and
// every member's weighed static terms finite (so no sum is a NaN). Whether
// an interaction may use it is the router's question (Engine::Impl::
// ChooseAgent): its skill term must be the same for every agent.
//
// Costs: per member, a class number and a heap position (8 bytes) and a
// heap entry (4 bytes) while ready; each change of readiness or of `since`
// is O(log n) in the member's class; nothing allocates once the heaps have
// grown to the workgroup's size.
//
// Thread safety: none; owned by the agent book.

#ifndef ACD_LIB_ENGINE_READY_INDEX_H_
#define ACD_LIB_ENGINE_READY_INDEX_H_

#include <array>
#include <cstdint>
#include <vector>

#include "acd/config.h"
#include "acd/time.h"
#include "lib/engine/slot_heap.h"

namespace acd::internal {

class ReadyIndex {
 public:
  // Workgroups this small are scanned: a scan of one bitmap word is cheap.
  static constexpr size_t kMinMembers = 64;
  // More classes than this and walking each costs more than it saves.
  static constexpr size_t kMaxClasses = 16;

  // The weighed static terms of AgentScore for `agent` (cost, attribute1,
  // attribute2, attribute3; an unweighed one is 0): members with equal
  // terms share a class.
  using StaticTerms = std::array<double, 4>;
  static StaticTerms TermsOf(const AgentWeights& w, const AgentConfig& agent);
  // Whether `config`'s agent order has a fixed order within a class.
  static bool OrderFixed(const WorkgroupConfig& config) {
    return config.agent_order == AgentOrder::kScore && config.agent_weights.available >= 0;
  }

  // Off, and empty: the workgroup is scanned.
  void Clear();
  // Classes for `members` (their configurations, by member index) under
  // `config`; turns the index on if the workgroup qualifies (see above),
  // empty: Insert the ready members next.
  void Build(const WorkgroupConfig& config, const std::vector<const AgentConfig*>& members);
  bool enabled() const { return enabled_; }

  // Member `member` became ready (not yet in the index) / is no longer
  // ready (in it) / changed its `since` (in it, or not if not ready).
  // `since` is the workgroup's since-by-member mirror (MemberBits::since),
  // already updated. No-ops while the index is off.
  void Insert(uint32_t member, const std::vector<Time>& since) {
    if (enabled_) Push(member, since);
  }
  void Remove(uint32_t member, const std::vector<Time>& since) {
    if (enabled_) Take(member, since);
  }
  void Moved(uint32_t member, const std::vector<Time>& since) {
    if (enabled_ && position_[member] != kOut) Update(member, since);
  }

  // The classes, each a heap of member indexes, best (earliest since,
  // then lowest index) on top.
  size_t class_count() const { return classes_.size(); }
  const SlotHeap& members_of(size_t c) const { return classes_[c]; }
  // Whether member `a` comes before member `b` of the same class.
  static bool Before(uint32_t a, uint32_t b, const std::vector<Time>& since) {
    return since[a] != since[b] ? since[a] < since[b] : a < b;
  }

  // Bytes held, for the memory figures.
  size_t bytes() const;

 private:
  struct Traits {
    const std::vector<Time>& since;
    std::vector<uint32_t>& position;
    bool Better(uint32_t a, uint32_t b) const { return Before(a, b, since); }
    uint32_t& Position(uint32_t member) { return position[member]; }
  };
  static constexpr uint32_t kOut = UINT32_MAX;

  // Insert, Remove and Moved while on.
  void Push(uint32_t member, const std::vector<Time>& since);
  void Take(uint32_t member, const std::vector<Time>& since);
  void Update(uint32_t member, const std::vector<Time>& since);

  bool enabled_ = false;
  // By member: its class, and its place in the class's heap (kOut: not
  // in it).
  std::vector<uint32_t> class_of_;
  std::vector<uint32_t> position_;
  std::vector<SlotHeap> classes_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_READY_INDEX_H_
