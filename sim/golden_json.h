// sim/golden_json.h: a small strict JSON reader, for golden result files.
//
// `acdsim check` (sim/golden.h) reads back the JSON report that `acdsim run
// --json` writes (sim/report.h) to compare it value by value. This reader
// takes exactly RFC 8259 JSON: one value, objects, arrays, strings (with
// every escape, \u surrogate pairs included), numbers, true, false, null,
// and whitespace; nothing else (no comments, no trailing commas, no NaN).
// Objects keep their members in the order written, and a key given twice
// is an error, so a value has one path. Depth is limited (kMaxJsonDepth) so
// that hostile input cannot exhaust the stack.
//
// Example:
//
//   absl::StatusOr<acd::sim::JsonValue> golden =
//       acd::sim::ParseJson(text, "tests/golden/default.json");
//   // error: "tests/golden/default.json: offset 1234 (line 40, column 7): expected ',' or '}'"
//   const acd::sim::JsonValue* seed = golden->Find("seed");
//
// Note: written for the golden check alone, and kept minimal; another JSON
// reader may exist elsewhere in sim/ (the HTML report), and the two can be
// unified.
//
// Thread safety: none needed; values are plain data.

#ifndef ACD_SIM_GOLDEN_JSON_H_
#define ACD_SIM_GOLDEN_JSON_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace acd::sim {

// Deeper nesting is refused (the reports nest five levels).
inline constexpr int kMaxJsonDepth = 64;

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  // The string's value, unescaped; for a number, its text as written.
  std::string text;
  std::vector<JsonValue> items;
  // In the order written; keys are unique.
  std::vector<std::pair<std::string, JsonValue>> members;

  // The member `key` of an object, or nullptr (also for a non-object).
  const JsonValue* Find(absl::string_view key) const;
  bool is_object() const { return kind == Kind::kObject; }
};

// The value `text` holds. InvalidArgument "<name>: offset N (line L, column
// C): <what was expected>" for text that is not exactly one JSON value.
absl::StatusOr<JsonValue> ParseJson(absl::string_view text, absl::string_view name);

// The value as compact JSON text, for messages: numbers as written, strings
// quoted; arrays and objects abbreviated ("[3 items]", "{5 keys}").
std::string JsonSummary(const JsonValue& value);

}  // namespace acd::sim

#endif  // ACD_SIM_GOLDEN_JSON_H_
