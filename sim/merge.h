// sim/merge.h: parts of a study merged into the whole.
//
// `MergeParts` takes the partial results of a study's parts (each read from
// a file by sim/partial_result.h) and checks that they fit together: the
// same acdsim version, scenario (by fingerprint and what the report says
// about it), seed, number of replications and layout; replication ranges
// that do not overlap; and, together, every replication of the study. Then
// it adds them up into the aggregate of the whole study, which reports
// (sim/report.h ReportOf) exactly as one run of it would, byte for byte.
//
// Example:
//
//   std::vector<acd::sim::Part> parts;
//   for (const std::string& file : files) {
//     ACD_ASSIGN_OR_RETURN(acd::sim::Aggregate part, acd::sim::ReadPartialResultFile(file));
//     parts.push_back({file, std::move(part)});
//   }
//   ACD_ASSIGN_OR_RETURN(acd::sim::Aggregate study, acd::sim::MergeParts(parts));
//
// Thread safety: a free function without shared state.

#ifndef ACD_SIM_MERGE_H_
#define ACD_SIM_MERGE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/aggregate.h"

namespace acd::sim {

struct Part {
  // Where the part came from, for error messages.
  std::string file;
  Aggregate aggregate;
};

// The whole study. InvalidArgument, naming the file(s), for parts that do
// not belong together or overlap, and for replications no part has (all of
// them listed, as ranges).
absl::StatusOr<Aggregate> MergeParts(const std::vector<Part>& parts);

}  // namespace acd::sim

#endif  // ACD_SIM_MERGE_H_
