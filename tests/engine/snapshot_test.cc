// Exporting and restoring an engine (acd/engine_state.h): on random streams,
// an engine restored from a snapshot taken after any step makes, from then
// on, the same decisions and shows the same state as the engine that ran
// through; a damaged state is refused.

#include <memory>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "acd/engine_state.h"
#include "acd/stats.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "tests/testing/engine_fixture.h"
#include "tests/testing/random_streams.h"
#include "tests/testing/router_views.h"

namespace acd {
namespace {

using testing::Chooser;
using testing::EventLog;
using testing::State;
using testing::Step;

absl::Status Run(Engine& engine, const Step& step) {
  return step.advance ? engine.AdvanceTo(step.time) : engine.Apply(step.command);
}

// What only the engine tells (no reference has it): live statistics and
// both wait estimates.
std::string EngineOnly(const Engine& e, uint64_t max_id) {
  std::string out;
  for (size_t w = 0; w < e.config().workgroups.size(); ++w) {
    const WorkgroupStats s = *e.GetWorkgroupStats(WorkgroupId(w));
    out += fmt::format(
        "wg {} waiting={} longest={} agents={}/{}/{}/{}/{} current={},{},{},{},{} "
        "total={},{},{},{},{} sl={}\n",
        w, s.waiting, s.longest_wait, s.agents_logged_in, s.agents_activated, s.agents_available,
        s.agents_busy, s.agents_wrap_up, s.current.entered, s.current.answered, s.current.abandoned,
        s.current.answered_within[0], s.current.answer_wait, s.total.entered, s.total.answered,
        s.total.abandoned, s.total.answered_within[0], s.total.answer_wait, s.service_level[0]);
  }
  for (uint64_t id = 1; id <= max_id; ++id) {
    const absl::StatusOr<Duration> pure = e.EstimateWaitPureConnect(InteractionId(id));
    const absl::StatusOr<Duration> pure_signed = e.EstimateWaitPureConnectSigned(InteractionId(id));
    const absl::StatusOr<Duration> better = e.EstimateWait(InteractionId(id));
    if (pure.ok()) {
      out += fmt::format("x {} estimates {} {} {}\n", id, *pure, *pure_signed, *better);
    }
  }
  return out;
}

uint64_t MaxId(const std::vector<Step>& steps) {
  uint64_t max_id = 0;
  for (const Step& s : steps) {
    if (const auto* arrive = std::get_if<Arrive>(&s.command)) {
      max_id = std::max(max_id, arrive->interaction.value());
    }
  }
  return max_id;
}

// Runs `steps`, restoring from a snapshot after step `cut`, next to an
// engine that runs through; "" if they agree to the end.
std::string CompareAcrossRestore(const CenterConfig& center, const std::vector<Step>& steps,
                                 size_t cut) {
  auto through = std::move(Engine::Create(center)).value();
  auto restored = std::move(Engine::Create(center)).value();
  const uint64_t max_id = MaxId(steps);
  EventLog through_log, restored_log;
  through->SetObserver(&through_log);
  for (size_t i = 0; i < steps.size(); ++i) {
    const absl::Status a = Run(*through, steps[i]);
    if (i <= cut) {
      (void)Run(*restored, steps[i]);
      if (i == cut) {
        absl::StatusOr<std::unique_ptr<Engine>> again = Engine::Restore(restored->ExportState());
        if (!again.ok()) return "restore failed: " + again.status().ToString();
        restored = std::move(*again);
        restored->SetObserver(&restored_log);
        through_log.lines.clear();
        const CenterConfig now_in_force = through->config();
        if (State(*through, now_in_force, max_id) != State(*restored, now_in_force, max_id)) {
          return fmt::format("state differs right after the restore at step {}", i);
        }
      }
      continue;
    }
    const absl::Status b = Run(*restored, steps[i]);
    const std::string what = steps[i].advance ? fmt::format("AdvanceTo {}", steps[i].time)
                                              : testing::Describe(steps[i].command);
    if (a.code() != b.code()) return fmt::format("step {} ({}): status differs", i, what);
    if (through_log.lines != restored_log.lines) {
      return fmt::format("step {} ({}): events differ:\n  {}\nvs\n  {}", i, what,
                         fmt::join(through_log.lines, "\n  "),
                         fmt::join(restored_log.lines, "\n  "));
    }
    const CenterConfig now_in_force = through->config();
    if (State(*through, now_in_force, max_id) != State(*restored, now_in_force, max_id)) {
      return fmt::format("step {} ({}): state differs", i, what);
    }
    if (EngineOnly(*through, max_id) != EngineOnly(*restored, max_id)) {
      return fmt::format("step {} ({}): statistics or estimates differ:\n{}vs\n{}", i, what,
                         EngineOnly(*through, max_id), EngineOnly(*restored, max_id));
    }
  }
  return "";
}

TEST_CASE("an engine restored from a snapshot at any step decides as the one that ran through") {
  int compared = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    Chooser pick(seed);
    const CenterConfig center = testing::RandomCenter(pick);
    const std::vector<Step> steps = testing::MakeStream(pick, center, 80);
    for (size_t cut = 0; cut < steps.size(); cut += 7) {
      const std::string difference = CompareAcrossRestore(center, steps, cut);
      ++compared;
      INFO("seed ", seed, ", snapshot after step ", cut);
      REQUIRE_MESSAGE(difference.empty(), difference);
    }
  }
  MESSAGE(compared, " restores compared");
}

TEST_CASE("a damaged state is refused with what is wrong") {
  testing::EngineUnderTest e(testing::SimpleCenter(2));
  e.Do(LogIn{.now = testing::At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = testing::At(1), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)});
  e.Do(Arrive{.now = testing::At(2), .interaction = InteractionId(2), .workgroup = WorkgroupId(0)});
  const EngineState good = e->ExportState();
  REQUIRE(Engine::Restore(good).ok());

