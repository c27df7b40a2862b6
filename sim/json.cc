#include "sim/json.h"

#include <cmath>

#include "fmt/format.h"

namespace acd::sim {

std::string JsonQuote(absl::string_view s) {
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

std::string JsonStrings(const std::vector<std::string>& strings) {
  std::string out = "[";
  for (size_t i = 0; i < strings.size(); ++i) {
    out += (i > 0 ? ", " : "") + JsonQuote(strings[i]);
  }
  return out + "]";
}

std::string JsonNumber(double x) { return std::isfinite(x) ? fmt::format("{}", x) : "null"; }

}  // namespace acd::sim
