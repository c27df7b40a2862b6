// The statistics book: every counter the engine keeps per workgroup, booked
// by one call per event.
//
// Two sets of counters follow the same events: WorkgroupCounters
// (acd/engine.h, since start, for GetWorkgroupCounters) and the statistics
// of acd/stats.h (the current interval and the totals, with windows of
// recent waits and handle times, for GetWorkgroupStats and the wait
// estimates). Each event method below updates every set it concerns, so no
// caller books an event twice or forgets one set.
//
//   StatsBook stats(center);
//   stats.OnEntered(wg, now);             // entered: counters, interval, total
//   stats.OnQueued(wg);                   // one more waiting
//   stats.OnDequeued(wg);
//   stats.OnAnswered(wg, now - entered_queue, now);
//
// `now` never goes back between calls (the engine's clock). The book keeps a
// reference to the center, which the engine may replace in place (a
// reconfiguration); workgroups may be added (Grow), never taken away.
//
// Thread safety: none; owned by one Engine::Impl.

#ifndef ACD_LIB_ENGINE_STATS_BOOK_H_
#define ACD_LIB_ENGINE_STATS_BOOK_H_

#include <vector>

#include "acd/engine.h"
#include "acd/engine_state.h"
#include "acd/ids.h"
#include "acd/stats.h"
#include "acd/time.h"
#include "lib/engine/center.h"
#include "lib/engine/stats_state.h"

namespace acd::internal {

class StatsBook {
 public:
  // Every counter zero. `center` must outlive the book.
  explicit StatsBook(const Center& center);

  StatsBook(const StatsBook&) = delete;
  StatsBook& operator=(const StatsBook&) = delete;

  const WorkgroupCounters& counters(WorkgroupId wg) const { return counters_[wg.value()]; }
  const WorkgroupStatsState& stats(WorkgroupId wg) const { return stats_[wg.value()]; }

  // ---- Events ----
  // An interaction entered the workgroup (arrival, transfer, overflow).
  void OnEntered(WorkgroupId wg, Time now);
  // One more, or one fewer, waiting in the workgroup's queue.
  void OnQueued(WorkgroupId wg) { ++counters_[wg.value()].waiting; }
  void OnDequeued(WorkgroupId wg) { --counters_[wg.value()].waiting; }
  // Answered after waiting `wait` in queue.
  void OnAnswered(WorkgroupId wg, Duration wait, Time now);
  // Abandoned (waiting, alerting or snoozed) `wait` after it entered the
  // queue.
  void OnAbandoned(WorkgroupId wg, Duration wait, Time now);
  // A connection ended; with a due time (`due` not Infinite), on time or
  // late.
  void OnDisconnected(WorkgroupId wg, Time due, Time now) {
    if (due == Time::Infinite()) return;
    WorkgroupCounters& c = counters_[wg.value()];
    ++(now <= due ? c.completed_on_time : c.completed_late);
  }
  // Completed (or, a callback, failed) `handle` after it was answered.
  void OnCompleted(WorkgroupId wg, bool failed, Duration handle, Time now);
  // Moved to another workgroup (transfer, overflow), which counts it as
  // entered.
  void OnTransferredOut(WorkgroupId wg) { ++counters_[wg.value()].transferred_out; }

  // Counters (zero) for the workgroups the center added (AddWorkgroup).
  void Grow() {
    counters_.resize(static_cast<size_t>(center_.workgroup_count()));
    stats_.resize(static_cast<size_t>(center_.workgroup_count()));
  }

  // ---- Snapshots ----
  // The workgroup's counters and statistics into `out`.
  void Export(WorkgroupId wg, EngineState::Workgroup& out) const;
  // From a snapshot, with no interaction waiting (OnQueued counts them).
  void Restore(WorkgroupId wg, const EngineState::Workgroup& in);

 private:
  // The counts of the interval containing `now`, started afresh when `now`
  // has moved into a later interval.
  PeriodCounts& CurrentPeriod(WorkgroupId wg, Time now);

  const Center& center_;
  std::vector<WorkgroupCounters> counters_;
  std::vector<WorkgroupStatsState> stats_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_STATS_BOOK_H_
