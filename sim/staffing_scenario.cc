// With sim/scenario_loader.cc and sim/scenario_source.cc, a file of the
// simulator that sees scenario.proto's generated classes: it writes them.

#include "sim/staffing_scenario.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "acd/proto/scenario.pb.h"
#include "acd/status_macros.h"
#include "google/protobuf/text_format.h"

namespace acd::sim {
namespace {

bool IsServiceLevel(const StaffingTarget& t) {
  return t.kpi == StaffingKpi::kSlAns || t.kpi == StaffingKpi::kSlOff ||
         t.kpi == StaffingKpi::kSlG1;
}

int Find(const std::vector<double>& thresholds, double t) {
  for (size_t k = 0; k < thresholds.size(); ++k) {
    if (std::abs(thresholds[k] - t) <= 1e-9 * std::max(1.0, t)) return static_cast<int>(k);
  }
  return -1;
}

}  // namespace

absl::StatusOr<WrittenThresholds> PlanWrittenThresholds(
    const Scenario& scenario, const std::vector<StaffingTarget>& targets) {
  const size_t types = scenario.contact_types.size();
  std::vector<std::vector<double>> thresholds(types);
  for (size_t c = 0; c < types; ++c) {
    const ContactType& type = scenario.contact_types[c];
    if (type.service_levels.empty()) {
      thresholds[c].push_back(ToSeconds(scenario.service_level));
    } else {
      for (Duration d : type.service_levels) thresholds[c].push_back(ToSeconds(d));
    }
  }
  WrittenThresholds out;
  out.added.assign(types, {});
  for (const StaffingTarget& target : targets) {
    if (!IsServiceLevel(target)) {
      out.run_keys.push_back(target.kpi_key);
      continue;
    }
    int place = -2;  // -2: no type yet; -1: types disagree
    for (size_t c = 0; c < types; ++c) {
      if (!TargetCovers(scenario, target, static_cast<int>(c))) continue;
      int k = Find(thresholds[c], target.threshold_s);
      if (k < 0) {
        if (thresholds[c].size() >= 4) {
          return absl::InvalidArgumentError(absl::StrCat(
              "--target '", target.spec, "': contact type '", scenario.contact_types[c].name,
              "' already has 4 service-level thresholds, so the written scenario cannot add ",
              target.threshold_s, " s"));
        }
        thresholds[c].push_back(target.threshold_s);
        out.added[c] = thresholds[c];
        k = static_cast<int>(thresholds[c].size()) - 1;
      }
      place = place == -2 || place == k ? k : -1;
    }
    if (place == 0 || place == -2) {
      out.run_keys.push_back(target.kpi_key);
    } else if (place > 0) {
      out.run_keys.push_back(absl::StrCat("service_level_t", place + 1));
    } else {
      out.run_keys.emplace_back();
    }
  }
  return out;
}

absl::StatusOr<std::string> StaffedScenarioText(ParsedScenario& parsed, const StaffingPlan& plan,
                                                const Scenario& scenario,
                                                const std::vector<StaffingTarget>& targets) {
  ACD_ASSIGN_OR_RETURN(const WrittenThresholds thresholds,
                       PlanWrittenThresholds(scenario, targets));
  proto::Scenario& message = parsed.message();
  if (message.contact_types_size() != static_cast<int>(thresholds.added.size())) {
    return absl::InternalError("staffing: the scenario's contact types do not match");
  }
  for (size_t c = 0; c < thresholds.added.size(); ++c) {
    if (thresholds.added[c].empty()) continue;
    proto::ContactType& type = *message.mutable_contact_types(static_cast<int>(c));
    type.clear_service_level_s();
    for (double t : thresholds.added[c]) type.add_service_level_s(t);
  }
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
      "# Written by `acdsim staff`: the staffed groups' head counts per interval",
      "; service-level thresholds its targets need are added.\n\n", text);
}

}  // namespace acd::sim
