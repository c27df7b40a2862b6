// Balking against the exact M/M/c+M model with balking, computed here from
// its birth-death chain, and the mixture distribution against its exact
// moments. Pass rule of the oracle (tests/sim/erlang_test.cc): over R
// independent replications after a warm-up, |mean - exact| <=
// max(3 * (95 % half-width), tolerance).

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/distribution.h"
#include "sim/mrg32k3a.h"
#include "sim/replication.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/kpis.h"

namespace acd::sim {
namespace {

struct Exact {
  double p_balk = 0;     // balked / offered
  double p_abandon = 0;  // (balked + abandoned from the queue) / offered
};

// M/M/c+M where an arrival finding all c agents busy balks with probability
// b: state n (contacts present) goes up at lambda (n < c) or lambda (1 - b)
// (n >= c), down at min(n, c) mu + max(n - c, 0) theta. By PASTA an arrival
// balks with probability b P(n >= c); abandonments from the queue happen at
// rate theta E[(n - c)+], so their share of arrivals is theta E[(n-c)+] /
// lambda.
Exact BirthDeath(double lambda, double mu, int c, double theta, double b) {
  const int states = c + 20000;
  std::vector<double> p(states, 0.0);
  p[0] = 1;
  double sum = 1;
  for (int n = 1; n < states; ++n) {
    const double up = n - 1 < c ? lambda : lambda * (1 - b);
    const double down = std::min(n, c) * mu + std::max(n - c, 0) * theta;
    p[n] = p[n - 1] * up / down;
    sum += p[n];
  }
  double busy = 0, queue = 0;
  for (int n = 0; n < states; ++n) {
    if (n >= c) busy += p[n] / sum;
    queue += std::max(n - c, 0) * p[n] / sum;
  }
  Exact out;
  out.p_balk = b * busy;
  out.p_abandon = out.p_balk + theta * queue / lambda;
  return out;
}

void Expect(const KpiSummaries& kpis, const std::string& key, double exact, double tolerance) {
  const Summary& s = testing::Kpi(kpis, key);
  const double allowed = std::max(3 * s.ci95, tolerance);
  MESSAGE(fmt::format("{:<14} exact {:<10.6f} simulated {:.6f} ± {:.2g} (allowed {:.2g})", key,
                      exact, s.mean, s.ci95, allowed));
  CHECK(std::fabs(s.mean - exact) <= allowed);
}

TEST_CASE("balking matches the birth-death chain of M/M/c+M with balking") {
  // 10 agents, AHT 240 s, 2.6 calls a minute (load 10.4), patience 180 s,
  // and 30 % of those who find every agent busy leave at once.
  const int c = 10;
  const double lambda = 2.6 / 60, mu = 1.0 / 240, theta = 1.0 / 180, b = 0.3;
  const std::string text = fmt::format(R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{ name: "agent" count: {} workgroups {{ workgroup: "Q" }} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ poisson {{ rate_per_hour: {} }} }}
  handle_time {{ exponential {{ mean_s: 240 }} }}
  patience {{ exponential {{ mean_s: 180 }} }}
  balk_probability: {}
}}
horizon_s: 1000000
warmup_s: 20000
replications: 10
)",
                                       c, lambda * 3600, b);
  absl::StatusOr<Scenario> scenario = LoadScenario("balk.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  absl::StatusOr<Report> report = RunScenario(*scenario, {.threads = 2});
  REQUIRE(report.ok());
  const Exact exact = BirthDeath(lambda, mu, c, theta, b);
  Expect(report->total, "balk_rate", exact.p_balk, 0.002);
  Expect(report->total, "abandon_rate", exact.p_abandon, 0.002);
  // A balking caller abandons after 0 s, within any threshold.
  CHECK(testing::Mean(report->total, "abandoned_within") >= testing::Mean(report->total, "balked"));
}

TEST_CASE("a caller who balks hangs up at once, after the engine found no agent free") {
  absl::StatusOr<Scenario> scenario = LoadScenario("balk1.txtpb", R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { listed { times_s: [0, 1, 200] } }
  handle_time { constant_s: 100 }
  balk_probability: 1
}
horizon_s: 3600
replications: 1
)");
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  std::string trace;
  absl::StatusOr<ReplicationResult> result = RunReplication(*scenario, 0, &trace);
  REQUIRE(result.ok());
  // The first and third find the agent free; the second balks.
  CHECK(result->total.answered == 2);
  CHECK(result->total.balked == 1);
  CHECK(result->total.abandoned == 1);
  CHECK(result->total.wait_abandoned_s == 0);
  CHECK(trace.find("{\"t\": 1, \"event\": \"balked\", \"contact\": 2,") != std::string::npos);
  CHECK(trace.find("{\"t\": 1, \"event\": \"abandoned\", \"contact\": 2,") != std::string::npos);
}

