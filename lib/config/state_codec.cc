// EngineState to and from acd.proto.EngineState (acd/state_codec.h).

#include "acd/state_codec.h"

#include <cmath>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/config_loader.h"
#include "acd/config_writer.h"
#include "acd/status_macros.h"

namespace acd {
namespace {

void WritePeriod(const PeriodCounts& in, proto::PeriodCountsState& out) {
  out.set_entered(in.entered);
  out.set_answered(in.answered);
  out.set_abandoned(in.abandoned);
  for (int64_t n : in.answered_within) out.add_answered_within(n);
  for (int64_t n : in.abandoned_within) out.add_abandoned_within(n);
  out.set_answer_wait_us(in.answer_wait.microseconds());
}

void WriteSamples(const std::vector<std::pair<Time, Duration>>& in,
                  google::protobuf::RepeatedPtrField<proto::Sample>& out) {
  for (const auto& [at, value] : in) {
    proto::Sample& s = *out.Add();
    s.set_at_us(at.microseconds());
    s.set_value_us(value.microseconds());
  }
}

PeriodCounts ReadPeriod(const proto::PeriodCountsState& in) {
  PeriodCounts out{.entered = in.entered(), .answered = in.answered(), .abandoned = in.abandoned()};
  for (int i = 0; i < in.answered_within_size() && i < kMaxServiceLevelThresholds; ++i) {
    out.answered_within[i] = in.answered_within(i);
  }
  for (int i = 0; i < in.abandoned_within_size() && i < kMaxServiceLevelThresholds; ++i) {
    out.abandoned_within[i] = in.abandoned_within(i);
  }
  out.answer_wait = Duration::Microseconds(in.answer_wait_us());
  return out;
}

std::vector<std::pair<Time, Duration>> ReadSamples(
    const google::protobuf::RepeatedPtrField<proto::Sample>& in) {
  std::vector<std::pair<Time, Duration>> out;
  for (const proto::Sample& s : in) {
    out.emplace_back(Time::FromMicroseconds(s.at_us()), Duration::Microseconds(s.value_us()));
  }
  return out;
}

// Optional ids are stored plus one, so that 0 is "none".
template <typename IdT>
uint32_t PlusOne(IdT id) {
  return id.valid() ? static_cast<uint32_t>(id.value()) + 1 : 0;
}

template <typename IdT>
IdT FromPlusOne(uint32_t value) {
  return value == 0 ? IdT() : IdT(static_cast<typename IdT::rep_type>(value - 1));
}

Time AtUs(int64_t us) { return Time::FromMicroseconds(us); }

}  // namespace

proto::EngineState EngineStateToProto(const EngineState& state) {
  proto::EngineState m;
  *m.mutable_center() = CenterConfigToProto(state.center);
  m.set_now_us(state.now.microseconds());
  for (const EngineState::Agent& a : state.agents) {
    proto::AgentState& out = *m.add_agents();
    out.set_logged_in(a.logged_in);
    out.set_status_plus_one(PlusOne(a.status));
    out.set_available_since_us(a.available_since.microseconds());
    for (InteractionId id : a.held) out.add_held(id.value());
    for (InteractionId id : a.wrapping) out.add_wrapping(id.value());
    out.set_misses(a.misses);
    out.set_blocked_until_us(a.blocked_until.microseconds());
    out.set_delay_pending(a.delay_pending);
    for (bool active : a.active) out.add_active(active);
    out.set_status_after_wrap_up_plus_one(PlusOne(a.status_after_wrap_up));
    out.set_answered(a.answered);
    out.set_talk_time_us(a.talk_time.microseconds());
  }
  for (const EngineState::Workgroup& w : state.workgroups) {
    proto::WorkgroupState& out = *m.add_workgroups();
    out.set_last_offered_plus_one(PlusOne(w.last_offered));
    out.set_entered(w.counters.entered);
    out.set_answered(w.counters.answered);
    out.set_abandoned(w.counters.abandoned);
    out.set_completed(w.counters.completed);
    out.set_failed(w.counters.failed);
    out.set_transferred_out(w.counters.transferred_out);
    out.set_completed_on_time(w.counters.completed_on_time);
    out.set_completed_late(w.counters.completed_late);
    out.set_stats_interval(w.stats_interval);
    WritePeriod(w.current, *out.mutable_current());
    WritePeriod(w.total, *out.mutable_total());
    WriteSamples(w.answer_waits, *out.mutable_answer_waits());
    WriteSamples(w.handle_times, *out.mutable_handle_times());
    out.set_handled(w.handled);
    out.set_handle_total_us(w.handle_total.microseconds());
  }
  for (const EngineState::Interaction& x : state.interactions) {
    proto::InteractionState& out = *m.add_interactions();
    out.set_id(x.id.value());
    out.set_workgroup(x.workgroup.value());
    out.set_media(MediaToProto(x.media));
    out.set_priority(x.priority);
    for (const SkillRequirement& r : x.requirements) {
      proto::RequirementState& req = *out.add_requirements();
      req.set_skill(r.skill.value());
      req.set_min_proficiency(r.min_proficiency);
      req.set_max_proficiency(r.max_proficiency);
      req.set_min_desire(r.min_desire);
      req.set_proficiency_weight(r.proficiency_weight);
      req.set_desire_weight(r.desire_weight);
    }
    out.set_own_tiers(x.own_tiers);
    for (const TierConfig& t : x.tiers) {
      proto::Tier& tier = *out.add_tiers();
      tier.set_threshold(t.threshold);
      tier.set_duration_s(ToSeconds(t.duration));
    }
    out.set_state(static_cast<int32_t>(x.state));
    out.set_agent_plus_one(PlusOne(x.agent));
    out.set_entered_system_us(x.entered_system.microseconds());
    out.set_entered_queue_us(x.entered_queue.microseconds());
    out.set_connected_at_us(x.connected_at.microseconds());
    out.set_percent(x.percent);
    out.set_exempt(x.exempt);
    out.set_static_tier(x.static_tier);
    out.set_order_key(x.order_key);
    out.set_alert_due_us(x.alert_due.microseconds());
    out.set_wrap_up_due_us(x.wrap_up_due.microseconds());
    out.set_tier_due_us(x.tier_due.microseconds());
    out.set_last_attempted_plus_one(PlusOne(x.last_attempted));
    out.set_excluded_plus_one(PlusOne(x.excluded));
    out.set_excluded_until_us(x.excluded_until.microseconds());
    out.set_preferred_agent_plus_one(PlusOne(x.preferred_agent));
    out.set_preferred_until_us(x.preferred_until.microseconds());
    out.set_preference_open(x.preference_open);
    out.set_transferred(x.transferred);
    out.set_attempts(x.attempts);
    out.set_failed(x.failed);
    out.set_due_us(x.due.microseconds());
    out.set_snooze_due_us(x.snooze_due.microseconds());
    out.set_overflow_due_us(x.overflow_due.microseconds());
  }
  return m;
}

absl::StatusOr<EngineState> EngineStateFromProto(const proto::EngineState& m,
                                                 absl::string_view source) {
  const TextProtoFile file = TextProtoFile::Unlocated(source);
  EngineState state;
  ACD_ASSIGN_OR_RETURN(state.center, CenterConfigFromProto(m.center(), file, "center"));
  state.now = AtUs(m.now_us());
  for (const proto::AgentState& a : m.agents()) {
    EngineState::Agent out{
        .logged_in = a.logged_in(),
        .status = FromPlusOne<StatusId>(a.status_plus_one()),
        .available_since = AtUs(a.available_since_us()),
        .misses = a.misses(),
        .blocked_until = AtUs(a.blocked_until_us()),
        .delay_pending = a.delay_pending(),
        .status_after_wrap_up = FromPlusOne<StatusId>(a.status_after_wrap_up_plus_one()),
        .answered = a.answered(),
        .talk_time = Duration::Microseconds(a.talk_time_us())};
    for (uint64_t id : a.held()) out.held.push_back(InteractionId(id));
    for (uint64_t id : a.wrapping()) out.wrapping.push_back(InteractionId(id));
    out.active.assign(a.active().begin(), a.active().end());
    state.agents.push_back(std::move(out));
  }
  for (const proto::WorkgroupState& w : m.workgroups()) {
    state.workgroups.push_back({.last_offered = FromPlusOne<AgentId>(w.last_offered_plus_one()),
                                .counters = {.entered = w.entered(),
                                             .answered = w.answered(),
                                             .abandoned = w.abandoned(),
                                             .completed = w.completed(),
                                             .failed = w.failed(),
                                             .transferred_out = w.transferred_out(),
                                             .completed_on_time = w.completed_on_time(),
                                             .completed_late = w.completed_late()},
                                .stats_interval = w.stats_interval(),
                                .current = ReadPeriod(w.current()),
                                .total = ReadPeriod(w.total()),
                                .answer_waits = ReadSamples(w.answer_waits()),
                                .handle_times = ReadSamples(w.handle_times()),
                                .handled = w.handled(),
                                .handle_total = Duration::Microseconds(w.handle_total_us())});
  }
  for (int i = 0; i < m.interactions_size(); ++i) {
    const proto::InteractionState& x = m.interactions(i);
    const std::string where = absl::StrCat("interactions[", i, "]");
    std::optional<MediaType> media = MediaFromProto(x.media());
    if (!media) return file.Error(where + ".media", absl::StrCat("unknown media ", x.media()));
    if (x.state() < 0 || x.state() > static_cast<int32_t>(InteractionState::kFailed)) {
      return file.Error(where + ".state", absl::StrCat("unknown state ", x.state()));
    }
    EngineState::Interaction out{
        .id = InteractionId(x.id()),
        .workgroup = WorkgroupId(x.workgroup()),
        .media = *media,
        .priority = x.priority(),
        .own_tiers = x.own_tiers(),
        .state = static_cast<InteractionState>(x.state()),
        .agent = FromPlusOne<AgentId>(x.agent_plus_one()),
        .entered_system = AtUs(x.entered_system_us()),
        .entered_queue = AtUs(x.entered_queue_us()),
        .connected_at = AtUs(x.connected_at_us()),
        .percent = x.percent(),
        .exempt = x.exempt(),
        .static_tier = x.static_tier(),
        .order_key = x.order_key(),
        .alert_due = AtUs(x.alert_due_us()),
        .wrap_up_due = AtUs(x.wrap_up_due_us()),
        .tier_due = AtUs(x.tier_due_us()),
        .last_attempted = FromPlusOne<AgentId>(x.last_attempted_plus_one()),
        .excluded = FromPlusOne<AgentId>(x.excluded_plus_one()),
        .excluded_until = AtUs(x.excluded_until_us()),
        .preferred_agent = FromPlusOne<AgentId>(x.preferred_agent_plus_one()),
        .preferred_until = AtUs(x.preferred_until_us()),
        .preference_open = x.preference_open(),
        .transferred = x.transferred(),
        .attempts = x.attempts(),
        .failed = x.failed(),
        .due = AtUs(x.due_us()),
        .snooze_due = AtUs(x.snooze_due_us()),
        .overflow_due = AtUs(x.overflow_due_us())};
    for (const proto::RequirementState& r : x.requirements()) {
      out.requirements.push_back({.skill = SkillId(r.skill()),
                                  .min_proficiency = r.min_proficiency(),
                                  .max_proficiency = r.max_proficiency(),
                                  .min_desire = r.min_desire(),
                                  .proficiency_weight = r.proficiency_weight(),
                                  .desire_weight = r.desire_weight()});
    }
    for (const proto::Tier& t : x.tiers()) {
      if (!(std::fabs(t.duration_s()) <= 1e9)) {
        return file.Error(where + ".tiers", "a duration is not a number of seconds within 1e9");
      }
      out.tiers.push_back({.threshold = t.threshold(), .duration = SecondsF(t.duration_s())});
    }
    state.interactions.push_back(std::move(out));
  }
  return state;
}

}  // namespace acd
