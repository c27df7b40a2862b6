// lib/router/snapshot_ring.h: one writer publishes immutable snapshots that
// any number of readers copy, without locks and without tearing.
//
// A small ring of slots, each holding one generation of `T` and a count of
// the readers inside it, plus the index of the current slot. The writer fills
// a slot that is neither current nor being read, then makes it current. A
// reader announces itself in the current slot (increments its count),
// checks that the slot is still current, copies the value out and leaves. A
// slot a reader has entered is never rewritten until the reader leaves, so a
// copy is always of one generation the writer published in full.
//
// Why not the alternatives: std::atomic<std::shared_ptr> is not lock-free in
// libstdc++; a seqlock reads data while it may be written (a data race in
// the C++ model, reported by ThreadSanitizer); hazard pointers or epochs
// would work but need more machinery than one writer and short copies do.
//
// The writer never waits. If every non-current slot has a reader inside (a
// reader stalled in every spare slot), `Publish` skips this generation and
// reports it; the next call tries again. The readers never wait for the
// writer either; a reader retries only when the writer published between
// its two loads, which is lock-free (some thread always makes progress).
//
// Thread safety: `Publish` from one thread at a time (the engine thread);
// `Read` from any thread, concurrently with everything.
//
// Example:
//
//   SnapshotRing<Stats> ring;
//   ring.Publish([&](Stats& s) { s = Collect(); });   // writer
//   std::optional<Stats> copy = ring.Read();           // any thread

#ifndef ACD_LIB_ROUTER_SNAPSHOT_RING_H_
#define ACD_LIB_ROUTER_SNAPSHOT_RING_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <utility>

#include "lib/router/mpmc_queue.h"

namespace acd::router_internal {

template <typename T, int kSlots = 4>
class SnapshotRing {
  static_assert(kSlots >= 2, "the writer needs a slot besides the current one");

 public:
  SnapshotRing() = default;
  SnapshotRing(const SnapshotRing&) = delete;
  SnapshotRing& operator=(const SnapshotRing&) = delete;

  // Fills a free slot with `fill(T&)` (which receives the slot's previous
  // generation, so it can reuse its storage) and makes it current. False if
  // no slot was free: the generation was skipped.
  template <typename Fill>
  bool Publish(Fill&& fill) {
    // Relaxed: only this thread writes `current_`.
    const int current = current_.load(std::memory_order_relaxed);
    for (int k = 1; k < kSlots; ++k) {
      Slot& slot = slots_[(current + k) % kSlots];
      // Seq_cst: together with the reader's seq_cst increment and reload of
      // `current_` (Dekker's pattern), either we see its count, or it sees
      // that this slot is no longer current and leaves without reading. It is
      // also an acquire that pairs with a reader's release on leaving, so the
      // reader's copy happens before our rewrite.
      if (slot.readers.load(std::memory_order_seq_cst) != 0) continue;
      fill(slot.value);
      slot.published = true;
      // Seq_cst (a release, and part of Dekker's pattern above): a reader
      // that sees the new index sees the value written just before.
      current_.store((current + k) % kSlots, std::memory_order_seq_cst);
      return true;
    }
    return false;
  }

  // A copy of the latest published generation; nullopt before the first.
  std::optional<T> Read() const {
    return Visit([](const T& value) { return value; });
  }

  // Calls `read(const T&)` on the latest generation while holding it, and
  // returns its result; nullopt before the first publication. `read` must be
  // short: a reader inside a slot keeps the writer out of it.
  template <typename ReadFn>
  auto Visit(ReadFn&& read) const -> std::optional<decltype(read(std::declval<const T&>()))> {
    for (;;) {
      // Seq_cst: see Publish.
      const int index = current_.load(std::memory_order_seq_cst);
      const Slot& slot = slots_[index];
      // Seq_cst: the increment must be ordered before the reload below for
      // Dekker's pattern with the writer.
      slot.readers.fetch_add(1, std::memory_order_seq_cst);
      if (current_.load(std::memory_order_seq_cst) != index) {
        // Release: nothing read; keeps the count's history simple.
        slot.readers.fetch_sub(1, std::memory_order_release);
        continue;
      }
      std::optional<decltype(read(std::declval<const T&>()))> out;
      if (slot.published) out.emplace(read(slot.value));
      // Release: our reads of the slot happen before the writer, which
      // acquires the count, rewrites it.
      slot.readers.fetch_sub(1, std::memory_order_release);
      return out;
    }
  }

 private:
  struct alignas(kCacheLine) Slot {
    mutable std::atomic<uint32_t> readers{0};
    bool published = false;
    T value{};
  };
  std::array<Slot, kSlots> slots_;
  // Slot 0 starts current and unpublished; readers see nullopt there.
  alignas(kCacheLine) std::atomic<int> current_{0};
};

}  // namespace acd::router_internal

#endif  // ACD_LIB_ROUTER_SNAPSHOT_RING_H_
