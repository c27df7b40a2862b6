// acd/interaction_fields.h: what the engine records of a live interaction.
//
// The fields of a live interaction are written once, in the list
// ACD_INTERACTION_FIELDS below, and everything that carries them follows
// from it: `InteractionFields`, the part of `EngineState::Interaction`
// (acd/engine_state.h) and of the engine's internal record that a snapshot
// keeps; the fields of `InteractionView` (acd/engine.h) marked kView; the
// snapshot codec (acd/state_codec.h, message acd.proto.InteractionState);
// and the checks Engine::Restore makes of each time. Adding a field is one
// line here, its field in include/acd/proto/engine_state.proto (the test
// tests/config/interaction_fields_test.cc fails until the two agree), and
// its use in the engine.
//
// Why an X-macro and not the alternatives: generating the C++ struct from
// the .proto would put protobuf types in the engine, which never sees them
// (docs/design.md 2); a table of member pointers has entries of different
// types, so every use of it becomes a visitor over a tuple, and the codec
// would still name each proto accessor by hand. The list expands to plain
// members (`x.entered_queue`, nothing at run time) and to plain statements
// the compiler checks one by one: the codec names each proto field from
// the member's name and kind, so a field missing from the proto fails the
// build.
//
// A field added after snapshots were first written is `optional` in the
// proto: a snapshot written before it decodes it as its default.
//
// Each entry is X(kind, type, name, default, live, view):
//   kind     how the codec stores it and Restore checks it (FieldKind);
//   type     its C++ type; name its member name; default its initial value;
//   live     when it means something (FieldLive): Restore checks a time
//            against the state's clock only then;
//   view     kView: also a field of InteractionView; kNoView: only in the
//            engine's state.
//
// Example (a user's own printer of a state's interactions):
//
//   #define PRINT(kind, type, name, def, live, view) out << #name << " ";
//   ACD_INTERACTION_FIELDS(PRINT)
//   #undef PRINT

#ifndef ACD_INTERACTION_FIELDS_H_
#define ACD_INTERACTION_FIELDS_H_

#include "acd/ids.h"
#include "acd/media.h"
#include "acd/observer.h"
#include "acd/time.h"

