#include "sim/json_reader.h"

#include <cmath>
#include <cstdint>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace acd::sim {

const ParsedJson* ParsedJson::Find(absl::string_view key) const {
  for (const auto& [name, value] : object_) {
    if (name == key) return &value;
  }
  return nullptr;
}

const char* ParsedJson::TypeName(Type type) {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "a boolean";
    case Type::kNumber:
      return "a number";
    case Type::kString:
      return "a string";
    case Type::kArray:
      return "an array";
    case Type::kObject:
      return "an object";
  }
  return "?";
}

// A recursive-descent parser over the text; `at_` is the next byte.
class JsonReader {
 public:
  JsonReader(absl::string_view text, absl::string_view source) : text_(text), source_(source) {}

  absl::StatusOr<ParsedJson> Document() {
    ParsedJson value;
    if (absl::Status s = Value(value, 0); !s.ok()) return s;
    SkipSpace();
    if (at_ != text_.size()) return Error("unexpected text after the document");
    return value;
  }

 private:
  static constexpr int kMaxDepth = 64;

  absl::Status Error(absl::string_view what) const { return ErrorAt(at_, what); }
  absl::Status ErrorAt(size_t offset, absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(source_, ": byte ", offset, ": ", what));
  }
  bool AtEnd() const { return at_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[at_]; }

  void SkipSpace() {
    while (!AtEnd() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  absl::Status Value(ParsedJson& out, int depth) {
    SkipSpace();
    out.offset_ = at_;
    if (AtEnd()) return Error("unexpected end of the text, expected a value");
    const char c = text_[at_];
    if (c == '{' || c == '[') {
      if (depth >= kMaxDepth) return Error("arrays and objects nested more than 64 deep");
      return c == '{' ? Object(out, depth + 1) : Array(out, depth + 1);
    }
    if (c == '"') {
      out.type_ = ParsedJson::Type::kString;
      return String(out.string_);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return Number(out);
    for (const auto& [word, type, boolean] :
         {std::tuple{"null", ParsedJson::Type::kNull, false},
          std::tuple{"true", ParsedJson::Type::kBool, true},
          std::tuple{"false", ParsedJson::Type::kBool, false}}) {
      if (text_.substr(at_, absl::string_view(word).size()) == word) {
        out.type_ = type;
        out.boolean_ = boolean;
        at_ += absl::string_view(word).size();
        return absl::OkStatus();
      }
    }
    return Error(absl::StrCat("unexpected character '", absl::string_view(&text_[at_], 1),
                              "', expected a value"));
  }

  absl::Status Object(ParsedJson& out, int depth) {
    out.type_ = ParsedJson::Type::kObject;
    ++at_;  // '{'
    SkipSpace();
    if (Peek() == '}') {
      ++at_;
      return absl::OkStatus();
    }
    while (true) {
      SkipSpace();
      if (Peek() != '"') return Error("expected a key (a string) in an object");
      const size_t key_at = at_;
      std::string key;
      if (absl::Status s = String(key); !s.ok()) return s;
      if (out.Find(key) != nullptr)
        return ErrorAt(key_at, absl::StrCat("duplicate key \"", key, "\""));
      SkipSpace();
      if (Peek() != ':') return Error("expected ':' after a key");
      ++at_;
      ParsedJson value;
      if (absl::Status s = Value(value, depth); !s.ok()) return s;
      out.object_.emplace_back(std::move(key), std::move(value));
      SkipSpace();
      if (Peek() == ',') {
        ++at_;
        continue;
      }
      if (Peek() == '}') {
        ++at_;
        return absl::OkStatus();
      }
      return Error("expected ',' or '}' in an object");
    }
  }

  absl::Status Array(ParsedJson& out, int depth) {
    out.type_ = ParsedJson::Type::kArray;
    ++at_;  // '['
    SkipSpace();
    if (Peek() == ']') {
      ++at_;
      return absl::OkStatus();
    }
    while (true) {
      ParsedJson value;
      if (absl::Status s = Value(value, depth); !s.ok()) return s;
      out.array_.push_back(std::move(value));
      SkipSpace();
      if (Peek() == ',') {
        ++at_;
        continue;
      }
      if (Peek() == ']') {
        ++at_;
        return absl::OkStatus();
      }
      return Error("expected ',' or ']' in an array");
    }
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  absl::Status Number(ParsedJson& out) {
    const size_t start = at_;
    const auto digits = [this] {
      const size_t from = at_;
      while (!AtEnd() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ - from;
    };
    if (Peek() == '-') ++at_;
    if (Peek() == '0') {
      ++at_;
      if (Peek() >= '0' && Peek() <= '9') return Error("a number has a leading zero");
    } else if (digits() == 0) {
      return Error("expected a digit in a number");
    }
    if (Peek() == '.') {
      ++at_;
      if (digits() == 0) return Error("expected a digit after the decimal point");
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++at_;
      if (Peek() == '+' || Peek() == '-') ++at_;
      if (digits() == 0) return Error("expected a digit in the exponent");
    }
    double value = 0;
    if (!absl::SimpleAtod(text_.substr(start, at_ - start), &value) || !std::isfinite(value)) {
      return ErrorAt(start, "number out of range");
    }
    out.type_ = ParsedJson::Type::kNumber;
    out.number_ = value;
    return absl::OkStatus();
  }

  absl::Status Hex4(uint32_t& code) {
    code = 0;
    for (int i = 0; i < 4; ++i, ++at_) {
      const char c = Peek();
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return Error("expected four hex digits after \\u");
      code = code * 16 + static_cast<uint32_t>(digit);
    }
    return absl::OkStatus();
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
    const size_t escape_at = at_ - 2;
    uint32_t code = 0;
    if (absl::Status s = Hex4(code); !s.ok()) return s;
    if (code >= 0xDC00 && code <= 0xDFFF) return ErrorAt(escape_at, "unpaired low surrogate");
    if (code >= 0xD800 && code <= 0xDBFF) {
      uint32_t low = 0;
      if (text_.substr(at_, 2) != "\\u") return ErrorAt(escape_at, "unpaired high surrogate");
      at_ += 2;
      if (absl::Status s = Hex4(low); !s.ok()) return s;
      if (low < 0xDC00 || low > 0xDFFF) return ErrorAt(escape_at, "unpaired high surrogate");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(code, out);
    return absl::OkStatus();
  }

  // One well-formed UTF-8 sequence of 2 to 4 bytes (no overlong forms, no
  // surrogates, nothing above U+10FFFF), appended to `out`.
  absl::Status Utf8Sequence(std::string& out) {
    const auto byte = [this](size_t i) {
      return at_ + i < text_.size() ? static_cast<unsigned char>(text_[at_ + i]) : 0;
    };
    const unsigned char lead = byte(0);
    const int length = lead >= 0xC2 && lead <= 0xDF   ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 0;
    // The second byte's range depends on the lead (RFC 3629's table).
    const unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    bool valid = length > 0 && byte(1) >= low && byte(1) <= high;
    for (int i = 2; valid && i < length; ++i) valid = byte(i) >= 0x80 && byte(i) <= 0xBF;
    if (!valid) return Error("invalid UTF-8 in a string");
    out.append(text_.data() + at_, static_cast<size_t>(length));
    at_ += length;
    return absl::OkStatus();
  }

  absl::Status String(std::string& out) {
    ++at_;  // '"'
    while (true) {
      if (AtEnd()) return Error("unterminated string");
      const unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return absl::OkStatus();
      }
      if (c < 0x20) return Error("control character in a string (escape it)");
      if (c >= 0x80) {
        if (absl::Status s = Utf8Sequence(out); !s.ok()) return s;
        continue;
      }
      ++at_;
      if (c == '\\') {
        if (absl::Status s = Escape(out); !s.ok()) return s;
      } else {
        out += static_cast<char>(c);
      }
    }
  }

  absl::string_view text_;
  absl::string_view source_;
  size_t at_ = 0;
};

absl::StatusOr<ParsedJson> ReadJson(absl::string_view text, absl::string_view source) {
  return JsonReader(text, source).Document();
}

}  // namespace acd::sim
