// sim/kpi_tally.h: the KPI counters of one replication.
//
// The tally turns what happens in a replication into the sums of
// sim/tally.h: per contact type, per workgroup, per agent group and for the
// whole center, for the whole run and per reporting interval. It is told
// each KPI event once (`Answered`, `Abandoned`, `LegFinished`, ...) and
// every change of an agent's activity or of a queue's length; it knows
// nothing of the engine, the event list or the random streams.
//
// What counts (the definitions are sim/tally.h's):
//   - A contact's counts go to the tallies of its contact type, overall and
//     for the interval it arrived in, and only when it arrived inside the
//     measured window (`ContactKey::counted`); workgroup and center counts
//     are the sums of their contact types', added up by `Finish`.
//   - Time-weighted values (queue length, agent time) are credited from each
//     change to the next, clipped to the window [window_start, horizon) and
//     split over the intervals they span.
//   - Busy agents at an interval's end are counted by `CountBusyBefore`
//     once every event at that instant has been told.
//
// Example:
//
//   KpiTally tally(shape);
//   tally.Offered(key);
//   tally.QueueChanged(key.type, +1, now);
//   ...
//   tally.Answered(key, waited);
//   ReplicationResult result = tally.Finish();
//
// Every call is a few additions: no allocation after construction, no
// virtual call. Thread safety: none (one tally per replication).

#ifndef ACD_SIM_KPI_TALLY_H_
#define ACD_SIM_KPI_TALLY_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "acd/observer.h"
#include "acd/time.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "sim/tally.h"

namespace acd::sim {

// What the tally needs to know of the scenario: the window, the intervals,
// and which slice each contact type and agent belongs to.
struct KpiShape {
  struct ContactType {
    int workgroup = 0;
    // Service-level thresholds, at least one; a type with fewer than the
    // report's repeats its last (scenario.proto).
    std::vector<Duration> thresholds;
  };
  struct Agent {
    // Index of its agent group, or -1 for an agent listed on its own.
    int group = -1;
    // The workgroups it is an active member of (their staffed and ready
    // time include its own).
    std::vector<int> active_workgroups;
  };
  Time window_start;
  Time horizon;
  // The reporting interval; intervals run from time 0 and the last one ends
  // at the horizon.
  Duration interval = Seconds(1800);
  std::vector<ContactType> contact_types;
  int workgroups = 0;
  int agent_groups = 0;
  std::vector<Agent> agents;

  // The scenario's shape; `active_workgroups` gives each agent's active
  // memberships as workgroup indexes.
  static KpiShape Of(const Scenario& scenario, std::vector<std::vector<int>> active_workgroups);
};

// A contact's place in the tallies: its contact type, the interval it
// arrived in, and whether it arrived inside the measured window.
struct ContactKey {
  int type = 0;
  int interval = 0;
  bool counted = false;
};

class KpiTally {
 public:
  explicit KpiTally(KpiShape shape);
  // Not copyable or movable: the agents' tracks point into its own result.
  KpiTally(const KpiTally&) = delete;
  KpiTally& operator=(const KpiTally&) = delete;

  // The reporting interval that `t` falls in (the last one for t at or
  // past its start).
  // Nearly every call falls in the interval of the call before: that one's
  // bounds are kept, and a division is needed only past them.
  int IntervalOf(Time t) const {
    if (t >= last_start_ && t < last_end_) return last_interval_;
    const int64_t k = t.microseconds() / shape_.interval.microseconds();
    last_interval_ = static_cast<int>(std::min<int64_t>(k, intervals_ - 1));
    last_start_ = Time() + shape_.interval * last_interval_;
    last_end_ = last_interval_ + 1 < intervals_ ? Time() + shape_.interval * (last_interval_ + 1)
                                                : Time::Infinite();
    return last_interval_;
  }

  // The start of the measured window (the end of the warm-up).
  Time window_start() const { return shape_.window_start; }

  // ---- Contacts -------------------------------------------------------------

