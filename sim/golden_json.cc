#include "sim/golden_json.h"

#include <charconv>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/json.h"

namespace acd::sim {
namespace {

class Parser {
 public:
  Parser(absl::string_view text, absl::string_view name) : text_(text), name_(name) {}

  absl::StatusOr<JsonValue> Document() {
    JsonValue value;
    SkipSpace();
    ACD_RETURN_IF_ERROR(Value(value, 0));
    SkipSpace();
    if (at_ != text_.size()) return Error("expected the end of the text after the value");
    return value;
  }

 private:
  absl::Status Error(absl::string_view what) const {
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return absl::InvalidArgumentError(absl::StrCat(name_, ": offset ", at_, " (line ", line,
                                                   ", column ", at_ - line_start + 1, "): ", what));
  }

  bool AtEnd() const { return at_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[at_]; }

  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) {
      ++at_;
    }
  }

  absl::Status Literal(absl::string_view word) {
    if (text_.substr(at_, word.size()) != word) {
      return Error("expected a value (an object, array, string, number, true, false or null)");
    }
    at_ += word.size();
    return absl::OkStatus();
  }

  absl::Status Value(JsonValue& out, int depth) {
    if (depth >= kMaxJsonDepth) return Error(absl::StrCat("nested deeper than ", kMaxJsonDepth));
    switch (Peek()) {
      case '{':
        return Object(out, depth);
      case '[':
        return Array(out, depth);
      case '"':
        out.kind = JsonValue::Kind::kString;
        return String(out.text);
      case 't':
        out.kind = JsonValue::Kind::kBool;
        out.boolean = true;
        return Literal("true");
      case 'f':
        out.kind = JsonValue::Kind::kBool;
        return Literal("false");
      case 'n':
        out.kind = JsonValue::Kind::kNull;
        return Literal("null");
      default:
        if (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) return Number(out);
        return Error(AtEnd() ? "unexpected end of the text, expected a value"
                             : "expected a value (an object, array, string, number, true, "
                               "false or null)");
    }
  }

  absl::Status Object(JsonValue& out, int depth) {
    out.kind = JsonValue::Kind::kObject;
    ++at_;  // '{'
    SkipSpace();
    if (Peek() == '}') {
      ++at_;
      return absl::OkStatus();
    }
    while (true) {
      if (Peek() != '"') return Error("expected a string key");
      const size_t key_at = at_;
      std::string key;
      ACD_RETURN_IF_ERROR(String(key));
      if (out.Find(key) != nullptr) {
        at_ = key_at;
        return Error(absl::StrCat("key ", JsonQuote(key), " appears twice in one object"));
      }
      SkipSpace();
      if (Peek() != ':') return Error("expected ':' after the key");
      ++at_;
      SkipSpace();
      JsonValue value;
      ACD_RETURN_IF_ERROR(Value(value, depth + 1));
      out.members.emplace_back(std::move(key), std::move(value));
      SkipSpace();
      if (Peek() == '}') {
        ++at_;
        return absl::OkStatus();
      }
      if (Peek() != ',') return Error("expected ',' or '}'");
      ++at_;
      SkipSpace();
    }
  }

  absl::Status Array(JsonValue& out, int depth) {
    out.kind = JsonValue::Kind::kArray;
    ++at_;  // '['
    SkipSpace();
    if (Peek() == ']') {
      ++at_;
      return absl::OkStatus();
    }
    while (true) {
      JsonValue value;
      ACD_RETURN_IF_ERROR(Value(value, depth + 1));
      out.items.push_back(std::move(value));
      SkipSpace();
      if (Peek() == ']') {
        ++at_;
        return absl::OkStatus();
      }
      if (Peek() != ',') return Error("expected ',' or ']'");
      ++at_;
      SkipSpace();
    }
  }

