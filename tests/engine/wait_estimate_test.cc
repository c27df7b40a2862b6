// The two wait estimators (acd/engine.h) on a simulated day: Poisson
// arrivals whose rate changes by the hour, two overlapping shifts of
// agents, exponential talk times, a fixed wrap-up, tiers and impatient
// customers. At every arrival that has to wait, both estimates are
// recorded; when it is answered, the wait it really had. The staffing-aware
// estimate must have the lower mean absolute error.

#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>
#include <vector>

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

using testing::Chooser;

const WorkgroupId kWg(0);
constexpr int kAgents = 36;
constexpr int64_t kHour = 3600;
// Arrivals per hour, hour by hour over a 12-hour day.
constexpr double kRatePerHour[] = {40, 90, 170, 230, 250, 200, 160, 240, 260, 180, 100, 50};

// Exponential with `mean` seconds, by inversion of a 53-bit uniform.
Duration Exponential(Chooser& pick, double mean_s) {
  const double u = static_cast<double>(pick.Next() >> 11) * 0x1p-53;
  return SecondsF(-mean_s * std::log1p(-u));
}

CenterConfig DayCenter() {
  CenterConfig center;
  center.skills = {"s"};
  center.workgroups.push_back({.name = "Day",
                               .wrap_up = Seconds(20),
                               .tiers = {{.threshold = 70, .duration = Seconds(30)},
                                         {.threshold = 20, .duration = Seconds(60)}}});
  for (int i = 0; i < kAgents; ++i) {
    center.agents.push_back({.name = fmt::format("a{}", i),
                             .workgroups = {{.workgroup = "Day"}},
                             .skills = {{.skill = "s", .proficiency = i % 3 == 0 ? 90 : 50}},
                             .auto_answer = true});
  }
  return center;
}

// Drives one day through the engine; collects, per waiting arrival, the two
// estimates and (once answered) the real wait.
class Day : public Observer {
 public:
  explicit Day(Engine& engine) : engine_(engine) { engine_.SetObserver(this); }
  ~Day() override { engine_.SetObserver(nullptr); }

  void OnInteraction(const InteractionEvent& e) override {
    state_[e.interaction.value()] = e.state;
    if (e.state == InteractionState::kConnected) {
      Schedule(e.now + Exponential(pick_, 200), kHangUp, e.interaction.value());
      auto it = samples_.find(e.interaction.value());
      if (it != samples_.end()) it->second.actual = e.now - it->second.arrived;
    }
  }

  void Run() {
    // Shift A: agents 0..17 from 0 h to 7 h; shift B: 18..35 from 4 h to
    // 12 h; six of shift A stay until 9 h.
    for (int a = 0; a < kAgents; ++a) {
      const bool early = a < kAgents / 2;
      Schedule(Time() + Seconds(early ? 0 : 4 * kHour), kLogIn, a);
      Schedule(Time() + Seconds(early ? (a < 6 ? 9 : 7) * kHour : 12 * kHour), kLogOut, a);
    }
    Schedule(Time() + Exponential(pick_, 3600 / kRatePerHour[0]), kArrival, 0);
    while (!events_.empty()) {
      const auto [key, event] = *events_.begin();
      const Time deadline = engine_.NextDeadline();
      if (deadline <= std::get<0>(key)) {
        REQUIRE(engine_.AdvanceTo(deadline).ok());
        continue;
      }
      events_.erase(events_.begin());
      Handle(std::get<0>(key), event);
    }
  }

  struct Sample {
    Time arrived;
    Duration pure_connect;
    Duration staffed;
    Duration actual = Duration::Infinite();  // until answered
  };
  std::map<uint64_t, Sample> samples_;

 private:
  enum Kind { kArrival, kHangUp, kAbandon, kLogIn, kLogOut };
  struct Event {
    Kind kind;
    uint64_t target;
  };

  void Schedule(Time at, Kind kind, uint64_t target) {
    events_.emplace(std::make_tuple(at, sequence_++), Event{kind, target});
  }

  void Handle(Time now, const Event& event) {
    switch (event.kind) {
      case kArrival: {
        const int64_t hour = (now - Time()).microseconds() / Seconds(kHour).microseconds();
        if (hour >= 12) return;
        Schedule(now + Exponential(pick_, 3600 / kRatePerHour[hour]), kArrival, 0);
        const InteractionId id(next_id_++);
        REQUIRE(engine_
                    .Apply(Arrive{.now = now,
                                  .interaction = id,
                                  .workgroup = kWg,
                                  .requirements = {{.skill = SkillId(0)}}})
                    .ok());
        Schedule(now + Exponential(pick_, 240), kAbandon, id.value());
        if (state_[id.value()] != InteractionState::kWaiting) return;
        samples_[id.value()] = {.arrived = now,
                                .pure_connect = *engine_.EstimateWaitPureConnect(id),
                                .staffed = *engine_.EstimateWait(id)};
        return;
      }
      case kHangUp:
        if (state_[event.target] == InteractionState::kConnected) {
          REQUIRE(engine_.Apply(Disconnect{.now = now, .interaction = InteractionId(event.target)})
                      .ok());
        }
        return;
      case kAbandon:
        if (state_[event.target] == InteractionState::kWaiting) {
          REQUIRE(engine_.Apply(Disconnect{.now = now, .interaction = InteractionId(event.target)})
                      .ok());
        }
        return;
      case kLogIn:
        REQUIRE(engine_.Apply(LogIn{.now = now, .agent = AgentId(event.target)}).ok());
        return;
      case kLogOut:
        REQUIRE(engine_.Apply(LogOut{.now = now, .agent = AgentId(event.target)}).ok());
        return;
    }
  }

  Engine& engine_;
  Chooser pick_{20240601};
  std::map<std::tuple<Time, uint64_t>, Event> events_;
  uint64_t sequence_ = 0;
  uint64_t next_id_ = 1;
  std::map<uint64_t, InteractionState> state_;
};

TEST_CASE("the staffing-aware wait estimate beats PureConnect's on a simulated day") {
  auto engine = Engine::Create(DayCenter());
  REQUIRE(engine.ok());
  Day day(**engine);
  day.Run();
  double pure_connect = 0, staffed = 0;
  int64_t answered = 0, infinite = 0;
  for (const auto& [id, s] : day.samples_) {
    if (s.actual == Duration::Infinite()) continue;  // abandoned
    ++answered;
    // An estimate of "never" is counted as a miss by the whole day.
    const Duration estimate = s.staffed == Duration::Infinite() ? Seconds(12 * kHour) : s.staffed;
    infinite += s.staffed == Duration::Infinite();
    pure_connect += std::fabs(ToSeconds(s.pure_connect - s.actual));
    staffed += std::fabs(ToSeconds(estimate - s.actual));
  }
  REQUIRE(answered > 200);
  pure_connect /= static_cast<double>(answered);
  staffed /= static_cast<double>(answered);
  MESSAGE(fmt::format(
      "{} arrivals waited, {} of them answered; mean absolute error: PureConnect {:.1f} s, "
      "staffing-aware {:.1f} s ({} estimates of never)",
      day.samples_.size(), answered, pure_connect, staffed, infinite));
  CHECK(staffed < pure_connect);
}

}  // namespace
}  // namespace acd
