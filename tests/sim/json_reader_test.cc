#include "sim/json_reader.h"

#include <string>

#include "doctest/doctest.h"
#include "sim/json.h"

namespace acd::sim {
namespace {

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<ParsedJson> value = ReadJson(text, "doc.json");
  REQUIRE_FALSE(value.ok());
  CHECK(value.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(value.status().message());
}

TEST_CASE("a document reads back with its keys in order and its values typed") {
  absl::StatusOr<ParsedJson> doc = ReadJson(
      R"( {"z": 1.5e3, "a": [true, false, null, -0.25], "s": "tab\t\u00e9\ud83d\ude00\/"} )",
      "doc.json");
  REQUIRE(doc.ok());
  REQUIRE(doc->object().size() == 3);
  CHECK(doc->object()[0].first == "z");
  CHECK(doc->object()[1].first == "a");
  CHECK(doc->Find("z")->number() == 1500);
  const ParsedJson& a = *doc->Find("a");
  REQUIRE(a.array().size() == 4);
  CHECK((a.array()[0].is_bool() && a.array()[0].boolean()));
  CHECK((a.array()[1].is_bool() && !a.array()[1].boolean()));
  CHECK(a.array()[2].is_null());
  CHECK(a.array()[3].number() == -0.25);
  CHECK(doc->Find("s")->string() == "tab\t\xC3\xA9\xF0\x9F\x98\x80/");
  CHECK(doc->Find("missing") == nullptr);
  CHECK(doc->Find("a")->offset() == 19);
}

TEST_CASE("numbers written by JsonNumber read back exactly") {
  for (double x : {0.0, 1.0, -3.5, 0.1, 1.0 / 3, 19.781950761290858, 1e-300, 123456789012345.0}) {
    absl::StatusOr<ParsedJson> value = ReadJson(JsonNumber(x), "n");
    REQUIRE(value.ok());
    CHECK(value->number() == x);
  }
}

TEST_CASE("malformed JSON is an error naming the source and the byte offset") {
  CHECK(ErrorOf(R"({"a": 1,})") == "doc.json: byte 8: expected a key (a string) in an object");
  CHECK(ErrorOf("[1, 2,]") == "doc.json: byte 6: unexpected character ']', expected a value");
  CHECK(ErrorOf(R"({"a": 01})") == "doc.json: byte 7: a number has a leading zero");
  CHECK(ErrorOf(R"({"a": 1, "a": 2})") == "doc.json: byte 9: duplicate key \"a\"");
  CHECK(ErrorOf(R"({"a": "x)") == "doc.json: byte 8: unterminated string");
  CHECK(ErrorOf("{} {}") == "doc.json: byte 3: unexpected text after the document");
  CHECK(ErrorOf("NaN") == "doc.json: byte 0: unexpected character 'N', expected a value");
  CHECK(ErrorOf("1e999") == "doc.json: byte 0: number out of range");
  CHECK(ErrorOf("\"a\nb\"") == "doc.json: byte 2: control character in a string (escape it)");
  CHECK(ErrorOf(R"("\x")") == "doc.json: byte 2: unknown escape in a string");
  CHECK(ErrorOf(R"("\ud800")") == "doc.json: byte 1: unpaired high surrogate");
  CHECK(ErrorOf("\"a\xFF"
                "b\"") == "doc.json: byte 2: invalid UTF-8 in a string");
  CHECK(ErrorOf("\"\xC0\xAF\"") == "doc.json: byte 1: invalid UTF-8 in a string");      // overlong
  CHECK(ErrorOf("\"\xED\xA0\x80\"") == "doc.json: byte 1: invalid UTF-8 in a string");  // surrogate
  CHECK(ErrorOf("\"\xE2\x82\"") == "doc.json: byte 1: invalid UTF-8 in a string");      // cut short
  CHECK(ReadJson("\"\xE2\x82\xAC \xF0\x9F\x98\x80\"", "utf8")->string() ==
        "\xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(ErrorOf("") == "doc.json: byte 0: unexpected end of the text, expected a value");
  CHECK(ErrorOf("[1 2]") == "doc.json: byte 3: expected ',' or ']' in an array");
  CHECK(ErrorOf("-") == "doc.json: byte 1: expected a digit in a number");
  CHECK(ErrorOf("1.") == "doc.json: byte 2: expected a digit after the decimal point");
  CHECK(ErrorOf(std::string(65, '[') + std::string(65, ']')) ==
        "doc.json: byte 64: arrays and objects nested more than 64 deep");
  CHECK(ReadJson(std::string(64, '[') + std::string(64, ']'), "deep").ok());
}

}  // namespace
}  // namespace acd::sim
