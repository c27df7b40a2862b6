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
    const WorkgroupCounters& c = workgroups_[w].counters;
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
}

}  // namespace acd
