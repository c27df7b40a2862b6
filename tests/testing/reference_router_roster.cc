// The reference router's roster commands (acd/commands.h): adding and
// removing agents and workgroups, written out again by scanning. A removed
// entry keeps its place in the configuration with an empty name.

#include <algorithm>
#include <string>
#include <vector>

#include "tests/testing/reference_router.h"

namespace acd::testing {

absl::Status ReferenceRouter::Do(const AddAgent& c) {
  if (c.config.name.empty()) return absl::InvalidArgumentError("name");
  for (const AgentConfig& a : config_.agents) {
    if (a.name == c.config.name) return absl::AlreadyExistsError("agent name");
  }
  CenterConfig next = config_;
  GrowSkills(c.config.skills, next);
  if (!ReferenceAgentOk(next, c.config)) return absl::InvalidArgumentError("agent config");
  next.agents.push_back(c.config);
  config_ = std::move(next);
  Agent& added = agents_.emplace_back();
  for (const MembershipConfig& m : c.config.workgroups) {
    for (size_t w = 0; w < config_.workgroups.size(); ++w) {
      if (config_.workgroups[w].name == m.workgroup) added.active[uint32_t(w)] = m.active;
    }
  }
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const AddWorkgroup& c) {
  if (c.config.name.empty()) return absl::InvalidArgumentError("name");
  for (const WorkgroupConfig& w : config_.workgroups) {
    if (w.name == c.config.name) return absl::AlreadyExistsError("workgroup name");
  }
  CenterConfig next = config_;
  GrowSkills(c.config.skills, next);
  next.workgroups.push_back(c.config);
  if (!ReferenceWorkgroupOk(next, next.workgroups.size() - 1, c.config)) {
    return absl::InvalidArgumentError("workgroup config");
  }
  config_ = std::move(next);
  counters_.emplace_back();
  last_offered_.emplace_back();
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const RemoveAgent& c) {
  if (!HasAgent(c.agent)) return absl::NotFoundError("agent");
  Agent& a = agents_[c.agent.value()];
  std::vector<WorkgroupId> affected;
  for (const auto& [wg, active] : a.active) affected.push_back(WorkgroupId(wg));
  // Logged out as LogOut does; then what it holds goes back, whatever its
  // state, without exclusion.
  while (!a.wrapping.empty()) FinishWrapUp(c.agent, a.wrapping.front());
  for (InteractionId id : std::vector<InteractionId>(a.held)) {
    Interaction& x = interactions_.at(id.value());
    affected.push_back(x.workgroup);
    Requeue(x, RequeueReason::kAgentLoggedOut, false);
  }
  for (auto& [id, x] : interactions_) {
    if (!x.preference_open || x.preferred_agent != c.agent) continue;
    x.preference_open = false;
    if (x.state == InteractionState::kWaiting) affected.push_back(x.workgroup);
  }
  agents_[c.agent.value()] = Agent{};
  config_.agents[c.agent.value()] = AgentConfig{};
  Rebalance(affected);
  return absl::OkStatus();
}

absl::Status ReferenceRouter::Do(const RemoveWorkgroup& c) {
  if (!HasWorkgroup(c.workgroup)) return absl::NotFoundError("workgroup");
  for (const auto& [id, x] : interactions_) {
    if (x.workgroup == c.workgroup) return absl::FailedPreconditionError("live interactions");
  }
  const std::string name = config_.workgroups[c.workgroup.value()].name;
  for (const WorkgroupConfig& w : config_.workgroups) {
    if (&w == &config_.workgroups[c.workgroup.value()]) continue;  // its own targets go with it
    if (w.overflow_workgroup == name) return absl::FailedPreconditionError("overflow target");
    if (w.max_hold_workgroup == name) return absl::FailedPreconditionError("max hold target");
  }
  std::vector<WorkgroupId> affected;
  for (size_t i = 0; i < agents_.size(); ++i) {
    if (agents_[i].active.erase(c.workgroup.value()) == 0) continue;
    auto& list = config_.agents[i].workgroups;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const MembershipConfig& m) { return m.workgroup == name; }),
               list.end());
    for (const auto& [wg, active] : agents_[i].active) affected.push_back(WorkgroupId(wg));
  }
  config_.workgroups[c.workgroup.value()] = WorkgroupConfig{};
  Rebalance(affected);
  return absl::OkStatus();
}

}  // namespace acd::testing
