// Engine commands: each validates everything first, then changes state.
// See acd/engine.h for the contract.

#include "acd/engine.h"

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/bounds.h"
#include "lib/engine/center.h"
#include "lib/engine/config_checks.h"
#include "lib/engine/engine_impl.h"

namespace acd {

using internal::Center;

constexpr int kMaxPriority = 1000;

// Rejects calls made from inside an observer callback.
class Engine::Impl::ReentrancyGuard {
 public:
  explicit ReentrancyGuard(Impl* impl) : impl_(impl), entered_(!impl->busy_) {
    impl_->busy_ = true;
  }
  ~ReentrancyGuard() {
    if (entered_) impl_->busy_ = false;
  }
  absl::Status status() const {
    return entered_
               ? absl::OkStatus()
               : absl::FailedPreconditionError("engine: called from inside an observer callback");
  }

 private:
  Impl* impl_;
  bool entered_;
};

Engine::Impl::Impl(Center center, Time start)
    : center_(std::move(center)),
      now_(start),
      agents_(center_),
      stats_(center_),
      interactions_(center_, agents_),
      last_offered_(center_.workgroup_count()) {}

// One dispatch on the command's type, which then reads its time
// (CommandTime) and handles it.
absl::Status Engine::Impl::Apply(const Command& command) {
  return std::visit([this](const auto& c) { return Run(c); }, command);
}

template <typename C>
absl::Status Engine::Impl::Run(const C& c) {
  ACD_RETURN_IF_ERROR(AdvanceTo(c.now));
  ReentrancyGuard guard(this);
  ACD_RETURN_IF_ERROR(guard.status());
  absl::Status status = Handle(c);
  front_live_ = false;
#ifdef ACD_ENGINE_CHECKS
  CheckInvariants();
#endif
  return status;
}

absl::Status Engine::Impl::AdvanceTimers(Time now) {
  ACD_RETURN_IF_ERROR(internal::CheckTime(now, "now"));
  if (now < now_) {
    return absl::InvalidArgumentError(absl::StrCat(
        "now: ", ToSeconds(now), " s is before the engine's clock ", ToSeconds(now_), " s"));
  }
  ReentrancyGuard guard(this);
  ACD_RETURN_IF_ERROR(guard.status());
  int64_t fired = 0;
  for (;;) {
    if (!front_live_) PruneTimers();
    const Time next = timers_.NextDue();
    if (next > now) break;
    // The budget is checked between instants only, so that the clock never
    // stops with timers due at it unfired (a journaled advance to it then
    // replays exactly).
    if (fired >= kMaxTimersPerAdvance && next > now_) {
#ifdef ACD_ENGINE_CHECKS
      CheckInvariants();
#endif
      return absl::ResourceExhaustedError(absl::StrCat(
          "now: advancing to ", ToSeconds(now), " s fires more than ", kMaxTimersPerAdvance,
          " timers; stopped at ", ToSeconds(now_), " s (advance again to go on)"));
    }
    const Timer timer = *timers_.PopDue(now);
    now_ = timer.due;
    Fire(timer);
    // After Fire: an observer it called may have asked NextDeadline midway.
    front_live_ = false;
    ++fired;
#ifdef ACD_ENGINE_CHECKS
    // Every timer of an ordinary advance; past the first thousand (timers
    // re-arming every few microseconds), every thousandth and the last, so
    // that a long advance costs a bounded number of passes over the state.
    if (fired <= 1000 || fired % 1000 == 0) CheckInvariants();
#endif
  }
#ifdef ACD_ENGINE_CHECKS
  if (fired > 1000) CheckInvariants();
#endif
  now_ = now;
  return absl::OkStatus();
}

// ---- Queries -----------------------------------------------------------------

absl::StatusOr<InteractionView> Engine::Impl::GetInteraction(InteractionId id) const {
  const InteractionRecord* found = FindRecord(id);
  if (found == nullptr) {
    return NoSuchInteraction(id);
  }
  const InteractionRecord& x = *found;
  InteractionView view{.snoozed_until = x.snooze_due};
#define ACD_VIEW_FIELD(kind, type, name, default_value, live, view_flag) \
  ACD_INTERACTION_IF_##view_flag(view.name = x.name;)
  ACD_INTERACTION_FIELDS(ACD_VIEW_FIELD)
#undef ACD_VIEW_FIELD
  return view;
}

absl::StatusOr<WorkgroupCounters> Engine::Impl::GetWorkgroupCounters(WorkgroupId id) const {
  ACD_RETURN_IF_ERROR(CheckWorkgroup(id));
  return stats_.counters(id);
}

// ---- Validation ----------------------------------------------------------------

absl::Status Engine::Impl::CheckAgent(AgentId id) const {
  if (!id.valid() || id.value() >= agents_.size()) {
    return absl::NotFoundError(absl::StrCat("agent ", id.value(), ": no such agent"));
  }
  if (center_.removed(id)) {
    return absl::NotFoundError(absl::StrCat("agent ", id.value(), ": no such agent (removed)"));
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::CheckWorkgroup(WorkgroupId id) const {
  if (!id.valid() || !internal::IdBelow(id.value(), center_.workgroup_count())) {
    return absl::NotFoundError(absl::StrCat("workgroup ", id.value(), ": no such workgroup"));
  }
  if (center_.removed(id)) {
    return absl::NotFoundError(
        absl::StrCat("workgroup ", id.value(), ": no such workgroup (removed)"));
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::CheckStatus(StatusId id) const {
  if (!internal::IdBelow(id.value(), center_.status_count())) {
    return absl::NotFoundError(absl::StrCat("status ", id.value(), ": no such status"));
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::CheckArrive(const Arrive& c) const {
  ACD_RETURN_IF_ERROR(CheckWorkgroup(c.workgroup));
  // Messages are built only on failure: a valid arrival allocates nothing here.
  const auto where = [&c] { return absl::StrCat("interaction ", c.interaction.value()); };
  if (!c.interaction.valid()) {
    return absl::InvalidArgumentError("interaction: id is the reserved invalid value");
  }
  if (static_cast<int>(c.media) >= kMediaTypeCount) {
    return internal::CheckMedia(c.media, where());
  }
  if (c.priority < 0 || c.priority > kMaxPriority) {
    return absl::InvalidArgumentError(
        absl::StrCat(where(), ": priority ", c.priority, " is outside 0..1000"));
  }
  for (size_t i = 0; i < c.requirements.size(); ++i) {
    const SkillRequirement& r = c.requirements[i];
    const auto at = [&] { return absl::StrCat(where(), ": requirements[", i, "]"); };
    if (!internal::IdBelow(r.skill.value(), center_.skill_count())) {
      return absl::NotFoundError(absl::StrCat(at(), ": skill ", r.skill.value(), " is unknown"));
    }
    if (r.min_proficiency < 1 || r.min_proficiency > r.max_proficiency || r.max_proficiency > 100 ||
        r.min_desire < 0 || r.min_desire > 100) {
      return absl::InvalidArgumentError(absl::StrCat(
          at(), ": needs 1 <= min_proficiency <= max_proficiency <= 100 and min_desire 0..100"));
    }
    const double weight = r.proficiency_weight + r.desire_weight;
    if (!std::isfinite(r.proficiency_weight) || !std::isfinite(r.desire_weight) || weight == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(at(), ": weights must be finite with a non-zero sum"));
    }
  }
  if (!c.tiers.empty()) {
    ACD_RETURN_IF_ERROR(internal::ValidateTiers(c.tiers, absl::StrCat(where(), ": tiers")));
  }
  if (c.preferred_agent.valid()) {
    if (c.preferred_agent.value() >= agents_.size() || center_.removed(c.preferred_agent)) {
      return absl::NotFoundError(
          absl::StrCat(where(), ": preferred agent ", c.preferred_agent.value(), " is unknown"));
    }
    if (c.preferred_window < Duration::Zero() || c.preferred_window > kMaxDuration) {
      return internal::CheckDuration(c.preferred_window, Duration::Zero(),
                                     absl::StrCat(where(), ": preferred_window"));
    }
  }
  return absl::OkStatus();
}

absl::Status Engine::Impl::AlreadyLive(InteractionId id) {
  return absl::AlreadyExistsError(
      absl::StrCat("interaction ", id.value(), ": already in the engine"));
}

absl::Status Engine::Impl::NoSuchInteraction(InteractionId id) {
  return absl::NotFoundError(
      absl::StrCat("interaction ", id.value(), ": no such live interaction"));
}

absl::Status Engine::Impl::WrongState(const InteractionRecord& x, absl::string_view wanted) const {
  return absl::FailedPreconditionError(absl::StrCat(
      "interaction ", x.id.value(), ": is ", InteractionStateName(x.state), ", not ", wanted));
}

// ---- Commands ------------------------------------------------------------------

absl::Status Engine::Impl::Handle(const Arrive& c) {
  ACD_RETURN_IF_ERROR(CheckArrive(c));
  InteractionRecord* created = interactions_.TryCreate(c.interaction);
  if (created == nullptr) return AlreadyLive(c.interaction);
  const uint32_t group =
      interactions_.GroupFor(c.workgroup, c.media, c.requirements,
                             c.tiers.empty() ? center_.workgroup(c.workgroup).tiers : c.tiers);
  InteractionRecord& x = *created;
  x.workgroup = c.workgroup;
  x.media = c.media;
  x.priority = c.priority;
  x.group = group;
  x.own_tiers = !c.tiers.empty();
  x.due = c.due;
  x.entered_system = now_;
  x.entered_queue = now_;
  if (c.preferred_agent.valid() && c.preferred_window > Duration::Zero()) {
    x.preferred_agent = c.preferred_agent;
    x.preferred_until = now_ + c.preferred_window;
    x.preference_open = true;
  }
  if (Refused(x, c.workgroup, /*leaving=*/0)) {
    interactions_.Delete(x);
    return absl::ResourceExhaustedError(
        absl::StrCat("interaction ", c.interaction.value(), ": the queue of workgroup ",
                     center_.workgroup(c.workgroup).name, " is full (capacity ",
                     center_.workgroup(c.workgroup).queue_capacity, ")"));
  }
  if (x.preference_open) {
    timers_.Schedule(x.preferred_until, TimerKind::kPreferenceEnd, x.id.value());
  }
  stats_.OnEntered(c.workgroup, now_);
  EnterQueue(x);
  ReportInteraction(x, AgentId());
  RouteInteraction(x);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const Accept& c) {
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  if (x->state != InteractionState::kAlerting) return WrongState(*x, "alerting");
  Connect(*x);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const Reject& c) {
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  if (x->state != InteractionState::kAlerting) return WrongState(*x, "alerting");
  ReturnToQueue(*x, RequeueReason::kRejected);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const Hold& c) {
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  if (x->state != InteractionState::kConnected) return WrongState(*x, "connected");
  x->state = InteractionState::kHeld;
  x->last_held = now_;
  const Duration max_hold = center_.workgroup(x->workgroup).max_hold;
  if (max_hold > Duration::Zero()) {
    x->hold_due = now_ + max_hold;
    timers_.Schedule(x->hold_due, TimerKind::kMaxHold, x->id.value());
  }
  const bool exempt = center_.workgroup(x->workgroup).exempt_held;
  if (exempt) {
    agents_.Exempt(x->agent, x->media, x->percent);
    x->exempt = true;
  }
  ReportInteraction(*x, x->agent);
  ReportAgent(x->agent);
  if (exempt) FillAgent(x->agent);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const Resume& c) {
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  if (x->state != InteractionState::kHeld) return WrongState(*x, "held");
  x->state = InteractionState::kConnected;
  x->hold_due = Time::Infinite();
  if (x->exempt) {
    agents_.Unexempt(x->agent, x->media, x->percent);
    x->exempt = false;
  }
  ReportInteraction(*x, x->agent);
  ReportAgent(x->agent);
  return absl::OkStatus();
}

absl::Status Engine::Impl::Handle(const Disconnect& c) {
  ACD_ASSIGN_OR_RETURN(InteractionRecord * x, Find(c.interaction));
  switch (x->state) {
    case InteractionState::kWaiting:
      LeaveQueue(*x);
      Abandon(*x);
      return absl::OkStatus();
    case InteractionState::kAlerting: {
      const AgentId agent = x->agent;
      x->alert_due = Time::Infinite();
      ReleaseCapacity(*x);
      Abandon(*x);
      ReportAgent(agent);
      FillAgent(agent);
      return absl::OkStatus();
    }
    case InteractionState::kConnected:
    case InteractionState::kHeld:
      EndConnected(*x);
      return absl::OkStatus();
    case InteractionState::kSnoozed:
      x->snooze_due = Time::Infinite();
      Abandon(*x);
      return absl::OkStatus();
    default:
      return WrongState(*x, "waiting, alerting, connected, held or snoozed");
  }
}

}  // namespace acd
