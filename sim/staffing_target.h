// sim/staffing_target.h: one target of `acdsim staff`, parsed from its spec.
//
// Grammar (spaces not allowed around the operator):
//
//   SPEC   = NAME ":" KPI OP VALUE [ "@" SECONDS [ "s" ] ]
//   NAME   = a contact type, else a workgroup, of the scenario; or "total"
//   KPI OP = "sl=" | "sl>=" | "sl_ans=" | "sl_ans>="   answered within t / answered
//          | "sl_off=" | "sl_off>="                    answered within t / offered
//          | "sl_g1=" | "sl_g1>="                      ... / (offered - abandoned within t)
//          | "asa<="                                    mean wait of the answered, seconds
//          | "abandon<="                                abandoned / offered
//          | "occupancy<="                              workgroup or total only
//
// A service level takes a fraction in [0, 1] and, after "@", its threshold t
// in seconds (default: a contact type's first own threshold, else the
// scenario's service_level_s); an ASA a number of
// seconds, with or without "s". Examples: `voice:sl=0.8@20s`,
// `chat:sl_off=0.8@60`, `voice:asa<=30s`, `chat:abandon<=0.05`,
// `Support:occupancy<=0.9`.
//
// The value of a target in one interval of one replication comes from the
// slice's interval tally (contacts by the interval they arrived in); with
// contacts offered and none answered, sl_ans is 0 and ASA 1e9 s.

#ifndef ACD_SIM_STAFFING_TARGET_H_
#define ACD_SIM_STAFFING_TARGET_H_

#include <string>

#include "absl/status/statusor.h"
#include "sim/erlang.h"
#include "sim/replication.h"
#include "sim/scenario.h"

namespace acd::sim {

struct StaffingTarget {
  std::string spec;
  enum class Slice { kContactType, kWorkgroup, kTotal } slice = Slice::kTotal;
  std::string name;
  // Index of the contact type or workgroup; unused for the total.
  int index = 0;
  StaffingKpi kpi = StaffingKpi::kSlAns;
  // The KPI's key in reports (sim/tally.h): service_level_ans, asa_s, ...
  std::string kpi_key;
  double limit = 0;
  // Service levels only: the threshold, seconds.
  double threshold_s = 0;

  bool at_least() const;
  // "contact_types", "workgroups" or "total".
  const char* slice_name() const;
  bool Meets(double value) const;
};

// InvalidArgument "--target 'SPEC': ..." naming what is wrong.
absl::StatusOr<StaffingTarget> ParseStaffingTarget(const std::string& spec,
                                                   const Scenario& scenario);

// The target's KPI in `interval` of one replication run with the target's
// threshold as the scenario's service_level; NaN when undefined (no
// contacts).
double TargetValue(const StaffingTarget& target, const ReplicationResult& result, int interval);

}  // namespace acd::sim

#endif  // ACD_SIM_STAFFING_TARGET_H_
