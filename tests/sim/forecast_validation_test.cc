// The forecast's acceptance test (sim/forecast.h): a forecast started from a
// state taken mid-run of a simulation agrees, within its confidence
// interval, with the continuation of that same simulation.
//
// One continuation is one sample path, so the test pools many. For M
// seeds (used by no other test), replication 0 runs to T, its engine state
// is saved, and the run goes on to T + h; a forecast of R replications
// (another seed) starts from the saved state. If the forecast is right, the
// continuation's KPI over [T, T + h) and the forecast's mean are two
// estimates of the same conditional expectation given the state, so the
// differences d_m = continuation - forecast mean have mean zero: the test
// checks that zero is inside the 99 % Student-t interval of the mean of the
// M differences, for the service level, the abandonment rate and the queue
// length. Every distribution is exponential (answer delay, handle time,
// patience; no wrap-up), so the saved state is Markov and the forecast's
// fresh draws for the contacts already there are exact.
//
// The test can fail: a forecast that drops the waiting queue (every waiting
// contact disconnected at T before forecasting) must fall outside that
// interval for the service level, the abandonment rate and the queue length.

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/forecast.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/tally.h"

namespace acd::sim {
namespace {

constexpr double kSnapshotS = 3600;  // T: the end of the fourth 15-minute interval
constexpr double kHorizonS = 1800;   // h: two intervals
constexpr int kSeeds = 120;          // M
constexpr int kReplications = 30;    // R per forecast
constexpr double kT99 = 2.618;       // Student t, 119 degrees of freedom, two-sided 99 %

// Overloaded (offered 13 erlangs to 10 agents), so that a queue of about
// 15 forms by T and matters: 260 calls an hour, exponential talk 180 s,
// patience 900 s, answer delay 3 s.
Scenario Make(uint64_t seed) {
  const std::string text = fmt::format(R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{
  name: "agent" count: 10 workgroups {{ workgroup: "Q" }}
  answer_delay {{ exponential {{ mean_s: 3 }} }}
}}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: 260 }} }}
  handle_time {{ exponential {{ mean_s: 180 }} }}
  patience {{ exponential {{ mean_s: 900 }} }}
}}
horizon_s: {}
interval_s: 900
replications: 1
seed: {}
service_level_s: 20
)",
                                       kSnapshotS + kHorizonS, seed);
  absl::StatusOr<Scenario> scenario = LoadScenario("forecast_validation.txtpb", text);
  REQUIRE(scenario.ok());
  return *std::move(scenario);
}

struct Kpis {
  double service_level = 0;  // answered within 20 s / offered
  double abandonment = 0;    // abandoned / offered
  double queue = 0;          // time-average queue length
};

// The KPIs of the intervals from T on.
Kpis Window(const ReplicationResult& result) {
  Tally sum;
  const size_t first = static_cast<size_t>(kSnapshotS / 900);
  REQUIRE(result.total_intervals.size() == first + 2);
  for (size_t k = first; k < result.total_intervals.size(); ++k) {
    const Tally& t = result.total_intervals[k];
    sum.offered += t.offered;
    sum.answered_within += t.answered_within;
    sum.abandoned += t.abandoned;
    sum.queue_integral_s += t.queue_integral_s;
  }
  REQUIRE(sum.offered > 0);
  return {.service_level = static_cast<double>(sum.answered_within) / sum.offered,
          .abandonment = static_cast<double>(sum.abandoned) / sum.offered,
          .queue = sum.queue_integral_s / kHorizonS};
}

// The state with every waiting contact hung up: a forecast that ignores
// the queue.
EngineState WithoutQueue(const EngineState& state) {
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Restore(state);
  REQUIRE(engine.ok());
  for (const EngineState::Interaction& i : state.interactions) {
    if (i.state != InteractionState::kWaiting) continue;
    REQUIRE((*engine)->Apply(Disconnect{.now = state.now, .interaction = i.id}).ok());
  }
  return (*engine)->ExportState();
}

Kpis ForecastMean(const EngineState& state, uint64_t seed) {
  absl::StatusOr<Forecast> forecast = PrepareForecast(Make(seed), state, Seconds(kHorizonS));
  REQUIRE(forecast.ok());
  Kpis mean;
  for (int r = 0; r < kReplications; ++r) {
    absl::StatusOr<ReplicationResult> result = RunForecastReplication(*forecast, r);
    REQUIRE(result.ok());
    const Kpis k = Window(*result);
    mean.service_level += k.service_level / kReplications;
    mean.abandonment += k.abandonment / kReplications;
    mean.queue += k.queue / kReplications;
  }
  return mean;
}

// The mean of `d` and the half-width of its 99 % interval.
std::pair<double, double> MeanAndHalfWidth(const std::vector<double>& d) {
  double mean = 0;
  for (double x : d) mean += x / d.size();
  double ss = 0;
  for (double x : d) ss += (x - mean) * (x - mean);
  return {mean, kT99 * std::sqrt(ss / (d.size() - 1) / d.size())};
}

TEST_CASE(
    "a forecast from a mid-run state agrees with the run's continuation, and fails "
    "when it drops the queue") {
  std::vector<double> sl, abandon, queue, sl_nq, abandon_nq, queue_nq;
  int waiting_at_t = 0;
  for (int m = 0; m < kSeeds; ++m) {
    const uint64_t seed = 0xF0CA57 + m;
    std::string bytes;
    absl::StatusOr<ReplicationResult> run =
        RunReplicationWithSnapshot(Make(seed), 0, Time() + Seconds(kSnapshotS), &bytes);
    REQUIRE(run.ok());
    const Kpis continuation = Window(*run);
    absl::StatusOr<EngineState> state = DecodeSnapshot(bytes, "snapshot");
    REQUIRE(state.ok());
    CHECK(state->now == Time() + Seconds(kSnapshotS));
    for (const EngineState::Interaction& i : state->interactions) {
      waiting_at_t += i.state == InteractionState::kWaiting ? 1 : 0;
    }
    const Kpis forecast = ForecastMean(*state, seed + 1'000'000);
    const Kpis ignored = ForecastMean(WithoutQueue(*state), seed + 1'000'000);
    sl.push_back(continuation.service_level - forecast.service_level);
    abandon.push_back(continuation.abandonment - forecast.abandonment);
    queue.push_back(continuation.queue - forecast.queue);
    sl_nq.push_back(continuation.service_level - ignored.service_level);
    abandon_nq.push_back(continuation.abandonment - ignored.abandonment);
    queue_nq.push_back(continuation.queue - ignored.queue);
  }
  // The states are not trivial: contacts were waiting at T.
  MESSAGE(fmt::format("{:.2f} contacts waiting at T on average", 1.0 * waiting_at_t / kSeeds));
  CHECK(waiting_at_t > 2 * kSeeds);
  const auto report = [](const char* what, const std::vector<double>& d) {
    const auto [mean, half] = MeanAndHalfWidth(d);
    MESSAGE(fmt::format("{}: continuation - forecast = {:+.4f} +- {:.4f}", what, mean, half));
    return std::abs(mean) <= half;
  };
  CHECK(report("service level", sl));
  CHECK(report("abandonment", abandon));
  CHECK(report("queue length", queue));
  CHECK_FALSE(report("service level, queue dropped", sl_nq));
  CHECK_FALSE(report("abandonment, queue dropped", abandon_nq));
  CHECK_FALSE(report("queue length, queue dropped", queue_nq));
}

}  // namespace
}  // namespace acd::sim
