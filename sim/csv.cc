#include "sim/csv.h"

#include <cmath>

#include "fmt/format.h"

namespace acd::sim {

std::string CsvField(absl::string_view s) {
  if (s.find_first_of(",\"\n\r") == absl::string_view::npos) return std::string(s);
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string CsvNumber(double x) { return std::isfinite(x) ? fmt::format("{}", x) : ""; }

}  // namespace acd::sim
