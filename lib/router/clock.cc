#include "acd/clock.h"

#include <algorithm>

namespace acd {

std::chrono::nanoseconds Clock::RealTimeUntil(Time t) {
  const Duration left = t - Now();
  if (left <= Duration::Zero()) return std::chrono::nanoseconds(0);
  // Saturate: Time::Infinite() minus now would overflow nanoseconds.
  const int64_t us = std::min<int64_t>(left.microseconds(), int64_t{1} << 40);
  return std::chrono::microseconds(us);
}

SystemClock::SystemClock()
    : origin_(Time::FromMicroseconds(std::chrono::duration_cast<std::chrono::microseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count())),
      start_(std::chrono::steady_clock::now()) {}

Time SystemClock::Now() {
  return origin_ + Microseconds(std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::steady_clock::now() - start_)
                                    .count());
}

Time ManualClock::Now() {
  // Relaxed: the time is a value, not a flag guarding other data; the Router
  // synchronizes through its queues and Wake.
  return Time::FromMicroseconds(now_us_.load(std::memory_order_relaxed));
}

std::chrono::nanoseconds ManualClock::RealTimeUntil(Time t) {
  if (t <= Now()) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds::max();
}

void ManualClock::Set(Time t) {
  // Relaxed: as in Now.
  now_us_.store(t.microseconds(), std::memory_order_relaxed);
}

void ManualClock::Advance(Duration d) {
  // Relaxed: as in Now; the RMW keeps concurrent advances from losing one.
  now_us_.fetch_add(d.microseconds(), std::memory_order_relaxed);
}

}  // namespace acd
