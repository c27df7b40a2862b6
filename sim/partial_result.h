// sim/partial_result.h: partial result files, written by one part of a study
// and read back to merge.
//
// The format is acd/proto/partial_result.proto (versioned, checksummed). A
// part is an Aggregate (sim/aggregate.h) of a contiguous range of a study's
// replications, with everything its report needs (the scenario's name and
// fingerprint, the seed, the layout with its KPI keys), so that sim/merge.h
// can rebuild one run's report from parts alone.
//
// Example:
//
//   ACD_RETURN_IF_ERROR(output.Write(acd::sim::EncodePartialResult(*aggregate)));
//   ...
//   absl::StatusOr<acd::sim::Aggregate> part = acd::sim::ReadPartialResultFile("part-3.pb");
//
// Thread safety: free functions without shared state.

#ifndef ACD_SIM_PARTIAL_RESULT_H_
#define ACD_SIM_PARTIAL_RESULT_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sim/aggregate.h"

namespace acd::sim {

// The version this acdsim writes and reads.
inline constexpr uint32_t kPartialResultVersion = 1;
// Larger files are refused before they are read: parts of studies of up to
// kMaxKpiCells cells (sim/kpi_layout.h) fit, and reading one never takes
// more than a few hundred megabytes.
inline constexpr int64_t kMaxPartialResultBytes = int64_t{64} << 20;

// The bytes of a partial result file holding `aggregate`, which must hold
// every replication of its range.
std::string EncodePartialResult(const Aggregate& aggregate);

// The aggregate a partial result file holds. DataLoss for a file that is
// not a partial result, or is truncated or damaged; InvalidArgument for
// another format version or values out of range; the message says what.
absl::StatusOr<Aggregate> DecodePartialResult(absl::string_view bytes);

// Reads and decodes the file at `path`; every error starts with "<path>: ".
// NotFound if it cannot be read; InvalidArgument if it is not a regular
// file or is larger than kMaxPartialResultBytes.
absl::StatusOr<Aggregate> ReadPartialResultFile(const std::string& path);

}  // namespace acd::sim

#endif  // ACD_SIM_PARTIAL_RESULT_H_
