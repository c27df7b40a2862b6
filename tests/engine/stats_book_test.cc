// The statistics book (lib/engine/stats_book.h): after any sequence of
// events, every counter set agrees with a tally the test keeps of the same
// events, and each event is booked once in each set.

#include "lib/engine/stats_book.h"

#include <cstdint>
#include <utility>
#include <vector>

#include "acd/config.h"
#include "doctest/doctest.h"
#include "lib/engine/center.h"
#include "tests/testing/random_streams.h"

namespace acd::internal {
namespace {

// The tests' seeded chooser (SplitMix64).
using Choices = testing::Chooser;

// Two workgroups with different thresholds and statistics intervals.
Center TestCenter() {
  CenterConfig config;
  config.workgroups.push_back({.name = "w0",
                               .service_level_thresholds = {Seconds(10), Seconds(30)},
                               .stats_interval = Seconds(600)});
  config.workgroups.push_back(
      {.name = "w1", .service_level_thresholds = {Seconds(20)}, .stats_interval = Seconds(900)});
  auto center = Center::Build(config);
  REQUIRE(center.ok());
  return *std::move(center);
}

// One event as the test remembers it.
struct Event {
  enum Kind {
    kEntered,
    kQueued,
    kDequeued,
    kAnswered,
    kAbandoned,
    kDisconnected,
    kCompleted,
    kTransferredOut
  } kind;
  WorkgroupId wg;
  Time now;
  Duration span;  // wait or handle time
  Time due = Time::Infinite();
  bool failed = false;
};

// A random sequence of `n` events in time order (waiting never negative).
std::vector<Event> RandomEvents(uint64_t seed, int n) {
  Choices rng(seed);
  std::vector<Event> events;
  std::vector<int64_t> waiting(2, 0);
  Time now;
  for (int i = 0; i < n; ++i) {
    now = now + Duration::Microseconds(static_cast<int64_t>(rng.Below(40'000'000)));
    const WorkgroupId wg(static_cast<uint32_t>(rng.Below(2)));
    const Duration span = Duration::Microseconds(static_cast<int64_t>(rng.Below(60'000'000)));
    auto kind = static_cast<Event::Kind>(rng.Below(8));
    if (kind == Event::kDequeued && waiting[wg.value()] == 0) kind = Event::kQueued;
    waiting[wg.value()] += kind == Event::kQueued ? 1 : kind == Event::kDequeued ? -1 : 0;
    Event e{.kind = kind, .wg = wg, .now = now, .span = span};
    if (kind == Event::kDisconnected && rng.Below(3) != 0) {
      e.due =
          now + Duration::Microseconds(static_cast<int64_t>(rng.Below(20'000'000))) - Seconds(10);
    }
    e.failed = rng.Below(4) == 0;
    events.push_back(e);
  }
  return events;
}

void Book(StatsBook& book, const Event& e) {
  switch (e.kind) {
    case Event::kEntered:
      book.OnEntered(e.wg, e.now);
      break;
    case Event::kQueued:
      book.OnQueued(e.wg);
      break;
    case Event::kDequeued:
      book.OnDequeued(e.wg);
      break;
    case Event::kAnswered:
      book.OnAnswered(e.wg, e.span, e.now);
      break;
    case Event::kAbandoned:
      book.OnAbandoned(e.wg, e.span, e.now);
      break;
    case Event::kDisconnected:
      book.OnDisconnected(e.wg, e.due, e.now);
      break;
    case Event::kCompleted:
      book.OnCompleted(e.wg, e.failed, e.span, e.now);
      break;
    case Event::kTransferredOut:
      book.OnTransferredOut(e.wg);
      break;
  }
}

// Counts from first principles: of the events of `wg` (only those at or
// after `from`, and not after `to`), how many of `kind`.
struct Tally {
  WorkgroupCounters counters;
  PeriodCounts period;
  int64_t handled = 0;
  Duration handle_total;
};

Tally Count(const Center& center, const std::vector<Event>& events, WorkgroupId wg, Time from,
            Time to) {
  const auto& thresholds = center.workgroup(wg).service_level_thresholds;
  Tally t;
  for (const Event& e : events) {
    if (e.wg != wg || e.now < from || e.now > to) continue;
    switch (e.kind) {
      case Event::kEntered:
        ++t.counters.entered;
        ++t.period.entered;
        break;
      case Event::kQueued:
        ++t.counters.waiting;
        break;
      case Event::kDequeued:
        --t.counters.waiting;
        break;
      case Event::kAnswered:
        ++t.counters.answered;
        ++t.period.answered;
        t.period.answer_wait += e.span;
        for (size_t i = 0; i < thresholds.size(); ++i) {
          t.period.answered_within[i] += e.span <= thresholds[i];
        }
        break;
      case Event::kAbandoned:
        ++t.counters.abandoned;
        ++t.period.abandoned;
        for (size_t i = 0; i < thresholds.size(); ++i) {
          t.period.abandoned_within[i] += e.span <= thresholds[i];
        }
        break;
      case Event::kDisconnected:
        if (e.due != Time::Infinite()) {
          ++(e.now <= e.due ? t.counters.completed_on_time : t.counters.completed_late);
        }
        break;
      case Event::kCompleted:
        ++(e.failed ? t.counters.failed : t.counters.completed);
        ++t.handled;
        t.handle_total += e.span;
        break;
      case Event::kTransferredOut:
        ++t.counters.transferred_out;
        break;
    }
  }
  return t;
}

void CheckCounters(const WorkgroupCounters& got, const WorkgroupCounters& want) {
  CHECK(got.entered == want.entered);
  CHECK(got.answered == want.answered);
  CHECK(got.abandoned == want.abandoned);
  CHECK(got.completed == want.completed);
  CHECK(got.failed == want.failed);
  CHECK(got.transferred_out == want.transferred_out);
  CHECK(got.completed_on_time == want.completed_on_time);
  CHECK(got.completed_late == want.completed_late);
  CHECK(got.waiting == want.waiting);
}

void CheckPeriod(const PeriodCounts& got, const PeriodCounts& want) {
  CHECK(got.entered == want.entered);
  CHECK(got.answered == want.answered);
  CHECK(got.abandoned == want.abandoned);
  CHECK(got.answer_wait == want.answer_wait);
  CHECK(got.answered_within == want.answered_within);
  CHECK(got.abandoned_within == want.abandoned_within);
}

TEST_CASE("the statistics book's counters agree with the events after any sequence") {
  const Center center = TestCenter();
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    const std::vector<Event> events = RandomEvents(seed, 500);
    StatsBook book(center);
    for (const Event& e : events) Book(book, e);
    const Time end = events.back().now;
    for (uint32_t w = 0; w < 2; ++w) {
      const WorkgroupId wg(w);
      INFO("seed ", seed, " workgroup ", w);
      const Tally all = Count(center, events, wg, Time(), end);
      CheckCounters(book.counters(wg), all.counters);
      const WorkgroupStatsState& s = book.stats(wg);
      CheckPeriod(s.total, all.period);
      CHECK(s.handled == all.handled);
      CHECK(s.handle_total == all.handle_total);
      // The current interval: the one holding the workgroup's last booked
      // period event (the book starts a new one only when it books).
      const Duration length = center.workgroup(wg).stats_interval;
      const Time start = Time::FromMicroseconds(s.interval * length.microseconds());
      CheckPeriod(s.current, Count(center, events, wg, start, end).period);
    }
  }
}

TEST_CASE("every counter set books each event exactly once") {
  const Center center = TestCenter();
  const std::vector<Event> events = RandomEvents(42, 2000);
  StatsBook book(center);
  const WorkgroupId wg(0);
  for (const Event& e : events) {
    const WorkgroupCounters before = book.counters(wg);
    const PeriodCounts total = book.stats(wg).total;
    Book(book, e);
    if (e.wg != wg) {
      CHECK(book.counters(wg).entered == before.entered);
      continue;
    }
    const WorkgroupCounters& after = book.counters(wg);
    const PeriodCounts& now_total = book.stats(wg).total;
    // The counters since start and the statistics totals move together.
    CHECK(after.entered - before.entered == now_total.entered - total.entered);
    CHECK(after.answered - before.answered == now_total.answered - total.answered);
    CHECK(after.abandoned - before.abandoned == now_total.abandoned - total.abandoned);
    const int64_t moved =
        (after.entered - before.entered) + (after.answered - before.answered) +
        (after.abandoned - before.abandoned) + (after.completed - before.completed) +
        (after.failed - before.failed) + (after.transferred_out - before.transferred_out) +
        (after.completed_on_time - before.completed_on_time) +
        (after.completed_late - before.completed_late) + (after.waiting - before.waiting);
    const bool books = e.kind != Event::kDisconnected || e.due != Time::Infinite();
    CHECK(moved == (e.kind == Event::kDequeued ? -1 : books ? 1 : 0));
  }
}

TEST_CASE("the recent windows keep the answered waits of the last 30 minutes") {
  const Center center = TestCenter();
  const std::vector<Event> events = RandomEvents(5, 3000);
  StatsBook book(center);
  for (const Event& e : events) Book(book, e);
  const Time end = events.back().now;
  int64_t count = 0;
  Duration sum;
  for (const Event& e : events) {
    if (e.wg == WorkgroupId(0) && e.kind == Event::kAnswered && e.now >= end - kRecentWindow) {
      ++count;
      sum += e.span;
    }
  }
  CHECK(count > 2);  // the window does hold some
  CHECK(book.stats(WorkgroupId(0)).answer_waits.CountAt(end) == count);
  CHECK(book.stats(WorkgroupId(0)).answer_waits.SumAt(end) == sum);
}

TEST_CASE("a statistics book restored from its export books on alike") {
  const Center center = TestCenter();
  const std::vector<Event> events = RandomEvents(8, 1000);
  StatsBook book(center);
  for (size_t i = 0; i < 500; ++i) Book(book, events[i]);
  StatsBook restored(center);
  for (uint32_t w = 0; w < 2; ++w) {
    EngineState::Workgroup out;
    book.Export(WorkgroupId(w), out);
    restored.Restore(WorkgroupId(w), out);
    CHECK(restored.counters(WorkgroupId(w)).waiting == 0);
    // Restore leaves waiting to the caller, which counts what waits.
    for (int64_t k = 0; k < book.counters(WorkgroupId(w)).waiting; ++k) {
      restored.OnQueued(WorkgroupId(w));
    }
  }
  for (size_t i = 500; i < events.size(); ++i) {
    Book(book, events[i]);
    Book(restored, events[i]);
  }
  for (uint32_t w = 0; w < 2; ++w) {
    const WorkgroupId wg(w);
    CheckCounters(restored.counters(wg), book.counters(wg));
    CheckPeriod(restored.stats(wg).current, book.stats(wg).current);
    CheckPeriod(restored.stats(wg).total, book.stats(wg).total);
    CHECK(restored.stats(wg).handle_total == book.stats(wg).handle_total);
    CHECK(restored.stats(wg).answer_waits.Samples() == book.stats(wg).answer_waits.Samples());
  }
}

}  // namespace
}  // namespace acd::internal
