// lib/router/mpmc_queue.h: a bounded lock-free multi-producer, multi-consumer
// ring that can be closed.
//
// Dmitry Vyukov's bounded MPMC queue: a power-of-two array of cells, each with
// a sequence number that says whose turn the cell is. A producer claims
// position `p` by a compare-and-swap on the enqueue position when cell
// `p % capacity` has sequence `p`, writes the value and publishes it by
// storing sequence `p + 1`. A consumer claims position `p` when the cell's
// sequence is `p + 1`, moves the value out and frees the cell for the next
// lap by storing `p + capacity`. No locks, no allocation after construction.
//
// Closing: `Close` sets a bit in the enqueue position. A producer's
// compare-and-swap then fails and it sees the bit, so every push is ordered
// either before the close (and will be consumed) or after it (and reports
// kClosed): nothing is lost in between. `Drained` tells a consumer that the
// queue is closed and every claimed cell has been consumed.
//
// Thread safety: TryPush, TryPop, Close and Drained may be called from any
// thread at any time. TryPush and TryPop are linearizable at their successful
// compare-and-swap. A TryPop can fail while a producer that has claimed the
// next cell is still writing it: the queue then looks empty for a moment
// (lock-free, not wait-free; the consumer simply tries again).
//
// Example:
//
//   MpmcQueue<int> queue(1024);
//   if (queue.TryPush(7) == PushResult::kFull) { /* back off */ }
//   int v;
//   while (queue.TryPop(v)) Use(v);

#ifndef ACD_LIB_ROUTER_MPMC_QUEUE_H_
#define ACD_LIB_ROUTER_MPMC_QUEUE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

namespace acd::router_internal {

// One cache line. Positions and cells that different threads write live on
// lines of their own so that a producer's CAS does not invalidate the
// consumer's line (false sharing).
inline constexpr size_t kCacheLine = 64;

enum class PushResult { kOk, kFull, kClosed };

template <typename T>
class MpmcQueue {
 public:
  // `capacity` is rounded up to a power of two, at least 2.
  explicit MpmcQueue(size_t capacity) {
    size_t n = 2;
    while (n < capacity) n <<= 1;
    mask_ = n - 1;
    cells_ = std::make_unique<Cell[]>(n);
    // Relaxed: the queue is not shared until the constructor returns (the
    // thread that publishes it provides the happens-before).
    for (size_t i = 0; i < n; ++i) cells_[i].sequence.store(i, std::memory_order_relaxed);
  }

  MpmcQueue(const MpmcQueue&) = delete;
  MpmcQueue& operator=(const MpmcQueue&) = delete;

  size_t capacity() const { return mask_ + 1; }

  // Moves `value` in, unless the queue is full or closed (then `value` is
  // left as it was).
  PushResult TryPush(T&& value) {
    // Relaxed: the position is only a guess; the cell's sequence (acquire,
    // below) is what synchronizes, and the CAS re-checks the guess.
    uint64_t pos = enqueue_pos_.value.load(std::memory_order_relaxed);
    Cell* cell;
    for (;;) {
      if (pos & kClosedBit) return PushResult::kClosed;
      cell = &cells_[pos & mask_];
      // Acquire: pairs with the consumer's release store that freed the
      // cell, so our write of `value` happens after its move out.
      const uint64_t seq = cell->sequence.load(std::memory_order_acquire);
      const int64_t diff = static_cast<int64_t>(seq) - static_cast<int64_t>(pos);
      if (diff == 0) {
        // Relaxed: claiming the position orders nothing by itself; the
        // cell's sequence publishes the value. On failure `pos` is reloaded.
        if (enqueue_pos_.value.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
          break;
        }
      } else if (diff < 0) {
        return PushResult::kFull;  // the cell still holds last lap's value
      } else {
        // Another producer took `pos`; start again from the current one.
        pos = enqueue_pos_.value.load(std::memory_order_relaxed);
      }
    }
    cell->value.emplace(std::move(value));
    // Seq_cst: a release, publishing the value to the consumer that acquires
    // `pos + 1`; and seq_cst so that a producer's later seq_cst load of a
    // sleeping consumer's flag (WakeSignal::Notify) cannot be ordered before
    // it. Dekker's pattern without fences, which ThreadSanitizer cannot model.
    cell->sequence.store(pos + 1, std::memory_order_seq_cst);
    return PushResult::kOk;
  }

