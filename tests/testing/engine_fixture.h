// Builders for engine tests: a small center, an engine observed by a
// RecordingObserver, times in whole seconds, and a printable snapshot of the
// engine's state for "nothing changed" checks.

#ifndef ACD_TESTS_TESTING_ENGINE_FIXTURE_H_
#define ACD_TESTS_TESTING_ENGINE_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "acd/config.h"
#include "acd/engine.h"
#include "acd/format.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "fmt/ranges.h"
#include "tests/testing/recording_observer.h"

namespace acd::testing {

inline Time At(int64_t seconds) { return Time() + Seconds(seconds); }

// A center with the named workgroups, and agents "a0".."a{n-1}" active in all
// of them.
inline CenterConfig SimpleCenter(int agents, std::vector<std::string> workgroups = {"Support"}) {
  CenterConfig center;
  for (const std::string& name : workgroups) center.workgroups.push_back({.name = name});
  for (int i = 0; i < agents; ++i) {
    AgentConfig agent{.name = fmt::format("a{}", i)};
    for (const std::string& name : workgroups) agent.workgroups.push_back({.workgroup = name});
    center.agents.push_back(agent);
  }
  return center;
}

struct EngineUnderTest {
  explicit EngineUnderTest(const CenterConfig& center) {
    auto created = Engine::Create(center);
    REQUIRE(created.ok());
    engine = std::move(*created);
    engine->SetObserver(&observer);
  }

  Engine* operator->() { return engine.get(); }

  // Applies a command that must succeed.
  void Do(const Command& command) {
    absl::Status status = engine->Apply(command);
    INFO(status.ToString());
    REQUIRE(status.ok());
  }

  InteractionView Interaction(uint64_t id) {
    auto view = engine->GetInteraction(InteractionId(id));
    REQUIRE(view.ok());
    return *view;
  }

  AgentView Agent(uint32_t id) {
    auto view = engine->GetAgent(AgentId(id));
    REQUIRE(view.ok());
    return *view;
  }

  // Everything observable about agents, workgroups, the listed interactions
  // and the clock, as text.
  std::string Snapshot(const std::vector<uint64_t>& interaction_ids) {
    std::string out =
        fmt::format("now {} deadline {} live {}\n", engine->now(),
                    engine->NextDeadline().microseconds(), engine->live_interactions());
    for (size_t a = 0; a < engine->config().agents.size(); ++a) {
      if (engine->config().agents[a].name.empty()) {  // removed (RemoveAgent)
        out += fmt::format("agent {} removed\n", a);
        continue;
      }
      AgentView v = *engine->GetAgent(AgentId(a));
      out += fmt::format("agent {} in={} status={} {} since={} holds=[{}] used={} misses={}\n", a,
                         v.logged_in, v.status, AgentActivityName(v.activity), v.available_since,
                         fmt::join(v.interactions, ","), v.used_percent, v.misses);
    }
    for (size_t w = 0; w < engine->config().workgroups.size(); ++w) {
      if (engine->config().workgroups[w].name.empty()) {  // removed (RemoveWorkgroup)
        out += fmt::format("workgroup {} removed\n", w);
        continue;
      }
      WorkgroupCounters c = *engine->GetWorkgroupCounters(WorkgroupId(w));
      out += fmt::format(
          "workgroup {} entered={} answered={} abandoned={} completed={} failed={} "
          "transferred_out={} on_time={} late={} waiting={}\n",
          w, c.entered, c.answered, c.abandoned, c.completed, c.failed, c.transferred_out,
          c.completed_on_time, c.completed_late, c.waiting);
    }
    for (uint64_t id : interaction_ids) {
      auto v = engine->GetInteraction(InteractionId(id));
      out += v.ok() ? fmt::format(
                          "interaction {} {} workgroup={} agent={} priority={} "
                          "queued={} attempts={}\n",
                          id, InteractionStateName(v->state), v->workgroup, v->agent, v->priority,
                          v->entered_queue, v->attempts)
                    : fmt::format("interaction {} gone\n", id);
    }
    return out;
  }

  std::unique_ptr<Engine> engine;
  RecordingObserver observer;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_TESTING_ENGINE_FIXTURE_H_
