// The statistics book (stats_book.h): one call per event, every counter set.

#include "lib/engine/stats_book.h"

#include <array>

namespace acd::internal {

namespace {

// Adds one answered (or abandoned) interaction with `wait` to `within` of
// both the current period and the totals: each threshold is compared once.
void CountWithin(const std::vector<Duration>& thresholds, Duration wait,
                 std::array<int64_t, kMaxServiceLevelThresholds>& current,
                 std::array<int64_t, kMaxServiceLevelThresholds>& total) {
  for (size_t i = 0; i < thresholds.size(); ++i) {
    const int64_t within = wait <= thresholds[i];
    current[i] += within;
    total[i] += within;
  }
}

}  // namespace

StatsBook::StatsBook(const Center& center)
    : center_(center), counters_(center.workgroup_count()), stats_(center.workgroup_count()) {}

PeriodCounts& StatsBook::CurrentPeriod(WorkgroupId wg, Time now) {
  WorkgroupStatsState& s = stats_[wg.value()];
  const int64_t interval = now.microseconds() / center_.workgroup(wg).stats_interval.microseconds();
  if (interval != s.interval) {
    s.interval = interval;
    s.current = PeriodCounts{};
  }
  return s.current;
}

void StatsBook::OnEntered(WorkgroupId wg, Time now) {
  ++counters_[wg.value()].entered;
  ++CurrentPeriod(wg, now).entered;
  ++stats_[wg.value()].total.entered;
}

void StatsBook::OnAnswered(WorkgroupId wg, Duration wait, Time now) {
  ++counters_[wg.value()].answered;
  const auto& thresholds = center_.workgroup(wg).service_level_thresholds;
  WorkgroupStatsState& s = stats_[wg.value()];
  PeriodCounts& current = CurrentPeriod(wg, now);
  ++current.answered;
  ++s.total.answered;
  current.answer_wait += wait;
  s.total.answer_wait += wait;
  CountWithin(thresholds, wait, current.answered_within, s.total.answered_within);
  s.answer_waits.Add(now, wait);
}

void StatsBook::OnAbandoned(WorkgroupId wg, Duration wait, Time now) {
  ++counters_[wg.value()].abandoned;
  const auto& thresholds = center_.workgroup(wg).service_level_thresholds;
  WorkgroupStatsState& s = stats_[wg.value()];
  PeriodCounts& current = CurrentPeriod(wg, now);
  ++current.abandoned;
  ++s.total.abandoned;
  CountWithin(thresholds, wait, current.abandoned_within, s.total.abandoned_within);
}

void StatsBook::OnCompleted(WorkgroupId wg, bool failed, Duration handle, Time now) {
  WorkgroupCounters& c = counters_[wg.value()];
  ++(failed ? c.failed : c.completed);
  WorkgroupStatsState& s = stats_[wg.value()];
  s.handle_times.Add(now, handle);
  ++s.handled;
  s.handle_total += handle;
}

void StatsBook::Export(WorkgroupId wg, EngineState::Workgroup& out) const {
  const WorkgroupStatsState& s = stats_[wg.value()];
  out.counters = counters_[wg.value()];
  out.stats_interval = s.interval;
  out.current = s.current;
  out.total = s.total;
  out.answer_waits = s.answer_waits.Samples();
  out.handle_times = s.handle_times.Samples();
  out.handled = s.handled;
  out.handle_total = s.handle_total;
}

void StatsBook::Restore(WorkgroupId wg, const EngineState::Workgroup& in) {
  counters_[wg.value()] = in.counters;
  counters_[wg.value()].waiting = 0;
  WorkgroupStatsState& s = stats_[wg.value()];
  s.interval = in.stats_interval;
  s.current = in.current;
  s.total = in.total;
  s.handled = in.handled;
  s.handle_total = in.handle_total;
  for (const auto& [at, value] : in.answer_waits) s.answer_waits.Add(at, value);
  for (const auto& [at, value] : in.handle_times) s.handle_times.Add(at, value);
}

}  // namespace acd::internal
