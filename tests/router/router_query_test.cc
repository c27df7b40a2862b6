// Queries on a running Router, decision records through PollDecisions and
// statistics refreshed without traffic (acd/router.h).

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "acd/journal.h"
#include "acd/router.h"
#include "doctest/doctest.h"
#include "tests/router/router_testing.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using std::chrono::steady_clock;
using testing::SimpleCenter;

const WorkgroupId kSupport(0);

steady_clock::time_point In(std::chrono::milliseconds ms) { return steady_clock::now() + ms; }
steady_clock::time_point Soon() { return In(std::chrono::seconds(10)); }

// Waits (yielding) until `done()`; fails after 10 s.
template <typename Done>
void Await(Done done) {
  const auto give_up = Soon();
  while (!done()) {
    REQUIRE(steady_clock::now() < give_up);
    std::this_thread::yield();
  }
}

std::unique_ptr<Router> MakeRouter(Clock& clock, CenterConfig center, RouterOptions options = {},
                                   Observer* observer = nullptr) {
  options.clock = &clock;
  std::vector<HostedEngine> engines;
  engines.push_back({.engine = *Engine::Create(center), .observer = observer});
  auto router = Router::Create(options, std::move(engines));
  REQUIRE(router.ok());
  return std::move(*router);
}

std::vector<uint64_t> Ids(const std::vector<InteractionView>& views) {
  std::vector<uint64_t> ids;
  for (const InteractionView& v : views) ids.push_back(v.id.value());
  return ids;
}

Arrive Call(uint64_t id, WorkgroupId wg = kSupport) {
  return Arrive{.interaction = InteractionId(id), .workgroup = wg};
}

TEST_CASE("a query answers the interaction's view, position, wait reason and estimates at once") {
  ManualClock clock(Time() + Seconds(100));
  auto router = MakeRouter(clock, SimpleCenter(1));
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}).ok());
  REQUIRE(router->Submit(0, Call(1)).ok());
  // A query answers after the commands before it: the clock moves only
  // once they are stamped.
  REQUIRE(router->ListAgents(0, Soon()).ok());
  clock.Advance(Seconds(5));
  REQUIRE(router->Submit(0, Call(2)).ok());
  REQUIRE(router->ListAgents(0, Soon()).ok());
  clock.Advance(Seconds(5));
  REQUIRE(router->Submit(0, Call(3)).ok());

  // Waiting: every field answers. Nothing was answered yet, so PureConnect's
  // mean is 0: floored 0, signed minus the 5 s waited (as of the engine's
  // clock, the last command's, 110 s).
  const absl::StatusOr<InteractionInfo> waiting =
      router->GetInteraction(0, InteractionId(2), Soon());
  REQUIRE(waiting.ok());
  CHECK(waiting->as_of == Time() + Seconds(110));
  CHECK(waiting->view.id == InteractionId(2));
  CHECK(waiting->view.state == InteractionState::kWaiting);
  CHECK(waiting->view.entered_queue == Time() + Seconds(105));
  CHECK(*waiting->position == 1);
  CHECK(waiting->wait_reason->code == WaitReasonCode::kNoAvailableAgentForMedia);
  CHECK(*waiting->estimate_pureconnect == Duration::Zero());
  CHECK(*waiting->estimate_pureconnect_signed == -Seconds(5));
  CHECK(waiting->estimate.ok());
  CHECK(*router->GetInteraction(0, InteractionId(3), Soon())->position == 2);

  // Alerting: the engine's per-field answers for one not in the queue.
  const absl::StatusOr<InteractionInfo> alerting =
      router->GetInteraction(0, InteractionId(1), Soon());
  REQUIRE(alerting.ok());
  CHECK(alerting->view.state == InteractionState::kAlerting);
  CHECK(alerting->view.agent == AgentId(0));
  CHECK(*alerting->position == -1);
  const auto precondition = absl::StatusCode::kFailedPrecondition;
  CHECK(alerting->wait_reason.status().code() == precondition);
  CHECK(alerting->estimate_pureconnect.status().code() == precondition);
  CHECK(alerting->estimate_pureconnect_signed.status().code() == precondition);
  CHECK(alerting->estimate.status().code() == precondition);

  CHECK(router->GetInteraction(0, InteractionId(9), Soon()).status().code() ==
        absl::StatusCode::kNotFound);
  CHECK(router->GetInteraction(1, InteractionId(1), Soon()).status().code() ==
        absl::StatusCode::kOutOfRange);
}

