// Engine micro-benchmarks: the cost of one routed interaction's lifecycle.

#include <memory>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "benchmark/benchmark.h"

namespace acd {
namespace {

CenterConfig OneQueue(int agents) {
  CenterConfig center;
  center.workgroups.push_back({.name = "Q"});
  for (int a = 0; a < agents; ++a) {
    center.agents.push_back({.name = "a" + std::to_string(a), .workgroups = {{.workgroup = "Q"}}});
  }
  return center;
}

// Arrive (needing `requirements`), Accept, Disconnect per iteration on
// `center` with every agent logged in and free.
void RunArrivals(benchmark::State& state, const CenterConfig& center,
                 const std::vector<SkillRequirement>& requirements) {
  auto engine = *Engine::Create(center);
  Time now;
  for (size_t a = 0; a < center.agents.size(); ++a) {
    (void)engine->Apply(LogIn{.now = now, .agent = AgentId(a)});
  }
  uint64_t id = 0;
  for (auto _ : state) {
    now += Microseconds(10);
    const InteractionId x(++id);
    benchmark::DoNotOptimize(engine->Apply(Arrive{.now = now,
                                                  .interaction = x,
                                                  .workgroup = WorkgroupId(0),
                                                  .requirements = requirements}));
    benchmark::DoNotOptimize(engine->Apply(Accept{.now = now, .interaction = x}));
    benchmark::DoNotOptimize(engine->Apply(Disconnect{.now = now, .interaction = x}));
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["decisions_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// Arrive, Accept, Disconnect with every agent free: one routing decision per
// iteration, taken from the longest-available agent.
void BM_Engine_ArriveAcceptDisconnect(benchmark::State& state) {
  RunArrivals(state, OneQueue(static_cast<int>(state.range(0))), {});
}
BENCHMARK(BM_Engine_ArriveAcceptDisconnect)->Arg(10)->Arg(1000)->Arg(10000);

// The same with a skill weight that matters: every arrival requires skill
// s0, which the agents hold at proficiencies 1..100, and the workgroup's
// agent order weighs it (W_skill = 1, the default), so the order over the
// agents depends on the interaction and the arrival scans every ready
// member (the ready index does not apply; lib/engine/ready_index.h).
void BM_Engine_ArriveAcceptDisconnect_SkillWeighted(benchmark::State& state) {
  const int agents = static_cast<int>(state.range(0));
  CenterConfig center = OneQueue(agents);
  center.skills.push_back("s0");
  for (int a = 0; a < agents; ++a) {
    center.agents[a].skills.push_back({.skill = "s0", .proficiency = 1 + a % 100, .desire = 50});
  }
  RunArrivals(state, center, {{.skill = SkillId(0)}});
}
BENCHMARK(BM_Engine_ArriveAcceptDisconnect_SkillWeighted)->Arg(1000)->Arg(10000);

// An agent freed with `waiting` interactions queued takes the oldest; a new
// arrival keeps the queue length constant.
void BM_Engine_AgentFreedWithQueue(benchmark::State& state) {
  const int waiting = static_cast<int>(state.range(0));
  auto engine = *Engine::Create(OneQueue(1));
  Time now;
  uint64_t id = 0;
  for (int i = 0; i < waiting; ++i) {
    (void)engine->Apply(
        Arrive{.now = now, .interaction = InteractionId(++id), .workgroup = WorkgroupId(0)});
  }
  (void)engine->Apply(LogIn{.now = now, .agent = AgentId(0)});
  uint64_t held = 1;
  for (auto _ : state) {
    now += Microseconds(10);
    (void)engine->Apply(Accept{.now = now, .interaction = InteractionId(held)});
    (void)engine->Apply(
        Arrive{.now = now, .interaction = InteractionId(++id), .workgroup = WorkgroupId(0)});
    (void)engine->Apply(Disconnect{.now = now, .interaction = InteractionId(held)});
    ++held;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Engine_AgentFreedWithQueue)->Arg(100)->Arg(100000);

}  // namespace
}  // namespace acd
