// sim/distribution_loader.h (internal to the scenario loader): a
// scenario.proto Distribution, checked, as a sim::Distribution.

#ifndef ACD_SIM_DISTRIBUTION_LOADER_H_
#define ACD_SIM_DISTRIBUTION_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "acd/proto/scenario.pb.h"
#include "acd/text_proto.h"
#include "sim/distribution.h"

namespace acd::sim {

// InvalidArgument naming file, line and the field under `where` (e.g.
// "contact_types[0].handle_time") for a missing kind or a parameter out of
// its range. `depth` counts the mixtures around this one.
absl::StatusOr<Distribution> ConvertDistribution(const proto::Distribution& m,
                                                 const TextProtoFile& file,
                                                 const std::string& where, int depth = 0);

}  // namespace acd::sim

#endif  // ACD_SIM_DISTRIBUTION_LOADER_H_
