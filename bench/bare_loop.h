// bench/bare_loop.h: a bare, specialised simulation of one M/M/c+M queue
// (Erlang A), the yardstick for the simulator's speed.
//
// BM_Bare_A2 (bench/bare_loop_bench.cc) runs it on the system A2 of
// BM_Sim_A2 (55 agents, 720 calls an hour, exponential handle times of 240 s,
// exponential patience of 120 s, FIFO, horizon 500,000 s), and
// bench/compare_simpy.sh prints acd's calls per second as a fraction of this
// loop's. tests/bench/bare_loop_test.cc checks its abandonment fraction
// against the exact Erlang A value (sim/erlang.h), so the yardstick simulates
// the same system, not a cheaper one.
//
// The loop. One binary heap of events (time in seconds as a double, and a
// tag: the next arrival, an agent finishing, or a waiting call's patience
// running out). The waiting calls are a FIFO ring indexed by their place in
// the queue; an abandonment event names that place, and is stale (skipped)
// once the call has been answered. An arrival draws its handle time and
// patience from their own MRG32k3a streams (sim/mrg32k3a.h, one substream
// per replication), as the simulator does; an exponential is -mean * log(u).
//
// What it does not do, and the simulator (sim/replication_driver.cc) with the
// engine (lib/engine) does, which is what the ratio of the two prices:
//   - no routing: an agent is a count of busy servers, not a record with
//     state, skills, workgroups and an order key; the longest-idle agent is
//     not chosen, no offer goes out and none is accepted;
//   - no engine commands, timers, observers or decision records; no variant
//     dispatch of commands and events, no record lookups by id;
//   - no KPI tally: only offered, answered and abandoned are counted (no
//     waits, service levels, intervals, occupancy integrals, traces);
//   - no per-call record beyond a slot of the waiting ring (handle time and
//     two flags) while the call waits; a call answered on arrival never
//     schedules an abandonment event (the simulator schedules one for every
//     call and skips it when it comes due);
//   - time is a double in seconds, not the engine's integer microseconds;
//   - no scenario: the system is the four numbers of BareSystem, no shifts,
//     breaks, contact types, callbacks, balking or queue limits;
//   - no checks: no event limit, no stall detection, no status returns.
//
// Example:
//
//   acd::bench::BareResult r = acd::bench::RunBareLoop({}, /*seed=*/12345, /*replication=*/0);
//   double abandon = double(r.abandoned) / double(r.answered + r.abandoned);  // about 0.017
//
// Thread safety: RunBareLoop is a pure function of its arguments.

#ifndef ACD_BENCH_BARE_LOOP_H_
#define ACD_BENCH_BARE_LOOP_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/mrg32k3a.h"

namespace acd::bench {

// One M/M/c+M queue; the defaults are the system A2.
struct BareSystem {
  // Arrival rate, per second; > 0. Default 720 an hour.
  double calls_per_s = 0.2;
  // Mean handle time, seconds; > 0.
  double aht_s = 240;
  // Agents; >= 1.
  int agents = 55;
  // Mean patience, seconds; > 0.
  double patience_s = 120;
  // Arrivals stop, and the run ends, at this time; seconds, > warmup_s.
  double horizon_s = 500000;
  // Calls arriving before this time are simulated but not counted; seconds,
  // >= 0.
  double warmup_s = 0;
};

// Counts of one run. Calls still waiting or in service at the horizon count
// in `offered` only.
struct BareResult {
  int64_t offered = 0;    // counted arrivals
  int64_t answered = 0;   // counted arrivals that reached an agent
  int64_t abandoned = 0;  // counted arrivals whose patience ran out first
  int64_t waited = 0;     // counted arrivals that found every agent busy
  int64_t events = 0;     // events taken off the heap, stale ones included
  int64_t arrivals = 0;   // all arrivals, warm-up included
};

namespace bare_internal {

struct Event {
  double time;
  // kArrival, kDone, or kAbandon + 4 * the call's place in the queue.
  uint64_t tag;
};
constexpr uint64_t kArrival = 0, kDone = 1, kAbandon = 2;

// Earliest first, for std::push_heap's max-heap. Equal times have
// probability zero; the heap algorithms are deterministic either way.
struct Later {
  bool operator()(const Event& a, const Event& b) const { return a.time > b.time; }
};

inline double Exponential(double mean, sim::Mrg32k3a& rng) {
  return -mean * std::log(rng.NextDouble());
}

// The waiting calls in arrival order, each with the handle time it drew on
// arrival. Place p (a count of calls ever queued) lives in slot p & mask;
// places below head_ have left the queue, answered or abandoned.
class WaitingRing {
 public:
  struct Slot {
    double handle_s = 0;
    bool waiting = false;  // false once abandoned
    bool counted = false;  // arrived after the warm-up
  };

