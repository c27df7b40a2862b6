// Helpers for the router and journal tests: the whole observable state of an
// engine as text, and an observer that logs events as text.

#ifndef ACD_TESTS_ROUTER_ROUTER_TESTING_H_
#define ACD_TESTS_ROUTER_ROUTER_TESTING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "acd/format.h"
#include "acd/observer.h"
#include "fmt/format.h"
#include "fmt/ranges.h"

namespace acd::testing {

// Clock, next deadline, every agent and workgroup, and interactions 1..max_id.
inline std::string StateText(const Engine& engine, uint64_t max_id) {
  std::string out = fmt::format("now {} deadline {} live {}\n", engine.now(),
                                engine.NextDeadline().microseconds(), engine.live_interactions());
  for (size_t a = 0; a < engine.config().agents.size(); ++a) {
    if (engine.config().agents[a].name.empty()) {  // removed (RemoveAgent)
      out += fmt::format("agent {} removed\n", a);
      continue;
    }
    const AgentView v = *engine.GetAgent(AgentId(static_cast<uint32_t>(a)));
    out += fmt::format("agent {} in={} status={} {} since={} holds=[{}] used={} misses={}\n", a,
                       v.logged_in, v.status, AgentActivityName(v.activity), v.available_since,
                       fmt::join(v.interactions, ","), v.used_percent, v.misses);
  }
  for (size_t w = 0; w < engine.config().workgroups.size(); ++w) {
    if (engine.config().workgroups[w].name.empty()) {  // removed (RemoveWorkgroup)
      out += fmt::format("workgroup {} removed\n", w);
      continue;
    }
    const WorkgroupCounters c = *engine.GetWorkgroupCounters(WorkgroupId(static_cast<uint32_t>(w)));
    out += fmt::format("workgroup {} entered={} answered={} abandoned={} completed={} waiting={}\n",
                       w, c.entered, c.answered, c.abandoned, c.completed, c.waiting);
  }
  for (uint64_t id = 1; id <= max_id; ++id) {
    auto v = engine.GetInteraction(InteractionId(id));
    if (v.ok()) {
      out += fmt::format("interaction {} {} agent={} priority={} queued={}\n", id,
                         InteractionStateName(v->state), v->agent, v->priority, v->entered_queue);
    }
  }
  return out;
}

// Every event as one line, prefixed by what `tag()` returns at the time.
class TextLog : public Observer {
 public:
  explicit TextLog(std::function<std::string()> tag = [] { return std::string(); })
      : tag_(std::move(tag)) {}
  void OnOffer(const OfferEvent& e) override {
    lines.push_back(fmt::format("{}{} offer {} to {} in {} auto={}", tag_(), e.now, e.interaction,
                                e.agent, e.workgroup, e.auto_answered));
  }
  void OnInteraction(const InteractionEvent& e) override {
    lines.push_back(fmt::format("{}{} interaction {} {} agent {} reason {}", tag_(), e.now,
                                e.interaction, InteractionStateName(e.state), e.agent,
                                RequeueReasonName(e.reason)));
  }
  void OnAgent(const AgentEvent& e) override {
    lines.push_back(fmt::format("{}{} agent {} {} status {}", tag_(), e.now, e.agent,
                                AgentActivityName(e.activity), e.status));
  }
  std::vector<std::string> lines;

 private:
  std::function<std::string()> tag_;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_ROUTER_ROUTER_TESTING_H_