TEST_CASE("without balking the chain is Erlang A, and the balking draws change nothing else") {
  // The oracle itself: b = 0 gives Erlang A case A2 (docs/queueing-results.md).
  const Exact a2 = BirthDeath(0.2, 1.0 / 240, 55, 1.0 / 120, 0);
  CHECK(a2.p_abandon == doctest::Approx(0.016968).epsilon(0.001));
  CHECK(a2.p_balk == 0);
}

TEST_CASE("a mixture samples each component with its weight") {
  // 70 % exponential of mean 60 s, 30 % constant 600 s.
  const Distribution mix =
      Distribution::Mixture({7, 3}, {Distribution::Exponential(60), Distribution::Constant(600)});
  CHECK(mix.mean_s() == doctest::Approx(0.7 * 60 + 0.3 * 600));
  const double second = 0.7 * 2 * 60 * 60 + 0.3 * 600 * 600;
  CHECK(mix.variance_s2() == doctest::Approx(second - mix.mean_s() * mix.mean_s()));
  Mrg32k3a rng;
  const int n = 200000;
  double sum = 0, sum2 = 0;
  int long_ones = 0;
  for (int i = 0; i < n; ++i) {
    const double x = mix.SampleSeconds(rng);
    sum += x;
    sum2 += x * x;
    long_ones += x == 600;
  }
  const double mean = sum / n;
  const double variance = sum2 / n - mean * mean;
  MESSAGE(fmt::format(
      "mean {:.2f} (exact {:.2f}), variance {:.0f} (exact {:.0f}), share 600 s "
      "{:.4f}",
      mean, mix.mean_s(), variance, mix.variance_s2(), static_cast<double>(long_ones) / n));
  CHECK(std::fabs(mean - mix.mean_s()) <= 4 * std::sqrt(mix.variance_s2() / n));
  CHECK(variance == doctest::Approx(mix.variance_s2()).epsilon(0.02));
  CHECK(static_cast<double>(long_ones) / n == doctest::Approx(0.3).epsilon(0.02));
}

TEST_CASE("a mixture patience splits callers into impatient and patient ones") {
  // Nobody is answered (the one agent talks all day to the first caller):
  // half the others hang up after 10 s, half after 1000 s.
  absl::StatusOr<Scenario> scenario = LoadScenario("mix.txtpb", R"(
center { workgroups { name: "Q" } }
agent_groups { name: "a" count: 1 workgroups { workgroup: "Q" } }
contact_types {
  name: "calls" workgroup: "Q"
  arrivals { poisson { rate_per_hour: 120 } }
  handle_time { constant_s: 100000 }
  patience {
    mixture { weights: [1, 1] components { constant_s: 10 } components { constant_s: 1000 } }
  }
}
horizon_s: 36000
replications: 4
)");
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  absl::StatusOr<Report> report = RunScenario(*scenario);
  REQUIRE(report.ok());
  const double abandoned = testing::Mean(report->total, "abandoned");
  const double within = testing::Mean(report->total, "abandoned_within");  // within 20 s
  MESSAGE(fmt::format("{:.1f} of {:.1f} abandoned within 20 s, mean abandon time {:.1f} s", within,
                      abandoned, testing::Mean(report->total, "abandon_time_s")));
  // About 1200 calls a replication: the share within is 0.5 give or take
  // 4 standard deviations of 4800 draws.
  CHECK(std::fabs(within / abandoned - 0.5) <= 4 * std::sqrt(0.25 / (4 * abandoned)));
  CHECK(testing::Mean(report->total, "abandon_time_s") ==
        doctest::Approx(0.5 * 10 + 0.5 * 1000).epsilon(0.05));
}

TEST_CASE("a zero-weight component is never drawn") {
  const Distribution mix = Distribution::Mixture(
      {0, 1, 0}, {Distribution::Constant(1), Distribution::Constant(2), Distribution::Constant(3)});
  Mrg32k3a rng;
  for (int i = 0; i < 1000; ++i) CHECK(mix.SampleSeconds(rng) == 2);
}

}  // namespace
}  // namespace acd::sim
