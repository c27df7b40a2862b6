// The KPI tally on its own (sim/kpi_tally.h): KPI events in, counters out.

#include "sim/kpi_tally.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "doctest/doctest.h"
#include "sim/mrg32k3a.h"

namespace acd::sim {
namespace {

constexpr int kIntervals = 4;  // [0, 300), [300, 600), [600, 900), [900, 1000)

// Window [100 s, 1000 s), intervals of 300 s. Type 0 (workgroup 0) has
// thresholds 20 s and 40 s, type 1 (workgroup 1) just 30 s. Agent 0 is in
// group 0 and active in workgroup 0; agent 1 is on its own, active in both.
KpiShape TestShape() {
  KpiShape s;
  s.window_start = Time() + Seconds(100);
  s.horizon = Time() + Seconds(1000);
  s.interval = Seconds(300);
  s.contact_types = {{.workgroup = 0, .thresholds = {Seconds(20), Seconds(40)}},
                     {.workgroup = 1, .thresholds = {Seconds(30)}}};
  s.workgroups = 2;
  s.agent_groups = 1;
  s.agents = {{.group = 0, .active_workgroups = {0}}, {.group = -1, .active_workgroups = {0, 1}}};
  return s;
}

ContactKey Key(int type, int interval, bool counted = true) {
  return {.type = type, .interval = interval, .counted = counted};
}

int64_t Sum(const std::vector<Tally>& intervals, int64_t Tally::*field) {
  int64_t n = 0;
  for (const Tally& t : intervals) n += t.*field;
  return n;
}

TEST_CASE("a contact answered within the threshold counts once, in its type and interval") {
  KpiTally tally(TestShape());
  tally.Answered(Key(0, 1), Seconds(20));
  const ReplicationResult r = tally.Finish(0);
  const Tally& t = r.contact_types[0];
  CHECK(t.answered == 1);
  CHECK(t.answered_within == 1);
  CHECK(t.answered_within_more == std::array<int64_t, 3>{1, 1, 1});
  CHECK(t.wait_answered_s == 20);
  CHECK(r.contact_type_intervals[0][1].answered_within == 1);
  CHECK(Sum(r.contact_type_intervals[0], &Tally::answered) == 1);
  CHECK(r.workgroups[0].answered_within == 1);
  CHECK(r.workgroup_intervals[0][1].answered == 1);
  CHECK(r.workgroups[1].answered == 0);
  CHECK(r.total.answered == 1);
  CHECK(r.total_intervals[1].answered == 1);
}

TEST_CASE("an answer after the first threshold counts under the later ones only") {
  KpiTally tally(TestShape());
  tally.Answered(Key(0, 0), Seconds(30));
  tally.Answered(Key(1, 0), Seconds(30) + Duration::Microseconds(1));
  const ReplicationResult r = tally.Finish(0);
  CHECK(r.contact_types[0].answered_within == 0);
  // Type 0's second threshold, 40 s, repeated for the third and fourth.
  CHECK(r.contact_types[0].answered_within_more == std::array<int64_t, 3>{1, 1, 1});
  CHECK(r.contact_types[1].answered == 1);
  CHECK(r.contact_types[1].answered_within == 0);
  CHECK(r.contact_types[1].answered_within_more == std::array<int64_t, 3>{0, 0, 0});
}

TEST_CASE("an abandon at the threshold counts within it, one a microsecond later does not") {
  KpiTally tally(TestShape());
  tally.Abandoned(Key(0, 2), Seconds(20));
  tally.Abandoned(Key(0, 2), Seconds(20) + Duration::Microseconds(1));
  const ReplicationResult r = tally.Finish(0);
  CHECK(r.contact_types[0].abandoned == 2);
  CHECK(r.contact_types[0].abandoned_within == 1);
  CHECK(r.contact_type_intervals[0][2].abandoned_within == 1);
  CHECK(r.contact_types[0].answered == 0);
}

TEST_CASE("a contact that arrived in the warm-up counts nowhere") {
  KpiTally tally(TestShape());
  const ContactKey early = Key(0, 0, /*counted=*/false);
  tally.Offered(early);
  tally.Answered(early, Seconds(1));
  tally.LegFinished(early, Seconds(100), Seconds(80));
  const ReplicationResult r = tally.Finish(0);
  CHECK(r.total.offered == 0);
  CHECK(r.total.answered == 0);
  CHECK(r.total.handled == 0);
  CHECK(r.contact_type_intervals[0][0].offered == 0);
}

TEST_CASE("a finished leg splits its handle time into talk and wrap-up") {
  KpiTally tally(TestShape());
  tally.LegFinished(Key(1, 3), Seconds(100), Seconds(80));
  const ReplicationResult r = tally.Finish(0);
  CHECK(r.contact_types[1].handled == 1);
  CHECK(r.contact_types[1].handle_s == 100);
  CHECK(r.contact_types[1].talk_s == 80);
  CHECK(r.contact_types[1].wrap_up_s == 20);
}

// A reference count of one contact type's counters.
struct Expected {
  int64_t offered = 0, answered = 0, answered_within = 0, abandoned = 0, abandoned_within = 0;
  int64_t no_answers = 0, transfers = 0, due_finished = 0, due_on_time = 0;
};

TEST_CASE("over random contact events every counter agrees with a direct count") {
  const KpiShape shape = TestShape();
  for (uint64_t sequence = 0; sequence < 20; ++sequence) {
    CAPTURE(sequence);
    Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, 0, sequence);
    KpiTally tally(shape);
    std::array<Expected, 2> expected{};
    for (int i = 0; i < 500; ++i) {
      const int type = rng.NextDouble() < 0.5 ? 0 : 1;
      const int interval = std::min(kIntervals - 1, static_cast<int>(rng.NextDouble() * 4));
      const bool counted = rng.NextDouble() < 0.8;
      const ContactKey key = Key(type, interval, counted);
      const Duration wait = Duration::Microseconds(static_cast<int64_t>(rng.NextDouble() * 60e6));
      Expected& e = expected[type];
      const Duration first = shape.contact_types[type].thresholds[0];
      switch (static_cast<int>(rng.NextDouble() * 5)) {
        case 0:
          tally.Offered(key);
          if (counted) ++e.offered;
          break;
        case 1:
          tally.Answered(key, wait);
          if (counted) ++e.answered, e.answered_within += wait <= first;
          break;
        case 2:
          tally.Abandoned(key, wait);
          if (counted) ++e.abandoned, e.abandoned_within += wait <= first;
          break;
        case 3:
          tally.NoAnswer(key);
          tally.Transferred(key);
          if (counted) ++e.no_answers, ++e.transfers;
          break;
        default: {
          const bool on_time = rng.NextDouble() < 0.5;
          tally.DueFinished(key, on_time);
          if (counted) ++e.due_finished, e.due_on_time += on_time;
        }
      }
    }
    const ReplicationResult r = tally.Finish(0);
    Tally total;
    for (int type = 0; type < 2; ++type) {
      CAPTURE(type);
      const Tally& t = r.contact_types[type];
      const Expected& e = expected[type];
      CHECK(t.offered == e.offered);
      CHECK(t.answered == e.answered);
      CHECK(t.answered_within == e.answered_within);
      CHECK(t.abandoned == e.abandoned);
      CHECK(t.abandoned_within == e.abandoned_within);
      CHECK(t.no_answers == e.no_answers);
      CHECK(t.transfers == e.transfers);
      CHECK(t.due_finished == e.due_finished);
      CHECK(t.due_on_time == e.due_on_time);
      // Each contact counts in exactly one interval of its type.
      for (int64_t Tally::*field :
           {&Tally::offered, &Tally::answered, &Tally::answered_within, &Tally::abandoned,
            &Tally::abandoned_within, &Tally::no_answers, &Tally::due_on_time}) {
        CHECK(Sum(r.contact_type_intervals[type], field) == t.*field);
      }
      // A workgroup here has one type: its counts are the type's.
      CHECK(r.workgroups[type].answered == t.answered);
      CHECK(r.workgroups[type].abandoned_within == t.abandoned_within);
      total.AddContacts(t);
    }
    CHECK(r.total.answered == total.answered);
    CHECK(r.total.offered == total.offered);
    CHECK(Sum(r.total_intervals, &Tally::abandoned) == r.total.abandoned);
  }
}

TEST_CASE("queue length over random changes matches a direct integration over the window") {
  const KpiShape shape = TestShape();
  const double window_start = 100, horizon = 1000;
  for (uint64_t sequence = 0; sequence < 20; ++sequence) {
    CAPTURE(sequence);
    Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, 1, sequence);
    KpiTally tally(shape);
    std::array<int64_t, 2> level{};
    std::array<double, 2> integral{}, max_level{};
    double total_max = 0;
    Time now;
    for (int i = 0; i < 200; ++i) {
      const Time next = now + Duration::Microseconds(static_cast<int64_t>(rng.NextDouble() * 8e6));
      // The levels held over [now, next), clipped to the window.
      const double from = std::max(ToSeconds(now - Time()), window_start);
      const double to = std::min(ToSeconds(next - Time()), horizon);
      if (to > from) {
        for (int k = 0; k < 2; ++k) {
          integral[k] += static_cast<double>(level[k]) * (to - from);
          max_level[k] = std::max(max_level[k], static_cast<double>(level[k]));
        }
        total_max = std::max(total_max, static_cast<double>(level[0] + level[1]));
      }
      now = next;
      const int type = rng.NextDouble() < 0.5 ? 0 : 1;
      const int delta = level[type] > 0 && rng.NextDouble() < 0.5 ? -1 : +1;
      tally.QueueChanged(type, delta, now);
      level[type] += delta;
    }
    REQUIRE(ToSeconds(now - Time()) < horizon);
    const double from = std::max(ToSeconds(now - Time()), window_start);
    for (int k = 0; k < 2; ++k) {
      integral[k] += static_cast<double>(level[k]) * (horizon - from);
      max_level[k] = std::max(max_level[k], static_cast<double>(level[k]));
    }
    total_max = std::max(total_max, static_cast<double>(level[0] + level[1]));
    const ReplicationResult r = tally.Finish(0);
    for (int k = 0; k < 2; ++k) {
      CAPTURE(k);
      CHECK(r.contact_types[k].queue_integral_s == doctest::Approx(integral[k]));
      CHECK(r.contact_types[k].max_queue == max_level[k]);
      CHECK(r.workgroups[k].max_queue == max_level[k]);
      double by_interval = 0, interval_max = 0;
      for (const Tally& t : r.contact_type_intervals[k]) {
        by_interval += t.queue_integral_s;
        interval_max = std::max(interval_max, t.max_queue);
      }
      CHECK(by_interval == doctest::Approx(integral[k]));
      CHECK(interval_max == max_level[k]);
    }
    CHECK(r.total.max_queue == total_max);
  }
}

