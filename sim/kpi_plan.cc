#include "sim/kpi_plan.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "sim/version.h"

namespace acd::sim {

KpiPlan KpiPlan::For(const Scenario& scenario) {
  // The total, workgroups and contact types report every KPI of
  // sim/tally.h, and those of the 2nd.. service-level thresholds when a
  // contact type has them; agent groups report their agents' KPIs.
  std::vector<KpiInfo> kpis, agent_kpis;
  std::vector<std::function<double(const Tally&)>> values, agent_values;
  const auto take = [&](const KpiDefinition& kpi) {
    kpis.push_back({kpi.key, kpi.label, kpi.decimals, kpi.optional});
    values.push_back(kpi.value);
    const std::string key = kpi.key;
    if (key == "occupancy" || key == "utilization" || key == "staffed" ||
        key == "busy_agents_end") {
      agent_kpis.push_back(kpis.back());
      agent_values.push_back(kpi.value);
    }
  };
  for (const KpiDefinition& kpi : Kpis()) take(kpi);
  size_t thresholds = 1;
  for (const ContactType& k : scenario.contact_types) {
    thresholds = std::max(thresholds, k.service_levels.size());
  }
  for (size_t t = 1; t < thresholds && t <= ThresholdKpis().size(); ++t) {
    take(ThresholdKpis()[t - 1]);
  }
  std::vector<std::string> workgroups;
  for (const WorkgroupConfig& w : scenario.center.workgroups) workgroups.push_back(w.name);
  std::vector<std::string> contact_types;
  for (const ContactType& k : scenario.contact_types) contact_types.push_back(k.name);

  KpiPlan plan;
  const int64_t interval_us = scenario.interval.microseconds();
  plan.layout_.intervals =
      static_cast<int>((scenario.horizon.microseconds() + interval_us - 1) / interval_us);
  const auto add = [&](std::string kind, std::vector<std::string> members, Source source,
                       bool agents = false) {
    plan.layout_.slices.push_back(
        {std::move(kind), std::move(members), agents ? agent_kpis : kpis});
    source.values = agents ? agent_values : values;
    plan.sources_.push_back(std::move(source));
  };
  add("total", {"total"},
      {.members = [](const ReplicationResult&) -> size_t { return 1; },
       .whole = [](const ReplicationResult& r, size_t) -> const Tally& { return r.total; },
       .intervals = [](const ReplicationResult& r, size_t) -> const std::vector<Tally>& {
         return r.total_intervals;
       }});
  add("workgroups", std::move(workgroups),
      {.members =
           [](const ReplicationResult& r) {
             return std::min(r.workgroups.size(), r.workgroup_intervals.size());
           },
       .whole = [](const ReplicationResult& r, size_t w) -> const Tally& {
         return r.workgroups[w];
       },
       .intervals = [](const ReplicationResult& r, size_t w) -> const std::vector<Tally>& {
         return r.workgroup_intervals[w];
       }});
  add("contact_types", std::move(contact_types),
      {.members =
           [](const ReplicationResult& r) {
             return std::min(r.contact_types.size(), r.contact_type_intervals.size());
           },
       .whole = [](const ReplicationResult& r, size_t k) -> const Tally& {
         return r.contact_types[k];
       },
       .intervals = [](const ReplicationResult& r, size_t k) -> const std::vector<Tally>& {
         return r.contact_type_intervals[k];
       }});
  // Only with agent groups: a slice needs members (sim/partial_result.h).
  if (!scenario.agent_groups.empty()) {
    std::vector<std::string> groups;
    for (const AgentGroup& g : scenario.agent_groups) groups.push_back(g.name);
    add("agent_groups", std::move(groups),
        {.members =
             [](const ReplicationResult& r) {
               return std::min(r.agent_groups.size(), r.agent_group_intervals.size());
             },
         .whole = [](const ReplicationResult& r, size_t g) -> const Tally& {
           return r.agent_groups[g];
         },
         .intervals = [](const ReplicationResult& r, size_t g) -> const std::vector<Tally>& {
           return r.agent_group_intervals[g];
         }},
        /*agents=*/true);
  }
  return plan;
}

KpiPlan KpiPlan::WithoutSlice(const std::string& kind) const {
  KpiPlan plan = *this;
  const int slice = plan.layout_.FindSlice(kind);
  if (slice >= 0) {
    plan.layout_.slices.erase(plan.layout_.slices.begin() + slice);
    plan.sources_.erase(plan.sources_.begin() + slice);
  }
  return plan;
}

StudyInfo StudyOf(const Scenario& scenario) {
  std::vector<std::pair<std::string, std::vector<double>>> service_levels;
  if (scenario.own_service_levels) {
    for (const ContactType& k : scenario.contact_types) {
      std::vector<double> seconds;
      for (Duration t : k.service_levels) seconds.push_back(ToSeconds(t));
      service_levels.emplace_back(k.name, std::move(seconds));
    }
  }
  return {.version = ProgramVersion(),
          .scenario = scenario.name,
          .warnings = scenario.warnings,
          .seed = scenario.seed,
          .replications = scenario.replications,
          .service_level_s = ToSeconds(scenario.service_level),
          .horizon_s = ToSeconds(scenario.horizon),
          .warmup_s = ToSeconds(scenario.warmup),
          .interval_s = ToSeconds(scenario.interval),
          .day_start_s = scenario.day_start_s,
          .service_levels_s = std::move(service_levels)};
}

absl::Status KpiPlan::Observe(const ReplicationResult& result, std::vector<double>& values) const {
  values.resize(layout_.CellCount());
  size_t cell = 0;
  for (size_t s = 0; s < sources_.size(); ++s) {
    const Source& source = sources_[s];
    if (source.members(result) != layout_.slices[s].members.size()) {
      return absl::InternalError(absl::StrCat(
          "a replication's result has ", source.members(result), " ", layout_.slices[s].kind,
          " where its scenario has ", layout_.slices[s].members.size()));
    }
    for (size_t m = 0; m < layout_.slices[s].members.size(); ++m) {
      const std::vector<Tally>& intervals = source.intervals(result, m);
      if (intervals.size() != static_cast<size_t>(layout_.intervals)) {
        return absl::InternalError(absl::StrCat("a replication has ", intervals.size(),
                                                " intervals where ", layout_.intervals,
                                                " were expected"));
      }
      for (const auto& value : source.values) values[cell++] = value(source.whole(result, m));
      for (const Tally& tally : intervals) {
        for (const auto& value : source.values) values[cell++] = value(tally);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace acd::sim
