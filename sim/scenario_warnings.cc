#include "sim/scenario_warnings.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"

namespace acd::sim {
namespace {

class Warnings {
 public:
  explicit Warnings(const TextProtoFile& file) : file_(file) {}
  void Add(const std::string& path, const std::string& message) {
    list_.push_back(absl::StrCat(file_.Where(path), ": ", path, ": ", message));
  }
  std::vector<std::string> Take() { return std::move(list_); }

 private:
  const TextProtoFile& file_;
  std::vector<std::string> list_;
};

// Whether `agent`, with its workgroup's inherited skills under its own,
// meets every requirement.
bool CanServe(const AgentConfig& agent, const WorkgroupConfig& workgroup,
              const std::vector<std::string>& skills,
              const std::vector<SkillRequirement>& requirements) {
  for (const SkillRequirement& req : requirements) {
    const std::string& name = skills[req.skill.value()];
    const auto level_of = [&](const std::vector<SkillLevel>& levels) -> const SkillLevel* {
      for (const SkillLevel& level : levels) {
        if (level.skill == name) return &level;
      }
      return nullptr;
    };
    const SkillLevel* level = level_of(agent.skills);
    if (level == nullptr) level = level_of(workgroup.skills);
    if (level == nullptr || level->proficiency < req.min_proficiency ||
        level->proficiency > req.max_proficiency || level->desire < req.min_desire) {
      return false;
    }
  }
  return true;
}

// The workgroup `first` and those its queue overflows to, as indexes.
std::vector<size_t> OverflowChain(const CenterConfig& center, size_t first) {
  std::vector<size_t> chain{first};
  for (size_t at = first;;) {
    const std::string& next = center.workgroups[at].overflow_workgroup;
    if (center.workgroups[at].queue_timeout <= Duration::Zero() || next.empty()) break;
    auto it = std::find_if(center.workgroups.begin(), center.workgroups.end(),
                           [&](const WorkgroupConfig& w) { return w.name == next; });
    if (it == center.workgroups.end()) break;
    at = static_cast<size_t>(it - center.workgroups.begin());
    if (std::find(chain.begin(), chain.end(), at) != chain.end()) break;
    chain.push_back(at);
  }
  return chain;
}

bool Servable(const Scenario& scenario, const ContactType& type) {
  const CenterConfig& center = scenario.center;
  for (size_t w : OverflowChain(center, static_cast<size_t>(type.workgroup))) {
    const WorkgroupConfig& workgroup = center.workgroups[w];
    for (const AgentConfig& agent : center.agents) {
      for (const MembershipConfig& m : agent.workgroups) {
        if (m.active && m.workgroup == workgroup.name &&
            CanServe(agent, workgroup, center.skills, type.requirements)) {
          return true;
        }
      }
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> ScenarioWarnings(const proto::Scenario& m, const TextProtoFile& file,
                                          const Scenario& scenario) {
  Warnings warnings(file);
  const double interval_s = ToSeconds(scenario.interval);
  const double horizon_s = ToSeconds(scenario.horizon);
  if (interval_s < 60) {
    warnings.Add("interval_s",
                 absl::StrCat(interval_s, " s is shorter than a minute (minutes meant?): ",
                              std::ceil(horizon_s / interval_s), " intervals"));
  }
  const double arrivals_end_s =
      scenario.closing ? std::min(horizon_s, ToSeconds(*scenario.closing - Time())) : horizon_s;
  for (int i = 0; i < m.contact_types_size(); ++i) {
    const proto::ContactType& ct = m.contact_types(i);
    const int rates = ct.arrivals().poisson().rates_per_hour_size();
    if (ct.arrivals().has_poisson() && rates > 0 && rates * interval_s < arrivals_end_s) {
      warnings.Add(absl::StrCat("contact_types[", i, "].arrivals.poisson.rates_per_hour"),
                   absl::StrCat(rates, " rates of ", interval_s, " s cover ", rates * interval_s,
                                " s of the ", arrivals_end_s,
                                " s with arrivals: the last rate runs on to the end"));
    }
  }
  for (size_t i = 0; i < scenario.contact_types.size(); ++i) {
    const ContactType& type = scenario.contact_types[i];
    if (!Servable(scenario, type)) {
      warnings.Add(absl::StrCat("contact_types[", i, "].workgroup"),
                   absl::StrCat("no agent can serve \"", type.name,
                                "\" (none is an active member of workgroup \"",
                                scenario.center.workgroups[type.workgroup].name,
                                "\" or one it overflows to, with the required skills)"));
    }
  }
  std::set<std::string> with_members;
  for (const AgentConfig& agent : scenario.center.agents) {
    for (const MembershipConfig& membership : agent.workgroups) {
      with_members.insert(membership.workgroup);
    }
  }
  for (size_t w = 0; w < scenario.center.workgroups.size(); ++w) {
    const std::string& name = scenario.center.workgroups[w].name;
    if (with_members.count(name) == 0) {
      warnings.Add(absl::StrCat("center.workgroups[", w, "]"),
                   absl::StrCat("workgroup \"", name, "\" has no members"));
    }
  }
  for (int g = 0; g < m.agent_groups_size(); ++g) {
    for (int s = 0; s < m.agent_groups(g).shifts_size(); ++s) {
      const proto::Shift& shift = m.agent_groups(g).shifts(s);
      if (shift.start_s() >= horizon_s) {
        warnings.Add(absl::StrCat("agent_groups[", g, "].shifts[", s, "].start_s"),
                     absl::StrCat(shift.start_s(), " is at or after the horizon (", horizon_s,
                                  " s): the shift is never worked"));
      }
    }
  }
  return warnings.Take();
}

}  // namespace acd::sim
