// acd/time.h: the engine's notion of time.
//
// Time in acd is an integer count of microseconds wrapped in two strong types:
// `Time`, a point on the engine's clock, and `Duration`, the distance between
// two points. The engine never reads a wall clock; every command carries its
// `now`, and the engine's own timers fire when the driver advances time. The
// origin (Time zero) is whatever the driver chooses: the simulator uses the
// start of the simulated horizon, a server may use the Unix epoch.
//
// Doubles appear only at the edges, for reported KPIs and for human-edited
// configuration in seconds; conversions round to the nearest microsecond.
//
// Example:
//
//   acd::Time start;                                   // zero
//   acd::Time later = start + acd::Seconds(15);
//   acd::Duration waited = later - start;              // 15 s
//   double s = acd::ToSeconds(waited);                 // 15.0
//
// Thread safety: plain values; safe to copy between threads.

#ifndef ACD_TIME_H_
#define ACD_TIME_H_

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>

namespace acd {

// A signed span of time in whole microseconds.
class Duration {
 public:
  constexpr Duration() = default;

  static constexpr Duration Microseconds(int64_t us) { return Duration(us); }
  static constexpr Duration Zero() { return Duration(0); }
  // Longer than any horizon the engine handles; used as "never".
  static constexpr Duration Infinite() { return Duration(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t microseconds() const { return us_; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration d) const { return Duration(us_ + d.us_); }
  constexpr Duration operator-(Duration d) const { return Duration(us_ - d.us_); }
  constexpr Duration operator-() const { return Duration(-us_); }
  constexpr Duration operator*(int64_t k) const { return Duration(us_ * k); }
  constexpr Duration& operator+=(Duration d) {
    us_ += d.us_;
    return *this;
  }
  constexpr Duration& operator-=(Duration d) {
    us_ -= d.us_;
    return *this;
  }

 private:
  constexpr explicit Duration(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

// A point on the engine's clock, in microseconds since the driver's origin.
class Time {
 public:
  constexpr Time() = default;

  static constexpr Time FromMicroseconds(int64_t us) { return Time(us); }
  // Later than any event; used as "no deadline".
  static constexpr Time Infinite() { return Time(std::numeric_limits<int64_t>::max()); }

  constexpr int64_t microseconds() const { return us_; }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time(us_ + d.microseconds()); }
  constexpr Time operator-(Duration d) const { return Time(us_ - d.microseconds()); }
  constexpr Duration operator-(Time t) const { return Duration::Microseconds(us_ - t.us_); }
  constexpr Time& operator+=(Duration d) {
    us_ += d.microseconds();
    return *this;
  }

 private:
  constexpr explicit Time(int64_t us) : us_(us) {}
  int64_t us_ = 0;
};

constexpr Duration Microseconds(int64_t us) { return Duration::Microseconds(us); }
constexpr Duration Milliseconds(int64_t ms) { return Duration::Microseconds(ms * 1000); }
constexpr Duration Seconds(int64_t s) { return Duration::Microseconds(s * 1'000'000); }
constexpr Duration Minutes(int64_t m) { return Seconds(m * 60); }
constexpr Duration Hours(int64_t h) { return Seconds(h * 3600); }

// Seconds given as a double (configuration, sampled distributions), rounded
// to the nearest microsecond. Precondition: finite and within +-2^62 us.
// Rounds half away from zero, exactly as std::llround does, without the call
// into libm (the simulator converts every sampled time): the part the
// conversion to an integer cuts off is computed exactly (a double minus its
// own integer part is representable), then rounded.
inline Duration SecondsF(double s) {
  const double us = s * 1e6;
  const auto whole = static_cast<int64_t>(us);  // toward zero
  const double rest = us - static_cast<double>(whole);
  // Without branches: which way a sampled time rounds is a coin toss.
  return Duration::Microseconds(whole + static_cast<int64_t>(rest >= 0.5) -
                                static_cast<int64_t>(rest <= -0.5));
}

// For reporting only: never feed the result back into a decision.
// The range of times the engine accepts (commands' `now`, AdvanceTo, the
// start of Engine::Create, every time in a restored state): within
// +-kMaxTime, 2^62 us (about 146,000 years), so that a time plus a few
// durations of at most kMaxDuration never overflows. Time::Infinite()
// stays the "never" marker where a field allows it.
inline constexpr Time kMaxTime = Time::FromMicroseconds(int64_t{1} << 62);
inline constexpr Time kMinTime = Time::FromMicroseconds(-(int64_t{1} << 62));

// The longest duration anywhere in a configuration or a command (timeouts,
// tier durations, wrap-up, no-answer delay and exclusion, queue timeout,
// callback retry interval, service-level thresholds, statistics interval,
// preferred-agent window): 10^9 s (about 31.7 years). The configuration
// loader, the journal and the engine all check this one limit.
inline constexpr Duration kMaxDuration = Seconds(1'000'000'000);

constexpr double ToSeconds(Duration d) { return static_cast<double>(d.microseconds()) * 1e-6; }
constexpr double ToSeconds(Time t) { return static_cast<double>(t.microseconds()) * 1e-6; }

}  // namespace acd

#endif  // ACD_TIME_H_
