// The Router's behaviour, one property at a time (acd/router.h).

#include "acd/router.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "doctest/doctest.h"
#include "tests/router/router_testing.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::SimpleCenter;

const WorkgroupId kSupport(0);

// Waits (yielding) until `done()`; fails after 10 s.
template <typename Done>
void Await(Done done) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    REQUIRE(std::chrono::steady_clock::now() < give_up);
    std::this_thread::yield();
  }
}

std::unique_ptr<Router> MakeRouter(Clock& clock, CenterConfig center, RouterOptions options = {},
                                   Observer* observer = nullptr, JournalWriter* journal = nullptr) {
  options.clock = &clock;
  std::vector<HostedEngine> engines;
  engines.push_back({.engine = *Engine::Create(center), .observer = observer, .journal = journal});
  auto router = Router::Create(options, std::move(engines));
  REQUIRE(router.ok());
  return std::move(*router);
}

// A callback that stores its result.
struct ResultSlot {
  ResultCallback Callback() {
    return [this](const CommandResult& r) {
      result = r;
      calls.fetch_add(1, std::memory_order_release);
    };
  }
  CommandResult result;
  std::atomic<int> calls{0};
};

TEST_CASE("each result reaches its submitter, stamped with the server's clock") {
  ManualClock clock(Time() + Seconds(100));
  auto router = MakeRouter(clock, SimpleCenter(1));
  ResultSlot ok, rejected;
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}, ok.Callback()).ok());
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}, rejected.Callback()).ok());
  Await([&] { return rejected.calls.load(std::memory_order_acquire) == 1; });
  CHECK(ok.calls.load() == 1);
  CHECK(ok.result.status.ok());
  CHECK(ok.result.applied_at == Time() + Seconds(100));
  CHECK(rejected.result.status.code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("decisions reach the observer on the engine thread and the decision queue in order") {
  ManualClock clock;
  testing::TextLog observed;
  auto router = MakeRouter(clock, SimpleCenter(1), {}, &observed);
  ResultSlot last;
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}).ok());
  REQUIRE(router
              ->Submit(0, Arrive{.interaction = InteractionId(1), .workgroup = kSupport},
                       last.Callback())
              .ok());
  Await([&] { return last.calls.load(std::memory_order_acquire) == 1; });
  std::vector<Decision> polled;
  router->PollDecisions(0, [&](const Decision& d) { polled.push_back(d); });
  router->Stop();
  REQUIRE(polled.size() == observed.lines.size());
  int offers = 0;
  for (const Decision& d : polled) {
    if (const auto* offer = std::get_if<OfferEvent>(&d.event)) {
      CHECK(offer->interaction == InteractionId(1));
      CHECK(offer->agent == AgentId(0));
      ++offers;
    }
  }
  CHECK(offers == 1);
}

// Holds the engine thread inside a callback until released.
struct Gate {
  ResultCallback Hold() {
    return [this](const CommandResult&) {
      entered.store(true, std::memory_order_release);
      while (!open.load(std::memory_order_acquire)) std::this_thread::yield();
    };
  }
  std::atomic<bool> entered{false};
  std::atomic<bool> open{false};
};

TEST_CASE("a full queue answers ResourceExhausted at once, or after the caller's deadline") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(1), {.queue_capacity = 4});
  Gate gate;
  REQUIRE(router->Submit(0, SetStatus{.agent = AgentId(0)}, gate.Hold()).ok());
  Await([&] { return gate.entered.load(std::memory_order_acquire); });
  std::atomic<int> results{0};
  auto count = [&results](const CommandResult&) { results.fetch_add(1); };
  for (int i = 0; i < 4; ++i) REQUIRE(router->Submit(0, LogOut{.agent = AgentId(0)}, count).ok());
  ResultCallback kept = count;
  const absl::Status full = router->Submit(0, LogOut{.agent = AgentId(0)}, std::move(kept));
  CHECK(full.code() == absl::StatusCode::kResourceExhausted);
  CHECK(static_cast<bool>(kept));  // a refused submit hands the callback back
  const auto start = std::chrono::steady_clock::now();
  const absl::Status late =
      router->Submit(0, LogOut{.agent = AgentId(0)}, count, start + std::chrono::milliseconds(20));
  CHECK(late.code() == absl::StatusCode::kResourceExhausted);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(20));
  // Space frees before this deadline.
  std::thread opener([&gate] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    gate.open.store(true, std::memory_order_release);
  });
  CHECK(router
            ->Submit(0, LogOut{.agent = AgentId(0)}, count,
                     std::chrono::steady_clock::now() + std::chrono::seconds(10))
            .ok());
  opener.join();
  router->Stop();
  CHECK(results.load() == 5);  // the refused ones never call back
}