TEST_CASE("queries answer an agent and the listings, in id order") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(2, {"Support", "Sales"}));
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(1)}).ok());
  REQUIRE(router->Submit(0, Call(5)).ok());
  REQUIRE(router->Submit(0, Call(4, WorkgroupId(1))).ok());
  REQUIRE(router->Submit(0, Call(2)).ok());

  const absl::StatusOr<AgentInfo> agent = router->GetAgent(0, AgentId(1), Soon());
  REQUIRE(agent.ok());
  CHECK(agent->view.logged_in);
  CHECK(agent->view.activity == AgentActivity::kAlerting);
  CHECK(agent->view.interactions == std::vector<InteractionId>{InteractionId(5)});
  CHECK(agent->view.available_since == Time());
  CHECK(router->GetAgent(0, AgentId(7), Soon()).status().code() == absl::StatusCode::kNotFound);

  const absl::StatusOr<AgentListing> agents = router->ListAgents(0, Soon());
  REQUIRE(agents.ok());
  REQUIRE(agents->agents.size() == 2);
  CHECK(agents->agents[0].id == AgentId(0));
  CHECK_FALSE(agents->agents[0].logged_in);
  CHECK(agents->agents[1].logged_in);

  CHECK(Ids(router->ListInteractions(0, std::nullopt, Soon())->interactions) ==
        std::vector<uint64_t>{2, 4, 5});
  CHECK(Ids(router->ListInteractions(0, kSupport, Soon())->interactions) ==
        std::vector<uint64_t>{2, 5});
  CHECK(Ids(router->ListInteractions(0, WorkgroupId(1), Soon())->interactions) ==
        std::vector<uint64_t>{4});
  CHECK(router->ListInteractions(0, WorkgroupId(2), Soon()).status().code() ==
        absl::StatusCode::kNotFound);
}

TEST_CASE("the callback forms answer on the engine thread, once, and are not commands") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(1));
  REQUIRE(router->Submit(0, Call(1)).ok());
  std::atomic<int> answered{0};
  absl::StatusOr<InteractionInfo> info;
  absl::StatusOr<AgentListing> agents;
  absl::StatusOr<InteractionListing> listing;
  absl::Status blocking_inside;
  REQUIRE(router
              ->QueryInteraction(0, InteractionId(1),
                                 [&](absl::StatusOr<InteractionInfo> a) {
                                   info = std::move(a);
                                   answered.fetch_add(1, std::memory_order_release);
                                 })
              .ok());
  REQUIRE(router
              ->QueryAgents(0,
                            [&](absl::StatusOr<AgentListing> a) {
                              agents = std::move(a);
                              answered.fetch_add(1, std::memory_order_release);
                            })
              .ok());
  REQUIRE(router
              ->QueryInteractions(0, kSupport,
                                  [&](absl::StatusOr<InteractionListing> a) {
                                    listing = std::move(a);
                                    answered.fetch_add(1, std::memory_order_release);
                                  })
              .ok());
  // A blocking query from the engine thread is refused, not a deadlock.
  REQUIRE(router
              ->Query(0,
                      [&](const Engine&) {
                        blocking_inside = router->GetAgent(0, AgentId(0), Soon()).status();
                        answered.fetch_add(1, std::memory_order_release);
                      })
              .ok());
  Await([&] { return answered.load(std::memory_order_acquire) == 4; });
  REQUIRE(info.ok());
  CHECK(*info->position == 1);
  CHECK(agents->agents.size() == 1);
  CHECK(Ids(listing->interactions) == std::vector<uint64_t>{1});
  CHECK(blocking_inside.code() == absl::StatusCode::kFailedPrecondition);
  router->Stop();
  // Four queries, one command: queries are neither applied nor counted.
  CHECK(router->ReadStats(0)->commands_applied == 1);
  CHECK(router->ReadStats(0)->commands_rejected == 0);
  CHECK(answered.load() == 4);
}

