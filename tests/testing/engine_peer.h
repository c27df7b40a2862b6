// An engine's inside for the unit tests of its components (eligibility,
// scoring): CreateImpl builds an Engine::Impl as Engine::Create does, which
// the test drives through Impl's commands (Apply, AdvanceTo, SetObserver);
// EnginePeer reads the state the components read and the fast paths that
// keep copies of it. Reads only; never call it while a command runs, except
// from an observer callback, which sees the state the engine decided on.

#ifndef ACD_TESTS_TESTING_ENGINE_PEER_H_
#define ACD_TESTS_TESTING_ENGINE_PEER_H_

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "acd/status_macros.h"
#include "lib/engine/center.h"
#include "lib/engine/eligibility.h"
#include "lib/engine/engine_impl.h"

namespace acd::internal {

// What Engine::Create(config) builds inside the Engine it returns (the
// clock at zero); InvalidArgument, naming the field, for a bad `config`.
inline absl::StatusOr<std::unique_ptr<Engine::Impl>> CreateImpl(const CenterConfig& config) {
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(config));
  return std::make_unique<Engine::Impl>(std::move(center), Time());
}

class EnginePeer {
 public:
  explicit EnginePeer(const Engine::Impl& impl) : impl_(impl) {}

  const Center& center() const { return impl_.center(); }
  Time now() const { return impl_.now(); }
  const AgentState& agent(AgentId id) const { return impl_.agents_.agent(id); }
  const Group& group(const InteractionRecord& x) const {
    return impl_.interactions_.group(x.group);
  }
  // Null unless `id` is live.
  const InteractionRecord* interaction(InteractionId id) const { return impl_.FindRecord(id); }

  // The waiting interactions, ascending by id.
  std::vector<const InteractionRecord*> Waiting() const {
    std::vector<const InteractionRecord*> waiting;
    impl_.interactions_.ForEachLive([&](const InteractionRecord& x) {
      if (x.state == InteractionState::kWaiting) waiting.push_back(&x);
    });
    std::sort(waiting.begin(), waiting.end(),
              [](const InteractionRecord* x, const InteractionRecord* y) { return x->id < y->id; });
    return waiting;
  }

  // Where waiting x stands in its tiers now.
  TierPosition TierOf(const InteractionRecord& x) const {
    return impl_.PositionIn(x.group, x.bucket);
  }
  Eligibility eligibility() const { return impl_.eligibility(); }

  // Member `member` of `wg` in the ready bitmap, and in the room bitmap of
  // `media`.
  bool ReadyBit(WorkgroupId wg, uint32_t member) const {
    return (impl_.agents_.members(wg).words[member / 64].ready >> (member % 64)) & 1;
  }
  // Whether the workgroup keeps its room bits of `media` (AgentBook::
  // WantRoom: it has had an interaction of that media).
  bool RoomKept(WorkgroupId wg, MediaType media) const {
    return (impl_.agents_.members(wg).room_media >> MediaIndex(media)) & 1;
  }
  bool RoomBit(WorkgroupId wg, uint32_t member, MediaType media) const {
    return (impl_.agents_.members(wg).words[member / 64].room[MediaIndex(media)] >> (member % 64)) &
           1;
  }

 private:
  const Engine::Impl& impl_;
};

}  // namespace acd::internal

#endif  // ACD_TESTS_TESTING_ENGINE_PEER_H_
