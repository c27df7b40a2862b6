// sim/input_file.h: the one way the simulator reads a file it is given.
//
// Every input (scenario, arrival trace, golden, partial result) comes from a
// user, so a read refuses what is not a regular file (a directory, /dev/zero,
// a FIFO) and reads at most a documented number of bytes, whatever the file
// claims its size is:
//
//   ACD_ASSIGN_OR_RETURN(std::string text,
//                        ReadInputFile(path, "scenario", kMaxScenarioBytes));
//
// Errors start with the path: "day: the scenario is not a regular file (a directory)",
// "trace.csv: the arrival trace is larger than its limit of 256 MiB".

#ifndef ACD_SIM_INPUT_FILE_H_
#define ACD_SIM_INPUT_FILE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace acd::sim {

// Documented size limits of the simulator's inputs.
inline constexpr int64_t kMaxScenarioBytes = int64_t{16} << 20;
inline constexpr int64_t kMaxArrivalTraceBytes = int64_t{256} << 20;

// The bytes of the file at `path`; `what` names the kind of file in errors
// ("scenario", "arrival trace"). NotFound if it does not exist or cannot be
// opened; InvalidArgument if it is not a regular file or holds more than
// `max_bytes` bytes (at most max_bytes + 1 bytes are read to tell).
absl::StatusOr<std::string> ReadInputFile(const std::string& path, absl::string_view what,
                                          int64_t max_bytes);

}  // namespace acd::sim

#endif  // ACD_SIM_INPUT_FILE_H_
