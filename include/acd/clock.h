// acd/clock.h: where a Router's time comes from.
//
// The engine never reads a clock (docs/design.md 3.1). The Router, which drives
// engines for a server, does: it stamps each command with the time it is
// applied at and fires the engines' timers when they fall due. It reads the
// time from a `Clock` the server provides: `SystemClock` in production,
// `ManualClock` in tests, or the server's own (a load driver's clock runs
// faster than real time).
//
// Example:
//
//   acd::ManualClock clock(acd::Time() + acd::Seconds(100));
//   clock.Advance(acd::Seconds(15));      // any thread
//   clock.Now();                          // 115 s
//
// Thread safety: a Clock is called from every engine thread of a Router at
// once; implementations must be thread-safe. Both shipped clocks are.

#ifndef ACD_CLOCK_H_
#define ACD_CLOCK_H_

#include <atomic>
#include <chrono>
#include <cstdint>

#include "acd/time.h"

namespace acd {

class Clock {
 public:
  virtual ~Clock() = default;

  // The current time. Should not go backwards; the Router clamps it to each
  // engine's clock if it does.
  virtual Time Now() = 0;

  // How long, in real time, until this clock reads `t` (zero if it already
  // does). An engine thread with nothing to do sleeps at most this long
  // before firing its next timer. The default assumes the clock runs at
  // real-time speed.
  virtual std::chrono::nanoseconds RealTimeUntil(Time t);
};

// Real time: the system clock's reading (microseconds since the Unix epoch)
// when constructed, advanced from then on by the steady clock, so it never
// jumps when the system time is set.
class SystemClock final : public Clock {
 public:
  SystemClock();
  Time Now() override;

 private:
  const Time origin_;
  const std::chrono::steady_clock::time_point start_;
};

// A clock that moves only when told. After moving it, call Router::Wake so
// that engine threads asleep until a timer look at it again.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Time start = Time()) : now_us_(start.microseconds()) {}

  Time Now() override;
  // Never: a sleeping engine thread waits for Router::Wake or for work.
  std::chrono::nanoseconds RealTimeUntil(Time t) override;

  // Precondition: not earlier than Now().
  void Set(Time t);
  void Advance(Duration d);

 private:
  std::atomic<int64_t> now_us_;
};

}  // namespace acd

#endif  // ACD_CLOCK_H_
