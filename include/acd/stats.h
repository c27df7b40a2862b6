// acd/stats.h: what the engine can tell about waiting interactions and
// workgroups (docs/design.md 3.9), besides its decisions.
//
// `Engine::GetWaitReason` says why an interaction is still waiting,
// `Engine::GetPosition` where it stands in its workgroup (-1 once it is out
// of the queue), and the estimators how long it will still wait
// (PureConnect's, floored and signed, and a staffing-aware one). `Engine::GetWorkgroupStats` gives a workgroup's
// live statistics: its queue, its agents and its counters for the current
// interval and since the engine started, with the service level for each of
// the workgroup's thresholds. All are read-only queries, cheap enough to call
// between any two commands; none changes what the engine decides.
//
// Example:
//
//   absl::StatusOr<acd::WaitReason> why = engine->GetWaitReason(acd::InteractionId(7));
//   if (why.ok() && why->code == acd::WaitReasonCode::kWaitingForTier) {
//     fmt::print("waiting for tier {} until {}\n", why->tier, why->until);
//   }
//   acd::WorkgroupStats s = *engine->GetWorkgroupStats(support);
//   double sl = s.service_level[0];  // answered within the first threshold
//
// Thread safety: none; the engine's owner calls these like any other method.

#ifndef ACD_STATS_H_
#define ACD_STATS_H_

#include <array>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "acd/ids.h"
#include "acd/time.h"

namespace acd {

// A workgroup lists at most this many service-level thresholds.
inline constexpr int kMaxServiceLevelThresholds = 12;

// Why a waiting interaction has no agent. Engine::GetWaitReason returns the
// first that applies, in the order listed (kSnoozed aside).
enum class WaitReasonCode : uint8_t {
  // An eligible agent with capacity exists. Never returned after a command
  // returns (the engine is work-conserving); listed for completeness.
  kNone,
  // A callback request set aside by Retry Later: it waits again at
  // `until` (the only reason given for a snoozed interaction).
  kSnoozed,
  // Its preferred-agent window is open: only `agent` may take it before
  // `until`.
  kReservedForPreferredAgent,
  // No logged-in member of its workgroup (activated or not) meets its skill
  // requirements (past its last tier with AfterLastTier::kAnyMember: no
  // logged-in member at all).
  kNoSkilledAgentLoggedIn,
  // Some do, but none of them is activated in the workgroup.
  kNoAgentActivated,
  // None of those is available: each has a status that is not
  // acd_available, or serves a no-answer delay.
  kNoAvailableAgent,
  // Some are available, but none has room for its media (used percent plus
  // the media's percent above 100, or the media's max assign reached).
  kNoAvailableAgentForMedia,
  // Some have room, but none is inside its current tier `tier` (1-based);
  // the tier widens at `until` (Time::Infinite() past the last boundary).
  kWaitingForTier,
  // The only ones with room inside its tier are `agent`, which it excludes
  // after a no-answer or reject, until `until`.
  kExcluded,
};

absl::string_view WaitReasonName(WaitReasonCode code);

struct WaitReason {
  WaitReasonCode code = WaitReasonCode::kNone;
  // kWaitingForTier: the current tier, 1-based. Otherwise 0.
  int tier = 0;
  // kReservedForPreferredAgent, kWaitingForTier, kExcluded, kSnoozed: when
  // that ends. Otherwise Time::Infinite().
  Time until = Time::Infinite();
  // kReservedForPreferredAgent: the preferred agent; kExcluded: the excluded
  // one. Otherwise invalid.
  AgentId agent;
};

// Counts over one period. An interaction counts as entered when it arrives,
// answered when an agent connects to it (its wait is from entering the
// queue to that moment) and abandoned when the customer leaves while it
// waits or alerts; each in the period of that moment.
struct PeriodCounts {
  int64_t entered = 0;
  int64_t answered = 0;
  int64_t abandoned = 0;
  // [i]: answered, or abandoned, with a wait of at most thresholds[i].
  std::array<int64_t, kMaxServiceLevelThresholds> answered_within{};
  std::array<int64_t, kMaxServiceLevelThresholds> abandoned_within{};
  // Sum of the waits of the answered ones (average speed of answer =
  // answer_wait / answered).
  Duration answer_wait;
};

// A workgroup's live statistics at `now`.
struct WorkgroupStats {
  Time now;
  // The current interval, [interval_start, interval_start + interval_length):
  // intervals are aligned to whole multiples of the workgroup's
  // stats_interval from time 0.
  Time interval_start;
  Duration interval_length;
  // Interactions waiting now, and the longest any of them has waited
  // (since entering the queue; zero with none).
  int64_t waiting = 0;
  Duration longest_wait;
  // Members of the workgroup (each counted once):
  int32_t agents_logged_in = 0;
  // ... logged in and activated in this workgroup;
  int32_t agents_activated = 0;
  // ... logged in, acd_available status, past any no-answer delay,
  // activated, with room for some interaction (the engine's ready set);
  int32_t agents_available = 0;
  // ... holding an alerting, connected or held interaction (of any
  // workgroup; logged in or not: a call outlives a log-out);
  int32_t agents_busy = 0;
  // ... in wrap-up and holding nothing else.
  int32_t agents_wrap_up = 0;
  PeriodCounts current;  // the current interval
  PeriodCounts total;    // since the engine was created
  // The workgroup's service-level thresholds; the first `threshold_count`
  // entries of the arrays below are meaningful.
  int threshold_count = 0;
  std::array<Duration, kMaxServiceLevelThresholds> thresholds{};
  // Current interval, [i]: answered_within[i] / answered; 1 when nothing
  // was answered.
  std::array<double, kMaxServiceLevelThresholds> service_level{};
  // Current interval, abandons counted as misses, [i]: answered_within[i] /
  // (answered + abandoned); 1 when both are 0.
  std::array<double, kMaxServiceLevelThresholds> service_level_with_abandons{};
};

}  // namespace acd

#endif  // ACD_STATS_H_