  void Offered(ContactKey c) {
    Count(c, [](Tally& t) { ++t.offered; });
  }
  // Refused because the queue was full.
  void Blocked(ContactKey c) {
    Count(c, [](Tally& t) { ++t.blocked; });
  }
  // Hung up at once on finding no agent free.
  void Balked(ContactKey c) {
    Count(c, [](Tally& t) { ++t.balked; });
  }
  // Found no agent free on arrival.
  void Waited(ContactKey c) {
    Count(c, [](Tally& t) { ++t.waited; });
  }
  void CallbackRequested(ContactKey c) {
    Count(c, [](Tally& t) { ++t.callbacks_requested; });
  }
  // A callback request ended: reached the customer, or failed.
  void CallbackEnded(ContactKey c, bool failed) {
    Count(c, [&](Tally& t) { ++(failed ? t.callbacks_failed : t.callbacks_completed); });
  }
  // Blind-transferred to another workgroup.
  void Transferred(ContactKey c) {
    Count(c, [](Tally& t) { ++t.transfers; });
  }
  // An offer rang out (or a work item was not picked up in time).
  void NoAnswer(ContactKey c) {
    Count(c, [](Tally& t) { ++t.no_answers; });
  }
  // First connected to an agent, `waited` after arriving. Call once per
  // contact.
  void Answered(ContactKey c, Duration waited);
  // The customer hung up before being connected, `waited` after arriving.
  void Abandoned(ContactKey c, Duration waited);
  // A leg an agent finished: `handle` from connection to the end of
  // wrap-up, of which `talk` connected (hold included) and the rest wrap-up.
  void LegFinished(ContactKey c, Duration handle, Duration talk);
  // Work with a due time was finished, on time or late.
  void DueFinished(ContactKey c, bool on_time) {
    Count(c, [&](Tally& t) {
      ++t.due_finished;
      if (on_time) ++t.due_on_time;
    });
  }
  // Was on hold for `hold`.
  void Held(ContactKey c, Duration hold) {
    Count(c, [&](Tally& t) { t.hold_s += ToSeconds(hold); });
  }

  // ---- Queues ---------------------------------------------------------------

  // Contacts of `type` waiting for an agent (not yet offered) change by
  // `delta` at `now`; credits the queue lengths of the type, its workgroup
  // and the center up to `now` first. Times must not decrease. (Inline:
  // twice a call, and mostly with nothing to credit.)
  void QueueChanged(int type, int delta, Time now) {
    QueueTrack& queue = queues_[type];
    QueueTrack& workgroup_queue = workgroup_queues_[shape_.contact_types[type].workgroup];
    if (total_queue_.waiting == 0 || (queue.since == now && workgroup_queue.since == now)) {
      // Nothing to credit, so only the clocks move: no contact waits
      // anywhere (most arrivals find an agent free), or no time has passed
      // since these tracks last changed (the total changes with every track,
      // so it did not change later; a contact offered the moment it arrives
      // leaves the queue at the instant it joined it).
      queue.since = workgroup_queue.since = total_queue_.since = now;
    } else {
      CreditQueues(type, now);
    }
    queue.waiting += delta;
    workgroup_queue.waiting += delta;
    total_queue_.waiting += delta;
  }

  // ---- Agents ---------------------------------------------------------------

  // Agent `a` takes `activity` at `now`; `status_ready` says whether its
  // status is acd_available. Credits its time since its last change first;
  // idle and logged out leave its workgroup. (Inline: the engine reports
  // about three agent changes per call.)
  void AgentChanged(size_t a, Time now, AgentActivity activity, bool status_ready) {
    AgentTrack& agent = agents_[a];
    // A second change at one instant (offered, then answered at once) has
    // no time to credit.
    if (now != agent.since) Account(a, now);
    agent.activity = activity;
    agent.ready = activity == AgentActivity::kIdle && status_ready;
    if (activity == AgentActivity::kIdle || activity == AgentActivity::kLoggedOut) {
      agent.workgroup = -1;
    }
  }
  // Agent `a` is offered a contact of `workgroup`: its busy time from its
  // next change on goes there.
  void AgentTakes(size_t a, int workgroup) { agents_[a].workgroup = workgroup; }
  // Counts the busy agents at every interval end before `t` not counted yet
  // (all that remain when `t` is infinite).
  void CountBusyBefore(Time t) {
    if (t > next_count_at_) CountBusyAtEnds(t);
  }

