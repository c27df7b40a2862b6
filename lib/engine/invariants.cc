// The engine's invariants (DESIGN 3.10), checked in ACD_ENGINE_CHECKS builds.

#include <algorithm>
#include <array>
#include <vector>

#include "acd/status_macros.h"
#include "lib/engine/engine_impl.h"

namespace acd {

void Engine::Impl::CheckInvariants() const {
  // Conservation per workgroup: every interaction that entered is in exactly
  // one state. (Iterating the index is fine here: nothing is decided.)
  std::vector<int64_t> live(workgroups_.size(), 0), waiting(workgroups_.size(), 0);
  std::vector<int> used(agents_.size(), 0);
  std::vector<std::array<int, kMediaTypeCount>> count(agents_.size());
  for (const auto& [id, slot] : index_) {
    const InteractionRecord& x = slab_[slot];
    ACD_CHECK(x.id == id);
    ++live[x.workgroup.value()];
    switch (x.state) {
      case InteractionState::kWaiting:
        ++waiting[x.workgroup.value()];
        ACD_CHECK(!x.agent.valid());
        if (x.reserved) {
          ACD_CHECK(workgroups_[x.workgroup.value()].reserved[x.reserved_position] == slot);
        } else {
          ACD_CHECK(groups_[x.group].buckets[x.bucket].slots()[x.heap_position] == slot);
        }
        break;
      case InteractionState::kAlerting:
      case InteractionState::kConnected:
      case InteractionState::kHeld: {
        const AgentState& a = agents_[x.agent.value()];
        ACD_CHECK(std::count(a.held.begin(), a.held.end(), x.id) == 1);
        if (!x.exempt) {
          used[x.agent.value()] += x.percent;
          ++count[x.agent.value()][internal::MediaIndex(x.media)];
        }
        break;
      }
      case InteractionState::kWrapUp: {
        const AgentState& a = agents_[x.agent.value()];
        ACD_CHECK(std::count(a.wrapping.begin(), a.wrapping.end(), x.id) == 1);
        break;
      }
      case InteractionState::kSnoozed:
        ACD_CHECK(!x.agent.valid());
        ACD_CHECK(x.snooze_due != Time::Infinite());
        break;
      case InteractionState::kCompleted:
      case InteractionState::kAbandoned:
      case InteractionState::kTransferred:
      case InteractionState::kFailed:
        ACD_CHECK(false && "an ended interaction is still in the index");
    }
  }
  for (size_t w = 0; w < workgroups_.size(); ++w) {
    const WorkgroupCounters& c = stats_.counters(WorkgroupId(static_cast<uint32_t>(w)));
    ACD_CHECK(c.waiting == waiting[w]);
    ACD_CHECK(c.entered == live[w] + c.completed + c.abandoned + c.failed + c.transferred_out);
  }
  // Capacity bookkeeping: what each agent is charged is what it holds.
  for (size_t a = 0; a < agents_.size(); ++a) {
    ACD_CHECK(agents_[a].used_percent == used[a]);
    ACD_CHECK(agents_[a].count == count[a]);
    for (InteractionId id : agents_[a].held) ACD_CHECK(FindRecord(id)->agent == AgentId(a));
    for (InteractionId id : agents_[a].wrapping) ACD_CHECK(FindRecord(id)->agent == AgentId(a));
  }
  // Each workgroup's heaps of bucket tops hold its non-empty buckets, in
  // order, and count what they hold.
  std::vector<std::array<int64_t, kMediaTypeCount>> buckets(workgroups_.size()),
      filed(workgroups_.size());
  for (size_t g = 0; g < groups_.size(); ++g) {
    const Group& group = groups_[g];
    const int media = internal::MediaIndex(group.media);
    const internal::WorkgroupState& wg = workgroups_[group.workgroup.value()];
    for (uint32_t k = 0; k < group.buckets.size(); ++k) {
      if (group.buckets[k].empty()) continue;
      ++buckets[group.workgroup.value()][media];
      filed[group.workgroup.value()][media] += static_cast<int64_t>(group.buckets[k].size());
      ACD_CHECK(wg.tops[media].slots()[group.top_position[k]] ==
                internal::BucketRef(static_cast<uint32_t>(g), k));
    }
  }
  const auto top_of = [this](uint32_t ref) -> const InteractionRecord& {
    return slab_[groups_[internal::GroupOfRef(ref)].buckets[internal::BucketOfRef(ref)].top()];
  };
  for (size_t w = 0; w < workgroups_.size(); ++w) {
    for (int media = 0; media < kMediaTypeCount; ++media) {
      const std::vector<uint32_t>& tops = workgroups_[w].tops[media].slots();
      ACD_CHECK(static_cast<int64_t>(tops.size()) == buckets[w][media]);
      ACD_CHECK(workgroups_[w].filed[media] == filed[w][media]);
      for (size_t p = 1; p < tops.size(); ++p) {
        ACD_CHECK(!internal::ComesFirst(top_of(tops[p]), top_of(tops[(p - 1) / 2])));
      }
    }
  }
  // What the arrival scan reads from its workgroup instead of the agent
  // agrees with the agent: the room bitmaps with HasCapacity, and the
  // available-since mirror.
  for (size_t a = 0; a < agents_.size(); ++a) {
    const AgentId agent(static_cast<uint32_t>(a));
    const auto& model = center_.agent_model(agent);
    for (size_t m = 0; m < model.workgroups.size(); ++m) {
      const uint32_t i = model.member_index[m];
      const internal::MemberBits& wg = agents_.members(model.workgroups[m]);
      ACD_CHECK(wg.since[i] == agents_[a].available_since);
      for (int media = 0; media < kMediaTypeCount; ++media) {
        const bool room = (wg.room[i / 64 * kMediaTypeCount + media] >> (i % 64)) & 1;
        ACD_CHECK(room == HasCapacity(agent, model.workgroups[m], static_cast<MediaType>(media)));
      }
    }
  }
}

}  // namespace acd