TEST_CASE("stop applies everything queued, then refuses new commands") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(2));
  std::atomic<int> results{0};
  for (int i = 0; i < 100; ++i) {
    REQUIRE(router
                ->Submit(0, SetStatus{.agent = AgentId(i % 2), .status = StatusId(0)},
                         [&results](const CommandResult&) { results.fetch_add(1); })
                .ok());
  }
  router->Stop();
  CHECK(results.load() == 100);
  CHECK(router->Submit(0, LogIn{.agent = AgentId(0)}).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(router->Submit(1, LogIn{.agent = AgentId(0)}).code() == absl::StatusCode::kOutOfRange);
  CHECK(router->ReadStats(0)->commands_rejected == 100);  // nobody was logged in
}

TEST_CASE("timers fire when the server's clock reaches them, and are journaled") {
  ManualClock clock;
  CenterConfig center = SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(30);
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  JournalWriter journal(std::move(sink), center);
  // No idle refresh: its advance records would make the count below depend
  // on whether the engine thread saw the clock move before the next command.
  auto router = MakeRouter(clock, center,
                           {.stats_interval = Duration::Zero(), .stats_refresh = Duration::Zero()},
                           nullptr, &journal);
  ResultSlot last;
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}).ok());
  REQUIRE(router->Submit(0, Arrive{.interaction = InteractionId(1), .workgroup = kSupport}).ok());
  REQUIRE(router->Submit(0, Accept{.interaction = InteractionId(1)}).ok());
  clock.Advance(Seconds(10));
  REQUIRE(router->Submit(0, Disconnect{.interaction = InteractionId(1)}, last.Callback()).ok());
  Await([&] { return last.calls.load(std::memory_order_acquire) == 1; });
  auto wrapping = [&] {
    std::optional<EngineStats> s = router->ReadStats(0);
    return s && s->agents[0].activity == AgentActivity::kWrapUp;
  };
  Await(wrapping);
  clock.Advance(Seconds(30));
  router->Wake();
  Await([&] {
    std::optional<EngineStats> s = router->ReadStats(0);
    return s && s->agents[0].activity == AgentActivity::kIdle;
  });
  router->Stop();
  absl::StatusOr<JournalContents> contents = ReadJournal(bytes->bytes());
  REQUIRE(contents.ok());
  REQUIRE(contents->entries.size() == 5);
  CHECK(std::get<JournalAdvance>(contents->entries[4].value).now == Time() + Seconds(40));
}

TEST_CASE("live statistics show whole published states with growing versions") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(3, {"Sales", "Support"}),
                           {.stats_interval = Duration::Zero()});
  ResultSlot last;
  for (int a = 0; a < 3; ++a) REQUIRE(router->Submit(0, LogIn{.agent = AgentId(a)}).ok());
  REQUIRE(router
              ->Submit(0, Arrive{.interaction = InteractionId(1), .workgroup = WorkgroupId(1)},
                       last.Callback())
              .ok());
  Await([&] { return last.calls.load(std::memory_order_acquire) == 1; });
  Await([&] {
    std::optional<EngineStats> s = router->ReadStats(0);
    return s && s->commands_applied == 4;
  });
  const EngineStats stats = *router->ReadStats(0);
  REQUIRE(stats.workgroups.size() == 2);
  REQUIRE(stats.agents.size() == 3);
  CHECK(stats.workgroups[1].counters.entered == 1);
  int logged_in = 0, alerting = 0;
  for (const AgentStats& a : stats.agents) {
    logged_in += a.logged_in;
    alerting += a.activity == AgentActivity::kAlerting;
  }
  CHECK(logged_in == 3);
  CHECK(alerting == 1);
  REQUIRE(router->Submit(0, LogOut{.agent = AgentId(2)}).ok());
  Await([&] { return router->ReadStats(0)->version > stats.version; });
  CHECK_FALSE(router->ReadStats(1).has_value());
}

