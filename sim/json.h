// sim/json.h: the two JSON value writers the reports need.

#ifndef ACD_SIM_JSON_H_
#define ACD_SIM_JSON_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace acd::sim {

// A JSON string literal for `s` (quotes, backslashes and control characters
// escaped).
std::string JsonQuote(absl::string_view s);

// A JSON array of string literals, on one line: ["a", "b"], or [].
std::string JsonStrings(const std::vector<std::string>& strings);

// The shortest text that reads back as `x`; null for NaN and infinities.
std::string JsonNumber(double x);

}  // namespace acd::sim

#endif  // ACD_SIM_JSON_H_