TEST_CASE("a full queue refuses a query, a late answer misses its deadline, Stop refuses") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(1), {.queue_capacity = 2});
  // Hold the engine thread inside a callback so that the queue stays full.
  std::atomic<bool> entered{false}, release{false};
  REQUIRE(router
              ->Submit(0, LogIn{.agent = AgentId(0)},
                       [&](const CommandResult&) {
                         entered.store(true, std::memory_order_release);
                         while (!release.load(std::memory_order_acquire)) std::this_thread::yield();
                       })
              .ok());
  Await([&] { return entered.load(std::memory_order_acquire); });
  // One place: the blocking query gets in, but the engine cannot answer.
  CHECK(router->ListAgents(0, In(std::chrono::milliseconds(20))).status().code() ==
        absl::StatusCode::kDeadlineExceeded);
  REQUIRE(router->Submit(0, Call(1)).ok());
  // Full: refused at once, or at the deadline; the callback never runs.
  bool called = false;
  CHECK(router->QueryAgents(0, [&](absl::StatusOr<AgentListing>) { called = true; }).code() ==
        absl::StatusCode::kResourceExhausted);
  CHECK(router->GetAgent(0, AgentId(0), In(std::chrono::milliseconds(5))).status().code() ==
        absl::StatusCode::kResourceExhausted);
  release.store(true, std::memory_order_release);
  CHECK(router->GetInteraction(0, InteractionId(1), Soon())->view.state ==
        InteractionState::kAlerting);
  router->Stop();
  CHECK_FALSE(called);
  CHECK(router->Query(0, [](const Engine&) {}).code() == absl::StatusCode::kFailedPrecondition);
  CHECK(router->ListAgents(0, Soon()).status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("an empty query or callback is refused, and nothing reaches the engine") {
  ManualClock clock;
  auto router = MakeRouter(clock, SimpleCenter(1), {.stats_interval = Duration::Zero()});
  CHECK(router->Query(0, EngineQuery{}).code() == absl::StatusCode::kInvalidArgument);
  CHECK(router->QueryInteraction(0, InteractionId(1), nullptr).code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(router->QueryAgent(0, AgentId(0), nullptr).code() == absl::StatusCode::kInvalidArgument);
  CHECK(router->QueryInteractions(0, std::nullopt, nullptr).code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(router->QueryAgents(0, nullptr).code() == absl::StatusCode::kInvalidArgument);
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}).ok());
  router->Stop();
  // Only the LogIn was applied; no empty envelope was taken for a command.
  CHECK(router->ReadStats(0)->commands_applied == 1);
  CHECK(router->ReadStats(0)->commands_rejected == 0);
}

