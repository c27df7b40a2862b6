// Fuzz target: bytes -> a command stream applied to an engine that checks
// its invariants (docs/design.md 3.10) after every command and timer (linked with
// acd_engine_checked; aborts on a broken invariant).
//
// The first byte picks one of 256 random centers (tests/testing/
// random_streams.h). Then each step takes 10 bytes (zeros past the end):
//   op, dt, 8 bytes of seed
// and the clock moves dt % 16 seconds. By op % 8:
//   0    AdvanceTo(now)
//   1    a hostile command: a random one whose ids, media, times or
//        durations (or its time) are replaced by raw values from the seed
//   else a random command for the center (RandomCommand), seeded by the
//        8 bytes: mostly valid, sometimes not; when op % 16 == 15, a
//        roster command (RandomRosterCommand: add or remove an agent or a
//        workgroup), after which the random commands address the ids
//        added too.
// At most 1000 steps; commands are stamped with the stream's clock, which
// follows the engine's and never moves back, so AdvanceTo is always legal.
// A hostile time far ahead (or timers re-arming every few microseconds) may
// make the engine stop after kMaxTimersPerAdvance timers (ResourceExhausted,
// its clock behind the command's): the stream goes on from where it stopped
// once, and ends at the second such stop, so that one input costs at most
// two budgets of timer work.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>
#include <variant>

#include "acd/engine.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/testing/random_streams.h"

namespace {

using acd::testing::Chooser;

// Replaces one field of `command` by a raw value, chosen by `pick`.
void Corrupt(acd::Command& command, Chooser& pick) {
  const uint64_t raw = pick.Next();
  const int which = pick.Below(7);
  std::visit(
      [&](auto& c) {
        using C = std::decay_t<decltype(c)>;
        if (which == 6) c.now = acd::Time::FromMicroseconds(static_cast<int64_t>(raw >> 1));
        if constexpr (requires { c.agent; }) {
          if (which == 0) c.agent = acd::AgentId(static_cast<uint32_t>(raw));
        }
        if constexpr (requires { c.workgroup; }) {
          if (which == 1) c.workgroup = acd::WorkgroupId(static_cast<uint32_t>(raw));
        }
        if constexpr (requires { c.interaction; }) {
          if (which == 2) c.interaction = acd::InteractionId(raw);
        }
        if constexpr (requires { c.status; }) {
          if (which == 3) c.status = acd::StatusId(static_cast<uint32_t>(raw));
        }
        if constexpr (std::is_same_v<C, acd::Arrive>) {
          if (which == 4) c.media = static_cast<acd::MediaType>(raw & 0xFF);
          if (which == 5) {
            c.preferred_agent = acd::AgentId(0);
            c.preferred_window = acd::Duration::Microseconds(static_cast<int64_t>(raw >> 1));
          }
          if (which == 0 && !c.requirements.empty()) {
            c.requirements[0].skill = acd::SkillId(static_cast<uint32_t>(raw));
          }
        }
        if constexpr (std::is_same_v<C, acd::UpdateWorkgroup>) {
          if (which == 4) c.config.alert_timeout = acd::Duration::Microseconds(static_cast<int64_t>(raw >> 1));
          if (which == 5) c.config.queue_timeout = acd::Duration::Microseconds(static_cast<int64_t>(raw >> 1));
          if (which == 3) c.config.max_hold = acd::Duration::Microseconds(static_cast<int64_t>(raw >> 1));
        }
        if constexpr (std::is_same_v<C, acd::UpdateAgent> || std::is_same_v<C, acd::AddAgent>) {
          if (which == 4 && !c.config.utilization.empty()) {
            c.config.utilization[0].media = static_cast<acd::MediaType>(raw & 0xFF);
          }
        }
        if constexpr (std::is_same_v<C, acd::AddWorkgroup>) {
          if (which == 4)
            c.config.alert_timeout = acd::Duration::Microseconds(static_cast<int64_t>(raw >> 1));
          if (which == 5)
            c.config.stats_interval = acd::Duration::Microseconds(static_cast<int64_t>(raw >> 1));
        }
      },
      command);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Chooser center_pick(data[0]);
  const acd::CenterConfig center = acd::testing::RandomCenter(center_pick);
  absl::StatusOr<std::unique_ptr<acd::Engine>> created = acd::Engine::Create(center);
  if (!created.ok()) acd::fuzz::Fail("a random center was refused: " + created.status().ToString());
  acd::Engine& engine = **created;

  acd::Time now;
  uint64_t next_id = 1;
  // The roster as the random commands see it (RandomRosterCommand).
  acd::CenterConfig roster = center;
  int stopped_advances = 0;
  constexpr size_t kStepBytes = 10;
  for (size_t at = 1, steps = 0; at < size && steps < 1000; at += kStepBytes, ++steps) {
    uint8_t step[kStepBytes] = {};
    std::memcpy(step, data + at, std::min(kStepBytes, size - at));
    uint64_t seed = 0;
    std::memcpy(&seed, step + 2, sizeof seed);
    now += acd::Seconds(step[1] % 16);
    Chooser pick(seed);
    if (step[0] % 8 == 0) {
      const absl::Status advanced = engine.AdvanceTo(now);
      if (advanced.code() == absl::StatusCode::kResourceExhausted) {
        // Timers re-arming every few microseconds can fill the budget even
        // in a few seconds: go on from where the engine stopped.
        if (engine.now() >= now) acd::fuzz::Fail("a stopped advance reached its time");
        if (++stopped_advances == 2) break;
        now = engine.now();
      } else if (!advanced.ok()) {
        acd::fuzz::Fail("AdvanceTo refused a later time: " + advanced.ToString());
      }
      continue;
    }
    acd::Command command = step[0] % 16 == 15
                               ? acd::testing::RandomRosterCommand(pick, now, roster)
                               : acd::testing::RandomCommand(pick, now, roster, next_id);
    if (step[0] % 8 == 1) Corrupt(command, pick);
    const acd::Time before = engine.now();
    const absl::Status status = engine.Apply(command);
    if (!status.ok()) {
      acd::fuzz::ExpectClearError(status, "Engine::Apply");
    } else if (std::holds_alternative<acd::Arrive>(command)) {
      ++next_id;
    }
    // The engine reaches the command's time, unless its advance stopped
    // after kMaxTimersPerAdvance timers; a hostile time before its clock or
    // outside +-kMaxTime is refused and moves nothing.
    const acd::Time stamped = std::visit([](const auto& c) { return c.now; }, command);
    const bool time_refused = stamped < before || stamped > acd::kMaxTime;
    const bool stopped =
        status.code() == absl::StatusCode::kResourceExhausted && engine.now() < stamped;
    if (time_refused && engine.now() != before) {
      acd::fuzz::Fail("a command refused for its time moved the clock");
    }
    if (!time_refused && !stopped && engine.now() < stamped) {
      acd::fuzz::Fail("the engine's clock is behind the command's time");
    }
    if (stopped && ++stopped_advances == 2) break;
    // A hostile time may have moved the clock far ahead: follow it, and
    // stop before the stream's own arithmetic could overflow.
    now = engine.now();
    if (now > acd::Time::FromMicroseconds(int64_t{1} << 62)) break;
  }
  return 0;
}