  // ---- End ------------------------------------------------------------------

  // Closes the run at the horizon: credits the queues and agents up to it,
  // adds the contact types into their workgroups and the center, and sets
  // the windows. Call once, after every event; the tally is spent.
  ReplicationResult Finish(int64_t events);

 private:
  // A number of waiting contacts and since when it holds.
  struct QueueTrack {
    int64_t waiting = 0;
    Time since;
  };
  // A workgroup's tallies: its whole run's, and the first of its intervals'.
  struct WorkgroupRows {
    Tally* whole = nullptr;
    Tally* intervals = nullptr;
  };
  // An agent as the time accounting sees it.
  struct AgentTrack {
    AgentActivity activity = AgentActivity::kLoggedOut;
    bool ready = false;  // idle in an acd_available status
    Time since;
    // Workgroup of the contact the agent is on, or -1.
    int workgroup = -1;
    // Where Account credits its time, found once, as Account runs about
    // twice a call (result_'s rows never move once built): its agent
    // group's tallies, whole run and per interval (null for an agent listed
    // on its own), and those of the workgroups it is an active member of.
    Tally* group = nullptr;
    Tally* group_intervals = nullptr;
    std::vector<WorkgroupRows> active;
  };

  template <typename F>
  void Count(ContactKey c, F count) {
    if (!c.counted) return;
    count(result_.contact_types[c.type]);
    count(type_intervals_[c.type][c.interval]);
  }

  // Calls fn(interval, seconds) for each interval that [from, to) overlaps.
  template <typename F>
  void Split(Time from, Time to, F fn) const {
    while (from < to) {
      const int k = IntervalOf(from);
      const Time end = k + 1 < intervals_ ? std::min(to, Time() + shape_.interval * (k + 1)) : to;
      fn(k, ToSeconds(end - from));
      from = end;
    }
  }

  // Credits the queues of `type`, its workgroup and the center up to `now`.
  void CreditQueues(int type, Time now);
  // Credits one track's current level from its last change to `now`
  // (integral and maximum, or the maximum only).
  void Credit(QueueTrack& track, Tally& whole, std::vector<Tally>* intervals, bool integral,
              Time now);
  // Credits agent `a`'s time since its last change, clipped to the window.
  void Account(size_t a, Time now);
  // CountBusyBefore's work, when an interval end lies before `t`.
  void CountBusyAtEnds(Time t);
  Time IntervalEnd(int k) const {
    return std::min(shape_.horizon, Time() + shape_.interval * (k + 1));
  }

  // Service-level thresholds per contact type: the tally's first, then one
  // per `answered_within_more`, each type's last repeated.
  static constexpr size_t kThresholds =
      1 + std::tuple_size_v<decltype(Tally::answered_within_more)>;
  using Thresholds = std::array<Duration, kThresholds>;

  const KpiShape shape_;
  int intervals_ = 1;
  std::vector<Thresholds> thresholds_;
  ReplicationResult result_;
  // Per contact type and interval: contacts by their arrival interval.
  std::vector<std::vector<Tally>> type_intervals_;
  std::vector<QueueTrack> queues_, workgroup_queues_;
  QueueTrack total_queue_;
  std::vector<AgentTrack> agents_;
  // Per workgroup: its tallies (Account credits a busy agent's workgroup).
  std::vector<WorkgroupRows> workgroup_rows_;
  // The next interval whose end has not had its busy agents counted.
  int next_interval_end_ = 0;
  // IntervalOf's last answer and its interval's bounds (an empty range at
  // first); a cache, not state: mutable.
  mutable int last_interval_ = 0;
  mutable Time last_start_ = Time::Infinite();
  mutable Time last_end_;
  // The end of interval next_interval_end_ (Time::Infinite() once all are
  // counted): CountBusyBefore has nothing to do for a time up to it.
  Time next_count_at_;
};

}  // namespace acd::sim

#endif  // ACD_SIM_KPI_TALLY_H_
