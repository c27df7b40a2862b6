// sim/json.h: the two JSON value writers the reports need.

#ifndef ACD_SIM_JSON_H_
#define ACD_SIM_JSON_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/common/json_text.h"

namespace acd::sim {

// JsonQuote and JsonNumber: lib/common/json_text.h.
using ::acd::JsonNumber;
using ::acd::JsonQuote;

// A JSON array of string literals, on one line: ["a", "b"], or [].
std::string JsonStrings(const std::vector<std::string>& strings);

}  // namespace acd::sim

#endif  // ACD_SIM_JSON_H_
