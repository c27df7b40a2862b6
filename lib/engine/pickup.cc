// Pickup, and what ends a hold that lasted too long: the agent's own
// taking of an interaction (acd/commands.h states the rules) and the
// workgroup's maximum time on hold (WorkgroupConfig::max_hold).

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/engine_impl.h"

namespace acd {

absl::Status Engine::Impl::Handle(const Pickup& c) {
  ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  const InteractionState state = x->state;
  if (state != InteractionState::kWaiting && state != InteractionState::kHeld) {
    return WrongState(*x, "waiting or held");
  }
  if (state == InteractionState::kHeld && x->agent == c.agent) {
    return Handle(Resume{.now = c.now, .interaction = c.interaction});
  }
  const auto refuse = [&](absl::string_view why) {
    return absl::FailedPreconditionError(absl::StrCat("interaction ", x->id.value(),
                                                      ": agent ", center_.agent(c.agent).name,
                                                      " cannot pick it up: ", why));
  };
  const WorkgroupConfig& config = center_.workgroup(x->workgroup);
  if (!config.allow_pickup_by_non_members &&
      center_.MembershipIndex(c.agent, x->workgroup) < 0) {
    return refuse(absl::StrCat("not a member of workgroup ", config.name,
                               ", which allows pickup by members only"));
  }
  if (!HasCapacity(c.agent, x->workgroup, x->media)) {
    return refuse(absl::StrCat("no capacity for a ", MediaName(x->media)));
  }

  const internal::Utilization u = center_.UtilizationFor(c.agent, x->workgroup, x->media);
  if (state == InteractionState::kWaiting) {
    LeaveQueue(*x);
    ClearExclusion(*x);
    x->agent = c.agent;
    x->percent = u.percent;
    agents_.Take(c.agent, x->id, x->media, u.percent);
    Connect(*x);
    return absl::OkStatus();
  }
  // Held by another agent: it moves, already answered.
  const AgentId from = Detach(*x);
  x->state = InteractionState::kConnected;
  x->hold_due = Time::Infinite();
  x->agent = c.agent;
  x->percent = u.percent;
  x->connected_at = now_;
  agents_.Take(c.agent, x->id, x->media, u.percent);
  ReportInteraction(*x, c.agent);
  ReportAgent(c.agent);
  ReportAgent(from);
  FillAgent(from);
  return absl::OkStatus();
}

void Engine::Impl::HoldExceeded(InteractionRecord& x) {
  x.hold_due = Time::Infinite();
  const WorkgroupId target = center_.workgroup_model(x.workgroup).max_hold_target;
  // The action is the workgroup's when the hold runs out; a transfer that
  // would find its queue full disconnects instead.
  if (center_.workgroup(x.workgroup).max_hold_action != MaxHoldAction::kTransfer ||
      Refused(x, target, /*leaving=*/0)) {
    EndConnected(x);
    return;
  }
  const AgentId from = Detach(x);
  x.transferred = true;
  MoveToWorkgroup(x, target, RequeueReason::kTransferred, from);
  RouteInteraction(x);
  ReportAgent(from);
  FillAgent(from);
}

}  // namespace acd
