// Live statistics per workgroup (acd/stats.h): period counters kept O(1)
// per event, agent counts read from the member bitmaps.

#include <algorithm>
#include <bit>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/engine_impl.h"

namespace acd {

PeriodCounts& Engine::Impl::CurrentPeriod(WorkgroupId wg) {
  internal::WorkgroupStatsState& s = workgroups_[wg.value()].stats;
  const int64_t interval =
      now_.microseconds() / center_.workgroup(wg).stats_interval.microseconds();
  if (interval != s.interval) {
    s.interval = interval;
    s.current = PeriodCounts{};
  }
  return s.current;
}

namespace {

// Adds one answered (or abandoned) interaction with `wait` to `within`.
void CountWithin(const std::vector<Duration>& thresholds, Duration wait,
                 std::array<int64_t, kMaxServiceLevelThresholds>& within) {
  for (size_t i = 0; i < thresholds.size(); ++i) within[i] += wait <= thresholds[i];
}

}  // namespace

void Engine::Impl::CountEntered(const InteractionRecord& x) {
  ++CurrentPeriod(x.workgroup).entered;
  ++workgroups_[x.workgroup.value()].stats.total.entered;
}

void Engine::Impl::CountAnswered(const InteractionRecord& x) {
  const Duration wait = now_ - x.entered_queue;
  const auto& thresholds = center_.workgroup(x.workgroup).service_level_thresholds;
  internal::WorkgroupStatsState& s = workgroups_[x.workgroup.value()].stats;
  for (PeriodCounts* p : {&CurrentPeriod(x.workgroup), &s.total}) {
    ++p->answered;
    p->answer_wait += wait;
    CountWithin(thresholds, wait, p->answered_within);
  }
  s.answer_waits.Add(now_, wait);
}

void Engine::Impl::CountAbandoned(const InteractionRecord& x) {
  const Duration wait = now_ - x.entered_queue;
  const auto& thresholds = center_.workgroup(x.workgroup).service_level_thresholds;
  internal::WorkgroupStatsState& s = workgroups_[x.workgroup.value()].stats;
  for (PeriodCounts* p : {&CurrentPeriod(x.workgroup), &s.total}) {
    ++p->abandoned;
    CountWithin(thresholds, wait, p->abandoned_within);
  }
}

void Engine::Impl::CountCompleted(const InteractionRecord& x) {
  const Duration handle = now_ - x.connected_at;
  internal::WorkgroupStatsState& s = workgroups_[x.workgroup.value()].stats;
  s.handle_times.Add(now_, handle);
  ++s.handled;
  s.handle_total += handle;
}

absl::StatusOr<WorkgroupStats> Engine::Impl::GetWorkgroupStats(WorkgroupId id) const {
  ACD_RETURN_IF_ERROR(CheckWorkgroup(id));
  const internal::WorkgroupState& wg = workgroups_[id.value()];
  const WorkgroupConfig& config = center_.workgroup(id);
  const int64_t length = config.stats_interval.microseconds();
  const int64_t interval = now_.microseconds() / length;
  WorkgroupStats out{.now = now_,
                     .interval_start = Time::FromMicroseconds(interval * length),
                     .interval_length = config.stats_interval,
                     .waiting = wg.counters.waiting};
  // A scan of the workgroup's queue: queries are rare next to events.
  ForEachWaiting(id, [&](uint32_t slot) {
    out.longest_wait = std::max(out.longest_wait, now_ - slab_[slot].entered_queue);
  });
  const internal::MemberIndex& members = agents_.members(id);
  for (size_t i = 0; i < members.ready.size(); ++i) {
    out.agents_logged_in += std::popcount(members.logged_in[i]);
    out.agents_activated += std::popcount(members.logged_in[i] & members.active[i]);
    out.agents_available += std::popcount(members.ready[i]);
    out.agents_busy += std::popcount(members.busy[i]);
    out.agents_wrap_up += std::popcount(members.wrapping[i]);
  }
  if (interval == wg.stats.interval) out.current = wg.stats.current;
  out.total = wg.stats.total;
  out.threshold_count = static_cast<int>(config.service_level_thresholds.size());
  const PeriodCounts& c = out.current;
  for (int i = 0; i < out.threshold_count; ++i) {
    out.thresholds[i] = config.service_level_thresholds[i];
    const auto ratio = [](int64_t part, int64_t whole) {
      return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
    };
    out.service_level[i] = ratio(c.answered_within[i], c.answered);
    out.service_level_with_abandons[i] = ratio(c.answered_within[i], c.answered + c.abandoned);
  }
  return out;
}

}  // namespace acd
