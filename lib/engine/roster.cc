// Changing the roster while running: adding and removing agents and
// workgroups (acd/commands.h states the rules, docs/design.md 3.13 the
// reasons). Each builds the changed configuration, validated as
// Engine::Create would, before it changes anything; the components then
// take the new center in place (Reconfigure), appending fresh state for
// what was added. A removed entry stays in the center as an entry with an
// empty name, so that ids stay dense and are never reused.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/center.h"
#include "lib/engine/engine_impl.h"

namespace acd {

using internal::Center;

namespace {

// AlreadyExists for a name a live entry has; InvalidArgument, naming the
// field at the new entry's index, for an empty one.
absl::Status CheckNewName(absl::string_view kind, absl::string_view field, size_t index,
                          const std::string& name, bool in_use) {
  if (name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, "[", index, "].name: must not be empty"));
  }
  if (in_use) {
    return absl::AlreadyExistsError(
        absl::StrCat(field, "[", index, "].name: ", kind, " \"", name, "\" already exists"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status Engine::Impl::Handle(const AddAgent& c) {
  const size_t index = center_.config().agents.size();
  ACD_RETURN_IF_ERROR(CheckNewName("agent", "agents", index, c.config.name,
                                   center_.FindAgent(c.config.name).valid()));
  CenterConfig next = center_.config();
  next.agents.push_back(c.config);
  internal::AddNewSkills(c.config.skills, next);
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(next, /*allow_removed=*/true));
  Reconfigure(std::move(center), {});
  // Logged out: nothing to route until it logs in.
  ReportAgent(AgentId(static_cast<uint32_t>(index)));
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const AddWorkgroup& c) {
  const size_t index = center_.config().workgroups.size();
  ACD_RETURN_IF_ERROR(CheckNewName("workgroup", "workgroups", index, c.config.name,
                                   center_.FindWorkgroup(c.config.name).valid()));
  CenterConfig next = center_.config();
  next.workgroups.push_back(c.config);
  internal::AddNewSkills(c.config.skills, next);
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(next, /*allow_removed=*/true));
  // No member and nothing waiting: nothing to route.
  Reconfigure(std::move(center), {});
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const RemoveAgent& c) {
  ACD_RETURN_IF_ERROR(CheckAgent(c.agent));
  CenterConfig next = center_.config();
  next.agents[c.agent.value()] = AgentConfig{};
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(next, /*allow_removed=*/true));
  std::vector<WorkgroupId> affected = center_.agent_model(c.agent).workgroups;
  // Logged out as LogOut does: wrap-ups end, alerting offers go back.
  const AgentState& a = agents_.agent(c.agent);
  while (!a.wrapping.empty()) FinishWrapUp(c.agent, a.wrapping.front());
  ReturnHeld(c.agent, affected);
  ClosePreferences(c.agent, affected);
  agents_.Remove(c.agent);
  Reconfigure(std::move(center), {});
  ReportAgent(c.agent);
  Rebalance(affected);
  return absl::OkStatus();
}

void Engine::Impl::ReturnHeld(AgentId agent, std::vector<WorkgroupId>& affected) {
  // Alerting, connected or held, in offer order: each back in its queue
  // with its queue time, no exclusion and no priority change.
  for (InteractionId id : std::vector<InteractionId>(agents_.agent(agent).held)) {
    InteractionRecord& x = Record(id);
    affected.push_back(x.workgroup);
    Requeue(x, RequeueReason::kAgentLoggedOut, /*exclude=*/false);
  }
}

void Engine::Impl::ClosePreferences(AgentId agent, std::vector<WorkgroupId>& affected) {
  std::vector<InteractionId> preferring;
  interactions_.ForEachLive([&](const InteractionRecord& x) {
    if (x.preference_open && x.preferred_agent == agent) preferring.push_back(x.id);
  });
  std::sort(preferring.begin(), preferring.end());
  for (InteractionId id : preferring) {
    InteractionRecord& x = Record(id);
    const bool waiting = x.state == InteractionState::kWaiting;
    if (waiting) interactions_.Unfile(x);
    x.preference_open = false;
    if (waiting) {
      interactions_.File(x);
      affected.push_back(x.workgroup);
    }
  }
}

absl::Status Engine::Impl::Handle(const RemoveWorkgroup& c) {
  ACD_RETURN_IF_ERROR(CheckWorkgroup(c.workgroup));
  const WorkgroupConfig& removing = center_.workgroup(c.workgroup);
  const WorkgroupCounters& n = stats_.counters(c.workgroup);
  const int64_t live = n.entered - n.completed - n.abandoned - n.failed - n.transferred_out;
  if (live > 0) {
    return absl::FailedPreconditionError(absl::StrCat("workgroup ", removing.name, ": holds ", live,
                                                      " live interaction(s); not removed"));
  }
  for (int w = 0; w < center_.workgroup_count(); ++w) {
    // Its own targets (a workgroup may send held interactions to itself) go with it.
    if (WorkgroupId(w) == c.workgroup) continue;
    if (center_.workgroup_model(WorkgroupId(w)).overflow == c.workgroup) {
      return absl::FailedPreconditionError(
          absl::StrCat("workgroup ", removing.name, ": is the overflow workgroup of ",
                       center_.workgroup(WorkgroupId(w)).name, "; not removed"));
    }
    if (center_.workgroup_model(WorkgroupId(w)).max_hold_target == c.workgroup) {
      return absl::FailedPreconditionError(absl::StrCat(
          "workgroup ", removing.name, ": is where ", center_.workgroup(WorkgroupId(w)).name,
          " transfers interactions held too long; not removed"));
    }
  }
  CenterConfig next = center_.config();
  const std::vector<AgentId> members = center_.workgroup_model(c.workgroup).members;
  for (AgentId member : members) {
    auto& list = next.agents[member.value()].workgroups;
    list.erase(
        std::remove_if(list.begin(), list.end(),
                       [&](const MembershipConfig& m) { return m.workgroup == removing.name; }),
        list.end());
  }
  next.workgroups[c.workgroup.value()] = WorkgroupConfig{};
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(next, /*allow_removed=*/true));
  // The members keep the activation of their other memberships.
  for (AgentId member : members) {
    std::vector<bool> active = agents_.agent(member).active;
    active.erase(active.begin() + center_.MembershipIndex(member, c.workgroup));
    agents_.ResetActivation(member, std::move(active));
  }
  Reconfigure(std::move(center), {});
  // Inherited skills may have changed: eligibility and tiers in every
  // workgroup of the former members.
  std::vector<WorkgroupId> affected;
  for (AgentId member : members) {
    const auto& in = center_.agent_model(member).workgroups;
    affected.insert(affected.end(), in.begin(), in.end());
  }
  Rebalance(affected);
  return absl::OkStatus();
}

}  // namespace acd
