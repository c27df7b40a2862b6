// Live statistics per workgroup (acd/stats.h): the period counters of the
// statistics book (stats_book.h), agent counts read from the agent book's
// member bitmaps.

#include <algorithm>
#include <bit>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/engine_impl.h"

namespace acd {

absl::StatusOr<WorkgroupStats> Engine::Impl::GetWorkgroupStats(WorkgroupId id) const {
  ACD_RETURN_IF_ERROR(CheckWorkgroup(id));
  const internal::WorkgroupStatsState& stats = stats_.stats(id);
  const WorkgroupConfig& config = center_.workgroup(id);
  const int64_t length = config.stats_interval.microseconds();
  const int64_t interval = now_.microseconds() / length;
  WorkgroupStats out{.now = now_,
                     .interval_start = Time::FromMicroseconds(interval * length),
                     .interval_length = config.stats_interval,
                     .waiting = stats_.counters(id).waiting};
  // A scan of the workgroup's queue: queries are rare next to events.
  interactions_.ForEachWaiting(id, [&](uint32_t slot) {
    out.longest_wait = std::max(out.longest_wait, now_ - interactions_.record(slot).entered_queue);
  });
  const internal::MemberBits& members = agents_.members(id);
  for (const internal::MemberWord& word : members.words) {
    out.agents_logged_in += std::popcount(word.logged_in);
    out.agents_activated += std::popcount(word.logged_in & word.active);
    out.agents_available += std::popcount(word.ready);
    out.agents_busy += std::popcount(word.busy);
    out.agents_wrap_up += std::popcount(word.wrapping);
  }
  if (interval == stats.interval) out.current = stats.current;
  out.total = stats.total;
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
