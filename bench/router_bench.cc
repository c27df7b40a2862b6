// The Router's command path (acd/router.h) against the same path built on a
// mutex-protected queue, in the same run.
//
//   BM_Router_Throughput/P       P producer threads submit 200,000 SetStatus
//                                commands to one engine as fast as they can
//                                (retrying when the queue is full); the
//                                iteration ends when every result has come
//                                back. Counter: commands per second.
//   BM_MutexQueue_Throughput/P   the same through MutexQueueRouter below: a
//                                std::deque under a std::mutex with a
//                                condition variable, drained in batches (the
//                                good way to write one), feeding the same
//                                engine loop (stamp, Apply, callback).
//   BM_Router_RoundTrip          one producer submits a command and waits
//                                for its result, one at a time: the latency
//                                of an idle Router (median and p99 counters).
//   BM_MutexQueue_RoundTrip      the same through the mutex queue.
//   BM_Router_QueryRoundTrip     one caller thread queries one waiting
//                                interaction (QueryInteraction: view,
//                                position, wait reason, three estimates)
//                                and spins until the answer, one at a time,
//                                with 64 agents busy and 136 interactions
//                                waiting (median and p99 counters).
//   BM_Router_GetInteraction     the same through the blocking form
//                                (GetInteraction: a condition variable).
//
// Both versions use a queue of 4,096 commands and deliver results through
// the same callback type. The engine's own work per command (a status
// change) is small, so the queues' costs dominate.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "acd/clock.h"
#include "acd/engine.h"
#include "acd/router.h"
#include "benchmark/benchmark.h"

namespace acd {
namespace {

constexpr int kCommandsPerIteration = 200'000;
constexpr int kAgents = 64;
constexpr int kQueueCapacity = 4096;

CenterConfig Center() {
  CenterConfig center;
  center.workgroups.push_back({.name = "Q"});
  for (int a = 0; a < kAgents; ++a) {
    center.agents.push_back({.name = "a" + std::to_string(a), .workgroups = {{.workgroup = "Q"}}});
  }
  return center;
}

std::unique_ptr<Engine> LoggedInEngine() {
  auto engine = *Engine::Create(Center());
  for (int a = 0; a < kAgents; ++a) (void)engine->Apply(LogIn{.agent = AgentId(a)});
  return engine;
}

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// The i-th command of producer p: its own agents, Available and Away in turn.
SetStatus NthCommand(int p, int i) {
  return SetStatus{.agent = AgentId((p * 8 + i % 8) % kAgents),
                   .status = StatusId((i / 8) % 2 ? 2 : 0)};
}

// The baseline: the Router's engine loop behind a mutex-protected deque.
class MutexQueueRouter {
 public:
  MutexQueueRouter(std::unique_ptr<Engine> engine, Clock& clock)
      : engine_(std::move(engine)), clock_(clock), thread_([this] { Run(); }) {}
  ~MutexQueueRouter() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

  // False if full (the caller retries), like Router::Submit's
  // ResourceExhausted.
  bool Submit(const SetStatus& command, ResultCallback&& done) {
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (queue_.size() >= kQueueCapacity) return false;
      queue_.emplace_back(command, std::move(done));
      wake = waiting_;
    }
    if (wake) cv_.notify_one();
    return true;
  }

 private:
  struct Item {
    Item(const SetStatus& c, ResultCallback&& d) : command(c), done(std::move(d)) {}
    Command command;
    ResultCallback done;
  };

  void Run() {
    std::deque<Item> batch;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        waiting_ = true;
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        waiting_ = false;
        if (queue_.empty()) return;
        batch.swap(queue_);
      }
      for (Item& item : batch) {
        const Time now = std::max(clock_.Now(), engine_->now());
        std::visit([now](auto& c) { c.now = now; }, item.command);
        absl::Status status = engine_->Apply(item.command);
        if (item.done) item.done(CommandResult{.status = std::move(status), .applied_at = now});
      }
      batch.clear();
    }
  }

  std::unique_ptr<Engine> engine_;
  Clock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool waiting_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// Runs `producers` threads that each submit their share through `submit`