  const auto refused = [&](auto damage) {
    EngineState state = good;
    damage(state);
    absl::Status status = Engine::Restore(state).status();
    CHECK(status.code() == absl::StatusCode::kDataLoss);
    return std::string(status.message());
  };
  CHECK(refused([](EngineState& s) { s.agents.pop_back(); }).find("agents") != std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.interactions[0].agent = AgentId(1);
        }).find("interaction 1 does not fit") != std::string::npos);
  CHECK(refused([](EngineState& s) { s.agents[0].held.clear(); }).find("agents") !=
        std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.interactions[1].workgroup = WorkgroupId(7);
        }).find("unknown workgroup") != std::string::npos);
  CHECK(refused([](EngineState& s) {
          std::swap(s.interactions[0], s.interactions[1]);
        }).find("ascending") != std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.interactions[1].state = InteractionState::kCompleted;
        }).find("not live") != std::string::npos);
  CHECK(refused([](EngineState& s) { s.agents[1].active.clear(); }).find("activation") !=
        std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.center.workgroups[0].alert_timeout = Seconds(1);
        }).find("alert_timeout") != std::string::npos);
}

TEST_CASE("a restored state is checked against every cross-reference and invariant") {
  // Issue 13: states a fuzzer built that Restore used to accept.
  CenterConfig center = testing::SimpleCenter(2, {"Support", "Overflow"});
  center.workgroups[0].tiers = {{.threshold = 50, .duration = Seconds(10)}};
  testing::EngineUnderTest e(center);
  e.Do(LogIn{.now = testing::At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = testing::At(1), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)});
  e.Do(Arrive{.now = testing::At(2), .interaction = InteractionId(2), .workgroup = WorkgroupId(0)});
  const EngineState good = e->ExportState();
  REQUIRE(Engine::Restore(good).ok());
  REQUIRE(good.interactions[1].state == InteractionState::kWaiting);

  const auto refused = [&](auto damage) {
    EngineState state = good;
    damage(state);
    absl::Status status = Engine::Restore(state).status();
    INFO(status.ToString());
    CHECK(status.code() == absl::StatusCode::kDataLoss);
    return std::string(status.message());
  };
  // A queue timeout in a workgroup without an overflow target.
  CHECK(refused([](EngineState& s) {
          s.interactions[1].overflow_due = testing::At(30);
        }).find("without an overflow workgroup") != std::string::npos);
  // A next tier boundary that is none of the workgroup's (the static tier
  // is not part of the state: Restore derives it from the next boundary),
  // and a boundary after the last.
  CHECK(refused([](EngineState& s) {
          s.interactions[1].tier_due = testing::At(5);
        }).find("not the next boundary") != std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.interactions[1].tier_due = testing::At(40);
        }).find("after the last tier") != std::string::npos);
  // Counters that break conservation, or are negative.
  CHECK(refused([](EngineState& s) { ++s.workgroups[0].counters.entered; }).find("entered 3") !=
        std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.workgroups[1].counters.abandoned = -1;
          s.workgroups[1].counters.entered = -1;
        }).find("workgroups[1].counters") != std::string::npos);
  // Media and times out of range.
  CHECK(refused([](EngineState& s) {
          s.interactions[1].media = static_cast<MediaType>(99);
        }).find("media 99") != std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.interactions[0].alert_due = testing::At(-5);
        }).find("before the state's clock") != std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.interactions[1].entered_queue = Time::FromMicroseconds(INT64_MIN);
        }).find("kMaxTime") != std::string::npos);
  CHECK(refused([](EngineState& s) {
          s.agents[0].status = StatusId(uint32_t{1} << 31);
        }).find("unknown status") != std::string::npos);
  // Nothing else was needed: the good state still restores and decides.
  auto again = Engine::Restore(good);
  REQUIRE(again.ok());
  CHECK((*again)->Apply(LogIn{.now = testing::At(3), .agent = AgentId(1)}).ok());
}

