// lib/router/wake_signal.h: lets producers wake one sleeping consumer
// without taking a lock, and without a system call when it is awake.
//
// The consumer announces that it is about to sleep, re-checks for work, and
// sleeps on a futex (Linux; elsewhere, short sleeps) until a producer's
// Notify or its timeout. Producers publish their work first and then call
// Notify, which costs one load unless the consumer is asleep.
//
// No lost wake-up, by Dekker's pattern on seq_cst operations: the producer
// publishes its work with a seq_cst store and then loads `sleeping_`
// seq_cst; the consumer stores `sleeping_` seq_cst and then re-checks for
// work with a seq_cst load. In the single total order of seq_cst operations,
// either the producer's load follows the consumer's store (it sees the flag
// and wakes the consumer) or the consumer's re-check follows the
// publication (it sees the work). Fences would do the same more cheaply, but
// ThreadSanitizer does not model them, and CI runs it.
//
// Thread safety: PrepareToSleep, Sleep and CancelSleep from the one consumer
// thread; Notify and NotifyAlways from any thread.
//
// Consumer:
//
//   uint32_t ticket = signal.PrepareToSleep();
//   if (HaveWork()) signal.CancelSleep(); else signal.Sleep(ticket, timeout);

#ifndef ACD_LIB_ROUTER_WAKE_SIGNAL_H_
#define ACD_LIB_ROUTER_WAKE_SIGNAL_H_

#include <atomic>
#include <chrono>
#include <cstdint>

#include "lib/router/mpmc_queue.h"

namespace acd::router_internal {

class WakeSignal {
 public:
  // Returns the ticket to pass to Sleep. Call before the last check for
  // work, which must be a seq_cst load (MpmcQueue::ReadyToPop).
  uint32_t PrepareToSleep();
  // The last check found work.
  void CancelSleep();
  // Sleeps until a Notify after PrepareToSleep, or `timeout`, or spuriously.
  void Sleep(uint32_t ticket, std::chrono::nanoseconds timeout);

  // After publishing work with a seq_cst store: wakes the consumer if it
  // sleeps or is about to.
  void Notify() {
    // Seq_cst: Dekker's pattern (see the top of this file). Then only the
    // producer that clears the flag makes the system call; the others see
    // it cleared. Relaxed exchange: the futex word carries the ordering.
    if (sleeping_.load(std::memory_order_seq_cst) &&
        sleeping_.exchange(false, std::memory_order_relaxed)) {
      NotifyAlways();
    }
  }

  // Wakes the consumer whatever it is doing (Stop, Wake).
  void NotifyAlways();

 private:
  // The futex word: bumped by every wake-up. Own cache line: producers write
  // it only when the consumer sleeps, the consumer reads it on every sleep.
  alignas(kCacheLine) std::atomic<uint32_t> epoch_{0};
  alignas(kCacheLine) std::atomic<bool> sleeping_{false};
};

}  // namespace acd::router_internal

#endif  // ACD_LIB_ROUTER_WAKE_SIGNAL_H_
