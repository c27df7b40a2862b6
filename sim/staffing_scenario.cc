// With sim/scenario_loader.cc and sim/scenario_source.cc, a file of the
// simulator that sees scenario.proto's generated classes: it writes them.

#include "sim/staffing_scenario.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "acd/proto/scenario.pb.h"
#include "google/protobuf/text_format.h"

namespace acd::sim {

absl::StatusOr<std::string> StaffedScenarioText(ParsedScenario& parsed, const StaffingPlan& plan) {
  proto::Scenario& message = parsed.message();
  for (size_t g = 0; g < plan.groups.size(); ++g) {
    const int index = plan.groups[g];
    if (index < 0 || index >= message.agent_groups_size()) {
      return absl::InternalError(absl::StrCat("staffing: no agent group ", index));
    }
    proto::AgentGroup& group = *message.mutable_agent_groups(index);
    int most = 1;
    group.clear_agents_per_interval();
    for (const StaffingPlan::Interval& row : plan.intervals) {
      group.add_agents_per_interval(row.agents[g]);
      most = std::max(most, row.agents[g]);
    }
    group.set_count(most);
    group.set_staffable(true);
    group.clear_shifts();
  }
  std::string text;
  google::protobuf::TextFormat::Printer printer;
  if (!printer.PrintToString(message, &text)) {
    return absl::InternalError("staffing: cannot print the scenario");
  }
  return absl::StrCat(
      "# proto-file: acd/proto/scenario.proto\n# proto-message: acd.proto.Scenario\n",
      "# Written by `acdsim staff`: the staffed groups' head counts per interval.\n\n", text);
}

}  // namespace acd::sim
