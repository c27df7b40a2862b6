// sim/scenario_warnings.h: likely mistakes in a valid scenario.
//
// A warning does not stop the run; the loader keeps them in
// Scenario::warnings, acdsim prints each on standard error ("acdsim:
// warning: ...") and the JSON report lists them under "warnings" (a key
// written only when there is one). Each names the place like an error:
//
//   day.txtpb:12:1: interval_s: 15 s is shorter than a minute (minutes
//   meant?): 2880 intervals
//
// Found, in this order: an interval shorter than a minute; a list of rates
// that ends before the arrivals do (the last rate would run on); a contact
// type that no agent can serve (no active member of its workgroup, or of a
// workgroup it overflows to, has its required skills at the required
// levels; media and utilization are not considered); a workgroup with no
// members; a shift starting at or after the horizon.

#ifndef ACD_SIM_SCENARIO_WARNINGS_H_
#define ACD_SIM_SCENARIO_WARNINGS_H_

#include <string>
#include <vector>

#include "acd/proto/scenario.pb.h"
#include "acd/text_proto.h"
#include "sim/scenario.h"

namespace acd::sim {

// The warnings of `scenario`, converted from `m` (read from `file`).
std::vector<std::string> ScenarioWarnings(const proto::Scenario& m, const TextProtoFile& file,
                                          const Scenario& scenario);

}  // namespace acd::sim

#endif  // ACD_SIM_SCENARIO_WARNINGS_H_
