// lib/common/json_text.h: the two JSON scalars every JSON writer of the
// project needs (the simulator's reports, the metrics export), written once.
//
// Example:
//
//   std::string line = acd::JsonQuote(name) + ": " + acd::JsonNumber(value);

#ifndef ACD_LIB_COMMON_JSON_TEXT_H_
#define ACD_LIB_COMMON_JSON_TEXT_H_

#include <cmath>
#include <string>

#include "absl/strings/string_view.h"
#include "fmt/format.h"

namespace acd {

// A JSON string literal for `s` (quotes, backslashes and control characters
// escaped).
inline std::string JsonQuote(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// The shortest text that reads back as `x`; null for NaN and infinities.
inline std::string JsonNumber(double x) {
  return std::isfinite(x) ? fmt::format("{}", x) : "null";
}

}  // namespace acd

#endif  // ACD_LIB_COMMON_JSON_TEXT_H_