// Linearizability under load: one thread arrives 1..N in order, publishing
// the last id whose Submit returned; others query meanwhile. Every answer
// must be a state the engine reached: ids 1..k with k at least the last
// acknowledged before the query was submitted, never an id not submitted,
// and counts that agree with the listing.
TEST_CASE("queries under concurrent commands see every acknowledged command and nothing else") {
  constexpr uint64_t kN = 3000;
  SystemClock clock;
  auto router = MakeRouter(clock, SimpleCenter(3), {.queue_capacity = 256});
  for (int a = 0; a < 3; ++a) {
    REQUIRE(router->Submit(0, LogIn{.agent = AgentId(a)}, nullptr, Soon()).ok());
  }
  std::atomic<uint64_t> acknowledged{0};
  std::atomic<int> failures{0};
  // Answers per querier. Halfway through, the submitter waits (up to a
  // deadline) until every querier has had one, so that the queries overlap
  // the commands even when a loaded machine starts the queriers late.
  std::array<std::atomic<int64_t>, 3> answers{};
  const auto all_answered = [&] {
    return std::all_of(answers.begin(), answers.end(), [](const auto& n) { return n.load() > 0; });
  };
  std::thread submitter([&] {
    for (uint64_t id = 1; id <= kN; ++id) {
      if (id == kN / 2) {
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!all_answered() && std::chrono::steady_clock::now() < give_up) {
          std::this_thread::yield();
        }
      }
      REQUIRE(router->Submit(0, Call(id), nullptr, Soon()).ok());
      acknowledged.store(id, std::memory_order_release);
    }
  });
  const auto check_listing = [&](uint64_t floor, const std::vector<InteractionView>& listed) {
    bool ok = listed.size() >= floor && listed.size() <= kN;
    for (size_t i = 0; ok && i < listed.size(); ++i) ok = listed[i].id.value() == i + 1;
    if (!ok) failures.fetch_add(1);
  };
  std::vector<std::thread> queriers;
  // Blocking listings.
  queriers.emplace_back([&] {
    while (acknowledged.load(std::memory_order_acquire) < kN) {
      const uint64_t floor = acknowledged.load(std::memory_order_acquire);
      const absl::StatusOr<InteractionListing> listing =
          router->ListInteractions(0, std::nullopt, Soon());
      if (!listing.ok()) {
        failures.fetch_add(1);
        continue;
      }
      check_listing(floor, listing->interactions);
      answers[0].fetch_add(1);
    }
  });
  // The general form: counts and listings from one state.
  queriers.emplace_back([&] {
    while (acknowledged.load(std::memory_order_acquire) < kN) {
      const uint64_t floor = acknowledged.load(std::memory_order_acquire);
      std::atomic<bool> done{false};
      const absl::Status queued = router->Query(0, [&](const Engine& e) {
        const std::vector<InteractionView> listed = e.ListInteractions();
        check_listing(floor, listed);
        int64_t waiting = 0;
        for (const InteractionView& v : listed) waiting += v.state == InteractionState::kWaiting;
        const WorkgroupCounters counters = *e.GetWorkgroupCounters(kSupport);
        if (e.live_interactions() != static_cast<int64_t>(listed.size()) ||
            counters.waiting != waiting || counters.entered != e.live_interactions() ||
            e.ListAgents().size() != 3) {
          failures.fetch_add(1);
        }
        done.store(true, std::memory_order_release);
      });
      if (!queued.ok()) continue;  // a full queue: try again
      while (!done.load(std::memory_order_acquire)) std::this_thread::yield();
      answers[1].fetch_add(1);
    }
  });
  // One interaction's answer: the last acknowledged one is live.
  queriers.emplace_back([&] {
    while (acknowledged.load(std::memory_order_acquire) < kN) {
      const uint64_t last = acknowledged.load(std::memory_order_acquire);
      if (last == 0) continue;
      const absl::StatusOr<InteractionInfo> info =
          router->GetInteraction(0, InteractionId(last), Soon());
      if (!info.ok() || info->view.id != InteractionId(last)) failures.fetch_add(1);
      answers[2].fetch_add(1);
    }
  });
  submitter.join();
  for (std::thread& t : queriers) t.join();
  CHECK(failures.load() == 0);
  CHECK(all_answered());
  const absl::StatusOr<InteractionListing> all = router->ListInteractions(0, std::nullopt, Soon());
  REQUIRE(all.ok());
  CHECK(all->interactions.size() == kN);
}

class RecordLog : public Observer {
 public:
  void OnDecision(const DecisionRecord& record) override {
    records.push_back(record.winner.interaction);
  }
  std::vector<InteractionId> records;  // engine thread; read after Stop
};

TEST_CASE("with decision records on, a routed arrival's record comes before its offer") {
  ManualClock clock;
  RecordLog observer;
  auto router = MakeRouter(clock, SimpleCenter(2), {.decision_records = true}, &observer);
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(1)}).ok());
  REQUIRE(router->Submit(0, Call(1)).ok());
  router->Stop();
  std::vector<Decision> polled;
  router->PollDecisions(0, [&](const Decision& d) { polled.push_back(d); });
  size_t record_at = polled.size(), offer_at = polled.size();
  for (size_t i = 0; i < polled.size(); ++i) {
    if (const auto* r = std::get_if<DecisionRecord>(&polled[i].event)) {
      CHECK(record_at == polled.size());  // only one
      record_at = i;
      CHECK(r->winner.interaction == InteractionId(1));
      CHECK(r->winner.agent == AgentId(1));
      CHECK(r->direction == DecisionDirection::kInteractionRoutable);
      CHECK(r->filtered.not_logged_in == 1);
    } else if (const auto* o = std::get_if<OfferEvent>(&polled[i].event)) {
      offer_at = i;
      CHECK(o->interaction == InteractionId(1));
    }
  }
  REQUIRE(record_at < polled.size());
  REQUIRE(offer_at < polled.size());
  CHECK(record_at + 1 == offer_at);
  CHECK(observer.records == std::vector<InteractionId>{InteractionId(1)});
}

