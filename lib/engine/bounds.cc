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
  return absl::InvalidArgumentError(
      absl::StrCat(where, ": ", t.microseconds(), " us is outside +-2^62 us (kMaxTime)"));
}

absl::Status CheckPast(Time t, Time now, absl::string_view where) {
  if (t < kMinTime) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": ", t.microseconds(), " us is below the lowest time, -2^62 us (kMinTime)"));
  }
  if (t > now) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", t.microseconds(),
                                                   " us is after the state's clock, ",
                                                   now.microseconds(), " us"));
  }
  return absl::OkStatus();
}

absl::Status CheckDue(Time due, Time now, absl::string_view where, bool infinite_ok) {
  if (due == Time::Infinite()) {
    if (infinite_ok) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat(where, ": a pending timer is never due"));
  }
  if (due < now) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": due at ", due.microseconds(),
                                                   " us, before the state's clock, ",
                                                   now.microseconds(), " us"));
  }
  // now is within +-kMaxTime, so now + kMaxTimerAhead does not overflow.
  if (due > now + kMaxTimerAhead) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": due at ", due.microseconds(), " us, more than ", ToSeconds(kMaxTimerAhead),
        " s (kMaxTimerAhead) after the state's clock, ", now.microseconds(), " us"));
  }
  return absl::OkStatus();
}

namespace {

// Bytes in the UTF-8 sequence at the start of `s`, or 0 if it is invalid.
size_t Utf8SequenceLength(absl::string_view s) {
  const auto byte = [&s](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  size_t n = 0;
  uint32_t code = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    n = 2, code = lead & 0x1fu;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    n = 3, code = lead & 0x0fu;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    n = 4, code = lead & 0x07u;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  for (size_t i = 1; i < n; ++i) {
    if ((byte(i) & 0xc0u) != 0x80u) return 0;
    code = (code << 6) | (byte(i) & 0x3fu);
  }
  const bool overlong = (n == 3 && code < 0x800) || (n == 4 && code < 0x10000);
  const bool surrogate = code >= 0xd800 && code <= 0xdfff;
  return overlong || surrogate || code > 0x10ffff ? 0 : n;
}

}  // namespace

absl::Status CheckUtf8(absl::string_view name, absl::string_view where) {
  for (size_t i = 0; i < name.size();) {
    const size_t n = Utf8SequenceLength(name.substr(i));
    if (n == 0) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": not valid UTF-8 (at byte ", i, ")"));
    }
    i += n;
  }
  return absl::OkStatus();
}

absl::Status CheckWorkgroupEnums(const WorkgroupConfig& wg, absl::string_view where) {
  if (static_cast<int>(wg.agent_order) > static_cast<int>(AgentOrder::kRoundRobin)) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ".agent_order: ", static_cast<int>(wg.agent_order), " is not an AgentOrder"));
  }
  if (static_cast<int>(wg.after_last_tier) > static_cast<int>(AfterLastTier::kAnyMember)) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ".after_last_tier: ", static_cast<int>(wg.after_last_tier),
                     " is not an AfterLastTier"));
  }
  return absl::OkStatus();
}

absl::Status CheckCallbackOutcome(CallbackOutcome outcome, absl::string_view where) {
  if (static_cast<int>(outcome) <= static_cast<int>(CallbackOutcome::kRetryLater)) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat(where, ": outcome ", static_cast<int>(outcome), " is not a CallbackOutcome"));
}

}  // namespace acd::internal
