// Routing at scale (docs/design.md 3.12): the engine against the naive reference
// router on the same inputs, in the same run.
//
// Each case times single decisions with a steady clock (engine: many; the
// reference: few, it is slow) and reports, as counters: the engine's
// decisions per second and its median and 99th-percentile decision time,
// the reference's decisions per second, their ratio ("speedup"), the
// engine's heap allocations per decision in steady state, and how many
// decision records (acd/decision.h; on, and read by the observer) the timed
// decisions produced.
//
//   BM_Routing_Arrival_10kAgents     an arrival with 10,000 agents logged in
//                                    across 200 skills and 100 workgroups
//   BM_Routing_AgentFreed_100kWaiting an agent becoming free with 100,000
//                                    waiting work items over 500 distinct
//                                    requirement sets
//   BM_Routing_MixedSteadyState      arrivals, answers, hang-ups and
//                                    abandons through 1,000 agents

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "bench/alloc_counter.h"
#include "benchmark/benchmark.h"
#include "sim/event_queue.h"
#include "tests/testing/random_streams.h"
#include "tests/testing/reference_router.h"

namespace acd {
namespace {

using testing::ReferenceRouter;
using Clock = std::chrono::steady_clock;

using Pick = testing::Chooser;

// Decision records (acd/decision.h) are on, as they are by default, and read
// by a consumer that keeps the last one: every timed decision pays for them.
// ACD_BENCH_DECISION_RECORDS=0 turns them off, to see what they cost.
int64_t decision_records = 0;

bool DecisionRecordsOn() {
  const char* value = std::getenv("ACD_BENCH_DECISION_RECORDS");
  return value == nullptr || std::string(value) != "0";
}

std::unique_ptr<Engine> NewEngine(const CenterConfig& center) {
  std::unique_ptr<Engine> engine = *Engine::Create(center);
  engine->SetDecisionRecords(DecisionRecordsOn());
  return engine;
}

// Remembers the last offer and its decision record; enough for the drivers
// below.
class LastOffer : public Observer {
 public:
  void OnDecision(const DecisionRecord& d) override {
    ++decision_records;
    decision = d;
  }
  void OnOffer(const OfferEvent& e) override {
    offered = true;
    offer = e;
  }
  bool offered = false;
  OfferEvent offer;
  DecisionRecord decision;
};

struct Latencies {
  std::vector<double> ns;
  double Median() {
    std::sort(ns.begin(), ns.end());
    return ns.empty() ? 0 : ns[ns.size() / 2];
  }
  double P99() {
    std::sort(ns.begin(), ns.end());
    return ns.empty() ? 0 : ns[std::min(ns.size() - 1, ns.size() * 99 / 100)];
  }
  double Mean() const {
    double sum = 0;
    for (double x : ns) sum += x;
    return ns.empty() ? 0 : sum / static_cast<double>(ns.size());
  }
};

// Allocations made inside timed decisions, summed over a benchmark.
int64_t decision_allocations = 0;

// Times one decision and counts the heap allocations it makes.
template <typename F>
double TimeNs(F&& f) {
  const int64_t allocations = bench::Allocations();
  const auto start = Clock::now();
  f();
  const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
  decision_allocations += bench::Allocations() - allocations;
  return ns;
}

void Report(benchmark::State& state, Latencies& engine, Latencies& reference, int64_t allocations,
            int64_t decisions) {
  const double engine_mean = engine.Mean();
  const double reference_mean = reference.Mean();
  state.counters["engine_decisions_per_s"] = 1e9 / engine_mean;
  state.counters["engine_median_ns"] = engine.Median();
  state.counters["engine_p99_ns"] = engine.P99();
  state.counters["reference_decisions_per_s"] = 1e9 / reference_mean;
  state.counters["speedup"] = reference_mean / engine_mean;
  state.counters["allocs_per_decision"] =
      static_cast<double>(allocations) / static_cast<double>(decisions);
}

// ---- 10,000 agents, 200 skills, 100 workgroups ---------------------------------------

CenterConfig LargeCenter() {
  CenterConfig center;
  for (int s = 0; s < 200; ++s) center.skills.push_back("s" + std::to_string(s));
  for (int w = 0; w < 100; ++w) center.workgroups.push_back({.name = "wg" + std::to_string(w)});
  Pick pick(1);
  for (int i = 0; i < 10000; ++i) {
    const int first = i % 100;
    const int second = (first + 1 + (i / 100) % 99) % 100;
    AgentConfig agent{.name = "a" + std::to_string(i),
                      .workgroups = {{.workgroup = "wg" + std::to_string(first)},
                                     {.workgroup = "wg" + std::to_string(second)}}};
    // Ten skills from the pools of its two workgroups (20 skills each).
    for (int k = 0; k < 10; ++k) {
      const int wg = k % 2 == 0 ? first : second;
      const int skill = (wg * 2 + k / 2 * 3 + pick.Below(3)) % 200;
      bool taken = false;
      for (const SkillLevel& s : agent.skills) taken = taken || s.skill == center.skills[skill];
      if (taken) continue;
      agent.skills.push_back({.skill = center.skills[skill],
                              .proficiency = 1 + pick.Below(100),
                              .desire = 1 + pick.Below(100)});
    }
    center.agents.push_back(agent);
  }
  return center;
}

Arrive LargeArrival(Pick& pick, uint64_t id, Time now) {
  const int wg = pick.Below(100);
  Arrive arrive{.now = now, .interaction = InteractionId(id), .workgroup = WorkgroupId(wg)};
  const int requirements = 1 + pick.Below(2);
  for (int r = 0; r < requirements; ++r) {
    const int skill = (wg * 2 + pick.Below(15)) % 200;
    if (r == 1 && arrive.requirements[0].skill == SkillId(skill)) break;
    arrive.requirements.push_back(
        {.skill = SkillId(skill), .min_proficiency = 1 + 25 * pick.Below(3)});
  }
  return arrive;
}

// Routes `count` arrivals; each offered one is answered and ended, each
// unroutable one abandoned, so the center stays as it was. Times the
// arrivals.
template <typename Router>
Latencies RunArrivals(Router& router, int count, Time& now, uint64_t& next_id) {
  LastOffer observer;
  router.SetObserver(&observer);
  Pick pick(7);
  Latencies latencies;
  for (int i = 0; i < count; ++i) {
    now += Milliseconds(10);
    const Arrive arrive = LargeArrival(pick, next_id++, now);
    const Command command = arrive;
    observer.offered = false;
    latencies.ns.push_back(TimeNs([&] { (void)router.Apply(command); }));
    if (observer.offered) (void)router.Apply(Accept{.now = now, .interaction = arrive.interaction});
    (void)router.Apply(Disconnect{.now = now, .interaction = arrive.interaction});
  }
  router.SetObserver(nullptr);
  return latencies;
}

template <typename Router>
void LogInEveryone(Router& router, int agents) {
  for (int a = 0; a < agents; ++a) (void)router.Apply(LogIn{.now = Time(), .agent = AgentId(a)});
}

void BM_Routing_Arrival_10kAgents(benchmark::State& state) {
  const CenterConfig center = LargeCenter();
  const int64_t bytes_before = bench::LiveBytes();
  auto engine = NewEngine(center);
  LogInEveryone(*engine, 10000);
  state.counters["engine_bytes_per_agent"] =
      static_cast<double>(bench::LiveBytes() - bytes_before) / 10000.0;
  Time now;
  uint64_t next_id = 1;
  RunArrivals(*engine, 2000, now, next_id);  // warm up: grow every container
  Latencies engine_times;
  int64_t allocations = 0, decisions = 0;
  decision_records = 0;
  for (auto _ : state) {
    decision_allocations = 0;
    Latencies batch = RunArrivals(*engine, 1000, now, next_id);
    allocations += decision_allocations;
    decisions += 1000;
    engine_times.ns.insert(engine_times.ns.end(), batch.ns.begin(), batch.ns.end());
  }
  const int64_t records = decision_records;
  ReferenceRouter reference(center);
  LogInEveryone(reference, 10000);
  Time ref_now;
  uint64_t ref_id = 1;
  Latencies reference_times = RunArrivals(reference, 20, ref_now, ref_id);
  Report(state, engine_times, reference_times, allocations, decisions);
  state.counters["records_per_decision"] =
      static_cast<double>(records) / static_cast<double>(decisions);
}
BENCHMARK(BM_Routing_Arrival_10kAgents)->Unit(benchmark::kMillisecond)->Iterations(20);

// ---- 100,000 waiting work items over 500 requirement sets ----------------------------

CenterConfig BacklogCenter() {
  CenterConfig center;
  for (int s = 0; s < 50; ++s) center.skills.push_back("s" + std::to_string(s));
  center.workgroups.push_back(
      {.name = "backoffice", .interaction_weights = {.priority = 1, .time_in_queue = 0.01}});
  AgentConfig agent{.name = "clerk", .workgroups = {{.workgroup = "backoffice"}}};
  for (int s = 0; s < 50; ++s) {
    agent.skills.push_back({.skill = center.skills[s], .proficiency = 30 + s, .desire = 50});
  }
  center.agents.push_back(agent);
  return center;
}

// Requirement set j of 500: two skills and a minimum proficiency.
Arrive BacklogItem(uint64_t id, Time now) {
  const int j = static_cast<int>(id % 500);
  const int a = j % 50, b = (j % 50 + 1 + j / 50) % 50;
  return Arrive{.now = now,
                .interaction = InteractionId(id),
                .workgroup = WorkgroupId(0),
                .media = MediaType::kWorkItem,
                .priority = static_cast<int>((id * 7919) % 100),
                .requirements = {{.skill = SkillId(a), .min_proficiency = 1 + (j / 50) * 3},
                                 {.skill = SkillId(b)}}};
}

// Fills the backlog, then lets the clerk take the first item.
template <typename Router>
InteractionId FillBacklog(Router& router, LastOffer& observer, Time& now, uint64_t& next_id) {
  const StatusId away(2), available(0);
  (void)router.Apply(LogIn{.now = now, .agent = AgentId(0), .status = away});
  for (int i = 0; i < 100000; ++i) {
    now += Milliseconds(1);
    (void)router.Apply(BacklogItem(next_id++, now));
  }
  router.SetObserver(&observer);
  (void)router.Apply(SetStatus{.now = now, .agent = AgentId(0), .status = available});
  (void)router.Apply(Accept{.now = now, .interaction = observer.offer.interaction});
  return observer.offer.interaction;
}

// Each step: a new item arrives (the clerk is busy), then the clerk ends its
// item and takes the best waiting one (timed).
template <typename Router>
Latencies RunClerk(Router& router, LastOffer& observer, int count, Time& now, uint64_t& next_id,
                   InteractionId& current) {
  Latencies latencies;
  for (int i = 0; i < count; ++i) {
    now += Milliseconds(100);
    (void)router.Apply(BacklogItem(next_id++, now));
    latencies.ns.push_back(
        TimeNs([&] { (void)router.Apply(Disconnect{.now = now, .interaction = current}); }));
    current = observer.offer.interaction;
    (void)router.Apply(Accept{.now = now, .interaction = current});
  }
  return latencies;
}

void BM_Routing_AgentFreed_100kWaiting(benchmark::State& state) {
  const CenterConfig center = BacklogCenter();
  auto engine = NewEngine(center);
  LastOffer observer;
  Time now;
  uint64_t next_id = 1;
  const int64_t bytes_before = bench::LiveBytes();
  InteractionId current = FillBacklog(*engine, observer, now, next_id);
  state.counters["engine_bytes_per_waiting"] =
      static_cast<double>(bench::LiveBytes() - bytes_before) / 100000.0;
  // Warm up past the 30-minute window of recent waits and handle times, so
  // that its buffers have grown to the traffic (one answer per 100 ms).
  RunClerk(*engine, observer, 20000, now, next_id, current);
  Latencies engine_times;
  int64_t allocations = 0, decisions = 0;
  decision_records = 0;
  for (auto _ : state) {
    decision_allocations = 0;
    Latencies batch = RunClerk(*engine, observer, 1000, now, next_id, current);
    allocations += decision_allocations;
    decisions += 1000;
    engine_times.ns.insert(engine_times.ns.end(), batch.ns.begin(), batch.ns.end());
  }
  const int64_t records = decision_records;
  ReferenceRouter reference(center);
  LastOffer ref_observer;
  Time ref_now;
  uint64_t ref_id = 1;
  InteractionId ref_current = FillBacklog(reference, ref_observer, ref_now, ref_id);
  Latencies reference_times = RunClerk(reference, ref_observer, 10, ref_now, ref_id, ref_current);
  Report(state, engine_times, reference_times, allocations, decisions);
  state.counters["records_per_decision"] =
      static_cast<double>(records) / static_cast<double>(decisions);
}
BENCHMARK(BM_Routing_AgentFreed_100kWaiting)->Unit(benchmark::kMillisecond)->Iterations(20);

// ---- Mixed steady state ------------------------------------------------------------

CenterConfig MixedCenter() {
  CenterConfig center;
  for (int s = 0; s < 50; ++s) center.skills.push_back("s" + std::to_string(s));
  for (int w = 0; w < 20; ++w) {
    center.workgroups.push_back({.name = "wg" + std::to_string(w), .wrap_up = Seconds(10)});
  }
  Pick pick(3);
  for (int i = 0; i < 1000; ++i) {
    AgentConfig agent{.name = "a" + std::to_string(i),
                      .workgroups = {{.workgroup = "wg" + std::to_string(i % 20)},
                                     {.workgroup = "wg" + std::to_string((i / 20) % 20)}}};
    if (i % 20 == (i / 20) % 20) agent.workgroups.pop_back();
    for (int k = 0; k < 5; ++k) {
      const int skill = (i % 20) * 2 + k;
      agent.skills.push_back(
          {.skill = center.skills[skill % 50], .proficiency = 20 + pick.Below(80), .desire = 50});
    }
    center.agents.push_back(agent);
  }
  return center;
}

// A small discrete-event driver: arrivals every ~0.2 s into 20 workgroups,
// answers 2 s after an offer, hang-ups 150 to 450 s after connecting, and
// abandonment after 60 s in queue. Times every command.
template <typename Router>
class MixedDriver : public Observer {
 public:
  explicit MixedDriver(Router& router) : router_(router) { router_.SetObserver(this); }
  ~MixedDriver() override { router_.SetObserver(nullptr); }

