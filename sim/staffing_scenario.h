// sim/staffing_scenario.h: a scenario with a staffing plan applied, as
// scenario text that `acdsim run` accepts as it is (`acdsim staff
// --write-scenario`).
//
// Each staffed group gets `staffable: true`, `agents_per_interval` (the head
// count of every interval) and `count` = its largest head count (at least
// 1); its shifts are dropped (the head counts replace them). Everything
// else is the parsed scenario, printed in protobuf text format (comments
// and layout of the original are not kept). Relative trace paths are
// relative to the written file's folder, as for any scenario.
//
// Thread safety: none; one owner of `parsed` at a time.

#ifndef ACD_SIM_STAFFING_SCENARIO_H_
#define ACD_SIM_STAFFING_SCENARIO_H_

#include <string>

#include "absl/status/statusor.h"
#include "sim/scenario_source.h"
#include "sim/staffing.h"

namespace acd::sim {

// Changes `parsed`'s message and returns its text, with the
// `# proto-file:` and `# proto-message:` header lines.
absl::StatusOr<std::string> StaffedScenarioText(ParsedScenario& parsed, const StaffingPlan& plan);

}  // namespace acd::sim

#endif  // ACD_SIM_STAFFING_SCENARIO_H_
