// One replication: the agents' side (sim/replication_impl.h): log-ins and
// log-outs by shift, breaks, returns from the no-answer status, ends of
// wrap-up, and the accounting of agent time.

#include "acd/status_macros.h"
#include "sim/replication_impl.h"

namespace acd::sim::internal {

void Replication::OnAgent(const AgentEvent& event) {
  const size_t a = event.agent.value();
  if (trace_) {
    trace_->Agent(event.now, scenario_.center.agents[a].name, AgentActivityName(event.activity),
                  StatusName(event.status));
  }
  Account(a, event.now);
  agents_[a].activity = event.activity;
  agents_[a].status = event.status;
  if (event.activity == AgentActivity::kIdle || event.activity == AgentActivity::kLoggedOut) {
    agents_[a].workgroup = -1;
  }
}

absl::Status Replication::HandleAgentEvent(Time now, const EventPayload& event) {
  AgentTrack& agent = agents_[event.target];
  const AgentId id(static_cast<AgentId::rep_type>(event.target));
  switch (event.kind) {
    case EventKind::kShiftStart:
      agent.logged_in = true;
      return Command(LogIn{.now = now, .agent = id});
    case EventKind::kShiftEnd:
      agent.logged_in = false;
      return Command(LogOut{.now = now, .agent = id});
    case EventKind::kBreakStart:
      if (!agent.logged_in) return absl::OkStatus();
      return Command(SetStatus{.now = now, .agent = id, .status = event.status});
    case EventKind::kBreakEnd:
      if (!agent.logged_in || agent.status != event.status) return absl::OkStatus();
      return Command(SetStatus{.now = now, .agent = id, .status = available_});
    case EventKind::kAgentReturns: {
      if (!agent.logged_in || !agent.status.valid()) return absl::OkStatus();
      const StatusConfig& status = engine_->config().statuses[agent.status.value()];
      if (!(status.dnd && status.system)) return absl::OkStatus();
      return Command(SetStatus{.now = now, .agent = id, .status = available_});
    }
    case EventKind::kEndWrapUp:
      if (!agent.logged_in || agent.wrapping == 0) return absl::OkStatus();
      return Command(EndWrapUp{.now = now, .agent = id});
    default:
      return absl::InternalError("simulator: unexpected event");
  }
}

// Agent k (from 1) of a group with a head count per interval is logged in
// over each run of intervals whose count is at least k. Logging out leaves
// the interactions it holds with it until they end (acd::LogOut).
void Replication::SchedulePerInterval(size_t a, int k, const std::vector<int>& counts) {
  const Time end = Time() + scenario_.horizon;
  bool in = false;
  for (int64_t i = 0;; ++i) {
    const Time start = Time() + scenario_.interval * i;
    if (start >= end) break;
    const int n = counts[std::min<size_t>(static_cast<size_t>(i), counts.size() - 1)];
    if (n >= k && !in) Push(start, {EventKind::kShiftStart, a});
    if (n < k && in) Push(start, {EventKind::kShiftEnd, a});
    in = n >= k;
  }
}

absl::Status Replication::ScheduleShifts() {
  // Each agent's place in its group, for staggered breaks and head counts
  // per interval.
  std::vector<int64_t> place(scenario_.agent_groups.size(), 0);
  for (size_t a = 0; a < agents_.size(); ++a) {
    const int group = agents_[a].group;
    const int64_t k = group >= 0 ? place[group]++ : 0;
    if (group >= 0 && !scenario_.agent_groups[group].agents_per_interval.empty()) {
      SchedulePerInterval(a, static_cast<int>(k) + 1,
                          scenario_.agent_groups[group].agents_per_interval);
      continue;
    }
    if (group < 0 || scenario_.agent_groups[group].shifts.empty()) {
      agents_[a].logged_in = true;
      ACD_RETURN_IF_ERROR(Command(LogIn{.now = Time(), .agent = AgentId(a)}));
      continue;
    }
    for (const Shift& shift : scenario_.agent_groups[group].shifts) {
      Push(shift.start, {EventKind::kShiftStart, a});
      Push(shift.end, {EventKind::kShiftEnd, a});
      for (const Break& br : shift.breaks) {
        ACD_ASSIGN_OR_RETURN(const StatusId status, engine_->FindStatus(br.status));
        const Duration offset = Duration::Microseconds(br.stagger_window.microseconds() * k /
                                                       scenario_.agent_groups[group].count);
        Push(br.start + offset, {EventKind::kBreakStart, a, 0, status});
        Push(br.end + offset, {EventKind::kBreakEnd, a, 0, status});
      }
    }
  }
  return absl::OkStatus();
}

void Replication::Account(size_t a, Time now) {
  AgentTrack& agent = agents_[a];
  const Time from = std::max(agent.since, window_start_);
  const Time to = std::min(now, horizon_);
  agent.since = now;
  if (to <= from || agent.activity == AgentActivity::kLoggedOut) return;
  const double seconds = ToSeconds(to - from);
  const bool busy =
      agent.activity == AgentActivity::kBusy || agent.activity == AgentActivity::kWrapUp;
  // Idle and taking work: the rest of "occupancy"'s denominator.
  const bool ready = agent.activity == AgentActivity::kIdle && agent.status.valid() &&
                     engine_->config().statuses[agent.status.value()].acd_available;
  result_.total.staffed_s += seconds;
  if (busy) result_.total.busy_s += seconds;
  if (ready) result_.total.ready_s += seconds;
  Tally* group = agent.group >= 0 ? &result_.agent_groups[agent.group] : nullptr;
  if (group != nullptr) {
    group->staffed_s += seconds;
    if (busy) group->busy_s += seconds;
    if (ready) group->ready_s += seconds;
  }
  for (int wg : agent.active_workgroups) {
    result_.workgroups[wg].staffed_s += seconds;
    if (ready) result_.workgroups[wg].ready_s += seconds;
  }
  if (busy && agent.workgroup >= 0) result_.workgroups[agent.workgroup].busy_s += seconds;
  Split(from, to, [&](int i, double s) {
    for (int wg : agent.active_workgroups) {
      result_.workgroup_intervals[wg][i].staffed_s += s;
      if (ready) result_.workgroup_intervals[wg][i].ready_s += s;
    }
    if (busy && agent.workgroup >= 0) result_.workgroup_intervals[agent.workgroup][i].busy_s += s;
    Tally& total = result_.total_intervals[i];
    total.staffed_s += s;
    if (busy) total.busy_s += s;
    if (ready) total.ready_s += s;
    if (group != nullptr) {
      Tally& g = result_.agent_group_intervals[agent.group][i];
      g.staffed_s += s;
      if (busy) g.busy_s += s;
      if (ready) g.ready_s += s;
    }
  });
}

void Replication::CountBusyBefore(Time t) {
  for (; next_interval_end_ < intervals_; ++next_interval_end_) {
    const int k = next_interval_end_;
    const Time end = std::min(horizon_, Time() + scenario_.interval * (k + 1));
    if (end >= t) return;
    for (const AgentTrack& agent : agents_) {
      if (agent.activity != AgentActivity::kBusy && agent.activity != AgentActivity::kWrapUp) {
        continue;
      }
      ++result_.total_intervals[k].busy_agents_end;
      if (agent.workgroup >= 0) ++result_.workgroup_intervals[agent.workgroup][k].busy_agents_end;
      if (agent.group >= 0) ++result_.agent_group_intervals[agent.group][k].busy_agents_end;
    }
  }
}

}  // namespace acd::sim::internal
