// Several producers, hundreds of thousands of commands, two engines, readers
// of statistics and drainers of decisions, all at once; run under
// ThreadSanitizer in CI. Nothing lost, nothing duplicated, each producer's
// order kept, every result delivered exactly once, and the journals recover
// the engines exactly.

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "acd/clock.h"
#include "acd/journal.h"
#include "acd/router.h"
#include "doctest/doctest.h"
#include "tests/router/router_testing.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

constexpr int kProducers = 4;
constexpr int kEngines = 2;
constexpr int kAgentsPerProducer = 4;

int CommandsPerProducer() {
  // ACD_STRESS_COMMANDS overrides the total for longer runs.
  const char* total = std::getenv("ACD_STRESS_COMMANDS");
  return (total ? std::atoi(total) : 240'000) / kProducers;
}

// What one engine thread saw, in the order it applied commands: written by
// the engine thread only, read after Stop.
struct Applied {
  std::vector<std::vector<int>> by_producer = std::vector<std::vector<int>>(kProducers);
  int64_t failures = 0;
};

TEST_CASE("several producers' commands are applied exactly once each, in each producer's order") {
  const int per_producer = CommandsPerProducer();
  SystemClock clock;
  // Each producer owns kAgentsPerProducer agents in each engine.
  const CenterConfig center = testing::SimpleCenter(kProducers * kAgentsPerProducer);
  std::vector<std::unique_ptr<StringJournalSink>> sinks;
  std::vector<StringJournalSink*> journal_bytes;
  std::vector<std::unique_ptr<JournalWriter>> journals;
  std::vector<HostedEngine> engines;
  for (int e = 0; e < kEngines; ++e) {
    auto sink = std::make_unique<StringJournalSink>();
    journal_bytes.push_back(sink.get());
    journals.push_back(std::make_unique<JournalWriter>(
        std::move(sink), center,
        JournalOptions{.flush = FlushPolicy::kEveryN, .flush_every_records = 256}));
    engines.push_back({.engine = *Engine::Create(center), .journal = journals.back().get()});
  }
  auto router = Router::Create({.clock = &clock,
                                .queue_capacity = 256,
                                .decision_queue_capacity = 1024,
                                .stats_interval = Microseconds(100)},
                               std::move(engines));
  REQUIRE(router.ok());
  Router& r = **router;
  // Log everyone in first.
  for (int e = 0; e < kEngines; ++e) {
    for (int a = 0; a < kProducers * kAgentsPerProducer; ++a) {
      REQUIRE(r.Submit(e, LogIn{.agent = AgentId(a)}, nullptr,
                       std::chrono::steady_clock::now() + std::chrono::seconds(10))
                  .ok());
    }
  }

  std::vector<Applied> applied(kEngines);
  std::atomic<bool> stop_watchers{false};
  std::atomic<int64_t> decisions{0};
  std::atomic<int64_t> refused{0};
  std::vector<std::thread> threads;
  for (int p = 0; p < kProducers; ++p) {
    threads.emplace_back([&, p] {
      for (int i = 0; i < per_producer; ++i) {
        const int e = i % kEngines;
        const AgentId agent(p * kAgentsPerProducer + i % kAgentsPerProducer);
        // Alternate Available (0) and Away From Desk (2): each is accepted.
        const SetStatus command{.agent = agent,
                                .status = StatusId((i / kAgentsPerProducer) % 2 ? 2 : 0)};
        ResultCallback done = [&applied, e, p, i](const CommandResult& result) {
          applied[e].by_producer[p].push_back(i);
          if (!result.status.ok()) ++applied[e].failures;
        };
        if (p % 2 == 0) {
          // Half the producers retry on ResourceExhausted themselves...
          absl::Status status;
          while ((status = r.Submit(e, command, std::move(done))).code() ==
                 absl::StatusCode::kResourceExhausted) {
            refused.fetch_add(1, std::memory_order_relaxed);
            std::this_thread::yield();
          }
          REQUIRE(status.ok());
        } else {
          // ...the others give the Router a deadline.
          REQUIRE(r.Submit(e, command, std::move(done),
                           std::chrono::steady_clock::now() + std::chrono::seconds(30))
                      .ok());
        }
      }
    });
  }
  // A statistics reader per engine: versions and counters only grow.
  for (int e = 0; e < kEngines; ++e) {
    threads.emplace_back([&, e] {
      uint64_t version = 0;
      int64_t applied_so_far = 0;
      while (!stop_watchers.load(std::memory_order_acquire)) {
        std::optional<EngineStats> s = r.ReadStats(e);
        if (!s) continue;
        REQUIRE(s->version >= version);
        REQUIRE(s->commands_applied >= applied_so_far);
        REQUIRE(s->agents.size() == static_cast<size_t>(kProducers * kAgentsPerProducer));
        version = s->version;
        applied_so_far = s->commands_applied;
      }
    });
  }
  // One decision drainer for both engines.
  threads.emplace_back([&] {
    while (!stop_watchers.load(std::memory_order_acquire)) {
      for (int e = 0; e < kEngines; ++e) {
        decisions.fetch_add(static_cast<int64_t>(r.PollDecisions(e, [](const Decision&) {})),
                            std::memory_order_relaxed);
      }
    }
  });
  for (int p = 0; p < kProducers; ++p) threads[p].join();
  r.Stop();
  stop_watchers.store(true, std::memory_order_release);
  for (size_t t = kProducers; t < threads.size(); ++t) threads[t].join();
  for (int e = 0; e < kEngines; ++e) {
    while (r.PollDecisions(e, [&](const Decision&) { decisions.fetch_add(1); }) > 0) {
    }
  }

  int64_t total = 0;
  for (int e = 0; e < kEngines; ++e) {
    CHECK(applied[e].failures == 0);
    for (int p = 0; p < kProducers; ++p) {
      const std::vector<int>& seen = applied[e].by_producer[p];
      // Exactly the commands this producer sent this engine, in its order.
      REQUIRE(seen.size() == static_cast<size_t>(per_producer / kEngines));
      for (size_t k = 0; k < seen.size(); ++k)
        REQUIRE(seen[k] == static_cast<int>(k) * kEngines + e);
      total += static_cast<int64_t>(seen.size());
    }
    const EngineStats stats = *r.ReadStats(e);
    CHECK(stats.commands_applied ==
          per_producer / kEngines * kProducers + kProducers * kAgentsPerProducer);
    // Every agent is still logged in: no log-out slipped in.
    for (int a = 0; a < kProducers * kAgentsPerProducer; ++a) {
      const AgentView view = *r.engine(e).GetAgent(AgentId(a));
      CHECK(view.logged_in);
    }
  }
  CHECK(total == static_cast<int64_t>(per_producer) * kProducers);
  CHECK(decisions.load() > 0);
  MESSAGE("producers retried " << refused.load() << " times on a full queue");

  // The journals rebuild each engine exactly.
  for (int e = 0; e < kEngines; ++e) {
    REQUIRE(journals[e]->Flush().ok());
    absl::StatusOr<Recovered> recovered = Recover(center, journal_bytes[e]->bytes());
    REQUIRE(recovered.ok());
    CHECK(recovered->tail_report.empty());
    CHECK(testing::StateText(*recovered->engine, 0) == testing::StateText(r.engine(e), 0));
  }
}

}  // namespace
}  // namespace acd
