// sim/scenario_planning.h (internal to the scenario loader): the fields a
// planned day needs beyond the basic model: the clock time of the day's
// start, random busyness, opening hours, service-level thresholds per
// contact type and balking (scenario.proto). Called by sim/scenario_loader.cc
// once the rest of the scenario is converted.

#ifndef ACD_SIM_SCENARIO_PLANNING_H_
#define ACD_SIM_SCENARIO_PLANNING_H_

#include "absl/status/status.h"
#include "acd/proto/scenario.pb.h"
#include "acd/text_proto.h"
#include "sim/scenario.h"

namespace acd::sim {

// Checks and copies those fields into `scenario` (whose contact types and
// run shape are already converted); InvalidArgument naming file, line and
// field for a bad value.
absl::Status ConvertPlanning(const proto::Scenario& m, const TextProtoFile& file,
                             Scenario& scenario);

}  // namespace acd::sim

#endif  // ACD_SIM_SCENARIO_PLANNING_H_
