// What the agents of a replication do (sim/agent_behaviour.h).

#include "sim/agent_behaviour.h"

#include <algorithm>

#include "absl/strings/string_view.h"
#include "acd/status_macros.h"
#include "sim/distribution.h"
#include "sim/engine_check.h"
#include "sim/mrg32k3a.h"

namespace acd::sim {

AgentBehaviour::AgentBehaviour(const Scenario& scenario, ReplicationStreams& streams,
                               Engine& engine, SimEventQueue& events, TraceWriter* trace)
    : scenario_(scenario),
      streams_(streams),
      engine_(engine),
      events_(events),
      trace_(trace),
      available_(*engine.FindStatus(scenario.center.available_status)),
      agents_(scenario.center.agents.size()) {
  for (size_t a = 0; a < agents_.size(); ++a) agents_[a].group = scenario.agent_group[a];
  for (const StatusConfig& status : engine.config().statuses) {
    status_ready_.push_back(status.acd_available);
  }
  for (const AgentGroup& g : scenario.agent_groups) {
    GroupResponse& response = responses_.emplace_back();
    if (g.answer_delay.kind() == Distribution::Kind::kConstant) {
      Mrg32k3a unused;  // a constant draws nothing
      response.constant_delay = g.answer_delay.Sample(unused);
    }
    response.miss_or_reject = g.no_answer_probability + g.reject_probability;
    response.may_miss = response.miss_or_reject > 0;
  }
}

absl::Status AgentBehaviour::Command(const acd::Command& command) {
  return CheckEngine(engine_.Apply(command));
}

absl::Status AgentBehaviour::Start() {
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
    ACD_RETURN_IF_ERROR(ScheduleShifts(a, k, Time()));
  }
  return absl::OkStatus();
}

absl::Status AgentBehaviour::ScheduleShifts(size_t a, int64_t k, Time from) {
  const AgentGroup& g = scenario_.agent_groups[agents_[a].group];
  for (const Shift& shift : g.shifts) {
    if (shift.start >= from) Push(shift.start, {SimEventKind::kShiftStart, a});
    if (shift.end >= from) Push(shift.end, {SimEventKind::kShiftEnd, a});
    for (const Break& br : shift.breaks) {
      ACD_ASSIGN_OR_RETURN(const StatusId status, engine_.FindStatus(br.status));
      const Duration offset =
          Duration::Microseconds(br.stagger_window.microseconds() * k / g.count);
      const Time start = br.start + offset;
      const Time end = br.end + offset;
      if (start >= from) Push(start, {SimEventKind::kBreakStart, a, 0, status});
      if (end >= from) Push(end, {SimEventKind::kBreakEnd, a, 0, status});
    }
  }
  return absl::OkStatus();
}

absl::Status AgentBehaviour::ContinueFrom(const EngineState& state, size_t first_added) {
  const Time now = state.now;
  std::vector<int64_t> place(scenario_.agent_groups.size(), 0);
  for (size_t a = 0; a < agents_.size(); ++a) {
    AgentTrack& agent = agents_[a];
    agent.logged_in = state.agents[a].logged_in;
    agent.status = state.agents[a].status;
    agent.wrapping = static_cast<int>(state.agents[a].wrapping.size());
    const int group = agent.group;
    const int64_t k = group >= 0 ? place[group]++ : 0;
    if (group >= 0 && scenario_.agent_groups[group].wrap_up) {
      for (int w = 0; w < agent.wrapping; ++w) {
        Push(now + scenario_.agent_groups[group].wrap_up->Sample(streams_.behaviour[group]),
             {SimEventKind::kEndWrapUp, a});
      }
    }
    ACD_RETURN_IF_ERROR(ContinueSchedule(a, k, now, a >= first_added));
  }
  return absl::OkStatus();
}

absl::Status AgentBehaviour::ContinueSchedule(size_t a, int64_t k, Time now, bool added) {
  const int group = agents_[a].group;
  if (group >= 0 && !scenario_.agent_groups[group].agents_per_interval.empty()) {
    const std::vector<int>& counts = scenario_.agent_groups[group].agents_per_interval;
    // An added agent the head count has in at T logs in at once.
    bool in = agents_[a].logged_in;
    if (added) {
      const auto i = static_cast<size_t>(now.microseconds() / scenario_.interval.microseconds());
      if (counts[std::min(i, counts.size() - 1)] > k) {
        Push(now, {SimEventKind::kShiftStart, a});
        in = true;
      }
    }
    SchedulePerInterval(a, static_cast<int>(k) + 1, counts, now, in);
    return absl::OkStatus();
  }
  if (group < 0 || scenario_.agent_groups[group].shifts.empty()) {
    if (added) Push(now, {SimEventKind::kShiftStart, a});
    return absl::OkStatus();
  }
  if (added) {  // in at once when a shift is on at T
    for (const Shift& shift : scenario_.agent_groups[group].shifts) {
      if (shift.start < now && now < shift.end) Push(now, {SimEventKind::kShiftStart, a});
    }
  }
  return ScheduleShifts(a, k, now);
}

