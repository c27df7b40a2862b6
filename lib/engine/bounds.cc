#include "lib/engine/bounds.h"

#include "absl/strings/str_cat.h"

namespace acd::internal {

absl::Status CheckMedia(MediaType media, absl::string_view where) {
  if (static_cast<int>(media) < kMediaTypeCount) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(where, ": media ", static_cast<int>(media),
                                                 " is outside 0..", kMediaTypeCount - 1));
}

absl::Status CheckDuration(Duration d, Duration min, absl::string_view where) {
  if (d >= min && d <= kMaxDuration) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(where, ": ", ToSeconds(d), " s is outside ",
                                                 ToSeconds(min), "..", ToSeconds(kMaxDuration),
                                                 " s"));
}

absl::Status CheckTime(Time t, absl::string_view where, bool infinite_ok) {
  if ((t >= kMinTime && t <= kMaxTime) || (infinite_ok && t == Time::Infinite())) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(where, ": ", t.microseconds(),
                                                 " us is outside +-2^62 us (kMaxTime)"));
}

absl::Status CheckWorkgroupEnums(const WorkgroupConfig& wg, absl::string_view where) {
  if (static_cast<int>(wg.agent_order) > static_cast<int>(AgentOrder::kRoundRobin)) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ".agent_order: ", static_cast<int>(wg.agent_order), " is not an AgentOrder"));
  }
  if (static_cast<int>(wg.after_last_tier) > static_cast<int>(AfterLastTier::kAnyMember)) {
    return absl::InvalidArgumentError(absl::StrCat(where, ".after_last_tier: ",
                                                   static_cast<int>(wg.after_last_tier),
                                                   " is not an AfterLastTier"));
  }
  return absl::OkStatus();
}

absl::Status CheckCallbackOutcome(CallbackOutcome outcome, absl::string_view where) {
  if (static_cast<int>(outcome) <= static_cast<int>(CallbackOutcome::kRetryLater)) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat(where, ": outcome ", static_cast<int>(outcome),
                                                 " is not a CallbackOutcome"));
}

}  // namespace acd::internal