TEST_CASE("an agent's busy time is split over the intervals it spans, clipped to the window") {
  KpiTally tally(TestShape());
  tally.AgentChanged(0, Time(), AgentActivity::kIdle, /*status_ready=*/true);
  tally.AgentTakes(0, /*workgroup=*/0);
  tally.AgentChanged(0, Time() + Seconds(200), AgentActivity::kBusy, false);
  tally.AgentChanged(0, Time() + Seconds(500), AgentActivity::kIdle, true);
  const ReplicationResult r = tally.Finish(0);
  const Tally& g = r.agent_groups[0];
  CHECK(g.staffed_s == 900);
  CHECK(g.busy_s == 300);
  CHECK(g.ready_s == 600);
  CHECK(r.agent_group_intervals[0][0].busy_s == 100);
  CHECK(r.agent_group_intervals[0][0].staffed_s == 200);
  CHECK(r.agent_group_intervals[0][1].busy_s == 200);
  CHECK(r.workgroups[0].busy_s == 300);
  CHECK(r.workgroups[1].busy_s == 0);
  CHECK(r.total.busy_s == 300);
  // Contact types measure no agent time.
  CHECK(r.contact_types[0].busy_s != r.contact_types[0].busy_s);  // NaN
}

TEST_CASE("busy agents at an interval's end are counted after every event at that instant") {
  KpiTally tally(TestShape());
  tally.AgentChanged(1, Time(), AgentActivity::kIdle, true);
  tally.AgentTakes(1, 1);
  tally.AgentChanged(1, Time() + Seconds(250), AgentActivity::kBusy, false);
  tally.CountBusyBefore(Time() + Seconds(300));  // events at 300 s may follow
  tally.AgentChanged(1, Time() + Seconds(300), AgentActivity::kWrapUp, false);
  tally.CountBusyBefore(Time() + Seconds(301));
  tally.AgentChanged(1, Time() + Seconds(600), AgentActivity::kIdle, true);
  const ReplicationResult r = tally.Finish(0);
  CHECK(r.total_intervals[0].busy_agents_end == 1);
  CHECK(r.workgroup_intervals[1][0].busy_agents_end == 1);
  CHECK(r.workgroup_intervals[0][0].busy_agents_end == 0);
  CHECK(r.total_intervals[1].busy_agents_end == 0);  // idle at 600 s
  CHECK(r.total.busy_agents_end == 0);
}

