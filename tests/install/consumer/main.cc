// Loads a center from text, logs an agent in, routes one call; saves the
// engine's state with the snapshot codec (acd::router) and restores it.
#include <cstdio>

#include "acd/config_loader.h"
#include "acd/engine.h"
#include "acd/journal.h"
#include "acd/state_codec.h"

namespace {

class Printer : public acd::Observer {
 public:
  void OnOffer(const acd::OfferEvent& offer) override {
    std::printf("offered interaction %llu to ann\n",
                static_cast<unsigned long long>(offer.interaction.value()));
  }
};

}  // namespace

int main() {
  auto center = acd::LoadCenterConfig(
      "inline",
      "workgroups { name: \"Q\" } agents { name: \"ann\" workgroups { workgroup: \"Q\" } }");
  if (!center.ok()) return 1;
  auto engine = acd::Engine::Create(*center);
  if (!engine.ok()) return 2;
  Printer printer;
  (*engine)->SetObserver(&printer);
  const acd::Time t0;
  if (!(*engine)->Apply(acd::LogIn{.now = t0, .agent = *(*engine)->FindAgent("ann")}).ok())
    return 3;
  if (!(*engine)
           ->Apply(acd::Arrive{.now = t0 + acd::Seconds(1),
                               .interaction = acd::InteractionId(1),
                               .workgroup = *(*engine)->FindWorkgroup("Q")})
           .ok()) {
    return 4;
  }
  acd::ProtoStateCodec codec;
  auto saved = codec.Save(**engine);
  if (!saved.ok()) return 5;
  auto restored = codec.Load(*center, *saved);
  if (!restored.ok() || (*restored)->live_interactions() != 1) return 6;
  // The state codec's protobuf form (acd::config) round-trips too.
  auto state = acd::EngineStateFromProto(acd::EngineStateToProto((*engine)->ExportState()), "copy");
  if (!state.ok() || !acd::Engine::Restore(*state).ok()) return 7;
  std::printf("restored %lld live interaction from a snapshot\n",
              static_cast<long long>((*restored)->live_interactions()));
  return 0;
}