TEST_CASE("decision records are off by default: neither polled nor observed") {
  ManualClock clock;
  RecordLog observer;
  auto router = MakeRouter(clock, SimpleCenter(1), {}, &observer);
  REQUIRE(router->Submit(0, LogIn{.agent = AgentId(0)}).ok());
  REQUIRE(router->Submit(0, Call(1)).ok());
  router->Stop();
  int records = 0, offers = 0;
  router->PollDecisions(0, [&](const Decision& d) {
    records += std::holds_alternative<DecisionRecord>(d.event);
    offers += std::holds_alternative<OfferEvent>(d.event);
  });
  CHECK(offers == 1);
  CHECK(records == 0);
  CHECK(observer.records.empty());
  CHECK_FALSE(router->engine(0).decision_records());
}

TEST_CASE(
    "published statistics follow roster changes: added workgroups by name, removed entries "
    "marked") {
  ManualClock clock(Time() + Seconds(1000));
  auto router = MakeRouter(clock, SimpleCenter(2, {"Support", "Sales"}),
                           {.stats_interval = Duration::Zero()});
  REQUIRE(router->Submit(0, AddWorkgroup{.config = {.name = "Billing"}}).ok());
  REQUIRE(router->Submit(0, RemoveWorkgroup{.workgroup = WorkgroupId(1)}).ok());
  REQUIRE(router->Submit(0, RemoveAgent{.agent = AgentId(0)}).ok());
  Await([&] {
    const auto s = router->ReadStats(0);
    return s && s->commands_applied == 3;
  });
  const EngineStats stats = *router->ReadStats(0);
  REQUIRE(stats.workgroups.size() == 3);
  CHECK(stats.workgroups[0].name == "Support");
  CHECK_FALSE(stats.workgroups[0].removed);
  CHECK(stats.workgroups[1].name.empty());
  CHECK(stats.workgroups[1].removed);
  CHECK(stats.workgroups[2].name == "Billing");
  CHECK(stats.workgroups[2].id == WorkgroupId(2));
  REQUIRE(stats.agents.size() == 2);
  CHECK(stats.agents[0].removed);
  CHECK_FALSE(stats.agents[1].removed);
  router->Stop();
}

TEST_CASE("an idle engine republishes its statistics as the clock moves: as_of and longest wait") {
  ManualClock clock(Time() + Seconds(1000));
  auto router = MakeRouter(clock, SimpleCenter(1), {.stats_refresh = Seconds(1)});
  REQUIRE(router->Submit(0, Call(1)).ok());  // nobody logged in: it waits
  Await([&] {
    const auto s = router->ReadStats(0);
    return s && s->commands_applied == 1;
  });
  const EngineStats first = *router->ReadStats(0);
  CHECK(first.as_of == Time() + Seconds(1000));
  CHECK(first.workgroups[0].stats.longest_wait == Duration::Zero());
  // No command: only the clock moves.
  clock.Advance(Seconds(30));
  router->Wake();
  Await([&] { return router->ReadStats(0)->as_of == Time() + Seconds(1030); });
  const EngineStats second = *router->ReadStats(0);
  CHECK(second.version > first.version);
  CHECK(second.workgroups[0].stats.longest_wait == Seconds(30));
  CHECK(second.commands_applied == 1);
  clock.Advance(Seconds(15));
  router->Wake();
  Await([&] { return router->ReadStats(0)->as_of == Time() + Seconds(1045); });
  CHECK(router->ReadStats(0)->workgroups[0].stats.longest_wait == Seconds(45));
  // The engine's clock moved with it: a query sees it.
  CHECK(router->GetInteraction(0, InteractionId(1), Soon())->as_of == Time() + Seconds(1045));
}

