// The analytic start of the staffing search (sim/staffing.h, step 1).

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "sim/erlang.h"
#include "sim/staffing.h"

namespace acd::sim {
namespace {

bool InSlice(const StaffingTarget& target, const ContactType& type, int k) {
  switch (target.slice) {
    case StaffingTarget::Slice::kContactType:
      return k == target.index;
    case StaffingTarget::Slice::kWorkgroup:
      return type.workgroup == target.index;
    case StaffingTarget::Slice::kTotal:
      return true;
  }
  return false;
}

// Arrivals per second of contact type `type` in `interval`.
double Rate(const Scenario& scenario, const ContactType& type, int interval) {
  const double interval_s = ToSeconds(scenario.interval);
  if (!type.rates_per_hour.empty()) {
    const size_t i = std::min<size_t>(interval, type.rates_per_hour.size() - 1);
    return type.rates_per_hour[i] / 3600;
  }
  const Time start = Time() + scenario.interval * interval;
  const Time end = start + scenario.interval;
  int64_t n = 0;
  for (const ContactType::Listed& l : type.listed) n += l.time >= start && l.time < end;
  return static_cast<double>(n) / interval_s;
}

// Whether agent group `g` is a member of workgroup `w`.
bool Serves(const Scenario& scenario, int g, int w) {
  const std::string& name = scenario.center.workgroups[w].name;
  for (size_t a = 0; a < scenario.agent_group.size(); ++a) {
    if (scenario.agent_group[a] != g) continue;
    for (const auto& m : scenario.center.agents[a].workgroups) {
      if (m.workgroup == name) return true;
    }
    return false;  // the group's agents are alike: the first decides
  }
  return false;
}

StaffingGoal GoalOf(const StaffingTarget& target) {
  return {.kpi = target.kpi, .limit = target.limit};
}

}  // namespace

bool TargetCovers(const Scenario& scenario, const StaffingTarget& target, int contact_type) {
  return InSlice(target, scenario.contact_types[contact_type], contact_type);
}

bool SliceHasTraffic(const Scenario& scenario, const StaffingTarget& target, int interval) {
  for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& type = scenario.contact_types[k];
    if (InSlice(target, type, static_cast<int>(k)) && Rate(scenario, type, interval) > 0) {
      return true;
    }
  }
  return false;
}

bool GroupServes(const Scenario& scenario, int group, const StaffingTarget& target) {
  for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
    const ContactType& type = scenario.contact_types[k];
    if (InSlice(target, type, static_cast<int>(k)) && Serves(scenario, group, type.workgroup)) {
      return true;
    }
  }
  return false;
}

std::vector<int> ErlangStart(const Scenario& scenario, const std::vector<StaffingTarget>& targets,
                             const std::vector<int>& groups, int interval) {
  // Per traffic (the set of contact types a target covers: targets on the
  // same traffic need the most any of them needs), then summed.
  std::map<std::vector<bool>, std::vector<double>> by_traffic;
  for (const StaffingTarget& target : targets) {
    std::vector<bool> traffic;
    for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
      traffic.push_back(InSlice(target, scenario.contact_types[k], static_cast<int>(k)));
    }
    std::vector<double>& share = by_traffic[traffic];
    share.resize(groups.size(), 0.0);
    double rate = 0, work = 0, patience_weight = 0, patience = 0;
    std::vector<bool> serving(groups.size(), false);
    for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
      const ContactType& type = scenario.contact_types[k];
      if (!InSlice(target, type, static_cast<int>(k))) continue;
      const double r = Rate(scenario, type, interval);
      const double wrap_up = ToSeconds(scenario.center.workgroups[type.workgroup].wrap_up);
      rate += r;
      work += r * (type.handle_time.mean_s() + wrap_up);
      if (type.patience) {
        patience += r * type.patience->mean_s();
        patience_weight += r;
      }
      for (size_t g = 0; g < groups.size(); ++g) {
        serving[g] = serving[g] || Serves(scenario, groups[g], type.workgroup);
      }
    }
    const int n_serving = static_cast<int>(std::count(serving.begin(), serving.end(), true));
    if (rate <= 0 || n_serving == 0) continue;
    QueueModel model{.calls_per_s = rate,
                     .aht_s = std::max(work / rate, 1e-3),
                     .agents = 1,
                     // Mixed with patient types: the mean over all arrivals.
                     .patience_s = patience_weight > 0 ? patience / rate : 0,
                     .threshold_s = target.threshold_s};
    absl::StatusOr<int> n = FewestAgents(model, GoalOf(target), 5000);
    const double agents = n.ok() ? *n : SquareRootStaffing(model.calls_per_s * model.aht_s, 1.0);
    for (size_t g = 0; g < groups.size(); ++g) {
      if (serving[g]) share[g] = std::max(share[g], agents / n_serving);
    }
  }
  std::vector<double> share(groups.size(), 0.0);
  for (const auto& [traffic, shares] : by_traffic) {
    for (size_t g = 0; g < groups.size(); ++g) share[g] += shares[g];
  }
  std::vector<int> start(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    start[g] = static_cast<int>(std::ceil(share[g] - 1e-9));
  }
  return start;
}

}  // namespace acd::sim