TEST_CASE("decisions nobody drains wait in order in a backlog and are all delivered") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(20), {.decision_queue_capacity = 2});
  for (int a = 0; a < 20; ++a) REQUIRE(router->Submit(0, LogIn{.agent = AgentId(a)}).ok());
  router->Stop();
  std::vector<AgentId> agents;
  while (router->PollDecisions(0, [&](const Decision& d) {
    agents.push_back(std::get<AgentEvent>(d.event).agent);
  }) > 0) {
  }
  // Each log-in reports its agent; in submission order.
  REQUIRE(agents.size() >= 20);
  CHECK(agents.front() == AgentId(0));
  CHECK(agents.back() == AgentId(19));
  for (size_t i = 1; i < agents.size(); ++i) CHECK(agents[i - 1] <= agents[i]);
}

class FailingSink : public JournalSink {
 public:
  absl::Status Append(absl::string_view) override { return absl::UnavailableError("disk full"); }
  absl::Status Sync() override { return absl::OkStatus(); }
  int64_t size() const override { return 0; }
};

TEST_CASE("a command the journal cannot record comes back as DataLoss") {
  ManualClock clock;
  JournalWriter journal(std::make_unique<FailingSink>(), SimpleCenter(1));
  auto router = MakeRouter(clock, SimpleCenter(1), {}, nullptr, &journal);
  ResultSlot slot;
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}, slot.Callback()).ok());
  Await([&] { return slot.calls.load(std::memory_order_acquire) == 1; });
  CHECK(slot.result.status.code() == absl::StatusCode::kDataLoss);
  CHECK(slot.result.status.message().find("disk full") != absl::string_view::npos);
  router->Stop();
  CHECK(router->engine(0).GetAgent(AgentId(0))->logged_in);  // it did take effect
}

TEST_CASE("bad options are InvalidArgument naming the option") {
  ManualClock clock;
  std::vector<HostedEngine> none;
  CHECK(Router::Create({.clock = &clock}, std::move(none)).status().code() ==
        absl::StatusCode::kInvalidArgument);
  std::vector<HostedEngine> one;
  one.push_back({.engine = *Engine::Create(SimpleCenter(1))});
  absl::StatusOr<std::unique_ptr<Router>> no_clock = Router::Create({}, std::move(one));
  CHECK(no_clock.status().message().find("clock") != absl::string_view::npos);
  std::vector<HostedEngine> two;
  two.push_back({.engine = *Engine::Create(SimpleCenter(1))});
  CHECK(Router::Create({.clock = &clock, .queue_capacity = 1}, std::move(two))
            .status()
            .message()
            .find("queue_capacity") != absl::string_view::npos);
}

TEST_CASE("a clock far ahead of the engine's timers is caught up in bounded steps, journaled") {
  // Two workgroups overflowing into each other every second: reaching a
  // clock 1.5 * kMaxTimersPerAdvance seconds ahead fires more timers than
  // one advance may. The engine thread goes on in steps instead of stopping.
  ManualClock clock;
  CenterConfig center = SimpleCenter(0, {"A", "B"});
  center.workgroups[0].queue_timeout = Seconds(1);
  center.workgroups[0].overflow_workgroup = "B";
  center.workgroups[1].queue_timeout = Seconds(1);
  center.workgroups[1].overflow_workgroup = "A";
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  JournalWriter journal(std::move(sink), center);
  auto router = MakeRouter(clock, center, {.stats_interval = Duration::Zero()}, nullptr, &journal);
  ResultSlot arrived;
  REQUIRE(router
              ->Submit(0, Arrive{.interaction = InteractionId(1), .workgroup = kSupport},
                       arrived.Callback())
              .ok());
  Await([&] { return arrived.calls.load(std::memory_order_acquire) == 1; });
  const Time target = Time() + Seconds(kMaxTimersPerAdvance * 3 / 2);
  clock.Advance(target - Time());
  router->Wake();
  Await([&] {
    std::optional<EngineStats> s = router->ReadStats(0);
    return s && s->as_of == target;
  });
  router->Stop();
  absl::StatusOr<JournalContents> contents = ReadJournal(bytes->bytes());
  REQUIRE(contents.ok());
  // The arrival, one advance stopped at the budget, one to the clock.
  REQUIRE(contents->entries.size() == 3);
  CHECK(std::get<JournalAdvance>(contents->entries[1].value).now ==
        Time() + Seconds(kMaxTimersPerAdvance));
  CHECK(std::get<JournalAdvance>(contents->entries[2].value).now == target);
}

}  // namespace
}  // namespace acd
