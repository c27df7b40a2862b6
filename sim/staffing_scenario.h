// sim/staffing_scenario.h: a scenario with a staffing plan applied, as
// scenario text that `acdsim run` accepts as it is (`acdsim staff
// --write-scenario`).
//
// Each staffed group gets `staffable: true`, `agents_per_interval` (the head
// count of every interval) and `count` = its largest head count (at least
// 1); its shifts are dropped (the head counts replace them).
//
// Every service-level target's threshold is carried into the file: a
// contact type of the target's slice whose thresholds (its own
// service_level_s list, else the scenario's service_level_s) lack it gets
// it appended as one more threshold. The first threshold never changes, so
// the service_level_* KPIs keep their meaning; a target whose threshold is
// the k-th (k = 2..4) of its contact types is reported by `acdsim run` of
// the written file as service_level_t<k> (answered within it / offered:
// exactly sl_off, and at most sl_ans or sl_g1 at that threshold, so a day
// that meets it there meets those too). More than 4 thresholds on one
// contact type is an error naming it.
//
// Everything else is the parsed scenario, printed in protobuf text format
// (comments and layout of the original are not kept). Relative trace paths
// are relative to the written file's folder, as for any scenario.
//
// Thread safety: none; one owner of `parsed` at a time.

#ifndef ACD_SIM_STAFFING_SCENARIO_H_
#define ACD_SIM_STAFFING_SCENARIO_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/scenario.h"
#include "sim/scenario_source.h"
#include "sim/staffing.h"
#include "sim/staffing_target.h"

namespace acd::sim {

// The service-level thresholds of the written scenario.
struct WrittenThresholds {
  // Per contact type of the scenario: its thresholds in seconds when they
  // change (the old ones, then those added), else empty.
  std::vector<std::vector<double>> added;
  // Per target: the KPI key under which `acdsim run` of the written
  // scenario reports it (the target's own key at a first threshold,
  // service_level_t<k> at a k-th one); empty where the slice's contact
  // types hold the threshold at different places (no one KPI reports it).
  std::vector<std::string> run_keys;
};

// InvalidArgument "--target 'SPEC': ..." when a contact type would need
// more than 4 thresholds.
absl::StatusOr<WrittenThresholds> PlanWrittenThresholds(const Scenario& scenario,
                                                        const std::vector<StaffingTarget>& targets);

// Changes `parsed`'s message and returns its text, with the
// `# proto-file:` and `# proto-message:` header lines. `scenario` is
// `parsed` converted (with any overrides), `targets` the staffing's.
absl::StatusOr<std::string> StaffedScenarioText(ParsedScenario& parsed, const StaffingPlan& plan,
                                                const Scenario& scenario,
                                                const std::vector<StaffingTarget>& targets);

}  // namespace acd::sim

#endif  // ACD_SIM_STAFFING_SCENARIO_H_