namespace acd {

// How a field is stored in acd.proto.InteractionState and checked on
// Restore. The proto field is named after the member, with a suffix by kind.
enum class FieldKind {
  kId,         // InteractionId; proto uint64 `name`
  kWorkgroup,  // WorkgroupId; proto uint32 `name`
  kMedia,      // MediaType; proto enum Media `name`
  kState,      // InteractionState; proto int32 `name` (its numeric value)
  kInt,        // int; proto int32 `name`
  kCount,      // int counted up by the engine; proto int32 `name`; 0..2^30
  kBool,       // bool; proto bool `name`
  kAgent,      // AgentId, invalid for none; proto uint32 `name_plus_one`
  // Times; proto int64 `name_us`, INT64_MAX for Time::Infinite(). Every one
  // within +-kMaxTime (acd/time.h); while live:
  kMoment,    // a time it happened: not after the state's clock
  kTimer,     // a pending timer: due within [now, now + kMaxDuration], or
              // Time::Infinite() for none
  kDeadline,  // a pending timer that is always set: as kTimer, not Infinite
  kTime,      // a time of the caller's (a work item's due time): no more
};

constexpr bool IsTimeKind(FieldKind kind) {
  return kind == FieldKind::kMoment || kind == FieldKind::kTimer || kind == FieldKind::kDeadline ||
         kind == FieldKind::kTime;
}

// The name of a field in acd.proto.InteractionState, as a token:
// ACD_INTERACTION_PROTO_NAME(kAgent, excluded) is excluded_plus_one.
#define ACD_INTERACTION_CAT(a, b) ACD_INTERACTION_CAT_I(a, b)
#define ACD_INTERACTION_CAT_I(a, b) a##b
#define ACD_INTERACTION_PROTO_NAME(kind, name) \
  ACD_INTERACTION_CAT(name, ACD_INTERACTION_PROTO_SUFFIX_##kind)
#define ACD_INTERACTION_PROTO_SUFFIX_kId
#define ACD_INTERACTION_PROTO_SUFFIX_kWorkgroup
#define ACD_INTERACTION_PROTO_SUFFIX_kMedia
#define ACD_INTERACTION_PROTO_SUFFIX_kState
#define ACD_INTERACTION_PROTO_SUFFIX_kInt
#define ACD_INTERACTION_PROTO_SUFFIX_kCount
#define ACD_INTERACTION_PROTO_SUFFIX_kBool
#define ACD_INTERACTION_PROTO_SUFFIX_kAgent _plus_one
#define ACD_INTERACTION_PROTO_SUFFIX_kMoment _us
#define ACD_INTERACTION_PROTO_SUFFIX_kTimer _us
#define ACD_INTERACTION_PROTO_SUFFIX_kDeadline _us
#define ACD_INTERACTION_PROTO_SUFFIX_kTime _us

// When a field means something (and Restore checks a time against the
// clock): always, in a state, or while another field says so.
enum class FieldLive {
  kAlways,
  kAlerting,        // state kAlerting
  kConnected,       // state kConnected, kHeld or kWrapUp
  kWrapUp,          // state kWrapUp
  kWaiting,         // state kWaiting
  kSnoozed,         // state kSnoozed
  kExcluded,        // `excluded` names an agent
  kPreferenceOpen,  // `preference_open`
  kSet,             // the time is not Time::Infinite()
};

// clang-format off
#define ACD_INTERACTION_FIELDS(X)                                                          \
  /* The caller's id; its workgroup, media, state and priority (0..1000). */               \
  X(kId, InteractionId, id, {}, kAlways, kView)                                            \
  X(kWorkgroup, WorkgroupId, workgroup, {}, kAlways, kView)                                \
  X(kMedia, MediaType, media, MediaType::kCall, kAlways, kView)                            \
  X(kState, InteractionState, state, InteractionState::kWaiting, kAlways, kView)           \
  /* Its tiers are its own (Arrive::tiers), not its workgroup's. */                        \
  X(kBool, bool, own_tiers, false, kAlways, kNoView)                                       \
  X(kInt, int, priority, 0, kAlways, kView)                                                \
  /* The agent it alerts at, is connected to, or wraps up with; invalid                    \
     while waiting. */                                                                     \
  X(kAgent, AgentId, agent, {}, kAlways, kView)                                            \
  X(kMoment, Time, entered_system, {}, kAlways, kView)                                     \
  X(kMoment, Time, entered_queue, {}, kAlways, kView)                                      \
  X(kMoment, Time, connected_at, {}, kConnected, kNoView)                                  \
  /* The utilization percent it holds of its agent while alerting or                       \
     connected, and whether it is given back (held in a workgroup that                     \
     exempts held interactions). */                                                        \
  X(kInt, int, percent, 0, kAlways, kNoView)                                               \
  X(kBool, bool, exempt, false, kAlways, kNoView)                                          \
  /* Pending timers of its state. */                                                       \
  X(kTimer, Time, alert_due, Time::Infinite(), kAlerting, kNoView)                         \
  X(kTimer, Time, wrap_up_due, Time::Infinite(), kWrapUp, kNoView)                         \
  /* Its next tier boundary while waiting; Infinite past the last. */                      \
  X(kTimer, Time, tier_due, Time::Infinite(), kWaiting, kNoView)                           \
  /* The agent it last went back to the queue from (no-answer, reject or                   \
     log-out while alerting): PureConnect's "Wait Agent -> Last Attempted". */             \
  X(kAgent, AgentId, last_attempted, {}, kAlways, kView)                                   \
  /* After a no-answer or reject: the agent it will not be offered to until                \
     `excluded_until` (or until offered to someone else). */                               \
  X(kAgent, AgentId, excluded, {}, kAlways, kView)                                         \
  X(kTimer, Time, excluded_until, {}, kExcluded, kView)                                    \
  /* While `preference_open`, until `preferred_until`, only                                \
     `preferred_agent` may take it. */                                                     \
  X(kAgent, AgentId, preferred_agent, {}, kAlways, kView)                                  \
  X(kTimer, Time, preferred_until, {}, kPreferenceOpen, kView)                             \
  X(kBool, bool, preference_open, false, kAlways, kNoView)                                 \
  /* Transferred at least once: a work item's pickup limit no longer                       \
     applies. */                                                                           \
  X(kBool, bool, transferred, false, kAlways, kView)                                       \
  /* Callbacks: ends as kFailed rather than kCompleted; outcomes reported                  \
     (ReportCallback). */                                                                  \
  X(kBool, bool, failed, false, kAlways, kNoView)                                          \
  X(kCount, int, attempts, 0, kAlways, kView)                                              \
  /* Work items: when the work is due; Infinite when not set. */                           \
  X(kTime, Time, due, Time::Infinite(), kAlways, kView)                                    \
  /* While snoozed, when it waits again (InteractionView::snoozed_until). */               \
  X(kDeadline, Time, snooze_due, Time::Infinite(), kSnoozed, kNoView)                      \
  /* When its workgroup's in-queue timeout moves it; Infinite when none. */                \
  X(kTimer, Time, overflow_due, Time::Infinite(), kWaiting, kNoView)                       \
  /* When it was last put on hold; Infinite before its first hold. */                      \
  X(kMoment, Time, last_held, Time::Infinite(), kSet, kView)                               \
  /* While held, when its workgroup's maximum time on hold runs out;                       \
     Infinite when not held or without a limit. */                                         \
  X(kTimer, Time, hold_due, Time::Infinite(), kSet, kNoView)
// clang-format on

// Expands to its arguments for a field marked kView, to nothing for kNoView:
// ACD_INTERACTION_IF_##view(...) in an expansion of the list.
#define ACD_INTERACTION_IF_kView(...) __VA_ARGS__
#define ACD_INTERACTION_IF_kNoView(...)

// The listed fields as members (see ACD_INTERACTION_FIELDS for each).
struct InteractionFields {
#define ACD_INTERACTION_MEMBER(kind, type, name, default_value, live, view) \
  type name = default_value;
  ACD_INTERACTION_FIELDS(ACD_INTERACTION_MEMBER)
#undef ACD_INTERACTION_MEMBER
};

}  // namespace acd

#endif  // ACD_INTERACTION_FIELDS_H_
