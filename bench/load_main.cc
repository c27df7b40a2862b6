// acd_load: replays a scenario's traffic through an acd::Router from several
// producer threads, time-compressed, and reports throughput and
// submit-to-decision latency. It doubles as an example of embedding the
// Router in a server.
//
//   build/bench/acd_load [--scenario scenarios/default.txtpb] [--producers 2]
//                        [--speed 20000] [--hours H]
//
// The traffic is the simulator's (sim/replication.h, replication 0): Poisson
// arrivals per contact type and their handle times, from the same random
// streams. The center's agents log in at the start. `--producers` telephony
// threads each submit their share of the arrivals when a clock running
// `--speed` times faster than real time reaches them. One desktop thread
// drains the decision queue: it accepts each offer at once, hangs up after
// the call's handle time (on the same fast clock), and makes an agent set to
// "ACD - Agent Not Answering" available again. Customers never abandon here,
// and agent shifts are ignored: this measures the Router, not the center.
//
// Latency is measured per arrival, from just before Submit to the start of
// its result callback on the engine thread: the routing decision for the
// call (an offer, if an agent was free) is made in between.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "acd/clock.h"
#include "acd/format.h"
#include "acd/router.h"
#include "fmt/format.h"
#include "sim/distribution.h"
#include "sim/mrg32k3a.h"
#include "sim/poisson.h"
#include "sim/scenario.h"

namespace acd {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct Options {
  std::string scenario = "scenarios/default.txtpb";
  int producers = 2;
  double speed = 20000;
  double hours = 0;  // 0: the scenario's horizon
};

struct Call {
  Time at;
  Arrive arrive;
  Duration handle;
};

// A clock starting at zero and running `speed` times faster than real time.
class FastClock final : public Clock {
 public:
  explicit FastClock(double speed) : speed_(speed), start_(SteadyClock::now()) {}
  Time Now() override {
    const double real_us =
        std::chrono::duration<double, std::micro>(SteadyClock::now() - start_).count();
    return Time::FromMicroseconds(static_cast<int64_t>(real_us * speed_));
  }
  std::chrono::nanoseconds RealTimeUntil(Time t) override {
    const Duration left = t - Now();
    if (left <= Duration::Zero()) return std::chrono::nanoseconds(0);
    const double ns = static_cast<double>(left.microseconds()) * 1000 / speed_;
    return std::chrono::nanoseconds(static_cast<int64_t>(std::min(ns, 1e15)));
  }

 private:
  const double speed_;
  const SteadyClock::time_point start_;
};

// Every arrival before the horizon, in time order, as the simulator draws them.
std::vector<Call> Traffic(const sim::Scenario& scenario, Time horizon) {
  const sim::Mrg32k3a::State seed = sim::Mrg32k3a::SeedFromInteger(scenario.seed);
  std::vector<Call> calls;
  for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const sim::ContactType& type = scenario.contact_types[k];
    sim::Mrg32k3a arrivals = sim::Mrg32k3a::Stream(seed, 3 * k, 0);
    sim::Mrg32k3a handles = sim::Mrg32k3a::Stream(seed, 3 * k + 1, 0);
    Time now;
    for (;;) {
      std::optional<Time> next =
          sim::NextPoissonArrival(type.rates_per_hour, scenario.interval, now, horizon,
                                  sim::Distribution::Exponential(1.0).SampleSeconds(arrivals));
      if (!next) break;
      now = *next;
      calls.push_back({.at = now,
                       .arrive = {.workgroup = WorkgroupId(static_cast<uint32_t>(type.workgroup)),
                                  .media = type.media,
                                  .priority = type.priority,
                                  .requirements = type.requirements},
                       .handle = type.handle_time.Sample(handles)});
    }
  }
  std::stable_sort(calls.begin(), calls.end(),
                   [](const Call& a, const Call& b) { return a.at < b.at; });
  for (size_t i = 0; i < calls.size(); ++i) calls[i].arrive.interaction = InteractionId(i + 1);
  return calls;
}