  void OnDecision(const DecisionRecord& d) override {
    ++decision_records;
    decision_ = d;
  }
  void OnOffer(const OfferEvent& e) override {
    events_.Push(e.now + Seconds(2), 1, {Kind::kAnswer, e.interaction.value()});
  }
  void OnInteraction(const InteractionEvent& e) override {
    if (state_.size() <= e.interaction.value()) state_.resize(e.interaction.value() + 1);
    state_[e.interaction.value()] = e.state;
    if (e.state == InteractionState::kConnected) {
      events_.Push(e.now + Seconds(150 + pick_.Below(300)), 0,
                   {Kind::kHangUp, e.interaction.value()});
    }
    if (e.state == InteractionState::kWaiting && e.reason == RequeueReason::kNone) {
      events_.Push(e.now + Seconds(60), 2, {Kind::kAbandon, e.interaction.value()});
    }
  }

  // Runs `commands` commands and returns their times.
  Latencies Run(int commands) {
    Latencies latencies;
    if (events_.empty()) events_.Push(now_, 3, {Kind::kArrival, 0});
    while (static_cast<int>(latencies.ns.size()) < commands) {
      const Time deadline = router_.NextDeadline();
      if (deadline <= events_.top_time()) {
        latencies.ns.push_back(TimeNs([&] { (void)router_.AdvanceTo(deadline); }));
        continue;
      }
      auto event = events_.Pop();
      now_ = event.time;
      const InteractionId id(event.payload.id);
      // Only what the router would accept: an answer while alerting, a
      // hang-up while connected, an abandon while waiting.
      const InteractionState state =
          id.value() < state_.size() ? state_[id.value()] : InteractionState::kCompleted;
      if ((event.payload.kind == Kind::kAnswer && state != InteractionState::kAlerting) ||
          (event.payload.kind == Kind::kHangUp && state != InteractionState::kConnected) ||
          (event.payload.kind == Kind::kAbandon && state != InteractionState::kWaiting)) {
        continue;
      }
      Command command;
      switch (event.payload.kind) {
        case Kind::kArrival: {
          events_.Push(now_ + Milliseconds(50 + pick_.Below(300)), 3, {Kind::kArrival, 0});
          const int wg = pick_.Below(20);
          Arrive arrive{
              .now = now_, .interaction = InteractionId(next_id_++), .workgroup = WorkgroupId(wg)};
          if (pick_.Below(2) == 0) {
            arrive.requirements.push_back(
                {.skill = SkillId((wg * 2 + pick_.Below(5)) % 50), .min_proficiency = 30});
          }
          command = arrive;
          break;
        }
        case Kind::kAnswer:
          command = Accept{.now = now_, .interaction = id};
          break;
        case Kind::kHangUp:
        case Kind::kAbandon:
          command = Disconnect{.now = now_, .interaction = id};
          break;
      }
      latencies.ns.push_back(TimeNs([&] { (void)router_.Apply(command); }));
    }
    return latencies;
  }

