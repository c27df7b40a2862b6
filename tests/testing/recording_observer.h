// A test Observer that keeps every event, and a compact log of them.

#ifndef ACD_TESTS_TESTING_RECORDING_OBSERVER_H_
#define ACD_TESTS_TESTING_RECORDING_OBSERVER_H_

#include <string>
#include <vector>

#include "acd/format.h"
#include "acd/observer.h"
#include "fmt/format.h"

namespace acd::testing {

class RecordingObserver : public Observer {
 public:
  void OnOffer(const OfferEvent& e) override {
    offers.push_back(e);
    log.push_back(fmt::format("offer {} to {}", e.interaction, e.agent));
  }
  void OnInteraction(const InteractionEvent& e) override {
    interactions.push_back(e);
    log.push_back(fmt::format("interaction {} {}", e.interaction, InteractionStateName(e.state)));
  }
  void OnAgent(const AgentEvent& e) override {
    agents.push_back(e);
    log.push_back(fmt::format("agent {} {}", e.agent, AgentActivityName(e.activity)));
  }

  void Clear() {
    offers.clear();
    interactions.clear();
    agents.clear();
    log.clear();
  }

  std::vector<OfferEvent> offers;
  std::vector<InteractionEvent> interactions;
  std::vector<AgentEvent> agents;
  std::vector<std::string> log;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_TESTING_RECORDING_OBSERVER_H_