// Sleeps (then spins) until `clock` reads `t`.
void WaitUntil(Clock& clock, Time t) {
  for (;;) {
    const auto left = clock.RealTimeUntil(t);
    if (left <= std::chrono::nanoseconds(0)) return;
    if (left > std::chrono::microseconds(100)) {
      std::this_thread::sleep_for(left - std::chrono::microseconds(50));
    } else {
      std::this_thread::yield();
    }
  }
}

// Accepts offers, hangs up after the handle time, and clears no-answer
// statuses: the agents' side of the load.
class Desktops {
 public:
  Desktops(Router& router, FastClock& clock, const std::vector<Call>& calls, StatusId available,
           StatusId not_answering)
      : router_(router),
        clock_(clock),
        calls_(calls),
        available_(available),
        not_answering_(not_answering) {}

  void Run(const std::atomic<bool>& stop) {
    while (!stop.load(std::memory_order_acquire) || !hangups_.empty()) {
      const size_t n = router_.PollDecisions(0, [this](const Decision& d) { Handle(d); });
      const Time now = clock_.Now();
      while (!hangups_.empty() && hangups_.top().first <= now) {
        Send(Disconnect{.interaction = hangups_.top().second});
        hangups_.pop();
      }
      if (n == 0) std::this_thread::yield();
    }
  }

  int64_t offers() const { return offers_; }
  int64_t no_answers() const { return no_answers_; }

 private:
  void Handle(const Decision& d) {
    if (const auto* offer = std::get_if<OfferEvent>(&d.event)) {
      ++offers_;
      if (!offer->auto_answered) Send(Accept{.interaction = offer->interaction});
      const Call& call = calls_[offer->interaction.value() - 1];
      hangups_.push({offer->now + call.handle, offer->interaction});
    } else if (const auto* event = std::get_if<InteractionEvent>(&d.event)) {
      no_answers_ += event->reason == RequeueReason::kNoAnswer;
    } else if (const auto* agent = std::get_if<AgentEvent>(&d.event)) {
      if (agent->status == not_answering_)
        Send(SetStatus{.agent = agent->agent, .status = available_});
    }
  }

  void Send(Command command) {
    // Rejections (a hang-up for a call already re-offered elsewhere, say)
    // are part of the traffic; a full queue is waited out.
    (void)router_.Submit(0, std::move(command), nullptr,
                         SteadyClock::now() + std::chrono::seconds(5));
  }

  Router& router_;
  FastClock& clock_;
  const std::vector<Call>& calls_;
  const StatusId available_;
  const StatusId not_answering_;
  using Hangup = std::pair<Time, InteractionId>;
  std::priority_queue<Hangup, std::vector<Hangup>, std::greater<>> hangups_;
  int64_t offers_ = 0;
  int64_t no_answers_ = 0;
};

double Percentile(std::vector<int64_t>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return static_cast<double>(
      v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))]);
}

