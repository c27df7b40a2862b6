// Exporting an engine's whole state and restoring an engine from it
// (acd/engine_state.h). Restore checks the whole state first, then each
// component restores its slice: the agent book its agents, the statistics
// book its counters, the waiting index the records (rebuilding groups,
// heaps and reserved lists), and the timer queue the timers; every live
// timer is determined by a record's fields (see TimerLive), so the rebuilt
// queue fires the same timers in the same order.

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/engine_state.h"
#include "acd/status_macros.h"
#include "lib/engine/bounds.h"
#include "lib/engine/center.h"
#include "lib/engine/engine_impl.h"
#include "lib/engine/state_checks.h"

namespace acd {

using internal::Center;
using internal::MediaIndex;

EngineState Engine::Impl::ExportState() const {
  EngineState state;
  state.center = center_.config();
  state.now = now_;
  for (size_t a = 0; a < agents_.size(); ++a) {
    state.agents.push_back(agents_.Export(AgentId(static_cast<uint32_t>(a))));
  }
  for (AgentId last_offered : last_offered_) {
    state.workgroups.push_back({.last_offered = last_offered});
    stats_.Export(WorkgroupId(static_cast<uint32_t>(state.workgroups.size() - 1)),
                  state.workgroups.back());
  }
  for (InteractionId id : interactions_.LiveIds()) {
    const InteractionRecord& x = *FindRecord(id);
    const internal::Group& group = interactions_.group(x.group);
    // The persisted fields, and the requirements and tiers of its group.
    state.interactions.push_back(
        {x, group.requirements, x.own_tiers ? group.tiers : std::vector<TierConfig>()});
  }
  return state;
}

namespace {

absl::Status Bad(absl::string_view where, absl::string_view what) {
  return internal::StateError(where, what);
}

bool Holds(InteractionState s) {
  return s == InteractionState::kAlerting || s == InteractionState::kConnected ||
         s == InteractionState::kHeld;
}

}  // namespace

absl::Status Engine::Impl::Restore(const EngineState& state) {
  ACD_RETURN_IF_ERROR(CheckState(state));
  now_ = state.now;
  for (size_t a = 0; a < agents_.size(); ++a) {
    const EngineState::Agent& in = state.agents[a];
    agents_.Restore(AgentId(static_cast<uint32_t>(a)), in);
    if (in.delay_pending) timers_.Schedule(in.blocked_until, TimerKind::kDelayEnd, a);
  }
  for (size_t w = 0; w < last_offered_.size(); ++w) {
    last_offered_[w] = state.workgroups[w].last_offered;
    // Waiting interactions are counted again by RestoreInteraction.
    stats_.Restore(WorkgroupId(static_cast<uint32_t>(w)), state.workgroups[w]);
  }
  for (const EngineState::Interaction& in : state.interactions) RestoreInteraction(in);
  agents_.Rebuild();
  front_live_ = false;
  return absl::OkStatus();
}

absl::Status Engine::Impl::CheckState(const EngineState& state) const {
  // Shape and references first: nothing below may index out of range.
  ACD_RETURN_IF_ERROR(internal::CheckTime(state.now, "engine state: now"));
  if (state.agents.size() != agents_.size()) return Bad("agents", "one per configured agent");
  if (state.workgroups.size() != last_offered_.size()) {
    return Bad("workgroups", "one per configured workgroup");
  }
  const auto agent_ok = [&](AgentId a) { return a.valid() && a.value() < agents_.size(); };
  const auto status_ok = [&](StatusId s) {
    return internal::IdBelow(s.value(), center_.status_count());
  };
  for (size_t i = 0; i < state.interactions.size(); ++i) {
    const EngineState::Interaction& x = state.interactions[i];
    const std::string where = absl::StrCat("interactions[", i, "] (id ", x.id.value(), ")");
    if (!x.id.valid() || (i > 0 && !(state.interactions[i - 1].id < x.id))) {
      return Bad(where, "ids must be valid and ascending");
    }
    if (!x.workgroup.valid() || x.workgroup.value() >= last_offered_.size()) {
      return Bad(where, "unknown workgroup");
    }
    const Arrive shape{.interaction = x.id,
                       .workgroup = x.workgroup,
                       .media = x.media,
                       .priority = std::clamp(x.priority, 0, 1000),
                       .requirements = x.requirements,
                       .tiers = x.own_tiers ? x.tiers : std::vector<TierConfig>()};
    if (absl::Status s = CheckArrive(shape); !s.ok()) return Bad(where, s.message());
    const bool with_agent = Holds(x.state) || x.state == InteractionState::kWrapUp;
    if (with_agent != agent_ok(x.agent)) return Bad(where, "agent does not match its state");
    if (x.state != InteractionState::kWaiting && !with_agent &&
        x.state != InteractionState::kSnoozed) {
      return Bad(where, "an ended interaction is not live");
    }
    if ((x.excluded.valid() && !agent_ok(x.excluded)) ||
        (x.preferred_agent.valid() && !agent_ok(x.preferred_agent)) ||
        (x.last_attempted.valid() && !agent_ok(x.last_attempted)) ||
        (x.preference_open && !x.preferred_agent.valid())) {
      return Bad(where, "unknown agent");
    }
    if (x.preference_open && center_.removed(x.preferred_agent)) {
      return Bad(where, "a preferred-agent window for a removed agent");
    }
    if (x.percent < 0 || x.percent > 100) return Bad(where, "value out of range");
    // Only a workgroup with an overflow target has a queue timeout.
    if (x.state == InteractionState::kWaiting && x.overflow_due != Time::Infinite() &&
        !center_.workgroup_model(x.workgroup).overflow.valid()) {
      return Bad(where, "a queue timeout in a workgroup without an overflow workgroup");
    }
    ACD_RETURN_IF_ERROR(internal::CheckInteractionTimes(x, state.now, where));
    if (x.state == InteractionState::kWaiting) {
      ACD_RETURN_IF_ERROR(internal::CheckTierPosition(
          x, x.own_tiers ? x.tiers : center_.workgroup(x.workgroup).tiers, state.now, where));
    }
    // Only a held interaction gives its share back (Hold; Resume takes it).
    if (x.exempt && x.state != InteractionState::kHeld) {
      return Bad(where + ".exempt", "only a held interaction is exempt");
    }
    // Only a held interaction has a maximum-hold timer (Hold; Resume ends it).
    if (x.hold_due != Time::Infinite() && x.state != InteractionState::kHeld) {
      return Bad(where + ".hold_due", "only a held interaction has a maximum hold running");
    }
  }
  for (size_t w = 0; w < state.workgroups.size(); ++w) {
    ACD_RETURN_IF_ERROR(internal::CheckWorkgroupStats(state.workgroups[w], state.now,
                                                      absl::StrCat("workgroups[", w, "]")));
  }
  for (size_t a = 0; a < state.agents.size(); ++a) {
    const EngineState::Agent& agent = state.agents[a];
    const std::string where = absl::StrCat("agents[", a, "]");
    if (agent.active.size() != center_.agent_model(AgentId(a)).workgroups.size()) {
      return Bad(where, "one activation per membership");
    }
    // A removed agent (RemoveAgent) is logged out and holds nothing.
    if (center_.removed(AgentId(a)) && (agent.logged_in || agent.delay_pending ||
                                        !agent.held.empty() || !agent.wrapping.empty())) {
      return Bad(where, "a removed agent is logged out and holds nothing");
    }
    if ((agent.logged_in && !status_ok(agent.status)) ||
        (agent.status.valid() && !status_ok(agent.status)) ||
        (agent.status_after_wrap_up.valid() && !status_ok(agent.status_after_wrap_up))) {
      return Bad(where, "unknown status");
    }
    // Every interaction it lists names it back, in a state that fits.
    for (const auto* list : {&agent.held, &agent.wrapping}) {
      for (InteractionId id : *list) {
        auto it = std::lower_bound(
            state.interactions.begin(), state.interactions.end(), id,
            [](const EngineState::Interaction& x, InteractionId i) { return x.id < i; });
        const bool fits =
            it != state.interactions.end() && it->id == id && it->agent == AgentId(a) &&
            (list == &agent.held ? Holds(it->state) : it->state == InteractionState::kWrapUp);
        if (!fits) return Bad(where, absl::StrCat("interaction ", id.value(), " does not fit"));
      }
    }
  }
  size_t listed = 0;
  for (const EngineState::Agent& agent : state.agents) {
    listed += agent.held.size() + agent.wrapping.size();
  }
  size_t with_agents = 0;
  for (const EngineState::Interaction& x : state.interactions) with_agents += x.agent.valid();
  if (listed != with_agents) return Bad("agents", "an interaction is listed twice or not at all");
  ACD_RETURN_IF_ERROR(internal::CheckRestoredCounters(state));
  return absl::OkStatus();
}

void Engine::Impl::RestoreInteraction(const EngineState::Interaction& in) {
  InteractionRecord x;
  static_cast<InteractionFields&>(x) = in;
  const std::vector<TierConfig>& tiers =
      in.own_tiers ? in.tiers : center_.workgroup(in.workgroup).tiers;
  if (x.state == InteractionState::kWaiting) {
    // Its order key, and the bucket its recorded next tier boundary gives
    // (CheckState found it to be the one its queue time gives): the timers
    // are scheduled from the recorded dues below, not by Key().
    x.order_key = OrderKey(x);
    x.bucket = internal::BoundariesBefore(x.entered_queue, tiers, x.tier_due);
  }
  interactions_.Restore(x, in.requirements, tiers);
  if (x.state == InteractionState::kWaiting) stats_.OnQueued(x.workgroup);
  // Capacity charged to the agent.
  if (Holds(x.state) && !x.exempt) agents_.ChargeRestored(x.agent, x.media, x.percent);
  // The timers its fields stand for (TimerLive).
  const uint64_t target = x.id.value();
  if (x.state == InteractionState::kAlerting && x.alert_due != Time::Infinite()) {
    timers_.Schedule(x.alert_due, TimerKind::kAlertTimeout, target);
  }
  if (x.state == InteractionState::kWrapUp) {
    timers_.Schedule(x.wrap_up_due, TimerKind::kWrapUpEnd, target);
  }
  if (x.excluded.valid()) timers_.Schedule(x.excluded_until, TimerKind::kExclusionEnd, target);
  if (x.state == InteractionState::kWaiting && x.tier_due != Time::Infinite()) {
    timers_.Schedule(x.tier_due, TimerKind::kTierBoundary, target);
  }
  if (x.preference_open) timers_.Schedule(x.preferred_until, TimerKind::kPreferenceEnd, target);
  if (x.state == InteractionState::kSnoozed) {
    timers_.Schedule(x.snooze_due, TimerKind::kSnoozeEnd, target);
  }
  if (x.state == InteractionState::kWaiting && x.overflow_due != Time::Infinite()) {
    timers_.Schedule(x.overflow_due, TimerKind::kQueueTimeout, target);
  }
  if (x.state == InteractionState::kHeld && x.hold_due != Time::Infinite()) {
    timers_.Schedule(x.hold_due, TimerKind::kMaxHold, target);
  }
}

EngineState Engine::ExportState() const { return impl_->ExportState(); }

absl::StatusOr<std::unique_ptr<Engine>> Engine::Restore(const EngineState& state) {
  absl::StatusOr<Center> center = Center::Build(state.center, /*allow_removed=*/true);
  if (!center.ok()) return Bad("center", center.status().message());
  auto impl = std::make_unique<Impl>(*std::move(center), state.now);
  ACD_RETURN_IF_ERROR(impl->Restore(state));
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

}  // namespace acd
