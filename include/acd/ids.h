// acd/ids.h: typed identifiers.
//
// Agents, workgroups, statuses and skills are configured once and numbered densely
// in configuration order (0, 1, 2, ...); their ids index the engine's tables
// and are assigned by `Engine::Create`. Interactions come from outside (the
// telephony layer, the chat server, the simulator) and carry the caller's own
// 64-bit id. A distinct type per kind makes an agent id unusable where a
// workgroup id is expected.
//
// Example:
//
//   acd::AgentId a(3);
//   acd::WorkgroupId w(3);
//   // a == w;          // does not compile
//   a.value();          // 3
//
// Thread safety: plain values.

#ifndef ACD_IDS_H_
#define ACD_IDS_H_

#include <compare>
#include <cstdint>
#include <limits>
#include <utility>

namespace acd {

// A strongly typed integer id. `Tag` only distinguishes the kinds.
template <typename Tag, typename Rep = uint32_t>
class Id {
 public:
  using rep_type = Rep;

  // The invalid id; `valid()` is false.
  constexpr Id() = default;
  constexpr explicit Id(Rep value) : value_(value) {}

  constexpr Rep value() const { return value_; }
  constexpr bool valid() const { return value_ != kInvalid; }

  constexpr auto operator<=>(const Id&) const = default;

  template <typename H>
  friend H AbslHashValue(H h, Id id) {
    return H::combine(std::move(h), id.value_);
  }

 private:
  static constexpr Rep kInvalid = std::numeric_limits<Rep>::max();
  Rep value_ = kInvalid;
};

using AgentId = Id<struct AgentTag>;
using WorkgroupId = Id<struct WorkgroupTag>;
using StatusId = Id<struct StatusTag>;
using SkillId = Id<struct SkillTag>;
using InteractionId = Id<struct InteractionTag, uint64_t>;

}  // namespace acd

#endif  // ACD_IDS_H_
