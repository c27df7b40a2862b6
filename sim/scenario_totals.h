// sim/scenario_totals.h: a parsed scenario's totals against
// sim/scenario_limits.h. Seen only by the loader (it takes the generated
// scenario.proto classes).

#ifndef ACD_SIM_SCENARIO_TOTALS_H_
#define ACD_SIM_SCENARIO_TOTALS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "acd/proto/scenario.pb.h"
#include "acd/text_proto.h"

namespace acd::sim {

// Agents, shifts per agent, shift instances, listed arrivals and intervals,
// before anything is expanded; the error names the field that passes the
// limit (file:line:column: field: ...) and the limit.
absl::Status CheckScenarioTotals(const proto::Scenario& m, const TextProtoFile& file);

// `listed` arrivals so far, trace rows included, against kMaxListedArrivals;
// `where` is the field to blame.
absl::Status CheckListedTotal(int64_t listed, const TextProtoFile& file, const std::string& where);

}  // namespace acd::sim

#endif  // ACD_SIM_SCENARIO_TOTALS_H_
