// The checks of Engine::Restore that each part of a state is in range and
// agrees with the state's clock (lib/engine/state_checks.h).

#include "lib/engine/state_checks.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/bounds.h"

namespace acd::internal {

absl::Status StateError(absl::string_view where, absl::string_view what) {
  return absl::DataLossError(absl::StrCat("engine state: ", where, ": ", what));
}

namespace {

absl::Status Bad(absl::string_view where, absl::string_view what) {
  return StateError(where, what);
}

// The largest count, sum of durations (us) or time total a restored state
// may hold, and the largest of the int counters the engine increments
// (misses, attempts): far beyond any real run, far from overflow.
constexpr int64_t kMaxSum = int64_t{1} << 62;
constexpr int kMaxCount32 = 1 << 30;

// A bounds check (lib/engine/bounds.h) as Restore's DataLoss.
absl::Status Lost(absl::Status status) {
  if (status.ok()) return status;
  return absl::DataLossError(absl::StrCat("engine state: ", status.message()));
}

}  // namespace

// Every time of an interaction within the engine's times; the moments it
// records (arrival, entering the queue, being connected) not after the
// state's clock; and the timers its fields stand for due within
// [now, now + kMaxTimerAhead] (no timer would run time backwards, no
// arithmetic on them overflows).
absl::Status CheckInteractionTimes(const EngineState::Interaction& x, Time now,
                                   absl::string_view where) {
  const std::pair<const char*, Time> times[] = {{"entered_system", x.entered_system},
                                                {"entered_queue", x.entered_queue},
                                                {"connected_at", x.connected_at},
                                                {"alert_due", x.alert_due},
                                                {"wrap_up_due", x.wrap_up_due},
                                                {"tier_due", x.tier_due},
                                                {"excluded_until", x.excluded_until},
                                                {"preferred_until", x.preferred_until},
                                                {"due", x.due},
                                                {"snooze_due", x.snooze_due},
                                                {"overflow_due", x.overflow_due}};
  for (const auto& [name, t] : times) {
    ACD_RETURN_IF_ERROR(Lost(CheckTime(t, absl::StrCat(where, ".", name), true)));
  }
  const auto field = [&where](absl::string_view name) { return absl::StrCat(where, ".", name); };
  ACD_RETURN_IF_ERROR(Lost(CheckPast(x.entered_system, now, field("entered_system"))));
  ACD_RETURN_IF_ERROR(Lost(CheckPast(x.entered_queue, now, field("entered_queue"))));
  if (x.state == InteractionState::kConnected || x.state == InteractionState::kHeld ||
      x.state == InteractionState::kWrapUp) {
    ACD_RETURN_IF_ERROR(Lost(CheckPast(x.connected_at, now, field("connected_at"))));
  }
  const auto due = [&](Time t, const char* name, bool infinite_ok = true) {
    return Lost(CheckDue(t, now, field(name), infinite_ok));
  };
  switch (x.state) {
    case InteractionState::kAlerting:
      ACD_RETURN_IF_ERROR(due(x.alert_due, "alert_due"));
      break;
    case InteractionState::kWrapUp:
      ACD_RETURN_IF_ERROR(due(x.wrap_up_due, "wrap_up_due"));
      break;
    case InteractionState::kWaiting:
      ACD_RETURN_IF_ERROR(due(x.tier_due, "tier_due"));
      ACD_RETURN_IF_ERROR(due(x.overflow_due, "overflow_due"));
      break;
    case InteractionState::kSnoozed:
      ACD_RETURN_IF_ERROR(due(x.snooze_due, "snooze_due", /*infinite_ok=*/false));
      break;
    default:
      break;
  }
  if (x.excluded.valid()) ACD_RETURN_IF_ERROR(due(x.excluded_until, "excluded_until"));
  if (x.preference_open) ACD_RETURN_IF_ERROR(due(x.preferred_until, "preferred_until"));
  if (x.attempts < 0 || x.attempts > kMaxCount32) return Bad(where, "attempts out of range");
  return absl::OkStatus();
}

// A waiting interaction's static tier and next tier boundary are the ones
// its queue time gives (StaticTier, transitions.cc): `static_tier`
// boundaries passed by the clock, the next one pending at `tier_due` (none
// after the last tier). Tier durations are positive: the boundaries ascend.
// Times and the tier index are checked already, so nothing overflows.
absl::Status CheckTierPosition(const EngineState::Interaction& x,
                               const std::vector<TierConfig>& tiers, Time now,
                               const std::string& where) {
  const size_t passed = static_cast<size_t>(x.static_tier);
  Time boundary = x.entered_queue;
  for (size_t k = 0; k < passed; ++k) boundary += tiers[k].duration;
  if (boundary > now) {
    return Bad(where + ".static_tier",
               absl::StrCat(passed, " boundaries passed, but the last is at ",
                            boundary.microseconds(), " us, after the state's clock"));
  }
  const Time next = passed < tiers.size() ? boundary + tiers[passed].duration : Time::Infinite();
  if (x.tier_due != next) {
    return Bad(where + ".tier_due",
               absl::StrCat(x.tier_due.microseconds(), " us is not the next boundary, ",
                            next.microseconds(), " us, of its queue time and tiers"));
  }
  return absl::OkStatus();
}

// A workgroup's statistics: the interval `current` counts one that has
// begun by the state's clock (at any interval length of at least 1 us);
// counts and sums of waits non-negative and at most 2^62; the samples of
// its windows taken by the clock, in time order, each a non-negative
// duration, their sum at most 2^62, so that the window's arithmetic cannot
// overflow.
absl::Status CheckWorkgroupStats(const EngineState::Workgroup& w, Time now,
                                 const std::string& where) {
  if (w.stats_interval < kMinTime.microseconds() ||
      w.stats_interval > std::max<int64_t>(0, now.microseconds())) {
    return Bad(where + ".stats_interval",
               absl::StrCat(w.stats_interval, " is not an interval begun by the clock"));
  }
  for (const auto& [name, p] : {std::pair{"current", &w.current}, std::pair{"total", &w.total}}) {
    bool ok = p->answer_wait >= Duration::Zero() && p->answer_wait.microseconds() <= kMaxSum;
    for (int64_t n : {p->entered, p->answered, p->abandoned}) ok = ok && n >= 0 && n <= kMaxSum;
    for (const auto* within : {&p->answered_within, &p->abandoned_within}) {
      for (int64_t n : *within) ok = ok && n >= 0 && n <= kMaxSum;
    }
    if (!ok) return Bad(absl::StrCat(where, ".", name), "a count or sum out of range");
  }
  if (w.handled < 0 || w.handled > kMaxSum || w.handle_total < Duration::Zero() ||
      w.handle_total.microseconds() > kMaxSum) {
    return Bad(where, "handled or handle_total out of range");
  }
  for (const auto& [name, samples] :
       {std::pair{"answer_waits", &w.answer_waits}, std::pair{"handle_times", &w.handle_times}}) {
    int64_t sum = 0;
    for (size_t i = 0; i < samples->size(); ++i) {
      const auto& [at, value] = (*samples)[i];
      const std::string sample = absl::StrCat(where, ".", name, "[", i, "]");
      ACD_RETURN_IF_ERROR(Lost(CheckPast(at, now, sample + ".at")));
      if (i > 0 && at < (*samples)[i - 1].first) return Bad(sample, "samples out of time order");
      if (value < Duration::Zero() || value.microseconds() > kMaxSum - sum) {
        return Bad(sample + ".value", absl::StrCat(value.microseconds(),
                                                   " us is negative or takes the sum past 2^62"));
      }
      sum += value.microseconds();
    }
  }
  return absl::OkStatus();
}

// Every counter non-negative, and per workgroup the conservation law of
// docs/design.md 3.10: entered = live + completed + abandoned + failed +
// transferred out. Agents' times within the engine's, a pending no-answer
// delay not already over.
absl::Status CheckRestoredCounters(const EngineState& state) {
  std::vector<int64_t> live(state.workgroups.size(), 0);
  for (const EngineState::Interaction& x : state.interactions) ++live[x.workgroup.value()];
  for (size_t w = 0; w < state.workgroups.size(); ++w) {
    const WorkgroupCounters& c = state.workgroups[w].counters;
    const std::string where = absl::StrCat("workgroups[", w, "].counters");
    for (int64_t n : {c.entered, c.answered, c.abandoned, c.completed, c.failed, c.transferred_out,
                      c.completed_on_time, c.completed_late}) {
      if (n < 0 || n > (int64_t{1} << 62)) return Bad(where, "a counter out of range");
    }
    if (c.entered != live[w] + c.completed + c.abandoned + c.failed + c.transferred_out) {
      return Bad(where, absl::StrCat("entered ", c.entered, " is not live ", live[w],
                                     " + completed + abandoned + failed + transferred out"));
    }
  }
  for (size_t a = 0; a < state.agents.size(); ++a) {
    const EngineState::Agent& agent = state.agents[a];
    const std::string where = absl::StrCat("agents[", a, "]");
    ACD_RETURN_IF_ERROR(Lost(CheckTime(agent.available_since, where + ".available_since", true)));
    ACD_RETURN_IF_ERROR(Lost(CheckTime(agent.blocked_until, where + ".blocked_until", true)));
    if (agent.logged_in) {
      ACD_RETURN_IF_ERROR(
          Lost(CheckPast(agent.available_since, state.now, where + ".available_since")));
    }
    if (agent.delay_pending) {
      ACD_RETURN_IF_ERROR(
          Lost(CheckDue(agent.blocked_until, state.now, where + ".blocked_until", false)));
    }
    if (agent.misses < 0 || agent.misses > kMaxCount32 || agent.answered < 0 ||
        agent.answered > kMaxSum || agent.talk_time < Duration::Zero() ||
        agent.talk_time.microseconds() > kMaxSum) {
      return Bad(where, "a counter out of range");
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::internal
