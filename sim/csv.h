// sim/csv.h: the two CSV value writers the reports need.

#ifndef ACD_SIM_CSV_H_
#define ACD_SIM_CSV_H_

#include <string>

#include "absl/strings/string_view.h"

namespace acd::sim {

// `s` as a CSV field: quoted (quotes doubled) when it holds a comma, a quote
// or a line break.
std::string CsvField(absl::string_view s);

// The shortest text that reads back as `x`; empty for NaN and infinities.
std::string CsvNumber(double x);

}  // namespace acd::sim

#endif  // ACD_SIM_CSV_H_
