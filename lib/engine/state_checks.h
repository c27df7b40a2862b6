// The checks of Engine::Restore (snapshot.cc) that each part of a state is
// in range and agrees with the state's clock: times (lib/engine/bounds.h),
// tier positions, statistics and counters. Each answers DataLoss naming the
// object and the field; shape and cross-references are checked first, in
// Restore itself, so that every index these read is in range.

#ifndef ACD_LIB_ENGINE_STATE_CHECKS_H_
#define ACD_LIB_ENGINE_STATE_CHECKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "acd/config.h"
#include "acd/engine_state.h"
#include "acd/time.h"

namespace acd::internal {

// DataLoss "engine state: <where>: <what>".
absl::Status StateError(absl::string_view where, absl::string_view what);

// Every time of an interaction within the engine's times; then each field
// by its kind and while live (acd/interaction_fields.h): the moments it
// records not after `now`, the timers its fields stand for due within
// [now, now + kMaxTimerAhead], its counts (callback attempts) in range.
absl::Status CheckInteractionTimes(const EngineState::Interaction& x, Time now,
                                   absl::string_view where);

// How many of the tier boundaries that `tiers` put after `entered_queue`
// come before `next`: the static tier of a waiting interaction whose next
// boundary is `next` (all of them when it is Infinite).
uint32_t BoundariesBefore(Time entered_queue, const std::vector<TierConfig>& tiers, Time next);

// A waiting interaction's tier_due is a boundary its queue time and `tiers`
// give (none after the last), and the boundaries before it are passed at
// `now`: its static tier, BoundariesBefore, is the one the engine had.
absl::Status CheckTierPosition(const EngineState::Interaction& x,
                               const std::vector<TierConfig>& tiers, Time now,
                               const std::string& where);

// A workgroup's statistics interval, counts, sums and window samples.
absl::Status CheckWorkgroupStats(const EngineState::Workgroup& w, Time now,
                                 const std::string& where);

// Counters conserved per workgroup (docs/design.md 3.10), agents' times and
// counters in range.
absl::Status CheckRestoredCounters(const EngineState& state);

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_STATE_CHECKS_H_
