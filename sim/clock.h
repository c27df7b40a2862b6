// sim/clock.h: clock times of day for reports.
//
// A scenario may say when its horizon starts on the clock (`day_start`,
// scenario.proto): "08:00", "08:00:30" or a number of seconds after
// midnight ("28800"). Reports then show, next to each interval's start in
// seconds, its clock time "HH:MM" (with ":SS" when not a whole minute),
// wrapping past midnight ("23:30", "00:00", ...).
//
// Example:
//
//   absl::StatusOr<double> start = acd::sim::ParseClock("08:00");  // 28800
//   std::string clock = acd::sim::FormatClock(28800 + 1800);      // "08:30"
//
// Thread safety: plain functions.

#ifndef ACD_SIM_CLOCK_H_
#define ACD_SIM_CLOCK_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace acd::sim {

// Seconds after midnight, in [0, 86400). InvalidArgument naming the text
// when it is neither "H:MM", "HH:MM", "HH:MM:SS" (hours 0..23, minutes and
// seconds 0..59) nor a number of seconds in [0, 86400).
absl::StatusOr<double> ParseClock(absl::string_view text);

// The clock time `seconds` after midnight (any value >= 0; whole days wrap):
// "HH:MM", or "HH:MM:SS" when the seconds are not zero. Fractions of a
// second are dropped.
std::string FormatClock(double seconds);

}  // namespace acd::sim

#endif  // ACD_SIM_CLOCK_H_
