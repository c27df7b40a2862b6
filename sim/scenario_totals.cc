// The totals of sim/scenario_limits.h, checked on the parsed scenario
// before anything is expanded or allocated for it.

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/proto/scenario.pb.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario_limits.h"
#include "sim/scenario_totals.h"

namespace acd::sim {
namespace {

absl::Status CheckAgentsAndShifts(const proto::Scenario& m, const TextProtoFile& file) {
  int64_t agents = m.center().agents_size();
  int64_t instances = 0;
  for (int g = 0; g < m.agent_groups_size(); ++g) {
    const proto::AgentGroup& group = m.agent_groups(g);
    const std::string where = absl::StrCat("agent_groups[", g, "]");
    // A count out of its own range is the loader's error, with that range.
    if (group.count() < 1) continue;
    agents += group.count();
    if (agents > kMaxAgents) {
      return file.Error(where + ".count",
                        absl::StrCat(agents, " agents over all groups so far, more than the limit "
                                             "of ",
                                     kMaxAgents, " agents in a scenario"));
    }
    int64_t per_agent = 0;
    for (const proto::Shift& shift : group.shifts()) {
      per_agent += shift.repeat_days() > 1 ? shift.repeat_days() : 1;
    }
    if (per_agent > kMaxShiftsPerAgent) {
      return file.Error(where + ".shifts",
                        absl::StrCat(per_agent, " shifts per agent (repeat_days counted), more "
                                                "than the limit of ",
                                     kMaxShiftsPerAgent));
    }
    instances += per_agent * group.count();
    if (instances > kMaxShiftInstances) {
      return file.Error(where + ".shifts",
                        absl::StrCat(instances, " shifts over all agents so far (shifts x "
                                                "repeat_days x count), more than the limit of ",
                                     kMaxShiftInstances, " in a scenario"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckListed(const proto::Scenario& m, const TextProtoFile& file) {
  int64_t listed = 0;
  for (int i = 0; i < m.contact_types_size(); ++i) {
    const proto::Arrivals& arrivals = m.contact_types(i).arrivals();
    if (!arrivals.has_listed()) continue;
    listed += arrivals.listed().times_s_size();
    if (listed > kMaxListedArrivals) {
      return file.Error(absl::StrCat("contact_types[", i, "].arrivals.listed.times_s"),
                        absl::StrCat(listed, " listed arrivals so far, more than the limit of ",
                                     kMaxListedArrivals, " in a scenario"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckIntervals(const proto::Scenario& m, const TextProtoFile& file) {
  const double interval = m.has_interval_s() ? m.interval_s() : 1800;
  const double horizon = m.horizon_s();
  // Values out of their own ranges are the loader's errors.
  if (!std::isfinite(interval) || !std::isfinite(horizon) || interval <= 0 || horizon <= 0) {
    return absl::OkStatus();
  }
  const double intervals = std::ceil(horizon / interval);
  if (intervals > static_cast<double>(kMaxIntervals)) {
    return file.Error(
        m.has_interval_s() ? "interval_s" : "horizon_s",
        fmt::format("horizon_s {} / interval_s {} makes {} intervals, more than the limit of {}",
                    horizon, interval, intervals, kMaxIntervals));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckScenarioTotals(const proto::Scenario& m, const TextProtoFile& file) {
  ACD_RETURN_IF_ERROR(CheckAgentsAndShifts(m, file));
  ACD_RETURN_IF_ERROR(CheckListed(m, file));
  return CheckIntervals(m, file);
}

absl::Status CheckListedTotal(int64_t listed, const TextProtoFile& file, const std::string& where) {
  if (listed <= kMaxListedArrivals) return absl::OkStatus();
  return file.Error(where, absl::StrCat(listed, " listed arrivals so far (with trace rows), more "
                                                "than the limit of ",
                                        kMaxListedArrivals, " in a scenario"));
}

}  // namespace acd::sim