// (which returns false when full), and waits until `completed` reaches the
// total. The engine thread is the only writer of `completed`.
template <typename Submit>
void Drive(benchmark::State& state, int producers, std::atomic<int64_t>& completed, Submit submit) {
  int64_t expected = 0;
  for (auto _ : state) {
    expected += kCommandsPerIteration;
    std::vector<std::thread> threads;
    for (int p = 0; p < producers; ++p) {
      threads.emplace_back([&submit, p, producers] {
        for (int i = p; i < kCommandsPerIteration; i += producers) {
          // The same retry policy for both queues: spin briefly, then yield.
          for (int attempt = 0; !submit(NthCommand(p, i)); ++attempt) {
            if (attempt < 64) {
              CpuRelax();
            } else {
              std::this_thread::yield();
            }
          }
        }
      });
    }
    for (std::thread& t : threads) t.join();
    // Acquire: pairs with the engine thread's release increments.
    while (completed.load(std::memory_order_acquire) < expected) std::this_thread::yield();
  }
  state.SetItemsProcessed(state.iterations() * kCommandsPerIteration);
  state.counters["commands_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kCommandsPerIteration), benchmark::Counter::kIsRate);
}

ResultCallback Count(std::atomic<int64_t>& completed) {
  return [&completed](const CommandResult&) {
    // Release: the driver's acquire then sees every earlier result.
    completed.fetch_add(1, std::memory_order_release);
  };
}

void BM_Router_Throughput(benchmark::State& state) {
  SystemClock clock;
  std::vector<HostedEngine> engines;
  engines.push_back({.engine = LoggedInEngine()});
  auto router = *Router::Create(
      {.clock = &clock, .queue_capacity = kQueueCapacity, .decision_queue_capacity = 0},
      std::move(engines));
  std::atomic<int64_t> completed{0};
  Drive(state, static_cast<int>(state.range(0)), completed, [&](const SetStatus& command) {
    return router->Submit(0, command, Count(completed)).ok();
  });
}
BENCHMARK(BM_Router_Throughput)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_MutexQueue_Throughput(benchmark::State& state) {
  SystemClock clock;
  MutexQueueRouter router(LoggedInEngine(), clock);
  std::atomic<int64_t> completed{0};
  Drive(state, static_cast<int>(state.range(0)), completed,
        [&](const SetStatus& command) { return router.Submit(command, Count(completed)); });
}
BENCHMARK(BM_MutexQueue_Throughput)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The median and p99 of per-operation latencies `ns`, as counters in µs.
void SetLatencyPercentiles(benchmark::State& state, std::vector<double>& ns) {
  std::sort(ns.begin(), ns.end());
  if (ns.empty()) return;
  state.counters["p50_us"] = ns[ns.size() / 2] / 1000;
  state.counters["p99_us"] = ns[std::min(ns.size() - 1, ns.size() * 99 / 100)] / 1000;
}

// One command at a time: submit, wait for the result, record the time.
template <typename Submit>
void RoundTrips(benchmark::State& state, Submit submit) {
  std::vector<double> ns;
  std::atomic<bool> done{false};
  int i = 0;
  for (auto _ : state) {
    done.store(false, std::memory_order_relaxed);
    const auto start = std::chrono::steady_clock::now();
    while (!submit(NthCommand(0, i++), [&done](const CommandResult&) {
      // Release: pairs with the acquire below.
      done.store(true, std::memory_order_release);
    })) {
    }
    while (!done.load(std::memory_order_acquire)) {
    }
    ns.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                         std::chrono::steady_clock::now() - start)
                                         .count()));
  }
  SetLatencyPercentiles(state, ns);
}

void BM_Router_RoundTrip(benchmark::State& state) {
  SystemClock clock;
  std::vector<HostedEngine> engines;
  engines.push_back({.engine = LoggedInEngine()});
  auto router =
      *Router::Create({.clock = &clock, .decision_queue_capacity = 0}, std::move(engines));
  RoundTrips(state, [&](const SetStatus& command, ResultCallback&& done) {
    return router->Submit(0, command, std::move(done)).ok();
  });
}
BENCHMARK(BM_Router_RoundTrip)->UseRealTime();

void BM_MutexQueue_RoundTrip(benchmark::State& state) {
  SystemClock clock;
  MutexQueueRouter router(LoggedInEngine(), clock);
  RoundTrips(state, [&](const SetStatus& command, ResultCallback&& done) {
    return router.Submit(command, std::move(done));
  });
}
BENCHMARK(BM_MutexQueue_RoundTrip)->UseRealTime();

// 64 agents alerting, 136 interactions waiting: ids 1..200.
constexpr int kArrivals = 200;
std::unique_ptr<Router> QueriedRouter(Clock& clock) {
  auto engine = LoggedInEngine();
  for (int i = 1; i <= kArrivals; ++i) {
    (void)engine->Apply(Arrive{.interaction = InteractionId(i), .workgroup = WorkgroupId(0)});
  }
  std::vector<HostedEngine> engines;
  engines.push_back({.engine = std::move(engine)});
  return *Router::Create({.clock = &clock, .decision_queue_capacity = 0}, std::move(engines));
}

// One query at a time: `ask` returns when the answer is in; records the
// median and p99 as the command round trips do.
template <typename Ask>
void QueryRoundTrips(benchmark::State& state, Ask ask) {
  std::vector<double> ns;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    if (!ask()) {
      state.SkipWithError("query failed");
      return;
    }
    ns.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                         std::chrono::steady_clock::now() - start)
                                         .count()));
  }
  SetLatencyPercentiles(state, ns);
}

void BM_Router_QueryRoundTrip(benchmark::State& state) {
  SystemClock clock;
  auto router = QueriedRouter(clock);
  QueryRoundTrips(state, [&] {
    std::atomic<bool> done{false};
    bool ok = false;
    while (!router
                ->QueryInteraction(0, InteractionId(kArrivals),
                                   [&](absl::StatusOr<InteractionInfo> info) {
                                     ok = info.ok() && *info->position > 0;
                                     // Release: pairs with the acquire below.
                                     done.store(true, std::memory_order_release);
                                   })
                .ok()) {
    }
    while (!done.load(std::memory_order_acquire)) {
    }
    return ok;
  });
}
BENCHMARK(BM_Router_QueryRoundTrip)->UseRealTime();

void BM_Router_GetInteraction(benchmark::State& state) {
  SystemClock clock;
  auto router = QueriedRouter(clock);
  QueryRoundTrips(state, [&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    const absl::StatusOr<InteractionInfo> info =
        router->GetInteraction(0, InteractionId(kArrivals), deadline);
    return info.ok() && *info->position > 0;
  });
}
BENCHMARK(BM_Router_GetInteraction)->UseRealTime();

}  // namespace
}  // namespace acd
