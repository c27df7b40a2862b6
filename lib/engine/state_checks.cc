// The checks of Engine::Restore that each part of a state is in range and
// agrees with the state's clock (lib/engine/state_checks.h).

#include "lib/engine/state_checks.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/interaction_fields.h"
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

namespace {

// Whether a field whose meaning is `live` means something in `x`; `t` is
// the field's value, for FieldLive::kSet.
bool Live(FieldLive live, const EngineState::Interaction& x, Time t) {
  switch (live) {
    case FieldLive::kAlways:
      return true;
    case FieldLive::kAlerting:
      return x.state == InteractionState::kAlerting;
    case FieldLive::kConnected:
      return x.state == InteractionState::kConnected || x.state == InteractionState::kHeld ||
             x.state == InteractionState::kWrapUp;
    case FieldLive::kWrapUp:
      return x.state == InteractionState::kWrapUp;
    case FieldLive::kWaiting:
      return x.state == InteractionState::kWaiting;
    case FieldLive::kSnoozed:
      return x.state == InteractionState::kSnoozed;
    case FieldLive::kExcluded:
      return x.excluded.valid();
    case FieldLive::kPreferenceOpen:
      return x.preference_open;
    case FieldLive::kSet:
      return t != Time::Infinite();
  }
  return true;
}

// A time field within the engine's times (Infinite allowed).
template <FieldKind K, typename T>
absl::Status CheckRange(const T& value, const std::string& name) {
  if constexpr (IsTimeKind(K)) return Lost(CheckTime(value, name, true));
  return absl::OkStatus();
}

// A field against the state's clock while live (by its kind: a moment not
// after `now`, a timer due within [now, now + kMaxTimerAhead]), and a
// count within its range.
template <FieldKind K, FieldLive L, typename T>
absl::Status CheckAgainstClock(const T& value, const EngineState::Interaction& x, Time now,
                               const std::string& name) {
  if constexpr (K == FieldKind::kCount) {
    if (value < 0 || value > kMaxCount32) return Bad(name, "out of range");
  } else if constexpr (IsTimeKind(K)) {
    if (!Live(L, x, value)) return absl::OkStatus();
    if constexpr (K == FieldKind::kMoment) return Lost(CheckPast(value, now, name));
    if constexpr (K == FieldKind::kTimer || K == FieldKind::kDeadline) {
      return Lost(CheckDue(value, now, name, /*infinite_ok=*/K == FieldKind::kTimer));
    }
  }
  return absl::OkStatus();
}

}  // namespace

// Every time of an interaction within the engine's times, then each field
// by its kind while live (acd/interaction_fields.h).
absl::Status CheckInteractionTimes(const EngineState::Interaction& x, Time now,
                                   absl::string_view where) {
  const std::string prefix = absl::StrCat(where, ".");
#define ACD_CHECK_RANGE(kind, type, name, default_value, live, view) \
  ACD_RETURN_IF_ERROR(CheckRange<FieldKind::kind>(x.name, prefix + #name));
  ACD_INTERACTION_FIELDS(ACD_CHECK_RANGE)
#undef ACD_CHECK_RANGE
#define ACD_CHECK_CLOCK(kind, type, name, default_value, live, view) \
  ACD_RETURN_IF_ERROR(                                               \
      (CheckAgainstClock<FieldKind::kind, FieldLive::live>(x.name, x, now, prefix + #name)));
  ACD_INTERACTION_FIELDS(ACD_CHECK_CLOCK)
#undef ACD_CHECK_CLOCK
  return absl::OkStatus();
}

uint32_t BoundariesBefore(Time entered_queue, const std::vector<TierConfig>& tiers, Time next) {
  uint32_t passed = 0;
  Time boundary = entered_queue;
  for (const TierConfig& tier : tiers) {
    boundary += tier.duration;
    if (boundary >= next) break;
    ++passed;
  }
  return passed;
}

// A waiting interaction's next tier boundary, `tier_due`, is one its queue
// time gives (StaticTier, transitions.cc): the boundary after those passed
// by the clock, none after the last tier. Its static tier is the number of
// boundaries before it. Tier durations are positive: the boundaries ascend.
// Times are checked already, so nothing overflows.
absl::Status CheckTierPosition(const EngineState::Interaction& x,
                               const std::vector<TierConfig>& tiers, Time now,
                               const std::string& where) {
  const size_t passed = BoundariesBefore(x.entered_queue, tiers, x.tier_due);
  Time boundary = x.entered_queue;
  for (size_t k = 0; k < passed; ++k) boundary += tiers[k].duration;
  if (passed == tiers.size() && x.tier_due != Time::Infinite()) {
    return Bad(where + ".tier_due",
               absl::StrCat(x.tier_due.microseconds(),
                            " us is not the next boundary of its queue time and tiers: there is "
                            "no tier boundary after the last tier"));
  }
  const Time next = passed < tiers.size() ? boundary + tiers[passed].duration : Time::Infinite();
  if (x.tier_due != next) {
    return Bad(where + ".tier_due",
               absl::StrCat(x.tier_due.microseconds(), " us is not the next boundary, ",
                            next.microseconds(), " us, of its queue time and tiers"));
  }
  if (boundary > now) {
    return Bad(where + ".tier_due",
               absl::StrCat(x.tier_due.microseconds(), " us follows ", passed,
                            " boundaries passed, but the last is at ", boundary.microseconds(),
                            " us, after the state's clock"));
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
