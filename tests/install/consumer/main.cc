// Loads a center from text, logs an agent in, routes one call.
#include <cstdio>

#include "acd/config_loader.h"
#include "acd/engine.h"

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
  return 0;
}