int Run(const Options& options) {
#if !defined(__OPTIMIZE__) || !defined(NDEBUG)
  fmt::print("WARNING: unoptimized build or assertions enabled; figures are not representative\n");
#endif
  absl::StatusOr<sim::Scenario> scenario = sim::LoadScenarioFile(options.scenario);
  if (!scenario.ok()) {
    fmt::print(stderr, "acd_load: {}\n", scenario.status().message());
    return 1;
  }
  const Duration horizon = options.hours > 0 ? SecondsF(options.hours * 3600) : scenario->horizon;
  const std::vector<Call> calls = Traffic(*scenario, Time() + horizon);
  auto engine = Engine::Create(scenario->center);
  if (!engine.ok()) {
    fmt::print(stderr, "acd_load: {}\n", engine.status().message());
    return 1;
  }
  const StatusId available = *(*engine)->FindStatus(scenario->center.available_status);
  const StatusId not_answering = *(*engine)->FindStatus("ACD - Agent Not Answering");
  const int agents = static_cast<int>(scenario->center.agents.size());

  FastClock clock(options.speed);
  std::vector<int64_t> latency_ns;  // written on the engine thread only
  latency_ns.reserve(calls.size());
  std::vector<HostedEngine> engines;
  engines.push_back({.engine = std::move(*engine)});
  auto router =
      *Router::Create({.clock = &clock, .queue_capacity = 8192, .decision_queue_capacity = 1 << 16},
                      std::move(engines));
  for (int a = 0; a < agents; ++a) {
    (void)router->Submit(0, LogIn{.agent = AgentId(a)}, nullptr,
                         SteadyClock::now() + std::chrono::seconds(5));
  }

  std::atomic<bool> stop{false};
  Desktops desktops(*router, clock, calls, available, not_answering);
  std::thread desktop([&] { desktops.Run(stop); });
  const auto start = SteadyClock::now();
  std::vector<std::thread> producers;
  for (int p = 0; p < options.producers; ++p) {
    producers.emplace_back([&, p] {
      for (size_t i = static_cast<size_t>(p); i < calls.size(); i += options.producers) {
        WaitUntil(clock, calls[i].at);
        const auto submitted = SteadyClock::now();
        const absl::Status status = router->Submit(
            0, calls[i].arrive,
            [&latency_ns, submitted](const CommandResult&) {
              latency_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                       SteadyClock::now() - submitted)
                                       .count());
            },
            SteadyClock::now() + std::chrono::seconds(5));
        if (!status.ok()) fmt::print(stderr, "acd_load: {}\n", status);
      }
    });
  }
  for (std::thread& t : producers) t.join();
  const double wall_s = std::chrono::duration<double>(SteadyClock::now() - start).count();
  stop.store(true, std::memory_order_release);
  desktop.join();
  router->Stop();
  const EngineStats stats = *router->ReadStats(0);

  fmt::print("acd_load: {}\n", scenario->name);
  fmt::print(
      "  {} agents, {} arrivals over {:.0f} s of traffic at {}x: {:.2f} s wall, {} producers\n",
      agents, calls.size(), ToSeconds(horizon), options.speed, wall_s, options.producers);
  fmt::print("  commands applied {}, rejected {}, timer advances {}\n", stats.commands_applied,
             stats.commands_rejected, stats.timer_advances);
  fmt::print("  throughput while arrivals ran: {:.0f} commands/s ({:.0f} arrivals/s)\n",
             static_cast<double>(stats.commands_applied + stats.commands_rejected) / wall_s,
             static_cast<double>(calls.size()) / wall_s);
  fmt::print("  offers {}, no-answers {}\n", desktops.offers(), desktops.no_answers());
  fmt::print(
      "  submit-to-decision latency (arrivals): p50 {:.1f} us, p99 {:.1f} us, p99.9 {:.1f} us\n",
      Percentile(latency_ns, 0.5) / 1000, Percentile(latency_ns, 0.99) / 1000,
      Percentile(latency_ns, 0.999) / 1000);
  return 0;
}

}  // namespace
}  // namespace acd

int main(int argc, char** argv) {
  acd::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (value == nullptr) {
      std::fprintf(stderr, "acd_load: %s needs a value\n", flag.c_str());
      return 2;
    }
    ++i;
    if (flag == "--scenario") {
      options.scenario = value;
    } else if (flag == "--producers") {
      options.producers = std::max(1, std::atoi(value));
    } else if (flag == "--speed") {
      options.speed = std::max(1.0, std::atof(value));
    } else if (flag == "--hours") {
      options.hours = std::atof(value);
    } else {
      std::fprintf(stderr,
                   "usage: acd_load [--scenario FILE] [--producers N] [--speed X] [--hours H]\n");
      return 2;
    }
  }
  return acd::Run(options);
}