 private:
  enum class Kind { kArrival, kAnswer, kHangUp, kAbandon };
  struct Payload {
    Kind kind;
    uint64_t id;
  };
  Router& router_;
  sim::EventQueue<Payload> events_;
  std::vector<InteractionState> state_;  // by interaction id
  Pick pick_{11};
  DecisionRecord decision_;
  Time now_;
  uint64_t next_id_ = 1;
};

void BM_Routing_MixedSteadyState(benchmark::State& state) {
  const CenterConfig center = MixedCenter();
  auto engine = NewEngine(center);
  LogInEveryone(*engine, 1000);
  MixedDriver<Engine> driver(*engine);
  driver.Run(200000);  // reach steady state: containers at their working size
  Latencies engine_times;
  int64_t allocations = 0, commands = 0;
  decision_records = 0;
  for (auto _ : state) {
    decision_allocations = 0;
    Latencies batch = driver.Run(10000);
    allocations += decision_allocations;
    commands += 10000;
    engine_times.ns.insert(engine_times.ns.end(), batch.ns.begin(), batch.ns.end());
  }
  const int64_t records = decision_records;
  ReferenceRouter reference(center);
  LogInEveryone(reference, 1000);
  MixedDriver<ReferenceRouter> ref_driver(reference);
  Latencies reference_times = ref_driver.Run(3000);
  // Compare like with like: the engine's first 3,000 commands of a fresh run.
  auto fresh = NewEngine(center);
  LogInEveryone(*fresh, 1000);
  MixedDriver<Engine> fresh_driver(*fresh);
  Latencies fresh_times = fresh_driver.Run(3000);
  Report(state, engine_times, reference_times, allocations, commands);
  state.counters["records_per_command"] =
      static_cast<double>(records) / static_cast<double>(commands);
  state.counters["speedup"] = reference_times.Mean() / fresh_times.Mean();
}
BENCHMARK(BM_Routing_MixedSteadyState)->Unit(benchmark::kMillisecond)->Iterations(10);

}  // namespace
}  // namespace acd