TEST_CASE("over random agent changes busy and ready time stay within staffed time") {
  for (uint64_t sequence = 0; sequence < 20; ++sequence) {
    CAPTURE(sequence);
    Mrg32k3a rng = Mrg32k3a::Stream(Mrg32k3a::kDefaultSeed, 2, sequence);
    KpiTally tally(TestShape());
    Time now;
    for (int i = 0; i < 200; ++i) {
      now = now + Duration::Microseconds(static_cast<int64_t>(rng.NextDouble() * 10e6));
      const size_t agent = rng.NextDouble() < 0.5 ? 0 : 1;
      const auto activity = static_cast<AgentActivity>(static_cast<int>(rng.NextDouble() * 5));
      if (activity == AgentActivity::kAlerting) tally.AgentTakes(agent, agent == 0 ? 0 : 1);
      tally.AgentChanged(agent, now, activity, rng.NextDouble() < 0.7);
    }
    const ReplicationResult r = tally.Finish(0);
    const double eps = 1e-6;
    for (const Tally* t : {&r.total, &r.agent_groups[0], &r.workgroups[0], &r.workgroups[1]}) {
      CHECK(t->busy_s <= t->staffed_s + eps);
      CHECK(t->ready_s + t->busy_s <= t->staffed_s + eps);
    }
    CHECK(r.total.staffed_s <= 2 * 900 + eps);
    double staffed = 0, busy = 0;
    for (const Tally& t : r.total_intervals) staffed += t.staffed_s, busy += t.busy_s;
    CHECK(staffed == doctest::Approx(r.total.staffed_s));
    CHECK(busy == doctest::Approx(r.total.busy_s));
    // The workgroups' busy time is the center's: each busy agent is on one.
    CHECK(r.workgroups[0].busy_s + r.workgroups[1].busy_s <= r.total.busy_s + eps);
  }
}

}  // namespace
}  // namespace acd::sim