// Agent k (from 1) of a group with a head count per interval is logged in
// over each run of intervals whose count is at least k. Logging out leaves
// the interactions it holds with it until they end (acd::LogOut).
void AgentBehaviour::SchedulePerInterval(size_t a, int k, const std::vector<int>& counts, Time from,
                                         bool in) {
  const Time end = Time() + scenario_.horizon;
  for (int64_t i = 0;; ++i) {
    const Time start = Time() + scenario_.interval * i;
    if (start >= end) break;
    if (start < from) continue;
    const int n = counts[std::min<size_t>(static_cast<size_t>(i), counts.size() - 1)];
    if (n >= k && !in) Push(start, {SimEventKind::kShiftStart, a});
    if (n < k && in) Push(start, {SimEventKind::kShiftEnd, a});
    in = n >= k;
  }
}

absl::Status AgentBehaviour::Handle(Time now, const SimEvent& event) {
  AgentTrack& agent = agents_[event.target];
  const AgentId id(static_cast<AgentId::rep_type>(event.target));
  switch (event.kind) {
    // A continued replication (ContinueFrom) may find the agent there
    // already, or gone.
    case SimEventKind::kShiftStart:
      if (agent.logged_in) return absl::OkStatus();
      agent.logged_in = true;
      return Command(LogIn{.now = now, .agent = id});
    case SimEventKind::kShiftEnd:
      if (!agent.logged_in) return absl::OkStatus();
      agent.logged_in = false;
      return Command(LogOut{.now = now, .agent = id});
    case SimEventKind::kBreakStart:
      if (!agent.logged_in) return absl::OkStatus();
      return Command(SetStatus{.now = now, .agent = id, .status = event.status});
    case SimEventKind::kBreakEnd:
      if (!agent.logged_in || agent.status != event.status) return absl::OkStatus();
      return Command(SetStatus{.now = now, .agent = id, .status = available_});
    case SimEventKind::kAgentReturns: {
      // Only from the engine's no-answer status: a break taken since keeps.
      if (!agent.logged_in || !agent.status.valid()) return absl::OkStatus();
      const StatusConfig& status = engine_.config().statuses[agent.status.value()];
      if (!(status.dnd && status.system)) return absl::OkStatus();
      return Command(SetStatus{.now = now, .agent = id, .status = available_});
    }
    case SimEventKind::kEndWrapUp:
      if (!agent.logged_in || agent.wrapping == 0) return absl::OkStatus();
      return Command(EndWrapUp{.now = now, .agent = id});
    default:
      return absl::InternalError("simulator: a contact event reached the agents");
  }
}

std::optional<Time> AgentBehaviour::Respond(const OfferEvent& offer, uint32_t offers) {
  if (offer.auto_answered) return std::nullopt;
  const int group = agents_[offer.agent.value()].group;
  Duration delay = Duration::Zero();
  SimEventKind response = SimEventKind::kAnswer;
  if (group >= 0) {
    const GroupResponse& r = responses_[group];
    // (Measured: A2 -1.8M instructions with the constant delay taken as is.)
    delay = r.constant_delay
                ? *r.constant_delay
                : scenario_.agent_groups[group].answer_delay.Sample(streams_.answer[group]);
    // Drawn only when the group can miss or decline, so that other
    // scenarios' streams stay as they were.
    if (r.may_miss) {
      const double u = streams_.behaviour[group].NextDouble();
      if (u < scenario_.agent_groups[group].no_answer_probability) {
        return std::nullopt;  // let it ring out
      }
      if (u < r.miss_or_reject) response = SimEventKind::kReject;
    }
  }
  Push(offer.now + delay, {response, offer.interaction.value(), offers});
  if (response != SimEventKind::kAnswer) return std::nullopt;
  return offer.now + delay;
}

void AgentBehaviour::WrapUpStarted(AgentId agent, Time now) {
  AgentTrack& track = agents_[agent.value()];
  ++track.wrapping;
  if (track.group >= 0 && scenario_.agent_groups[track.group].wrap_up) {
    const Duration length =
        scenario_.agent_groups[track.group].wrap_up->Sample(streams_.behaviour[track.group]);
    Push(now + length, {SimEventKind::kEndWrapUp, agent.value()});
  }
}

void AgentBehaviour::RangOut(AgentId agent, Time now) {
  const int group = agents_[agent.value()].group;
  const Duration away = group >= 0 ? scenario_.agent_groups[group].not_ready_after_no_answer.Sample(
                                         streams_.behaviour[group])
                                   : Seconds(30);
  Push(now + away, {SimEventKind::kAgentReturns, agent.value()});
}

void AgentBehaviour::TraceAgent(const AgentEvent& event) {
  const StatusId s = event.status;
  trace_->Agent(event.now, scenario_.center.agents[event.agent.value()].name,
                AgentActivityName(event.activity),
                s.valid() ? absl::string_view(engine_.config().statuses[s.value()].name) : "");
}

}  // namespace acd::sim
