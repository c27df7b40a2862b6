// A binary heap of slots (indexes into a vector of records) that records
// each slot's position, so that any slot can be removed in O(log n). The
// order and the position field are supplied by `Traits`:
//
//   struct Traits {
//     bool Better(uint32_t a, uint32_t b) const;  // a comes out before b
//     uint32_t& Position(uint32_t slot);          // where the heap keeps it
//   };
//
// One vector per heap; once it has grown, pushing and removing allocate
// nothing.

#ifndef ACD_LIB_ENGINE_SLOT_HEAP_H_
#define ACD_LIB_ENGINE_SLOT_HEAP_H_

#include <cstdint>
#include <utility>
#include <vector>

namespace acd::internal {

class SlotHeap {
 public:
  bool empty() const { return slots_.empty(); }
  size_t size() const { return slots_.size(); }
  // The best slot. Precondition: !empty().
  uint32_t top() const { return slots_.front(); }
  // Every slot, in heap order (not sorted).
  const std::vector<uint32_t>& slots() const { return slots_; }
  // Room for `n` slots, so that pushing up to n allocates nothing.
  void Reserve(size_t n) { slots_.reserve(n); }
  size_t capacity() const { return slots_.capacity(); }

  template <typename Traits>
  void Push(uint32_t slot, Traits& traits) {
    slots_.push_back(slot);
    traits.Position(slot) = static_cast<uint32_t>(slots_.size() - 1);
    SiftUp(slots_.size() - 1, traits);
  }

  // Restores the order after `slot`'s key changed. Precondition: `slot` is
  // in this heap.
  template <typename Traits>
  void Update(uint32_t slot, Traits& traits) {
    SiftDown(SiftUp(traits.Position(slot), traits), traits);
  }

  // Precondition: `slot` is in this heap.
  template <typename Traits>
  void Remove(uint32_t slot, Traits& traits) {
    const size_t at = traits.Position(slot);
    const size_t last = slots_.size() - 1;
    if (at != last) {
      Place(at, slots_[last], traits);
      slots_.pop_back();
      SiftDown(SiftUp(at, traits), traits);
    } else {
      slots_.pop_back();
    }
  }

 private:
  template <typename Traits>
  void Place(size_t at, uint32_t slot, Traits& traits) {
    slots_[at] = slot;
    traits.Position(slot) = static_cast<uint32_t>(at);
  }

  template <typename Traits>
  size_t SiftUp(size_t at, Traits& traits) {
    const uint32_t slot = slots_[at];
    while (at > 0) {
      const size_t parent = (at - 1) / 2;
      if (!traits.Better(slot, slots_[parent])) break;
      Place(at, slots_[parent], traits);
      at = parent;
    }
    Place(at, slot, traits);
    return at;
  }

  template <typename Traits>
  void SiftDown(size_t at, Traits& traits) {
    const uint32_t slot = slots_[at];
    const size_t n = slots_.size();
    while (true) {
      size_t child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && traits.Better(slots_[child + 1], slots_[child])) ++child;
      if (!traits.Better(slots_[child], slot)) break;
      Place(at, slots_[child], traits);
      at = child;
    }
    Place(at, slot, traits);
  }

  std::vector<uint32_t> slots_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_SLOT_HEAP_H_
