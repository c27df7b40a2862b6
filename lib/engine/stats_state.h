// The engine's bookkeeping for live statistics and wait estimates
// (acd/stats.h): per-workgroup period counters and windows of recent
// samples. Every update is O(1) amortized and, once the buffers have grown
// to the traffic of a window, allocates nothing.

#ifndef ACD_LIB_ENGINE_STATS_STATE_H_
#define ACD_LIB_ENGINE_STATS_STATE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "acd/stats.h"
#include "acd/time.h"

namespace acd::internal {

// Samples (time, value) in time order, with their sum, keeping those of the
// last `window`: a ring buffer whose size is a power of two (indexes wrap
// with a mask) and that doubles when full.
class RecentSamples {
 public:
  explicit RecentSamples(Duration window) : window_(window) {}

  // Adds a sample at `now` (not before the last one) and forgets those that
  // fell out of the window.
  void Add(Time now, Duration value) {
    Expire(now);
    if (count_ == buffer_.size()) Grow();
    buffer_[(head_ + count_) & (buffer_.size() - 1)] = {now, value};
    ++count_;
    sum_ += value;
  }

  // Every sample still kept, oldest first (some may be older than the
  // window: they are dropped at the next Add); for snapshots.
  std::vector<std::pair<Time, Duration>> Samples() const {
    std::vector<std::pair<Time, Duration>> out;
    for (size_t i = 0; i < count_; ++i) {
      const Sample& s = buffer_[(head_ + i) & (buffer_.size() - 1)];
      out.emplace_back(s.at, s.value);
    }
    return out;
  }

  // Count and sum of the samples taken at or after `now - window`.
  int64_t CountAt(Time now) const { return static_cast<int64_t>(count_ - Stale(now, nullptr)); }
  Duration SumAt(Time now) const {
    Duration stale;
    Stale(now, &stale);
    return sum_ - stale;
  }

 private:
  struct Sample {
    Time at;
    Duration value;
  };

  // How many samples at the head are older than the window, and their sum.
  size_t Stale(Time now, Duration* sum) const {
    size_t n = 0;
    const Time oldest = now - window_;
    while (n < count_ && buffer_[(head_ + n) & (buffer_.size() - 1)].at < oldest) {
      if (sum != nullptr) *sum += buffer_[(head_ + n) & (buffer_.size() - 1)].value;
      ++n;
    }
    return n;
  }

  // In locals: the compiler cannot tell that the buffer's samples are not
  // the members, and would store them back on every sample dropped.
  void Expire(Time now) {
    const Time oldest = now - window_;
    const size_t mask = buffer_.size() - 1;
    size_t head = head_, count = count_;
    Duration sum = sum_;
    while (count > 0 && buffer_[head].at < oldest) {
      sum -= buffer_[head].value;
      head = (head + 1) & mask;
      --count;
    }
    head_ = head;
    count_ = count;
    sum_ = sum;
  }

  void Grow() {
    std::vector<Sample> bigger(buffer_.empty() ? 16 : buffer_.size() * 2);
    for (size_t i = 0; i < count_; ++i) bigger[i] = buffer_[(head_ + i) & (buffer_.size() - 1)];
    buffer_ = std::move(bigger);
    head_ = 0;
  }

  Duration window_;
  std::vector<Sample> buffer_;
  size_t head_ = 0;
  size_t count_ = 0;
  Duration sum_;
};

// The window of PureConnect's estimate, also used for recent handle times.
inline constexpr Duration kRecentWindow = Seconds(1800);

struct WorkgroupStatsState {
  // Index of the interval `current` counts (now / stats_interval).
  int64_t interval = 0;
  PeriodCounts current;
  PeriodCounts total;
  // Queue waits of answered interactions, and handle times (answer to the
  // end of wrap-up) of completed ones, over the last 30 minutes; and all
  // handle times since start.
  RecentSamples answer_waits{kRecentWindow};
  RecentSamples handle_times{kRecentWindow};
  int64_t handled = 0;
  Duration handle_total;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_STATS_STATE_H_
