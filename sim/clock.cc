#include "sim/clock.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "fmt/format.h"

namespace acd::sim {
namespace {

absl::Status Bad(absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("\"", text,
                   "\" is not a clock time (\"08:00\", \"08:00:30\") or seconds after midnight "
                   "in [0, 86400)"));
}

}  // namespace

absl::StatusOr<double> ParseClock(absl::string_view text) {
  if (text.find(':') == absl::string_view::npos) {
    double seconds = 0;
    if (!absl::SimpleAtod(text, &seconds) || !std::isfinite(seconds) || seconds < 0 ||
        seconds >= 86400) {
      return Bad(text);
    }
    return seconds;
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(text, ':');
  if (parts.size() > 3) return Bad(text);
  int values[3] = {0, 0, 0};
  for (size_t i = 0; i < parts.size(); ++i) {
    const absl::string_view part = parts[i];
    const bool digits = !part.empty() && part.size() <= 2 &&
                        part.find_first_not_of("0123456789") == absl::string_view::npos;
    if (!digits || (i > 0 && part.size() != 2) || !absl::SimpleAtoi(part, &values[i])) {
      return Bad(text);
    }
  }
  if (values[0] > 23 || values[1] > 59 || values[2] > 59) return Bad(text);
  return 3600.0 * values[0] + 60.0 * values[1] + values[2];
}

std::string FormatClock(double seconds) {
  const int64_t whole = static_cast<int64_t>(std::floor(seconds)) % 86400;
  const int64_t h = whole / 3600, m = whole / 60 % 60, s = whole % 60;
  if (s != 0) return fmt::format("{:02}:{:02}:{:02}", h, m, s);
  return fmt::format("{:02}:{:02}", h, m);
}

}  // namespace acd::sim
