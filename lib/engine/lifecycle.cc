// The commands of the media lifecycles and of live reconfiguration: blind
// transfer, callback outcomes, priority changes, and replacing an agent's or
// a workgroup's configuration (acd/commands.h states their rules).

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/bounds.h"
#include "lib/engine/center.h"
#include "lib/engine/engine_impl.h"

namespace acd {

using internal::Center;

bool Engine::Impl::Refused(const InteractionRecord& x, WorkgroupId wg, int leaving) {
  const int capacity = center_.workgroup(wg).queue_capacity;
  if (capacity < 0 || stats_.counters(wg).waiting - leaving < capacity) return false;
  // Full: it may still enter if an agent would take it at once. Ask on a
  // copy standing where it would wait.
  InteractionRecord probe = x;
  probe.state = InteractionState::kWaiting;
  if (probe.workgroup != wg) {
    probe.group = interactions_.GroupIn(x, wg);
    probe.workgroup = wg;
    probe.entered_queue = now_;
    probe.preference_open = false;
    ClearExclusion(probe);
  }
  Time next;
  probe.bucket = StaticTier(probe, next);
  internal::AgentChoice second;
  return !ChooseAgent(probe, /*record=*/false, second).agent.valid();
}

absl::Status Engine::Impl::CheckTransfer(const InteractionRecord& x, const Transfer& c) {
  const auto where = [&c] { return absl::StrCat("interaction ", c.interaction.value()); };
  if (c.workgroup.valid() == c.agent.valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where(), ": a transfer names exactly one of a workgroup or an agent"));
  }
  const InteractionState state = x.state;
  if (state != InteractionState::kWaiting && state != InteractionState::kAlerting &&
      state != InteractionState::kConnected && state != InteractionState::kHeld) {
    return WrongState(x, "waiting, alerting, connected or held");
  }
  if (x.media == MediaType::kWorkItem && state == InteractionState::kConnected) {
    return absl::FailedPreconditionError(absl::StrCat(
        where(), ": a work item in progress (connected) cannot be transferred; hold it first"));
  }
  if (c.workgroup.valid()) {
    ACD_RETURN_IF_ERROR(CheckWorkgroup(c.workgroup));
    const bool waiting_there = state == InteractionState::kWaiting && x.workgroup == c.workgroup;
    if (Refused(x, c.workgroup, waiting_there ? 1 : 0)) {
      return absl::ResourceExhaustedError(
          absl::StrCat(where(), ": the queue of workgroup ", center_.workgroup(c.workgroup).name,
                       " is full (capacity ", center_.workgroup(c.workgroup).queue_capacity, ")"));
    }
    return absl::OkStatus();
  }
  ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
  const auto refuse = [&](absl::string_view why) {
    return absl::FailedPreconditionError(absl::StrCat(where(), ": cannot transfer to agent ",
                                                      center_.agent(c.agent).name, ": ", why));
  };
  if (x.agent == c.agent) return refuse("it is already with that agent");
  const StatusConfig& status = center_.status(agents_[c.agent.value()].status);
  if (status.dnd && !internal::TransferIgnoresStatus(x.media)) {
    return refuse(absl::StrCat("the agent is in the do-not-disturb status \"", status.name,
                               "\", where a transferred ", MediaName(x.media),
                               " does not ring; send it to the agent's voicemail"));
  }
  if (!HasCapacity(c.agent, x.workgroup, x.media)) return refuse("no capacity for its media");
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const Transfer& c) {
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  ACD_RETURN_IF_ERROR(CheckTransfer(*x, c));
  AgentId from;
  switch (x->state) {
    case InteractionState::kWaiting:
      LeaveQueue(*x);
      break;
    case InteractionState::kAlerting:
      // The offer is withdrawn: no miss, no status change, no talk time.
      from = x->agent;
      x->alert_due = Time::Infinite();
      ReleaseCapacity(*x);
      x->agent = AgentId();
      break;
    default:
      from = Detach(*x);
  }
  x->state = InteractionState::kTransferred;  // off the queue, on its way
  x->transferred = true;
  if (c.workgroup.valid()) {
    MoveToWorkgroup(*x, c.workgroup, RequeueReason::kTransferred, from);
    RouteInteraction(*x);
  } else {
    x->preference_open = false;
    Offer(*x, c.agent, /*direct=*/true, RequeueReason::kTransferred);
  }
  if (from.valid()) {
    ReportAgent(from);
    FillAgent(from);
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const ReportCallback& c) {
  ACD_RETURN_IF_ERROR(internal::CheckCallbackOutcome(c.outcome, "report_callback"));
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  if (x->media != MediaType::kCallback) {
    return absl::FailedPreconditionError(absl::StrCat("interaction ", x->id.value(), ": is a ",
                                                      MediaName(x->media), ", not a callback"));
  }
  if (x->state != InteractionState::kConnected && x->state != InteractionState::kHeld) {
    return WrongState(*x, "connected or held");
  }
  ++x->attempts;
  const bool last = x->attempts >= center_.workgroup(x->workgroup).callback_max_attempts;
  switch (c.outcome) {
    case CallbackOutcome::kComplete:
      break;
    case CallbackOutcome::kAttemptFailed:
      x->failed = true;
      break;
    case CallbackOutcome::kRetryLater:
      if (!last) {
        Snooze(*x);
        return absl::OkStatus();
      }
      x->failed = true;
      break;
  }
  EndConnected(*x);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const SetPriority& c) {
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  if (c.priority < 0 || c.priority > 1000) {
    return absl::InvalidArgumentError(absl::StrCat("interaction ", x->id.value(), ": priority ",
                                                   c.priority, " is outside 0..1000"));
  }
  if (x->state == InteractionState::kWrapUp) return WrongState(*x, "live");
  x->priority = c.priority;
  if (x->state == InteractionState::kWaiting) {
    // Only the order key changes; the tier and timers stay as they are.
    interactions_.Unfile(*x);
    x->order_key = OrderKey(*x);
    interactions_.File(*x);
    RouteInteraction(*x);
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const UpdateAgent& c) {
  ACD_RETURN_IF_ERROR(CheckAgent(c.agent));
  const std::string& name = center_.agent(c.agent).name;
  if (c.config.name != name) {
    return absl::InvalidArgumentError(absl::StrCat("agent ", name, ": config.name \"",
                                                   c.config.name, "\" differs (no renaming)"));
  }
  CenterConfig next = center_.config();
  next.agents[c.agent.value()] = c.config;
  internal::AddNewSkills(c.config.skills, next);
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(next, /*allow_removed=*/true));
  std::vector<WorkgroupId> affected = center_.agent_model(c.agent).workgroups;
  // Activation as the new configuration says, one flag per new membership.
  agents_.ResetActivation(c.agent, center.agent_model(c.agent).initially_active);
  Reconfigure(std::move(center), {});
  const auto& now_in = center_.agent_model(c.agent).workgroups;
  affected.insert(affected.end(), now_in.begin(), now_in.end());
  ReportAgent(c.agent);
  FillAgent(c.agent);
  Rebalance(affected);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const UpdateWorkgroup& c) {
  ACD_RETURN_IF_ERROR(CheckWorkgroup(c.workgroup));
  const std::string& name = center_.workgroup(c.workgroup).name;
  if (c.config.name != name) {
    return absl::InvalidArgumentError(absl::StrCat("workgroup ", name, ": config.name \"",
                                                   c.config.name, "\" differs (no renaming)"));
  }
  CenterConfig next = center_.config();
  next.workgroups[c.workgroup.value()] = c.config;
  internal::AddNewSkills(c.config.skills, next);
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(next, /*allow_removed=*/true));
  Reconfigure(std::move(center), {c.workgroup});
  // Inherited skills may have changed for every member, and with them
  // eligibility and tiers in all the members' workgroups.
  std::vector<WorkgroupId> affected = {c.workgroup};
  for (AgentId member : center_.workgroup_model(c.workgroup).members) {
    const auto& in = center_.agent_model(member).workgroups;
    affected.insert(affected.end(), in.begin(), in.end());
  }
  Rebalance(affected);
  return absl::OkStatus();
}