  // Moves the oldest value into `out`; false if there is none ready.
  bool TryPop(T& out) {
    // Relaxed: a guess, as in TryPush.
    uint64_t pos = dequeue_pos_.value.load(std::memory_order_relaxed);
    Cell* cell;
    for (;;) {
      cell = &cells_[pos & mask_];
      // Acquire: pairs with the producer's release store, so the value it
      // wrote is visible before we move it out.
      const uint64_t seq = cell->sequence.load(std::memory_order_acquire);
      const int64_t diff = static_cast<int64_t>(seq) - static_cast<int64_t>(pos + 1);
      if (diff == 0) {
        // Relaxed: as for the enqueue position.
        if (dequeue_pos_.value.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
          break;
        }
      } else if (diff < 0) {
        return false;  // empty, or its producer is still writing
      } else {
        pos = dequeue_pos_.value.load(std::memory_order_relaxed);
      }
    }
    out = std::move(*cell->value);
    cell->value.reset();
    // Release: our move out happens before the next lap's producer writes.
    cell->sequence.store(pos + mask_ + 1, std::memory_order_release);
    return true;
  }

  // True if a TryPop would find a value now: a consumer's last check before
  // it sleeps, after announcing the sleep with a seq_cst store.
  bool ReadyToPop() const {
    // Relaxed: only the consumer moves the dequeue position it reads here.
    const uint64_t pos = dequeue_pos_.value.load(std::memory_order_relaxed);
    // Seq_cst: the other half of Dekker's pattern with TryPush's seq_cst
    // publication (see WakeSignal): either this load sees the value, or the
    // producer sees the consumer's sleeping flag and wakes it.
    return cells_[pos & mask_].sequence.load(std::memory_order_seq_cst) == pos + 1;
  }

  // Refuses every later push. Idempotent.
  void Close() {
    // Release: nothing to publish, but orders the close after the caller's
    // earlier writes for whoever sees the bit. The RMW itself is what makes
    // every push land either before or after it.
    enqueue_pos_.value.fetch_or(kClosedBit, std::memory_order_release);
  }

  bool closed() const {
    // Acquire: pairs with Close.
    return enqueue_pos_.value.load(std::memory_order_acquire) & kClosedBit;
  }

  // True once the queue is closed and every value pushed before the close
  // has been popped. For consumers deciding when to stop.
  bool Drained() const {
    // Acquire on both: a consumer that sees the final position also sees the
    // pops counted in the dequeue position.
    const uint64_t end = enqueue_pos_.value.load(std::memory_order_acquire);
    if (!(end & kClosedBit)) return false;
    return dequeue_pos_.value.load(std::memory_order_acquire) == (end & ~kClosedBit);
  }

  // Values pushed and not yet popped, at some moment during the call; only
  // an estimate while other threads push or pop.
  size_t SizeEstimate() const {
    // Relaxed: an estimate, documented as such.
    const uint64_t e = enqueue_pos_.value.load(std::memory_order_relaxed) & ~kClosedBit;
    const uint64_t d = dequeue_pos_.value.load(std::memory_order_relaxed);
    return e > d ? static_cast<size_t>(e - d) : 0;
  }

 private:
  static constexpr uint64_t kClosedBit = uint64_t{1} << 63;

  struct alignas(kCacheLine) Cell {
    std::atomic<uint64_t> sequence{0};
    std::optional<T> value;
  };
  // A position alone on its cache line: producers hammer the enqueue
  // position, consumers the dequeue position.
  struct alignas(kCacheLine) Position {
    std::atomic<uint64_t> value{0};
  };

  size_t mask_ = 0;
  std::unique_ptr<Cell[]> cells_;
  Position enqueue_pos_;
  Position dequeue_pos_;
};

}  // namespace acd::router_internal

#endif  // ACD_LIB_ROUTER_MPMC_QUEUE_H_