  WaitingRing() : slots_(64) {}

  // Queues a call; returns its place.
  uint64_t Push(double handle_s, bool counted) {
    if (tail_ - head_ == slots_.size()) Grow();
    slots_[tail_ & (slots_.size() - 1)] = {handle_s, true, counted};
    return tail_++;
  }

  // The call at place p gives up: true, with its slot in `slot`, when it was
  // still waiting; false when it was answered already (a stale event).
  bool Abandon(uint64_t p, Slot& slot) {
    if (p < head_) return false;
    Slot& s = slots_[p & (slots_.size() - 1)];
    slot = s;
    s.waiting = false;
    return slot.waiting;
  }

  // Removes the first call still waiting into `slot`; false when none is.
  bool PopFirst(Slot& slot) {
    while (head_ < tail_) {
      slot = slots_[head_++ & (slots_.size() - 1)];
      if (slot.waiting) return true;
    }
    return false;
  }

 private:
  void Grow() {
    std::vector<Slot> bigger(2 * slots_.size());
    for (uint64_t p = head_; p < tail_; ++p) {
      bigger[p & (bigger.size() - 1)] = slots_[p & (slots_.size() - 1)];
    }
    slots_.swap(bigger);
  }

  std::vector<Slot> slots_;  // size a power of two
  uint64_t head_ = 0, tail_ = 0;
};

}  // namespace bare_internal

// One replication of `system`: MRG32k3a streams 0 (arrivals), 1 (handle
// times) and 2 (patience) of the state SeedFromInteger(seed), at substream
// `replication`. Every arrival draws a handle time and a patience, answered
// at once or not, as the simulator's arrivals do.
inline BareResult RunBareLoop(const BareSystem& system, uint64_t seed, uint64_t replication) {
  using namespace bare_internal;
  const sim::Mrg32k3a::State state = sim::Mrg32k3a::SeedFromInteger(seed);
  sim::Mrg32k3a arrivals = sim::Mrg32k3a::Stream(state, 0, replication);
  sim::Mrg32k3a handles = sim::Mrg32k3a::Stream(state, 1, replication);
  sim::Mrg32k3a patiences = sim::Mrg32k3a::Stream(state, 2, replication);
  const double mean_gap_s = 1 / system.calls_per_s;

  std::vector<Event> heap;
  heap.reserve(static_cast<size_t>(system.agents) + 64);
  const auto push = [&heap](double time, uint64_t tag) {
    heap.push_back({time, tag});
    std::push_heap(heap.begin(), heap.end(), Later{});
  };
  WaitingRing waiting;
  WaitingRing::Slot slot;
  int busy = 0;
  BareResult result;

  push(Exponential(mean_gap_s, arrivals), kArrival);
  while (!heap.empty() && heap.front().time <= system.horizon_s) {
    std::pop_heap(heap.begin(), heap.end(), Later{});
    const Event event = heap.back();
    heap.pop_back();
    ++result.events;
    const double now = event.time;
    switch (event.tag & 3) {
      case kArrival: {
        push(now + Exponential(mean_gap_s, arrivals), kArrival);
        ++result.arrivals;
        const bool counted = now >= system.warmup_s;
        result.offered += counted;
        const double handle_s = Exponential(system.aht_s, handles);
        const double patience_s = Exponential(system.patience_s, patiences);
        if (busy < system.agents) {
          ++busy;
          result.answered += counted;
          push(now + handle_s, kDone);
        } else {
          result.waited += counted;
          push(now + patience_s, kAbandon + 4 * waiting.Push(handle_s, counted));
        }
        break;
      }
      case kDone:
        // The agent takes the first waiting call, or goes idle.
        if (waiting.PopFirst(slot)) {
          result.answered += slot.counted;
          push(now + slot.handle_s, kDone);
        } else {
          --busy;
        }
        break;
      default:  // kAbandon
        if (waiting.Abandon(event.tag >> 2, slot)) result.abandoned += slot.counted;
        break;
    }
  }
  return result;
}

}  // namespace acd::bench

#endif  // ACD_BENCH_BARE_LOOP_H_