TEST_CASE("every time of a restored state is checked against its clock") {
  // Issue 13: a waiting interaction's entered_queue at 2^62 passed Restore,
  // and the engine could not then advance to its own next deadline
  // (tests/fuzz/regressions/state/entered-queue-far-future.pb); a sample at
  // the lowest int64 passed and overflowed in the window's arithmetic
  // (answer-wait-at-int64-min.pb there).
  CenterConfig center = testing::SimpleCenter(2);
  center.workgroups[0].tiers = {{.threshold = 50, .duration = Seconds(10)}};
  testing::EngineUnderTest e(center);
  e.Do(LogIn{.now = testing::At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = testing::At(1), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)});
  e.Do(Accept{.now = testing::At(2), .interaction = InteractionId(1)});
  e.Do(Arrive{.now = testing::At(3), .interaction = InteractionId(2), .workgroup = WorkgroupId(0)});
  const EngineState good = e->ExportState();
  REQUIRE(Engine::Restore(good).ok());
  REQUIRE(good.interactions[0].state == InteractionState::kConnected);
  REQUIRE(good.interactions[1].state == InteractionState::kWaiting);
  REQUIRE(good.workgroups[0].answer_waits.size() == 1);

  const auto refused = [&](auto damage) {
    EngineState state = good;
    damage(state);
    absl::Status status = Engine::Restore(state).status();
    INFO(status.ToString());
    CHECK(status.code() == absl::StatusCode::kDataLoss);
    return std::string(status.message());
  };
  const Time far = kMaxTime;
  const Time beyond = good.now + kMaxDuration + Microseconds(1);
  const auto names = [](const std::string& message, const std::string& a, const std::string& b) {
    INFO(message);
    CHECK(message.find(a) != std::string::npos);
    CHECK(message.find(b) != std::string::npos);
  };
  // Moments that must have happened.
  names(refused([&](EngineState& s) { s.interactions[1].entered_queue = far; }),
        "interactions[1] (id 2).entered_queue", "after the state's clock");
  names(refused([&](EngineState& s) { s.interactions[1].entered_system = testing::At(4); }),
        "interactions[1] (id 2).entered_system", "after the state's clock");
  names(refused([&](EngineState& s) { s.interactions[0].connected_at = testing::At(9); }),
        "interactions[0] (id 1).connected_at", "after the state's clock");
  names(refused([&](EngineState& s) { s.agents[0].available_since = testing::At(9); }),
        "agents[0].available_since", "after the state's clock");
  names(refused([&](EngineState& s) {
          s.workgroups[0].answer_waits[0].first = Time::FromMicroseconds(INT64_MIN);
        }),
        "workgroups[0].answer_waits[0].at", "kMinTime");
  names(refused([&](EngineState& s) { s.workgroups[0].answer_waits[0].first = far; }),
        "workgroups[0].answer_waits[0].at", "after the state's clock");
  names(refused([&](EngineState& s) { s.workgroups[0].answer_waits[0].second = Microseconds(-1); }),
        "workgroups[0].answer_waits[0].value", "negative");
  names(refused([&](EngineState& s) {
          s.workgroups[0].answer_waits.push_back({testing::At(3), Microseconds(int64_t{1} << 62)});
        }),
        "workgroups[0].answer_waits[1].value", "past 2^62");
  names(refused([&](EngineState& s) { s.workgroups[0].stats_interval = INT64_MAX; }),
        "workgroups[0].stats_interval", "begun by the clock");
  names(refused([&](EngineState& s) { s.workgroups[0].total.answer_wait = Microseconds(-5); }),
        "workgroups[0].total", "out of range");
  // Pending timers: due by the clock, and at most kMaxTimerAhead after it.
  names(refused([&](EngineState& s) { s.interactions[1].tier_due = beyond; }),
        "interactions[1] (id 2).tier_due", "kMaxTimerAhead");
  names(refused([&](EngineState& s) {
          s.interactions[1].excluded = AgentId(1);
          s.interactions[1].excluded_until = testing::At(2);
        }),
        "interactions[1] (id 2).excluded_until", "before the state's clock");
  names(refused([&](EngineState& s) {
          s.interactions[1].preferred_agent = AgentId(1);
          s.interactions[1].preference_open = true;
          s.interactions[1].preferred_until = beyond;
        }),
        "interactions[1] (id 2).preferred_until", "kMaxTimerAhead");
  names(refused([&](EngineState& s) {
          s.agents[1].delay_pending = true;
          s.agents[1].blocked_until = Time::Infinite();
        }),
        "agents[1].blocked_until", "never due");
  names(refused([&](EngineState& s) { s.interactions[1].attempts = INT32_MAX; }),
        "interactions[1] (id 2)", "attempts");
  names(refused([&](EngineState& s) { s.agents[0].misses = INT32_MAX; }), "agents[0]",
        "out of range");
  // A static tier and tier boundary that its queue time does not give.
  names(refused([&](EngineState& s) { s.interactions[1].tier_due += Microseconds(1); }),
        "interactions[1] (id 2).tier_due", "not the next boundary");
  names(refused([&](EngineState& s) { s.interactions[1].tier_due = Time::Infinite(); }),
        "interactions[1] (id 2).tier_due", "after the state's clock");
  names(refused([&](EngineState& s) { s.interactions[1].exempt = true; }),
        "interactions[1] (id 2).exempt", "held");
  names(refused([&](EngineState& s) { s.interactions[1].hold_due = s.now + Seconds(1); }),
        "interactions[1] (id 2).hold_due", "held");
  // At the bounds themselves, the state restores.
  EngineState edge = good;
  edge.interactions[1].excluded = AgentId(1);
  edge.interactions[1].excluded_until = good.now + kMaxDuration;
  edge.interactions[1].entered_system = good.now;
  CHECK(Engine::Restore(edge).ok());
}

