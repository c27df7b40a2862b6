#include "lib/router/wake_signal.h"

#include <algorithm>
#include <thread>

#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#endif

namespace acd::router_internal {

uint32_t WakeSignal::PrepareToSleep() {
  // Acquire: pairs with NotifyAlways's release, so a consumer that wakes
  // sees what was published before the notification (ManualClock moves).
  const uint32_t ticket = epoch_.load(std::memory_order_acquire);
  // Seq_cst: Dekker's pattern with Notify (see the header).
  sleeping_.store(true, std::memory_order_seq_cst);
  return ticket;
}

void WakeSignal::CancelSleep() {
  // Relaxed: at worst a producer makes one needless wake-up call.
  sleeping_.store(false, std::memory_order_relaxed);
}

void WakeSignal::Sleep(uint32_t ticket, std::chrono::nanoseconds timeout) {
  if (timeout > std::chrono::nanoseconds(0)) {
#if defined(__linux__)
    // The futex sleeps only while the word still equals `ticket`, so a
    // Notify between PrepareToSleep and here returns at once.
    const bool forever = timeout >= std::chrono::hours(24);
    struct timespec ts;
    ts.tv_sec = static_cast<time_t>(timeout.count() / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(timeout.count() % 1'000'000'000);
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(&epoch_), FUTEX_WAIT_PRIVATE, ticket,
            forever ? nullptr : &ts, nullptr, 0);
#else
    // Relaxed: a poll; the acquire in the next PrepareToSleep synchronizes.
    const auto step = std::min<std::chrono::nanoseconds>(timeout, std::chrono::microseconds(200));
    if (epoch_.load(std::memory_order_relaxed) == ticket) std::this_thread::sleep_for(step);
#endif
  }
  // Relaxed: see CancelSleep.
  sleeping_.store(false, std::memory_order_relaxed);
  // Acquire: pairs with NotifyAlways's release, so what the notifier wrote
  // before waking us (a ManualClock's new time) is visible now.
  (void)epoch_.load(std::memory_order_acquire);
}

void WakeSignal::NotifyAlways() {
  // Release: pairs with the acquire in PrepareToSleep.
  epoch_.fetch_add(1, std::memory_order_release);
#if defined(__linux__)
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(&epoch_), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr,
          0);
#endif
}

}  // namespace acd::router_internal
