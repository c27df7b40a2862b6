#include "sim/arrival_trace.h"

#include <cmath>

#include "absl/container/inlined_vector.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "sim/input_file.h"
#include "sim/scenario_limits.h"

namespace acd::sim {
namespace {

constexpr double kMaxSeconds = 1e9;

// An optional non-negative number of seconds; empty means none.
// `where` makes the "file:line" of errors (only then: rows are many).
template <typename Where>
absl::StatusOr<std::optional<Duration>> OptionalSeconds(absl::string_view field,
                                                        absl::string_view what, Where where) {
  field = absl::StripAsciiWhitespace(field);
  if (field.empty()) return std::optional<Duration>();
  double seconds = 0;
  if (!absl::SimpleAtod(field, &seconds) || !std::isfinite(seconds) || seconds < 0 ||
      seconds > kMaxSeconds) {
    return absl::InvalidArgumentError(
        absl::StrCat(where(), ": ", what, " \"", field, "\" is not a number of seconds in 0..1e9"));
  }
  return std::optional<Duration>(SecondsF(seconds));
}

// A quick count of the rows (lines that are not blank, a comment or a
// header) first: a trace past kMaxListedArrivals is refused at the row past
// it before any row is parsed or stored.
absl::Status CheckRowCount(absl::string_view filename, absl::string_view text) {
  int64_t rows = 0;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    double time = 0;
    if (line_number == 1 && !absl::SimpleAtod(line.substr(0, line.find(',')), &time)) continue;
    if (++rows > kMaxListedArrivals) {
      return absl::InvalidArgumentError(absl::StrCat(filename, ":", line_number, ": more than ",
                                                     kMaxListedArrivals,
                                                     " arrivals, the limit of a scenario"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<TraceRow>> ParseArrivalTrace(absl::string_view filename,
                                                        absl::string_view text) {
  if (absl::Status count = CheckRowCount(filename, text); !count.ok()) return count;
  std::vector<TraceRow> rows;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const auto where = [&] { return absl::StrCat(filename, ":", line_number); };
    absl::InlinedVector<absl::string_view, 4> fields = absl::StrSplit(line, ',');
    double time = 0;
    if (!absl::SimpleAtod(absl::StripAsciiWhitespace(fields[0]), &time)) {
      if (rows.empty() && line_number == 1) continue;  // a header
      return absl::InvalidArgumentError(
          absl::StrCat(where(), ": time \"", fields[0], "\" is not a number"));
    }
    if (!std::isfinite(time) || time < 0 || time > kMaxSeconds) {
      return absl::InvalidArgumentError(absl::StrCat(where(), ": time ", time, " is outside 0..1e9"));
    }
    if (fields.size() < 2 || fields.size() > 4) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), ": expected time_s,contact_type[,handle_time_s[,patience_s]], got ",
                       fields.size(), " fields"));
    }
    TraceRow row{.time = Time() + SecondsF(time),
                 .contact_type = std::string(absl::StripAsciiWhitespace(fields[1]))};
    if (row.contact_type.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(where(), ": the contact type is empty"));
    }
    if (fields.size() > 2) {
      absl::StatusOr<std::optional<Duration>> handle =
          OptionalSeconds(fields[2], "handle time", where);
      if (!handle.ok()) return handle.status();
      row.handle = *handle;
    }
    if (fields.size() > 3) {
      absl::StatusOr<std::optional<Duration>> patience =
          OptionalSeconds(fields[3], "patience", where);
      if (!patience.ok()) return patience.status();
      row.patience = *patience;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<std::vector<TraceRow>> ReadArrivalTrace(const std::string& path) {
  absl::StatusOr<std::string> text = ReadInputFile(path, "arrival trace", kMaxArrivalTraceBytes);
  if (!text.ok()) return text.status();
  return ParseArrivalTrace(path, *text);
}

}  // namespace acd::sim
