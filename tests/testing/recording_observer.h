// A test Observer that keeps every event, and a compact log of the state
// changes.

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
  // Decision records are kept apart from `log`, which lists state changes.
  void OnDecision(const DecisionRecord& d) override { decisions.push_back(d); }
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
    decisions.clear();
    log.clear();
  }

  std::vector<OfferEvent> offers;
  std::vector<InteractionEvent> interactions;
  std::vector<AgentEvent> agents;
  std::vector<DecisionRecord> decisions;
  std::vector<std::string> log;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_TESTING_RECORDING_OBSERVER_H_
