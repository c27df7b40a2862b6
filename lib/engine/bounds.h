// The ranges every value entering the engine must lie in (docs/design.md 6).
//
// One place for the checks that every boundary shares: Engine::Create and
// UpdateAgent/UpdateWorkgroup (through Center::Build), every command in
// Apply, Restore, and the decoders of the journal, the state codec and the
// configuration loader (which call the same functions, or the engine). Each
// returns InvalidArgument starting with `where`; none allocates on success.

#ifndef ACD_LIB_ENGINE_BOUNDS_H_
#define ACD_LIB_ENGINE_BOUNDS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/media.h"
#include "acd/time.h"

namespace acd::internal {

// An id `value` below `count` (ids are unsigned: no value wraps negative).
inline bool IdBelow(uint32_t value, int count) {
  return count > 0 && value < static_cast<uint32_t>(count);
}

// A media value one of MediaType's enumerators.
absl::Status CheckMedia(MediaType media, absl::string_view where);

// Duration within [min, kMaxDuration].
absl::Status CheckDuration(Duration d, Duration min, absl::string_view where);

// Time within [kMinTime, kMaxTime], or Time::Infinite() when `infinite_ok`.
absl::Status CheckTime(Time t, absl::string_view where, bool infinite_ok = false);

// A restored state's times against its clock (Engine::Restore). Every
// timer the engine sets is due at most one duration of kMaxDuration after
// the moment it is set, which is no later than the clock (a tier boundary
// is one tier's duration after the previous boundary, itself passed, or
// after entering the queue): so a pending timer is due within
// [now, now + kMaxTimerAhead].
inline constexpr Duration kMaxTimerAhead = kMaxDuration;

// A moment that has happened: within [kMinTime, now].
absl::Status CheckPast(Time t, Time now, absl::string_view where);

// A pending timer: within [now, now + kMaxTimerAhead], or Time::Infinite()
// (not set) when `infinite_ok`.
absl::Status CheckDue(Time due, Time now, absl::string_view where, bool infinite_ok);

// A name that is valid UTF-8 (shortest forms, no surrogates, at most
// U+10FFFF), so that snapshots and configuration written back as protobuf
// parse again.
absl::Status CheckUtf8(absl::string_view name, absl::string_view where);

// The enums of a workgroup's configuration.
absl::Status CheckWorkgroupEnums(const WorkgroupConfig& wg, absl::string_view where);

absl::Status CheckCallbackOutcome(CallbackOutcome outcome, absl::string_view where);

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_BOUNDS_H_
