// sim/json_reader.h: a small, strict JSON reader for the documents acdsim
// writes (reports, comparisons, staffing plans), so that other tools can
// read them back (the HTML report renders from them).
//
// Strict means RFC 8259 and nothing more: no comments, no trailing commas,
// no NaN or Infinity, no leading zeros, no duplicate keys in an object, no
// bytes after the document, at most 64 nested arrays and objects. Numbers
// are read as doubles (the shortest text JsonNumber writes reads back
// exactly). Objects keep their keys in document order, so anything made
// from a document is as deterministic as the document.
//
// Example:
//
//   ACD_ASSIGN_OR_RETURN(acd::sim::ParsedJson doc, acd::sim::ReadJson(text, "run.json"));
//   const acd::sim::ParsedJson* seed = doc.Find("seed");
//   if (seed != nullptr && seed->is_number()) ... seed->number() ...
//
// Thread safety: a ParsedJson is immutable once parsed; any thread may read.

#ifndef ACD_SIM_JSON_READER_H_
#define ACD_SIM_JSON_READER_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace acd::sim {

class ParsedJson {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  // The value; meaningful only for the matching type (false, 0, "" or empty
  // otherwise).
  bool boolean() const { return boolean_; }
  double number() const { return number_; }
  const std::string& string() const { return string_; }
  const std::vector<ParsedJson>& array() const { return array_; }
  // Members in document order.
  const std::vector<std::pair<std::string, ParsedJson>>& object() const { return object_; }

  // The member named `key` of an object, or nullptr (also for non-objects).
  const ParsedJson* Find(absl::string_view key) const;

  // Byte offset of the value's first character in the parsed text, for
  // errors about the document's content.
  size_t offset() const { return offset_; }

  // "null", "a boolean", "a number", "a string", "an array", "an object".
  static const char* TypeName(Type type);

 private:
  friend class JsonReader;

  Type type_ = Type::kNull;
  bool boolean_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<ParsedJson> array_;
  std::vector<std::pair<std::string, ParsedJson>> object_;
  size_t offset_ = 0;
};

// Parses `text`. On malformed input, InvalidArgument
// "<source>: byte <offset>: <what was wrong>" (offset counted from 0).
absl::StatusOr<ParsedJson> ReadJson(absl::string_view text, absl::string_view source);

}  // namespace acd::sim

#endif  // ACD_SIM_JSON_READER_H_
