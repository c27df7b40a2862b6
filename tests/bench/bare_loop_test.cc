// The bare loop of bench/bare_loop.h against the exact Erlang A results of
// sim/erlang.h: the yardstick of BM_Bare_A2 must simulate the system it is
// compared on.
//
// Pass rule, on the abandonment fraction and on the fraction that waits: over
// R independent replications (one substream each) after a warm-up,
// |mean - exact| <= 4 standard errors of the mean, and the standard error is
// below 2 % of the exact value, so a loop that ignored patience, or drew the
// wrong rates, fails (on A2, patience 10 % too long is about 6 standard errors
// off).

#include "bench/bare_loop.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/erlang.h"

namespace acd::bench {
namespace {

struct Estimate {
  double mean = 0;
  double standard_error = 0;
};

Estimate MeanOf(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  Estimate e;
  for (double v : values) e.mean += v / n;
  double variance = 0;
  for (double v : values) variance += (v - e.mean) * (v - e.mean) / (n - 1);
  e.standard_error = std::sqrt(variance / n);
  return e;
}

void ExpectNear(const char* what, const Estimate& e, double exact) {
  MESSAGE(fmt::format("{:<12} exact {:.6f} bare loop {:.6f} ± {:.2g} (standard error)", what, exact,
                      e.mean, e.standard_error));
  CHECK(e.standard_error < 0.02 * exact);
  CHECK(std::fabs(e.mean - exact) <= 4 * e.standard_error);
}

void ExpectErlangA(const BareSystem& system, int replications) {
  const absl::StatusOr<sim::QueueKpis> exact = sim::ErlangA({.calls_per_s = system.calls_per_s,
                                                             .aht_s = system.aht_s,
                                                             .agents = system.agents,
                                                             .patience_s = system.patience_s});
  REQUIRE(exact.ok());
  std::vector<double> abandoned, waited;
  for (int r = 0; r < replications; ++r) {
    const BareResult result = RunBareLoop(system, /*seed=*/2024, static_cast<uint64_t>(r));
    REQUIRE(result.answered + result.abandoned > 0);
    // Every counted call but the few in the system at the horizon has an
    // outcome.
    CHECK(result.answered + result.abandoned <= result.offered);
    CHECK(result.answered + result.abandoned >= result.offered - system.agents - 1000);
    abandoned.push_back(static_cast<double>(result.abandoned) /
                        static_cast<double>(result.answered + result.abandoned));
    waited.push_back(static_cast<double>(result.waited) / static_cast<double>(result.offered));
  }
  ExpectNear("abandonment", MeanOf(abandoned), exact->p_abandon);
  ExpectNear("P(wait)", MeanOf(waited), exact->p_wait);
}

TEST_CASE("the bare loop's abandonment on A2 is Erlang A's") {
  ExpectErlangA({.calls_per_s = 0.2,
                 .aht_s = 240,
                 .agents = 55,
                 .patience_s = 120,
                 .horizon_s = 2.0e6,
                 .warmup_s = 20000},
                20);
}

TEST_CASE("the bare loop's abandonment on an overloaded queue is Erlang A's") {
  // 30 Erlangs offered to 25 agents: a long queue, about a fifth abandons.
  ExpectErlangA({.calls_per_s = 0.125,
                 .aht_s = 240,
                 .agents = 25,
                 .patience_s = 60,
                 .horizon_s = 2.0e5,
                 .warmup_s = 20000},
                10);
}

}  // namespace
}  // namespace acd::bench
