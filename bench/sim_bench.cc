// Simulator throughput through the full engine on the Erlang A system A2
// (55 agents, 720 calls an hour, AHT 240 s, patience 120 s).

#include <cstdlib>
#include <string>

#include "benchmark/benchmark.h"
#include "sim/replication.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

constexpr char kA2[] = R"(
center { workgroups { name: "Q" } }
agent_groups { name: "agent" count: 55 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 720 } }
  handle_time { exponential { mean_s: 240 } }
  patience { exponential { mean_s: 120 } }
}
horizon_s: 500000
)";

// One replication of `scenario` per iteration; reports calls and events per
// second.
void RunReplications(benchmark::State& state, const Scenario& scenario) {
  int replication = 0;
  int64_t calls = 0, events = 0;
  for (auto _ : state) {
    auto result = RunReplication(scenario, replication++);
    if (!result.ok()) {
      state.SkipWithError("replication failed");
      break;
    }
    calls += result->total.offered;
    events += result->events;
  }
  state.counters["calls_per_s"] =
      benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}

void BM_Sim_A2(benchmark::State& state) { RunReplications(state, *LoadScenario("a2", kA2)); }
BENCHMARK(BM_Sim_A2)->Unit(benchmark::kMillisecond);

// The shipped full-day scenario (225 agents, shifts, five contact types).
void BM_Sim_FullDay(benchmark::State& state) {
  const char* root = std::getenv("ACD_SOURCE_DIR");
  const std::string path = std::string(root != nullptr ? root : ".") + "/scenarios/full_day.txtpb";
  absl::StatusOr<Scenario> scenario = LoadScenarioFile(path);
  if (!scenario.ok()) {
    state.SkipWithError("scenarios/full_day.txtpb not found: run from the source tree");
    return;
  }
  RunReplications(state, *scenario);
}
BENCHMARK(BM_Sim_FullDay)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd::sim
