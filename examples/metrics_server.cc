// examples/metrics_server.cc: a Router's live statistics served on /metrics.
//
//   metrics_server PORT [JSON_FILE]
//
// Starts a Router on a small center (workgroups Support and Sales, agents ann
// and bob), feeds it a fixed piece of traffic, then serves the metrics of
// acd/metrics.h in the Prometheus text format at
// http://127.0.0.1:PORT/metrics (PORT 0: any free port) with prometheus-cpp's
// Exposer, until SIGINT or SIGTERM. It prints "listening on
// http://127.0.0.1:<port>/metrics" once the traffic is in the published
// statistics; with JSON_FILE it writes the same metrics as JSON there first.
//
// The clock is a ManualClock moved by the feed, so that every number is
// reproducible (tests/examples/metrics_scrape_test.py checks them); a real
// server passes a SystemClock and keeps submitting. The traffic, at engine
// time t (seconds): t=0 ann logs in; calls 1, 2, 3 arrive in Support and 4, 5
// in Sales; ann is offered call 1. t=5 ann accepts call 1. t=10 call 4's
// customer hangs up while waiting. t=30 bob logs in and is offered call 5.

#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "acd/clock.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "acd/format.h"
#include "acd/metrics.h"
#include "acd/router.h"
#include "fmt/format.h"
#include "prometheus/exposer.h"

namespace {

acd::CenterConfig SmallCenter() {
  acd::CenterConfig center;
  center.workgroups.push_back(
      {.name = "Support", .service_level_thresholds = {acd::Seconds(20), acd::Seconds(60)}});
  center.workgroups.push_back({.name = "Sales"});
  center.agents.push_back({.name = "ann", .workgroups = {{.workgroup = "Support"}}});
  center.agents.push_back({.name = "bob", .workgroups = {{.workgroup = "Sales"}}});
  return center;
}

// Waits until the published statistics count `commands` commands: the
// Router publishes after the batch that applied the last of them, so the
// engine thread has finished that batch.
void AwaitPublished(acd::Router& router, int64_t commands) {
  for (;;) {
    std::optional<acd::EngineStats> stats = router.ReadStats(0);
    if (stats.has_value() && stats->commands_applied + stats->commands_rejected >= commands) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

// Submits `command` at engine time `at`, the `sequence`-th command, and
// waits for its result and for the end of the batch that applied it. The
// Router stamps a batch of commands with one clock reading, taken after it
// takes the batch's first command: waiting for the batch to end keeps the
// next command, submitted after the clock is set, out of this batch, so
// every command is stamped with its own time.
absl::Status ApplyAt(acd::Router& router, acd::ManualClock& clock, acd::Time at,
                     acd::Command command, int64_t sequence) {
  if (at > clock.Now()) clock.Set(at);
  std::promise<absl::Status> result;
  std::future<absl::Status> done = result.get_future();
  absl::Status submitted =
      router.Submit(0, std::move(command),
                    [&result](const acd::CommandResult& r) { result.set_value(r.status); });
  if (!submitted.ok()) return submitted;
  absl::Status status = done.get();
  AwaitPublished(router, sequence);
  return status;
}

absl::Status Feed(acd::Router& router, acd::ManualClock& clock) {
  using acd::InteractionId;
  const acd::AgentId ann(0), bob(1);
  const acd::WorkgroupId support(0), sales(1);
  const acd::Time t0;
  std::vector<std::pair<acd::Time, acd::Command>> script = {
      {t0, acd::LogIn{.agent = ann}},
      {t0, acd::Arrive{.interaction = InteractionId(1), .workgroup = support}},
      {t0, acd::Arrive{.interaction = InteractionId(2), .workgroup = support}},
      {t0, acd::Arrive{.interaction = InteractionId(3), .workgroup = support}},
      {t0, acd::Arrive{.interaction = InteractionId(4), .workgroup = sales}},
      {t0, acd::Arrive{.interaction = InteractionId(5), .workgroup = sales}},
      {t0 + acd::Seconds(5), acd::Accept{.interaction = InteractionId(1)}},
      {t0 + acd::Seconds(10), acd::Disconnect{.interaction = InteractionId(4)}},
      {t0 + acd::Seconds(30), acd::LogIn{.agent = bob}},
  };
  int64_t sequence = 0;
  for (auto& [at, command] : script) {
    absl::Status status = ApplyAt(router, clock, at, std::move(command), ++sequence);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

int Fail(const std::string& message) {
  fmt::print(stderr, "metrics_server: {}\n", message);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  int port = -1;
  if (argc < 2 || argc > 3 || !absl::SimpleAtoi(argv[1], &port) || port < 0 || port > 65535) {
    return Fail("usage: metrics_server PORT [JSON_FILE]  (PORT 0: any free port)");
  }
  // Block the stop signals in every thread (the Router's and the Exposer's
  // inherit the mask); main waits for them with sigwait.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  const acd::CenterConfig center = SmallCenter();
  absl::StatusOr<std::unique_ptr<acd::Engine>> engine = acd::Engine::Create(center);
  if (!engine.ok()) return Fail(fmt::format("{}", engine.status()));
  acd::ManualClock clock;
  std::vector<acd::HostedEngine> engines;
  engines.push_back({.engine = std::move(*engine)});
  // stats_interval zero: a snapshot after every batch of commands.
  absl::StatusOr<std::unique_ptr<acd::Router>> router = acd::Router::Create(
      {.clock = &clock, .stats_interval = acd::Duration::Zero()}, std::move(engines));
  if (!router.ok()) return Fail(fmt::format("{}", router.status()));
  if (absl::Status fed = Feed(**router, clock); !fed.ok()) {
    return Fail(fmt::format("feeding the router: {}", fed));
  }

  auto metrics = std::make_shared<acd::RouterMetrics>(
      router->get(), std::vector<acd::MetricsCenter>{acd::MetricsCenterOf("demo", center)});
  if (argc == 3) {
    std::ofstream json(argv[2]);
    json << acd::MetricsJson(metrics->Collect()) << "\n";
    if (!json.good()) return Fail(fmt::format("cannot write {}", argv[2]));
  }
  prometheus::Exposer exposer(fmt::format("127.0.0.1:{}", port));
  exposer.RegisterCollectable(metrics);
  fmt::print("listening on http://127.0.0.1:{}/metrics\n", exposer.GetListeningPorts().at(0));
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stop, &signal);
  (*router)->Stop();
  return 0;
}