  // Four hex digits after "\u".
  absl::StatusOr<uint32_t> Hex4() {
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i, ++at_) {
      const char c = Peek();
      uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return Error("expected four hex digits after \\u");
      }
      code = code * 16 + digit;
    }
    return code;
  }

  static void AppendUtf8(uint32_t code, std::string& out) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  absl::Status Escape(std::string& out) {
    const char c = Peek();
    ++at_;
    switch (c) {
      case '"':
        out += '"';
        return absl::OkStatus();
      case '\\':
        out += '\\';
        return absl::OkStatus();
      case '/':
        out += '/';
        return absl::OkStatus();
      case 'b':
        out += '\b';
        return absl::OkStatus();
      case 'f':
        out += '\f';
        return absl::OkStatus();
      case 'n':
        out += '\n';
        return absl::OkStatus();
      case 'r':
        out += '\r';
        return absl::OkStatus();
      case 't':
        out += '\t';
        return absl::OkStatus();
      case 'u':
        break;
      default:
        --at_;
        return Error("unknown escape in a string");
    }
    ACD_ASSIGN_OR_RETURN(uint32_t code, Hex4());
    if (code >= 0xDC00 && code <= 0xDFFF) return Error("a low surrogate without a high one");
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (text_.substr(at_, 2) != "\\u") return Error("a high surrogate without a low one");
      at_ += 2;
      ACD_ASSIGN_OR_RETURN(const uint32_t low, Hex4());
      if (low < 0xDC00 || low > 0xDFFF) return Error("a high surrogate without a low one");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(code, out);
    return absl::OkStatus();
  }

  absl::Status String(std::string& out) {
    ++at_;  // '"'
    while (true) {
      if (AtEnd()) return Error("unterminated string");
      const char c = Peek();
      if (c == '"') {
        ++at_;
        return absl::OkStatus();
      }
      if (static_cast<unsigned char>(c) < 0x20) return Error("a control character in a string");
      if (c == '\\') {
        ++at_;
        ACD_RETURN_IF_ERROR(Escape(out));
        continue;
      }
      out += c;
      ++at_;
    }
  }

  void Digits() {
    while (Peek() >= '0' && Peek() <= '9') ++at_;
  }

  absl::Status Number(JsonValue& out) {
    const size_t start = at_;
    if (Peek() == '-') ++at_;
    if (Peek() == '0') {
      ++at_;
    } else if (Peek() >= '1' && Peek() <= '9') {
      Digits();
    } else {
      return Error("expected a digit");
    }
    if (Peek() == '.') {
      ++at_;
      if (Peek() < '0' || Peek() > '9') return Error("expected a digit after '.'");
      Digits();
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++at_;
      if (Peek() == '+' || Peek() == '-') ++at_;
      if (Peek() < '0' || Peek() > '9') return Error("expected a digit in the exponent");
      Digits();
    }
    out.kind = JsonValue::Kind::kNumber;
    out.text = std::string(text_.substr(start, at_ - start));
    const auto [end, error] =
        std::from_chars(out.text.data(), out.text.data() + out.text.size(), out.number);
    if (error != std::errc() || end != out.text.data() + out.text.size()) {
      at_ = start;
      return Error(absl::StrCat("number ", out.text, " is out of range"));
    }
    return absl::OkStatus();
  }

  absl::string_view text_;
  absl::string_view name_;
  size_t at_ = 0;
};

}  // namespace

const JsonValue* JsonValue::Find(absl::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

absl::StatusOr<JsonValue> ParseJson(absl::string_view text, absl::string_view name) {
  return Parser(text, name).Document();
}

std::string JsonSummary(const JsonValue& value) {
  switch (value.kind) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBool:
      return value.boolean ? "true" : "false";
    case JsonValue::Kind::kNumber:
      return value.text;
    case JsonValue::Kind::kString:
      return JsonQuote(value.text);
    case JsonValue::Kind::kArray:
      return absl::StrCat("[", value.items.size(), value.items.size() == 1 ? " item]" : " items]");
    case JsonValue::Kind::kObject:
      return absl::StrCat("{", value.members.size(),
                          value.members.size() == 1 ? " key}" : " keys}");
  }
  return "";
}

}  // namespace acd::sim
