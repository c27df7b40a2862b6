// sim/arrival_trace.h: arrivals replayed from a CSV trace file.
//
// One arrival a line: `time_s,contact_type[,handle_time_s[,patience_s]]`,
// times in seconds from the start of the horizon. Empty lines and lines
// starting with '#' are skipped, and so is a first line whose time is not a
// number (a header). An empty or missing handle time or patience is drawn
// from the contact type's distribution.
//
//   time_s,contact_type,handle_time_s,patience_s
//   12.5,calls,180,
//   30,chats,,300
//
// Errors name the file and line: `trace.csv:3: handle time "x" is not a
// number`.

#ifndef ACD_SIM_ARRIVAL_TRACE_H_
#define ACD_SIM_ARRIVAL_TRACE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/time.h"

namespace acd::sim {

struct TraceRow {
  Time time;
  std::string contact_type;
  std::optional<Duration> handle;
  std::optional<Duration> patience;
};

// Parses trace text; `filename` labels errors. Rows keep the file's order.
absl::StatusOr<std::vector<TraceRow>> ParseArrivalTrace(absl::string_view filename,
                                                        absl::string_view text);

// Reads (sim/input_file.h: a regular file of at most kMaxArrivalTraceBytes)
// and parses the file; NotFound if it cannot be read.
absl::StatusOr<std::vector<TraceRow>> ReadArrivalTrace(const std::string& path);

}  // namespace acd::sim

#endif  // ACD_SIM_ARRIVAL_TRACE_H_
