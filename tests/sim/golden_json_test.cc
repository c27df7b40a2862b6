#include "sim/golden_json.h"

#include <string>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<JsonValue> value = ParseJson(text, "g.json");
  REQUIRE_FALSE(value.ok());
  return std::string(value.status().message());
}

TEST_CASE("a report-shaped document reads back with its members in order") {
  absl::StatusOr<JsonValue> value = ParseJson(
      R"({"version": "0.1.0", "seed": 12345, "total": {"asa": {"mean": 1.5e-3, "ci95": null}},
          "list": [true, false, -0.25], "empty": {}, "none": []})",
      "g.json");
  REQUIRE(value.ok());
  REQUIRE(value->members.size() == 6);
  CHECK(value->members[0].first == "version");
  CHECK(value->Find("version")->text == "0.1.0");
  CHECK(value->Find("seed")->number == 12345);
  const JsonValue* asa = value->Find("total")->Find("asa");
  REQUIRE(asa != nullptr);
  CHECK(asa->Find("mean")->number == 1.5e-3);
  CHECK(asa->Find("mean")->text == "1.5e-3");
  CHECK(asa->Find("ci95")->kind == JsonValue::Kind::kNull);
  CHECK(value->Find("list")->items.size() == 3);
  CHECK(value->Find("list")->items[0].boolean);
  CHECK(value->Find("list")->items[2].number == -0.25);
  CHECK(value->Find("empty")->is_object());
  CHECK(value->Find("missing") == nullptr);
}

TEST_CASE("string escapes, surrogate pairs included, are decoded") {
  absl::StatusOr<JsonValue> value = ParseJson(R"("a\"b\\c\/\n\t\u00e9\ud83d\ude00")", "g.json");
  REQUIRE(value.ok());
  CHECK(value->text == "a\"b\\c/\n\t\xc3\xa9\xf0\x9f\x98\x80");
}

TEST_CASE("errors name the file, the offset, the line and the column") {
  CHECK(ErrorOf("{\n  \"a\": 1\n  \"b\": 2\n}") ==
        "g.json: offset 13 (line 3, column 3): expected ',' or '}'");
  CHECK(ErrorOf("") ==
        "g.json: offset 0 (line 1, column 1): unexpected end of the text, "
        "expected a value");
  CHECK(ErrorOf("{\"a\": 1,}") == "g.json: offset 8 (line 1, column 9): expected a string key");
  CHECK(ErrorOf("[1, 2") == "g.json: offset 5 (line 1, column 6): expected ',' or ']'");
  CHECK(ErrorOf("{\"a\": 1, \"a\": 2}") ==
        "g.json: offset 9 (line 1, column 10): key \"a\" appears twice in one object");
  CHECK(ErrorOf("{} x") ==
        "g.json: offset 3 (line 1, column 4): expected the end of the text after the value");
}

TEST_CASE("what is not strict JSON is refused") {
  for (const char* text :
       {"NaN", "[1,]", "01", "1.", ".5", "+1", "1e", "'a'", "\"\t\"", "\"\\x\"", "\"abc", "tru",
        "nul", "// c\n1", "\"\\ud800\"", "\"\\udc00\"", "1e999", "{\"a\" 1}"}) {
    INFO(text);
    CHECK_FALSE(ParseJson(text, "g.json").ok());
  }
}

TEST_CASE("nesting deeper than the limit is refused without exhausting the stack") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(ErrorOf(deep).find("nested deeper than 64") != std::string::npos);
  const std::string ok = std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']');
  CHECK(ParseJson(ok, "g.json").ok());
}

TEST_CASE("a summary shows scalars as written and abbreviates containers") {
  absl::StatusOr<JsonValue> value = ParseJson(R"([0.10, "x", null, [1], {"a": 1, "b": 2}])", "g");
  REQUIRE(value.ok());
  CHECK(JsonSummary(value->items[0]) == "0.10");
  CHECK(JsonSummary(value->items[1]) == "\"x\"");
  CHECK(JsonSummary(value->items[2]) == "null");
  CHECK(JsonSummary(value->items[3]) == "[1 item]");
  CHECK(JsonSummary(value->items[4]) == "{2 keys}");
}

}  // namespace
}  // namespace acd::sim