TEST_CASE("the refresh's clock move is journaled: recovery rebuilds the same clock") {
  ManualClock clock(Time() + Seconds(1000));
  const CenterConfig center = SimpleCenter(1);
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  JournalWriter journal(std::move(sink), center);
  std::string live_state;
  {
    std::vector<HostedEngine> engines;
    engines.push_back({.engine = *Engine::Create(center), .journal = &journal});
    auto router = *Router::Create({.clock = &clock}, std::move(engines));
    REQUIRE(router->Submit(0, Call(1)).ok());
    REQUIRE(router->ListAgents(0, Soon()).ok());
    clock.Advance(Seconds(30));
    router->Wake();
    Await([&] { return router->ReadStats(0)->as_of == Time() + Seconds(1030); });
    router->Stop();
    CHECK(router->engine(0).now() == Time() + Seconds(1030));
    live_state = testing::StateText(router->engine(0), 1);
  }
  REQUIRE(journal.Flush().ok());
  const absl::StatusOr<JournalContents> contents = ReadJournal(bytes->bytes());
  REQUIRE(contents.ok());
  REQUIRE(contents->entries.size() == 2);  // the arrival, then the refresh's advance
  CHECK(std::get<JournalAdvance>(contents->entries[1].value).now == Time() + Seconds(1030));
  const absl::StatusOr<Recovered> recovered = Recover(center, bytes->bytes());
  REQUIRE(recovered.ok());
  CHECK(recovered->engine->now() == Time() + Seconds(1030));
  CHECK(testing::StateText(*recovered->engine, 1) == live_state);
}

// A clock that moves, like a ManualClock, only when told, and that can be
// told to move right after a given reading: a test can then land a clock
// move between two readings of one turn of the engine thread's loop.
class SteppingClock final : public Clock {
 public:
  explicit SteppingClock(Time start) : now_us_(start.microseconds()) {}

  Time Now() override {
    const int64_t now = now_us_.load();
    if (reads_left_.fetch_sub(1) == 1) now_us_.fetch_add(step_us_.load());
    return Time::FromMicroseconds(now);
  }
  // As a ManualClock's: never, unless already there (and not a reading).
  std::chrono::nanoseconds RealTimeUntil(Time t) override {
    if (t.microseconds() <= now_us_.load()) return std::chrono::nanoseconds(0);
    return std::chrono::nanoseconds::max();
  }

  // Moves by `step` just after the `reads`-th reading from now.
  void StepAfter(int reads, Duration step) {
    step_us_.store(step.microseconds());
    reads_left_.store(reads);
  }

 private:
  std::atomic<int64_t> now_us_;
  std::atomic<int64_t> step_us_{0};
  std::atomic<int64_t> reads_left_{0};
};

TEST_CASE("a clock move inside one turn of the engine thread still brings a refresh") {
  // The turn that finds nothing to do reads the clock at its top; if it
  // moves before the turn publishes and sleeps, the publish must count as of
  // the first reading. Counted as of the second, it passed for a refresh
  // that never moved the engine's clock, and the engine slept for good
  // (CI saw this once, in the journaled refresh case above).
  SteppingClock clock(Time() + Seconds(1000));
  auto router = MakeRouter(clock, SimpleCenter(1));
  REQUIRE(router->Submit(0, Call(1)).ok());
  Await([&] {
    const auto s = router->ReadStats(0);
    return s && s->commands_applied == 1;
  });
  // Let the engine thread fall asleep (it publishes before it sleeps).
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // The next command's turn reads the clock once; the turn after it, which
  // finds nothing, reads it once more, and then the clock moves.
  clock.StepAfter(2, Seconds(30));
  REQUIRE(router->Submit(0, Call(2)).ok());
  Await([&] { return router->ReadStats(0)->as_of == Time() + Seconds(1030); });
  CHECK(router->ReadStats(0)->commands_applied == 2);
  CHECK(router->ReadStats(0)->workgroups[0].stats.longest_wait == Seconds(30));
}

TEST_CASE("with the refresh off, an idle engine's statistics stay as of its last command") {
  ManualClock clock(Time() + Seconds(1000));
  auto router = MakeRouter(clock, SimpleCenter(1), {.stats_refresh = Duration::Zero()});
  REQUIRE(router->Submit(0, Call(1)).ok());
  Await([&] {
    const auto s = router->ReadStats(0);
    return s && s->commands_applied == 1;
  });
  clock.Advance(Seconds(30));
  router->Wake();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(router->ReadStats(0)->as_of == Time() + Seconds(1000));
  CHECK(router->GetInteraction(0, InteractionId(1), Soon())->as_of == Time() + Seconds(1000));
  RouterOptions negative{.stats_refresh = -Seconds(1)};
  negative.clock = &clock;
  std::vector<HostedEngine> engines;
  engines.push_back({.engine = *Engine::Create(SimpleCenter(1))});
  CHECK(Router::Create(negative, std::move(engines)).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace acd
