// acd/format.h: fmt support for Abseil and acd value types.
//
// On Debian 12 `absl::string_view` is Abseil's own type, not
// `std::string_view`, and fmt 9 cannot print it or `absl::Status` unaided.
// Including this header makes both printable, together with acd's time and
// id types:
//
//   fmt::print("{}: {}\n", absl::string_view("agent"), absl::NotFoundError("x"));
//   fmt::print("{} after {}\n", acd::AgentId(4), acd::Seconds(2));   // "4 after 2s"
//
// Durations and times print as seconds with up to six decimals ("2s",
// "1.5s"); ids print as their number.

#ifndef ACD_FORMAT_H_
#define ACD_FORMAT_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "acd/ids.h"
#include "acd/time.h"
#include "fmt/format.h"

template <>
struct fmt::formatter<absl::string_view> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(absl::string_view s, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(std::string_view(s.data(), s.size()), ctx);
  }
};

template <>
struct fmt::formatter<absl::Status> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const absl::Status& status, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(status.ToString(), ctx);
  }
};

template <typename Tag, typename Rep>
struct fmt::formatter<acd::Id<Tag, Rep>> : fmt::formatter<Rep> {
  template <typename FormatContext>
  auto format(acd::Id<Tag, Rep> id, FormatContext& ctx) const {
    return fmt::formatter<Rep>::format(id.value(), ctx);
  }
};

template <>
struct fmt::formatter<acd::Duration> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(acd::Duration d, FormatContext& ctx) const {
    return fmt::format_to(ctx.out(), "{}s", acd::ToSeconds(d));
  }
};

template <>
struct fmt::formatter<acd::Time> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(acd::Time t, FormatContext& ctx) const {
    return fmt::format_to(ctx.out(), "{}s", acd::ToSeconds(t));
  }
};

#endif  // ACD_FORMAT_H_
