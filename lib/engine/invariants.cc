// The engine's invariants (docs/design.md 3.10), checked in ACD_ENGINE_CHECKS builds.

#include <algorithm>
#include <array>
#include <vector>

#include "acd/status_macros.h"
#include "lib/engine/engine_impl.h"

namespace acd {

void Engine::Impl::CheckInvariants() const {
  // The waiting index's own: heaps in order, positions and counts agree.
  interactions_.CheckInvariants();
  // Conservation per workgroup: every interaction that entered is in exactly
  // one state. (Iterating the records is fine here: nothing is decided.)
  const size_t workgroups = static_cast<size_t>(center_.workgroup_count());
  std::vector<int64_t> live(workgroups, 0), waiting(workgroups, 0);
  std::vector<int> used(agents_.size(), 0);
  std::vector<std::array<int, kMediaTypeCount>> count(agents_.size());
  interactions_.ForEachLive([&](const InteractionRecord& x) {
    ACD_CHECK(FindRecord(x.id) == &x);
    ++live[x.workgroup.value()];
    // A maximum-hold timer runs only while held.
    ACD_CHECK(x.state == InteractionState::kHeld || x.hold_due == Time::Infinite());
    switch (x.state) {
      case InteractionState::kWaiting:
        ++waiting[x.workgroup.value()];
        ACD_CHECK(!x.agent.valid());
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
  });
  for (size_t w = 0; w < workgroups; ++w) {
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
  // What the arrival scan reads from its workgroup instead of the agent
  // agrees with the agent: the room bitmaps (of the media kept, which
  // include every group's) with HasCapacity, and the available-since
  // mirror.
  for (const internal::Group& group : interactions_.groups()) {
    const unsigned kept = agents_.members(group.workgroup).room_media;
    ACD_CHECK((kept >> internal::MediaIndex(group.media) & 1) != 0);
  }
  for (size_t a = 0; a < agents_.size(); ++a) {
    const AgentId agent(static_cast<uint32_t>(a));
    const auto& model = center_.agent_model(agent);
    for (size_t m = 0; m < model.workgroups.size(); ++m) {
      const uint32_t i = model.member_index[m];
      const internal::MemberBits& wg = agents_.members(model.workgroups[m]);
      ACD_CHECK(wg.since[i] == agents_[a].available_since);
      for (int media = 0; media < kMediaTypeCount; ++media) {
        if ((wg.room_media >> media & 1) == 0) continue;  // not kept
        const bool room = (wg.words[i / 64].room[media] >> (i % 64)) & 1;
        ACD_CHECK(room == HasCapacity(agent, model.workgroups[m], static_cast<MediaType>(media)));
      }
    }
  }
}

}  // namespace acd