void Engine::Impl::Reconfigure(Center center, const std::vector<WorkgroupId>& refile) {
  center_ = std::move(center);
  stats_.Grow();
  interactions_.Grow();
  last_offered_.resize(static_cast<size_t>(center_.workgroup_count()));
  agents_.Rebuild();
  for (WorkgroupId wg : refile) {
    // Every waiting interaction of the workgroup, in a fixed order.
    std::vector<std::pair<InteractionId, uint32_t>> waiting;
    interactions_.ForEachWaiting(
        wg, [&](uint32_t slot) { waiting.emplace_back(interactions_.record(slot).id, slot); });
    std::sort(waiting.begin(), waiting.end());
    for (const auto& [id, slot] : waiting) {
      InteractionRecord& x = interactions_.record(slot);
      interactions_.Unfile(x);
      x.group = interactions_.GroupIn(x, wg);
      Key(x);
      interactions_.File(x);
    }
    // The rest (alerting, connected, ...) take the new tiers too, for when
    // they wait again; in id order, so that new groups are numbered alike
    // on every run.
    std::vector<InteractionId> others;
    interactions_.ForEachLive([&](const InteractionRecord& x) {
      if (x.workgroup == wg && x.state != InteractionState::kWaiting) others.push_back(x.id);
    });
    std::sort(others.begin(), others.end());
    for (InteractionId id : others) {
      InteractionRecord& x = interactions_.Get(id);
      x.group = interactions_.GroupIn(x, wg);
    }
  }
}

}  // namespace acd
