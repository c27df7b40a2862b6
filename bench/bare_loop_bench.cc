// The bare specialised M/M/c+M loop (bench/bare_loop.h) on the Erlang A
// system A2 of BM_Sim_A2 (bench/sim_bench.cc): the yardstick that
// bench/compare_simpy.sh divides acd's calls per second by.

#include <cstdint>

#include "bench/bare_loop.h"
#include "benchmark/benchmark.h"

namespace acd::bench {
namespace {

// One replication of A2 per iteration, a new substream each time; reports
// calls and events per second, as BM_Sim_A2 does, and the abandonment
// fraction (exact: 0.016968, docs/queueing-results.md) to show it simulates
// the same system.
void BM_Bare_A2(benchmark::State& state) {
  const BareSystem a2;  // the defaults are A2
  uint64_t replication = 0;
  int64_t calls = 0, events = 0, answered = 0, abandoned = 0;
  for (auto _ : state) {
    const BareResult result = RunBareLoop(a2, /*seed=*/12345, replication++);
    calls += result.offered;
    events += result.events;
    answered += result.answered;
    abandoned += result.abandoned;
  }
  state.counters["calls_per_s"] =
      benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["abandon_fraction"] =
      static_cast<double>(abandoned) / static_cast<double>(answered + abandoned);
}
BENCHMARK(BM_Bare_A2)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace acd::bench