TEST_CASE("a state exported before time zero restores") {
  // Times never set (an agent logged out, an interaction never connected)
  // are zero, after such a clock: only the times that were set are checked.
  auto created = Engine::Create(testing::SimpleCenter(2), testing::At(-1000));
  REQUIRE(created.ok());
  Engine& e = **created;
  REQUIRE(e.Apply(LogIn{.now = testing::At(-900), .agent = AgentId(0)}).ok());
  REQUIRE(e.Apply(Arrive{.now = testing::At(-800),
                         .interaction = InteractionId(1),
                         .workgroup = WorkgroupId(0)})
              .ok());
  REQUIRE(e.Apply(Arrive{.now = testing::At(-700),
                         .interaction = InteractionId(2),
                         .workgroup = WorkgroupId(0)})
              .ok());
  const absl::StatusOr<std::unique_ptr<Engine>> restored = Engine::Restore(e.ExportState());
  INFO(restored.status().ToString());
  CHECK(restored.ok());
}

TEST_CASE("the time of the last hold shows in the view and survives a snapshot") {
  testing::EngineUnderTest e(testing::SimpleCenter(1));
  e.Do(LogIn{.now = testing::At(0), .agent = AgentId(0)});
  e.Do(Arrive{.now = testing::At(1), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)});
  e.Do(Accept{.now = testing::At(2), .interaction = InteractionId(1)});
  CHECK(e.Interaction(1).last_held == Time::Infinite());
  e.Do(Hold{.now = testing::At(5), .interaction = InteractionId(1)});
  CHECK(e.Interaction(1).last_held == testing::At(5));
  e.Do(Resume{.now = testing::At(6), .interaction = InteractionId(1)});
  e.Do(Hold{.now = testing::At(8), .interaction = InteractionId(1)});
  e.Do(Resume{.now = testing::At(9), .interaction = InteractionId(1)});
  // The last hold, not the first; kept once resumed.
  CHECK(e.Interaction(1).last_held == testing::At(8));

  const EngineState state = e->ExportState();
  REQUIRE(state.interactions.size() == 1);
  CHECK(state.interactions[0].last_held == testing::At(8));
  absl::StatusOr<std::unique_ptr<Engine>> restored = Engine::Restore(state);
  REQUIRE(restored.ok());
  absl::StatusOr<InteractionView> view = (*restored)->GetInteraction(InteractionId(1));
  REQUIRE(view.ok());
  CHECK(view->last_held == testing::At(8));

  // A moment: never after the state's clock.
  EngineState later = state;
  later.interactions[0].last_held = state.now + Microseconds(1);
  const absl::Status refused = Engine::Restore(later).status();
  CHECK(refused.code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(refused.message()).find("interactions[0] (id 1).last_held") !=
        std::string::npos);
}

}  // namespace
}  // namespace acd
