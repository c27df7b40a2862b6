// EngineState to and from acd.proto.EngineState (acd/state_codec.h).

#include "acd/state_codec.h"

#include <cmath>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/config_loader.h"
#include "acd/config_writer.h"
#include "acd/engine_state.h"
#include "acd/interaction_fields.h"
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

// A field of acd/interaction_fields.h as its proto field holds it (kind K).
template <FieldKind K, typename T>
auto Encode(const T& value) {
  if constexpr (K == FieldKind::kId || K == FieldKind::kWorkgroup) {
    return value.value();
  } else if constexpr (K == FieldKind::kAgent) {
    return PlusOne(value);
  } else if constexpr (K == FieldKind::kMedia) {
    return MediaToProto(value);
  } else if constexpr (K == FieldKind::kState) {
    return static_cast<int32_t>(value);
  } else if constexpr (IsTimeKind(K)) {
    return value.microseconds();
  } else {
    return value;
  }
}

// And back: `out` from the proto field `name` holding `in`; an unknown
// media or state is an error naming the field.
template <FieldKind K, typename T, typename P>
absl::Status Decode(P in, T& out, const TextProtoFile& file, const std::string& name) {
  if constexpr (K == FieldKind::kId || K == FieldKind::kWorkgroup) {
    out = T(in);
  } else if constexpr (K == FieldKind::kAgent) {
    out = FromPlusOne<T>(in);
  } else if constexpr (K == FieldKind::kMedia) {
    std::optional<MediaType> media = MediaFromProto(in);
    if (!media) return file.Error(name, absl::StrCat("unknown media ", in));
    out = *media;
  } else if constexpr (K == FieldKind::kState) {
    if (in < 0 || in > static_cast<int32_t>(InteractionState::kFailed)) {
      return file.Error(name, absl::StrCat("unknown state ", in));
    }
    out = static_cast<InteractionState>(in);
  } else if constexpr (IsTimeKind(K)) {
    out = AtUs(in);
  } else {
    out = in;
  }
  return absl::OkStatus();
}

// Whether the proto field is set: an `optional` one (added since the first
// format) may be absent, every other one reads as present.
#define ACD_PROTO_FIELD_PRESENT(message, field)                         \
  [](const auto& m) {                                                   \
    if constexpr (requires { m.ACD_INTERACTION_CAT(has_, field)(); }) { \
      return m.ACD_INTERACTION_CAT(has_, field)();                      \
    } else {                                                            \
      return true;                                                      \
    }                                                                   \
  }(message)

void WriteInteraction(const EngineState::Interaction& x, proto::InteractionState& out) {
#define ACD_WRITE_FIELD(kind, type, name, default_value, live, view) \
  out.ACD_INTERACTION_CAT(                                           \
      set_, ACD_INTERACTION_PROTO_NAME(kind, name))(Encode<FieldKind::kind>(x.name));
  ACD_INTERACTION_FIELDS(ACD_WRITE_FIELD)
#undef ACD_WRITE_FIELD
  for (const SkillRequirement& r : x.requirements) {
    proto::RequirementState& req = *out.add_requirements();
    req.set_skill(r.skill.value());
    req.set_min_proficiency(r.min_proficiency);
    req.set_max_proficiency(r.max_proficiency);
    req.set_min_desire(r.min_desire);
    req.set_proficiency_weight(r.proficiency_weight);
    req.set_desire_weight(r.desire_weight);
  }
  for (const TierConfig& t : x.tiers) {
    proto::Tier& tier = *out.add_tiers();
    tier.set_threshold(t.threshold);
    tier.set_duration_s(ToSeconds(t.duration));
  }
}

absl::Status ReadInteraction(const proto::InteractionState& x, const TextProtoFile& file,
                             const std::string& where, EngineState::Interaction& out) {
#define ACD_READ_FIELD(kind, type, name, default_value, live, view)                         \
  if (ACD_PROTO_FIELD_PRESENT(x, ACD_INTERACTION_PROTO_NAME(kind, name))) {                 \
    ACD_RETURN_IF_ERROR(Decode<FieldKind::kind>(x.ACD_INTERACTION_PROTO_NAME(kind, name)(), \
                                                out.name, file, where + "." #name));        \
  }
  ACD_INTERACTION_FIELDS(ACD_READ_FIELD)
#undef ACD_READ_FIELD
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
  return absl::OkStatus();
}

#undef ACD_PROTO_FIELD_PRESENT

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
    WriteInteraction(x, *m.add_interactions());
  }
  return m;
}

absl::StatusOr<EngineState> EngineStateFromProto(const proto::EngineState& m,
                                                 absl::string_view source) {
  const TextProtoFile file = TextProtoFile::Unlocated(source);
  EngineState state;
  ACD_ASSIGN_OR_RETURN(state.center, StateCenterConfigFromProto(m.center(), file, "center"));
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
    EngineState::Interaction out;
    ACD_RETURN_IF_ERROR(
        ReadInteraction(m.interactions(i), file, absl::StrCat("interactions[", i, "]"), out));
    state.interactions.push_back(std::move(out));
  }
  return state;
}

}  // namespace acd
