// The event loop of one replication (sim/replication_driver.h).

#include "sim/replication_driver.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/engine_check.h"

namespace acd::sim {
namespace {

// Each agent's active memberships, as workgroup indexes.
std::vector<std::vector<int>> ActiveWorkgroups(const Scenario& scenario, const Engine& engine) {
  std::vector<std::vector<int>> active(scenario.center.agents.size());
  for (size_t a = 0; a < active.size(); ++a) {
    for (const MembershipConfig& m : scenario.center.agents[a].workgroups) {
      if (m.active)
        active[a].push_back(static_cast<int>(engine.FindWorkgroup(m.workgroup)->value()));
    }
  }
  return active;
}

std::optional<TraceWriter> TraceTo(std::string* trace) {
  if (trace == nullptr) return std::nullopt;
  return TraceWriter(trace);
}

}  // namespace

ReplicationDriver::ReplicationDriver(const Scenario& scenario, int replication, Engine& engine,
                                     std::string* trace)
    : scenario_(scenario),
      engine_(engine),
      horizon_(Time() + scenario.horizon),
      trace_(TraceTo(trace)),
      streams_(scenario, replication),
      tally_(KpiShape::Of(scenario, ActiveWorkgroups(scenario, engine))),
      agents_(scenario, streams_, engine, events_, trace_ ? &*trace_ : nullptr),
      contacts_(scenario, streams_, engine, events_, tally_, trace_ ? &*trace_ : nullptr) {}

absl::StatusOr<ReplicationResult> ReplicationDriver::Run() {
  engine_.SetObserver(this);
  engine_.SetDecisionRecords(false);  // nothing here reads them
  ACD_RETURN_IF_ERROR(Start());
  while (true) {
    const Time next_event = events_.next_time();
    const Time deadline = engine_.NextDeadline();
    if (pause_) ACD_RETURN_IF_ERROR(MaybePause(next_event, deadline));  // forecasts only
    tally_.CountBusyBefore(std::min(std::min(next_event, deadline), horizon_));
    if (events_run_ >= scenario_.max_events) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "simulator: more than ", scenario_.max_events,
          " events in one replication, the limit of a scenario (shorten horizon_s or lower "
          "the traffic)"));
    }
    // The engine's timers go before the simulator's events at their time.
    if (deadline <= next_event && deadline <= horizon_) {
      ++events_run_;
      ACD_RETURN_IF_ERROR(CheckEngine(engine_.AdvanceTo(deadline)));
      continue;
    }
    if (next_event > horizon_) break;
    const SimEventQueue::Event event = events_.Pop();
    ++events_run_;
    same_time_events_ = event.time == last_event_time_ ? same_time_events_ + 1 : 0;
    last_event_time_ = event.time;
    if (same_time_events_ > kMaxEventsAtOneTime) {
      return absl::FailedPreconditionError(absl::StrCat(
          "simulator: no progress at t = ", ToSeconds(event.time),
          " s (over a million events at one moment; do agents that decline every offer "
          "have an answer delay?)"));
    }
    ACD_RETURN_IF_ERROR(Handle(event.time, event.payload));
  }
  ACD_RETURN_IF_ERROR(CheckEngine(engine_.AdvanceTo(horizon_)));
  return tally_.Finish(events_run_);
}

absl::Status ReplicationDriver::Start() {
  if (start_ == nullptr) {
    ACD_RETURN_IF_ERROR(agents_.Start());
    contacts_.Start();
    return absl::OkStatus();
  }
  const Time now = start_->now;
  ACD_RETURN_IF_ERROR(contacts_.ContinueFrom(*start_));
  ACD_RETURN_IF_ERROR(agents_.ContinueFrom(*start_, first_added_));
  for (size_t a = 0; a < start_->agents.size(); ++a) {
    if (start_->center.agents[a].name.empty()) continue;  // removed (RemoveAgent)
    ACD_ASSIGN_OR_RETURN(const AgentView view, engine_.GetAgent(AgentId(a)));
    if (view.activity != AgentActivity::kIdle && view.activity != AgentActivity::kLoggedOut &&
        !start_->agents[a].held.empty()) {
      const InteractionId first = start_->agents[a].held.front();
      tally_.AgentTakes(a, static_cast<int>(start_->interactions[first.value()].workgroup.value()));
    }
    tally_.AgentChanged(a, now, view.activity,
                        view.activity == AgentActivity::kIdle && agents_.Ready(view.status));
  }
  // Offers ringing when the state was taken: their agents' responses.
  for (const EngineState::Interaction& i : start_->interactions) {
    if (i.state != InteractionState::kAlerting) continue;
    agents_.Respond(OfferEvent{.now = now, .interaction = i.id, .agent = i.agent}, 1);
  }
  return absl::OkStatus();
}

absl::Status ReplicationDriver::MaybePause(Time next_event, Time deadline) {
  if (!pause_ || next_event < pause_at_ || deadline <= pause_at_) return absl::OkStatus();
  ACD_RETURN_IF_ERROR(CheckEngine(engine_.AdvanceTo(pause_at_)));
  const auto pause = std::move(pause_);
  pause_ = nullptr;
  return pause(engine_);
}

void ReplicationDriver::OnOffer(const OfferEvent& offer) {
  const uint32_t offers = contacts_.Offered(offer);
  tally_.AgentTakes(offer.agent.value(), static_cast<int>(offer.workgroup.value()));
  contacts_.AnswerDue(offer.interaction, agents_.Respond(offer, offers));
}

void ReplicationDriver::OnInteraction(const InteractionEvent& event) {
  // Nothing to do (one interaction event in four in A2): first, so that it
  // costs a compare and no register saves.
  if (event.state == InteractionState::kAlerting) return;
  contacts_.Trace(event);
  switch (event.state) {
    case InteractionState::kWaiting:
      // On arrival, and again when an offer goes unanswered or is declined,
      // after a transfer or overflow, and when a snoozed callback wakes.
      contacts_.Waiting(event);
      if (event.reason == RequeueReason::kNoAnswer) agents_.RangOut(event.agent, event.now);
      return;
    case InteractionState::kConnected:
      contacts_.Connected(event);
      return;
    case InteractionState::kHeld:
      contacts_.Held(event);
      return;
    case InteractionState::kWrapUp:
      contacts_.WrapUpStarted(event);
      agents_.WrapUpStarted(event.agent, event.now);
      return;
    case InteractionState::kAbandoned:
      contacts_.Abandoned(event);
      return;
    case InteractionState::kCompleted:
    case InteractionState::kFailed:
    case InteractionState::kSnoozed:
    case InteractionState::kTransferred:
      if (contacts_.LeftAgent(event)) agents_.WrapUpEnded(event.agent);
      return;
    case InteractionState::kAlerting:  // above
      return;
  }
}

void ReplicationDriver::OnAgent(const AgentEvent& event) {
  agents_.Changed(event);
  tally_.AgentChanged(event.agent.value(), event.now, event.activity,
                      event.activity == AgentActivity::kIdle && agents_.Ready(event.status));
}

}  // namespace acd::sim
