// What the engine does with agents: their commands (log in and out, status,
// activation, end of wrap-up), the agent transitions other commands and
// timers share (a wrap-up ends, the status changes), and their reports to
// the observer. Agent state itself is written only by the agent book
// (agent_book.h).

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/engine_impl.h"

namespace acd {

// ---- Commands ------------------------------------------------------------------

absl::Status Engine::Impl::CheckLoggedIn(AgentId id) const {
  ACD_RETURN_IF_ERROR(CheckAgent(id));
  if (!agents_[id.value()].logged_in) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent ", center_.agent(id).name, ": not logged in"));
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const LogIn& c) {
  ACD_RETURN_IF_ERROR(CheckAgent(c.agent));
  const StatusId status = c.status.valid() ? c.status : center_.available_status();
  ACD_RETURN_IF_ERROR(CheckStatus(status));
  if (agents_.agent(c.agent).logged_in) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent ", center_.agent(c.agent).name, ": already logged in"));
  }
  agents_.LogIn(c.agent, status, now_);
  ReportAgent(c.agent);
  FillAgent(c.agent);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const LogOut& c) {
  ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
  const AgentState& a = agents_.agent(c.agent);
  while (!a.wrapping.empty()) FinishWrapUp(c.agent, a.wrapping.front());
  agents_.LogOut(c.agent);
  std::vector<WorkgroupId> affected = center_.agent_model(c.agent).workgroups;
  for (InteractionId id : std::vector<InteractionId>(a.held)) {
    InteractionRecord& x = Record(id);
    if (x.state != InteractionState::kAlerting) continue;
    affected.push_back(x.workgroup);
    Requeue(x, RequeueReason::kAgentLoggedOut, /*exclude=*/false);
  }
  ReportAgent(c.agent);
  Rebalance(affected);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const SetStatus& c) {
  ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
  ACD_RETURN_IF_ERROR(CheckStatus(c.status));
  SetAgentStatus(c.agent, c.status);
  FillAgent(c.agent);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const SetActivation& c) {
  ACD_RETURN_IF_ERROR(CheckAgent(c.agent));
  ACD_RETURN_IF_ERROR(CheckWorkgroup(c.workgroup));
  const int m = center_.MembershipIndex(c.agent, c.workgroup);
  if (m < 0) {
    return absl::FailedPreconditionError(absl::StrCat("agent ", center_.agent(c.agent).name,
                                                      ": not a member of workgroup ",
                                                      center_.workgroup(c.workgroup).name));
  }
  if (!agents_.SetActive(c.agent, m, c.active)) return absl::OkStatus();
  ReportAgent(c.agent);
  if (c.active) {
    FillAgent(c.agent);
  } else {
    Rebalance({c.workgroup});
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const EndWrapUp& c) {
  ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
  const AgentState& a = agents_.agent(c.agent);
  if (a.wrapping.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent ", center_.agent(c.agent).name, ": not in wrap-up"));
  }
  while (!a.wrapping.empty()) FinishWrapUp(c.agent, a.wrapping.front());
  FillAgent(c.agent);
  return absl::OkStatus();
}

// ---- Transitions ---------------------------------------------------------------

void Engine::Impl::FinishWrapUp(AgentId agent, InteractionId id) {
  agents_.EndWrapUp(agent, id);
  Complete(Record(id));
  agents_.SetAvailableSince(agent, now_);
  const AgentState& a = agents_.agent(agent);
  if (a.wrapping.empty() && a.logged_in && center_.status(a.status).acw) {
    SetAgentStatus(agent, a.status_after_wrap_up.valid() ? a.status_after_wrap_up
                                                         : center_.available_status());
  } else {
    ReportAgent(agent);
  }
}

void Engine::Impl::SetAgentStatus(AgentId agent, StatusId status) {
  agents_.SetStatus(agent, status);
  ReportAgent(agent);
}

// ---- Queries and reports ---------------------------------------------------------

absl::StatusOr<AgentView> Engine::Impl::GetAgent(AgentId id) const {
  ACD_RETURN_IF_ERROR(CheckAgent(id));
  const AgentState& a = agents_.agent(id);
  AgentView view{.id = id,
                 .logged_in = a.logged_in,
                 .status = a.status,
                 .activity = ActivityOf(a),
                 .available_since = a.available_since,
                 .used_percent = a.used_percent,
                 .misses = a.misses};
  view.interactions = a.held;
  view.interactions.insert(view.interactions.end(), a.wrapping.begin(), a.wrapping.end());
  const auto& workgroups = center_.agent_model(id).workgroups;
  for (size_t m = 0; m < workgroups.size(); ++m) {
    view.memberships.emplace_back(workgroups[m], a.active[m]);
  }
  return view;
}

namespace {

// What an agent holding nothing (in alerting, connected or held state) does.
AgentActivity Unoccupied(const internal::AgentState& a) {
  if (!a.wrapping.empty()) return AgentActivity::kWrapUp;
  return a.logged_in ? AgentActivity::kIdle : AgentActivity::kLoggedOut;
}

}  // namespace

AgentActivity Engine::Impl::ActivityOf(const AgentState& a, const InteractionRecord* known) const {
  // Most reports are of an agent holding nothing, or only `known`: these
  // need no lookup, and return before the call that makes one.
  if (a.held.empty()) return Unoccupied(a);
  if (a.held.size() == 1 && known != nullptr && known->id == a.held.front()) {
    switch (known->state) {
      case InteractionState::kAlerting:
        return AgentActivity::kAlerting;
      case InteractionState::kConnected:
      case InteractionState::kHeld:
        return AgentActivity::kBusy;
      default:
        return Unoccupied(a);
    }
  }
  return ActivityOfHeld(a, known);
}

AgentActivity Engine::Impl::ActivityOfHeld(const AgentState& a,
                                           const InteractionRecord* known) const {
  bool connected = false;
  for (InteractionId id : a.held) {
    const InteractionState state =
        known != nullptr && known->id == id ? known->state : FindRecord(id)->state;
    if (state == InteractionState::kAlerting) return AgentActivity::kAlerting;
    connected =
        connected || state == InteractionState::kConnected || state == InteractionState::kHeld;
  }
  return connected ? AgentActivity::kBusy : Unoccupied(a);
}

void Engine::Impl::ReportAgent(AgentId agent, const InteractionRecord* known) {
  if (observer_ == nullptr) return;
  const AgentState& a = agents_.agent(agent);
  observer_->OnAgent(
      {.now = now_, .agent = agent, .activity = ActivityOf(a, known), .status = a.status});
}

}  // namespace acd
