// The KPI counters of one replication (sim/kpi_tally.h).

#include "sim/kpi_tally.h"

#include <utility>

namespace acd::sim {

KpiShape KpiShape::Of(const Scenario& scenario, std::vector<std::vector<int>> active_workgroups) {
  KpiShape shape;
  shape.window_start = Time() + scenario.warmup;
  shape.horizon = Time() + scenario.horizon;
  shape.interval = scenario.interval;
  for (const sim::ContactType& ct : scenario.contact_types) {
    shape.contact_types.push_back({.workgroup = ct.workgroup,
                                   .thresholds = ct.service_levels.empty()
                                                     ? std::vector<Duration>{scenario.service_level}
                                                     : ct.service_levels});
  }
  shape.workgroups = static_cast<int>(scenario.center.workgroups.size());
  shape.agent_groups = static_cast<int>(scenario.agent_groups.size());
  for (size_t a = 0; a < scenario.center.agents.size(); ++a) {
    shape.agents.push_back(
        {.group = scenario.agent_group[a], .active_workgroups = std::move(active_workgroups[a])});
  }
  return shape;
}

KpiTally::KpiTally(KpiShape shape) : shape_(std::move(shape)) {
  const size_t types = shape_.contact_types.size();
  const size_t workgroups = static_cast<size_t>(shape_.workgroups);
  const size_t groups = static_cast<size_t>(shape_.agent_groups);
  const int64_t interval_us = shape_.interval.microseconds();
  const int64_t horizon_us = (shape_.horizon - Time()).microseconds();
  intervals_ = static_cast<int>((horizon_us + interval_us - 1) / interval_us);
  // Agent time is measured for workgroups, agent groups and the center, not
  // for contact types (NaN there).
  const auto timed = [](Tally& t) { t.busy_s = t.staffed_s = t.ready_s = t.busy_agents_end = 0; };
  result_.contact_types.resize(types);
  result_.workgroups.resize(workgroups);
  for (Tally& wg : result_.workgroups) timed(wg);
  timed(result_.total);
  type_intervals_.assign(types, std::vector<Tally>(intervals_));
  Tally interval;
  timed(interval);
  result_.workgroup_intervals.assign(workgroups, std::vector<Tally>(intervals_, interval));
  result_.total_intervals.assign(intervals_, interval);
  result_.agent_groups.assign(groups, interval);
  result_.agent_group_intervals.assign(groups, std::vector<Tally>(intervals_, interval));
  thresholds_.resize(types);
  for (size_t k = 0; k < types; ++k) {
    const std::vector<Duration>& sl = shape_.contact_types[k].thresholds;
    for (size_t i = 0; i < kThresholds; ++i) thresholds_[k][i] = sl[std::min(i, sl.size() - 1)];
  }
  queues_.resize(types);
  workgroup_queues_.resize(workgroups);
  for (size_t w = 0; w < workgroups; ++w) {
    workgroup_rows_.push_back(
        {.whole = &result_.workgroups[w], .intervals = result_.workgroup_intervals[w].data()});
  }
  agents_.resize(shape_.agents.size());
  for (size_t a = 0; a < agents_.size(); ++a) {
    for (int wg : shape_.agents[a].active_workgroups) {
      agents_[a].active.push_back(workgroup_rows_[wg]);
    }
    const int group = shape_.agents[a].group;
    if (group < 0) continue;
    agents_[a].group = &result_.agent_groups[group];
    agents_[a].group_intervals = result_.agent_group_intervals[group].data();
  }
  next_count_at_ = IntervalEnd(0);
}

void KpiTally::Answered(ContactKey c, Duration waited) {
  if (!c.counted) return;
  // Compared once for both tallies.
  const Thresholds& sl = thresholds_[c.type];
  std::array<int64_t, kThresholds> within;
  for (size_t k = 0; k < kThresholds; ++k) within[k] = waited <= sl[k] ? 1 : 0;
  Count(c, [&](Tally& t) {
    ++t.answered;
    t.wait_answered_s += ToSeconds(waited);
    t.answered_within += within[0];
    for (size_t k = 1; k < kThresholds; ++k) t.answered_within_more[k - 1] += within[k];
  });
}

void KpiTally::Abandoned(ContactKey c, Duration waited) {
  const Duration threshold = shape_.contact_types[c.type].thresholds[0];
  Count(c, [&](Tally& t) {
    ++t.abandoned;
    t.wait_abandoned_s += ToSeconds(waited);
    if (waited <= threshold) ++t.abandoned_within;
  });
}

void KpiTally::LegFinished(ContactKey c, Duration handle, Duration talk) {
  Count(c, [&](Tally& t) {
    ++t.handled;
    t.handle_s += ToSeconds(handle);
    t.talk_s += ToSeconds(talk);
    t.wrap_up_s += ToSeconds(handle - talk);
  });
}

void KpiTally::CreditQueues(int type, Time now) {
  const int wg = shape_.contact_types[type].workgroup;
  Credit(queues_[type], result_.contact_types[type], &type_intervals_[type], true, now);
  Credit(workgroup_queues_[wg], result_.workgroups[wg], &result_.workgroup_intervals[wg], false,
         now);
  Credit(total_queue_, result_.total, &result_.total_intervals, false, now);
}

void KpiTally::Credit(QueueTrack& track, Tally& whole, std::vector<Tally>* intervals, bool integral,
                      Time now) {
  const Time from = std::max(track.since, shape_.window_start);
  const Time to = std::min(now, shape_.horizon);
  track.since = now;
  if (to <= from || track.waiting == 0) return;
  const double level = static_cast<double>(track.waiting);
  whole.max_queue = std::max(whole.max_queue, level);
  if (integral) whole.queue_integral_s += level * ToSeconds(to - from);
  if (intervals == nullptr) return;
  Split(from, to, [&](int i, double s) {
    Tally& t = (*intervals)[i];
    t.max_queue = std::max(t.max_queue, level);
    if (integral) t.queue_integral_s += level * s;
  });
}

void KpiTally::Account(size_t a, Time now) {
  AgentTrack& agent = agents_[a];
  const Time from = std::max(agent.since, shape_.window_start);
  const Time to = std::min(now, shape_.horizon);
  agent.since = now;
  if (to <= from || agent.activity == AgentActivity::kLoggedOut) return;
  const double seconds = ToSeconds(to - from);
  const bool busy =
      agent.activity == AgentActivity::kBusy || agent.activity == AgentActivity::kWrapUp;
  // Idle and taking work: the rest of "occupancy"'s denominator.
  const bool ready = agent.ready;
  result_.total.staffed_s += seconds;
  if (busy) result_.total.busy_s += seconds;
  if (ready) result_.total.ready_s += seconds;
  Tally* const group = agent.group;
  if (group != nullptr) {
    group->staffed_s += seconds;
    if (busy) group->busy_s += seconds;
    if (ready) group->ready_s += seconds;
  }
  for (const WorkgroupRows& wg : agent.active) {
    wg.whole->staffed_s += seconds;
    if (ready) wg.whole->ready_s += seconds;
  }
  const WorkgroupRows* busy_in =
      busy && agent.workgroup >= 0 ? &workgroup_rows_[agent.workgroup] : nullptr;
  if (busy_in != nullptr) busy_in->whole->busy_s += seconds;
  const auto per_interval = [&](int i, double s) {
    for (const WorkgroupRows& wg : agent.active) {
      wg.intervals[i].staffed_s += s;
      if (ready) wg.intervals[i].ready_s += s;
    }
    if (busy_in != nullptr) busy_in->intervals[i].busy_s += s;
    Tally& total = result_.total_intervals[i];
    total.staffed_s += s;
    if (busy) total.busy_s += s;
    if (ready) total.ready_s += s;
    if (group != nullptr) {
      Tally& g = agent.group_intervals[i];
      g.staffed_s += s;
      if (busy) g.busy_s += s;
      if (ready) g.ready_s += s;
    }
  };
  // Nearly every span lies inside the interval of the call before (whose
  // bounds IntervalOf keeps), all of it, `seconds`, in that one interval.
  if (from >= last_start_ && to <= last_end_) {
    per_interval(last_interval_, seconds);
  } else {
    Split(from, to, per_interval);
  }
}

void KpiTally::CountBusyAtEnds(Time t) {
  for (; next_interval_end_ < intervals_; ++next_interval_end_) {
    const int k = next_interval_end_;
    const Time end = IntervalEnd(k);
    next_count_at_ = end;
    if (end >= t) return;
    for (size_t a = 0; a < agents_.size(); ++a) {
      const AgentTrack& agent = agents_[a];
      if (agent.activity != AgentActivity::kBusy && agent.activity != AgentActivity::kWrapUp) {
        continue;
      }
      const int group = shape_.agents[a].group;
      ++result_.total_intervals[k].busy_agents_end;
      if (agent.workgroup >= 0) ++result_.workgroup_intervals[agent.workgroup][k].busy_agents_end;
      if (group >= 0) ++result_.agent_group_intervals[group][k].busy_agents_end;
    }
  }
  next_count_at_ = Time::Infinite();
}

ReplicationResult KpiTally::Finish(int64_t events) {
  const Time horizon = shape_.horizon;
  CountBusyBefore(Time::Infinite());
  for (size_t a = 0; a < agents_.size(); ++a) Account(a, horizon);
  // The whole run's busy agents at its end: the last interval's.
  result_.total.busy_agents_end = result_.total_intervals.back().busy_agents_end;
  for (size_t w = 0; w < result_.workgroups.size(); ++w) {
    result_.workgroups[w].busy_agents_end = result_.workgroup_intervals[w].back().busy_agents_end;
  }
  for (size_t g = 0; g < result_.agent_groups.size(); ++g) {
    result_.agent_groups[g].busy_agents_end =
        result_.agent_group_intervals[g].back().busy_agents_end;
  }
  const double window_s = ToSeconds(horizon - shape_.window_start);
  result_.total.window_s = window_s;
  for (Tally& wg : result_.workgroups) wg.window_s = window_s;
  for (Tally& g : result_.agent_groups) g.window_s = window_s;
  for (size_t k = 0; k < result_.contact_types.size(); ++k) {
    QueueChanged(static_cast<int>(k), 0, horizon);
    Tally& t = result_.contact_types[k];
    t.window_s = window_s;
    const int wg = shape_.contact_types[k].workgroup;
    result_.workgroups[wg].AddContacts(t);
    result_.total.AddContacts(t);
    for (int i = 0; i < intervals_; ++i) {
      result_.workgroup_intervals[wg][i].AddContacts(type_intervals_[k][i]);
      result_.total_intervals[i].AddContacts(type_intervals_[k][i]);
    }
  }
  result_.contact_type_intervals = std::move(type_intervals_);
  // Each interval's share of the measured window.
  const auto windows = [&](std::vector<Tally>& intervals) {
    for (Tally& t : intervals) t.window_s = 0;
    Split(shape_.window_start, horizon, [&](int i, double s) { intervals[i].window_s += s; });
  };
  for (auto& intervals : result_.workgroup_intervals) windows(intervals);
  for (auto& intervals : result_.contact_type_intervals) windows(intervals);
  for (auto& intervals : result_.agent_group_intervals) windows(intervals);
  windows(result_.total_intervals);
  result_.events = events;
  return std::move(result_);
}

}  // namespace acd::sim
