#include "sim/json.h"

namespace acd::sim {

std::string JsonStrings(const std::vector<std::string>& strings) {
  std::string out = "[";
  for (size_t i = 0; i < strings.size(); ++i) {
    out += (i > 0 ? ", " : "") + JsonQuote(strings[i]);
  }
  return out + "]";
}

}  // namespace acd::sim
