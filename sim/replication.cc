#include "sim/replication.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/engine.h"
#include "acd/status_macros.h"
#include "sim/event_queue.h"
#include "sim/mrg32k3a.h"
#include "sim/poisson.h"
#include "sim/trace.h"

namespace acd::sim {
namespace {

// Simulator events, listed in their same-time order (engine timers go
// before all of them).
enum class EventKind : int32_t {
  kShiftStart,    // target: agent
  kHangUp,        // target: interaction
  kEndWrapUp,     // target: agent
  kAnswer,        // target: interaction; `offer` it answers
  kReject,        // target: interaction; `offer` it declines
  kAbandon,       // target: interaction
  kArrival,       // target: contact type
  kAgentReturns,  // target: agent, back from the no-answer status
  kBreakEnd,      // target: agent; `status` of the break
  kBreakStart,    // target: agent; `status` of the break
  kShiftEnd,      // target: agent
};

struct EventPayload {
  EventKind kind;
  uint64_t target;
  uint32_t offer = 0;
  StatusId status;
};

enum class CallState : uint8_t { kFree, kWaiting, kAlerting, kConnected, kEnded };

// A live contact. Its interaction id is (generation << 32 | slot), so a slot
// can be reused while stale events for its previous occupant are recognised.
struct Call {
  CallState state = CallState::kFree;
  uint32_t generation = 0;
  int type = 0;
  uint64_t number = 0;   // 1, 2, ... in arrival order (for the trace)
  bool counted = false;  // arrived inside the measured window
  int interval = 0;      // the reporting interval it arrived in
  uint32_t offers = 0;   // offers made so far (an answer must match the latest)
  Time arrival;
  Time connected;
  Time disconnected;  // when its wrap-up began
  Duration handle;
  std::optional<Duration> patience;
};

struct QueueTrack {
  int64_t waiting = 0;
  Time since;
};

struct AgentTrack {
  AgentActivity activity = AgentActivity::kLoggedOut;
  bool logged_in = false;
  StatusId status;
  // Interactions in wrap-up with this agent.
  int wrapping = 0;
  Time since;
  // Workgroup of the interaction the agent holds, or -1.
  int workgroup = -1;
  int group = -1;
  std::vector<int> active_workgroups;
};

class Replication : public Observer {
 public:
  Replication(const Scenario& scenario, int replication, std::string* trace)
      : scenario_(scenario),
        window_start_(Time() + scenario.warmup),
        horizon_(Time() + scenario.horizon) {
    if (trace != nullptr) trace_.emplace(trace);
    const auto seed = Mrg32k3a::SeedFromInteger(scenario.seed);
    const uint64_t types = scenario.contact_types.size();
    for (uint64_t k = 0; k < types; ++k) {
      arrival_rng_.push_back(Mrg32k3a::Stream(seed, 3 * k, replication));
      handle_rng_.push_back(Mrg32k3a::Stream(seed, 3 * k + 1, replication));
      patience_rng_.push_back(Mrg32k3a::Stream(seed, 3 * k + 2, replication));
    }
    const uint64_t groups = scenario.agent_groups.size();
    for (uint64_t g = 0; g < groups; ++g) {
      answer_rng_.push_back(Mrg32k3a::Stream(seed, 3 * types + g, replication));
      behaviour_rng_.push_back(Mrg32k3a::Stream(seed, 3 * types + groups + g, replication));
    }
    result_.contact_types.resize(types);
    queues_.resize(types);
    next_listed_.assign(types, 0);
    pending_listed_.assign(types, 0);
    result_.workgroups.resize(scenario.center.workgroups.size());
    for (Tally& wg : result_.workgroups) wg.busy_s = wg.staffed_s = 0;
    result_.total.busy_s = result_.total.staffed_s = 0;
    const int64_t interval_us = scenario.interval.microseconds();
    intervals_ =
        static_cast<int>((scenario.horizon.microseconds() + interval_us - 1) / interval_us);
    type_intervals_.assign(types, std::vector<Tally>(intervals_));
    Tally timed;
    timed.busy_s = timed.staffed_s = 0;
    result_.workgroup_intervals.assign(scenario.center.workgroups.size(),
                                       std::vector<Tally>(intervals_, timed));
  }

  absl::StatusOr<ReplicationResult> Run() {
    ACD_ASSIGN_OR_RETURN(engine_, Engine::Create(scenario_.center));
    engine_->SetObserver(this);
    agents_.resize(scenario_.center.agents.size());
    for (size_t a = 0; a < agents_.size(); ++a) {
      agents_[a].group = scenario_.agent_group[a];
      for (const MembershipConfig& m : scenario_.center.agents[a].workgroups) {
        if (m.active) {
          agents_[a].active_workgroups.push_back(
              static_cast<int>(engine_->FindWorkgroup(m.workgroup)->value()));
        }
      }
    }
    available_ = *engine_->FindStatus(scenario_.center.available_status);
    ACD_RETURN_IF_ERROR(ScheduleShifts());
    for (size_t k = 0; k < scenario_.contact_types.size(); ++k) ScheduleArrival(k, Time());

    while (true) {
      const Time next_event = events_.empty() ? Time::Infinite() : events_.top().time;
      const Time deadline = engine_->NextDeadline();
      if (deadline <= next_event && deadline <= horizon_) {
        ++result_.events;
        ACD_RETURN_IF_ERROR(Check(engine_->AdvanceTo(deadline)));
        continue;
      }
      if (next_event > horizon_) break;
      auto event = events_.Pop();
      ++result_.events;
      // Agents who all decline at once, with no answer delay, would pass a
      // contact around forever without time moving: stop with a clear error.
      same_time_events_ = event.time == last_event_time_ ? same_time_events_ + 1 : 0;
      last_event_time_ = event.time;
      if (same_time_events_ > kMaxEventsAtOneTime) {
        return absl::FailedPreconditionError(absl::StrCat(
            "simulator: no progress at t = ", ToSeconds(event.time),
            " s (over a million events at one moment; do agents that decline every offer "
            "have an answer delay?)"));
      }
      ACD_RETURN_IF_ERROR(Handle(event.time, event.payload));
    }
    ACD_RETURN_IF_ERROR(Check(engine_->AdvanceTo(horizon_)));
    for (size_t a = 0; a < agents_.size(); ++a) Account(a, horizon_);
    const double window_s = ToSeconds(horizon_ - window_start_);
    result_.total.window_s = window_s;
    for (Tally& wg : result_.workgroups) wg.window_s = window_s;
    for (size_t k = 0; k < result_.contact_types.size(); ++k) {
      ChangeQueue(k, 0, horizon_);
      Tally& t = result_.contact_types[k];
      t.window_s = window_s;
      result_.workgroups[scenario_.contact_types[k].workgroup].AddContacts(t);
      result_.total.AddContacts(t);
      auto& intervals = result_.workgroup_intervals[scenario_.contact_types[k].workgroup];
      for (int i = 0; i < intervals_; ++i) intervals[i].AddContacts(type_intervals_[k][i]);
    }
    // Each interval's share of the measured window.
    for (auto& intervals : result_.workgroup_intervals) {
      for (Tally& t : intervals) t.window_s = 0;
      Split(window_start_, horizon_, [&](int i, double s) { intervals[i].window_s += s; });
    }
    return std::move(result_);
  }

  // ---- Observer -------------------------------------------------------------

  void OnOffer(const OfferEvent& offer) override {
    Call& call = CallOf(offer.interaction);
    if (call.state == CallState::kWaiting) ChangeQueue(call.type, -1, offer.now);
    call.state = CallState::kAlerting;
    ++call.offers;
    agents_[offer.agent.value()].workgroup = static_cast<int>(offer.workgroup.value());
    TraceContact(offer.now, "offer", call, offer.agent);
    if (offer.auto_answered) return;
    const int group = agents_[offer.agent.value()].group;
    Duration delay = Duration::Zero();
    EventKind response = EventKind::kAnswer;
    if (group >= 0) {
      const AgentGroup& g = scenario_.agent_groups[group];
      delay = g.answer_delay.Sample(answer_rng_[group]);
      // Drawn only when the group can miss or decline, so that other
      // scenarios' streams stay as they were.
      if (g.no_answer_probability + g.reject_probability > 0) {
        const double u = behaviour_rng_[group].NextDouble();
        if (u < g.no_answer_probability) return;  // let it ring out
        if (u < g.no_answer_probability + g.reject_probability) response = EventKind::kReject;
      }
    }
    Push(offer.now + delay, {response, offer.interaction.value(), call.offers});
  }

  void OnInteraction(const InteractionEvent& event) override {
    Call& call = CallOf(event.interaction);
    const Duration waited = event.now - call.arrival;
    if (trace_ && event.state != InteractionState::kAlerting) {
      const bool requeued = event.reason != RequeueReason::kNone;
      TraceContact(event.now,
                   event.state == InteractionState::kWaiting ? (requeued ? "requeued" : "arrival")
                                                             : InteractionStateName(event.state),
                   call, event.agent, requeued ? RequeueReasonName(event.reason) : "");
    }
    switch (event.state) {
      case InteractionState::kConnected:
        call.state = CallState::kConnected;
        call.connected = event.now;
        Push(event.now + call.handle, {EventKind::kHangUp, event.interaction.value()});
        Count(call, [&](Tally& t) {
          ++t.answered;
          t.wait_answered_s += ToSeconds(waited);
          if (waited <= scenario_.service_level) ++t.answered_within;
        });
        return;
      case InteractionState::kAbandoned:
        if (call.state == CallState::kWaiting) ChangeQueue(call.type, -1, event.now);
        Count(call, [&](Tally& t) {
          ++t.abandoned;
          t.wait_abandoned_s += ToSeconds(waited);
          if (waited <= scenario_.service_level) ++t.abandoned_within;
        });
        Release(call);
        return;
      case InteractionState::kCompleted: {
        const bool wrapped = call.state == CallState::kEnded;
        if (wrapped) --agents_[event.agent.value()].wrapping;
        const Time talk_end = wrapped ? call.disconnected : event.now;
        Count(call, [&](Tally& t) {
          ++t.handled;
          t.handle_s += ToSeconds(event.now - call.connected);
          t.talk_s += ToSeconds(talk_end - call.connected);
          t.wrap_up_s += ToSeconds(event.now - talk_end);
        });
        Release(call);
        return;
      }
      case InteractionState::kWrapUp: {
        call.state = CallState::kEnded;
        call.disconnected = event.now;
        AgentTrack& agent = agents_[event.agent.value()];
        ++agent.wrapping;
        if (agent.group >= 0 && scenario_.agent_groups[agent.group].wrap_up) {
          const Duration length =
              scenario_.agent_groups[agent.group].wrap_up->Sample(behaviour_rng_[agent.group]);
          Push(event.now + length, {EventKind::kEndWrapUp, event.agent.value()});
        }
        return;
      }
      case InteractionState::kWaiting:
        // On arrival, and again when an offer goes unanswered or is declined.
        call.state = CallState::kWaiting;
        ChangeQueue(call.type, +1, event.now);
        if (event.reason == RequeueReason::kNoAnswer) {
          Count(call, [](Tally& t) { ++t.no_answers; });
          const int group = agents_[event.agent.value()].group;
          const Duration away =
              group >= 0 ? scenario_.agent_groups[group].not_ready_after_no_answer.Sample(
                               behaviour_rng_[group])
                         : Seconds(30);
          Push(event.now + away, {EventKind::kAgentReturns, event.agent.value()});
        }
        return;
      case InteractionState::kAlerting:
      // The simulator does not hold, transfer or place callbacks yet.
      case InteractionState::kHeld:
      case InteractionState::kSnoozed:
      case InteractionState::kTransferred:
      case InteractionState::kFailed:
        return;
    }
  }

  void OnAgent(const AgentEvent& event) override {
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

 private:
  // ---- Events -------------------------------------------------------------

  absl::Status Handle(Time now, const EventPayload& event) {
    switch (event.kind) {
      case EventKind::kArrival:
        return Arrival(static_cast<size_t>(event.target), now);
      case EventKind::kAnswer:
        if (!Live(event.target, CallState::kAlerting) ||
            calls_[static_cast<uint32_t>(event.target)].offers != event.offer) {
          return absl::OkStatus();
        }
        return Command(Accept{.now = now, .interaction = InteractionId(event.target)});
      case EventKind::kHangUp:
        if (!Live(event.target, CallState::kConnected)) return absl::OkStatus();
        return Command(Disconnect{.now = now, .interaction = InteractionId(event.target)});
      case EventKind::kAbandon:
        if (!Live(event.target, CallState::kWaiting) && !Live(event.target, CallState::kAlerting)) {
          return absl::OkStatus();
        }
        return Command(Disconnect{.now = now, .interaction = InteractionId(event.target)});
      case EventKind::kReject:
        if (!Live(event.target, CallState::kAlerting) ||
            calls_[static_cast<uint32_t>(event.target)].offers != event.offer) {
          return absl::OkStatus();
        }
        return Command(Reject{.now = now, .interaction = InteractionId(event.target)});
      default:
        return HandleAgentEvent(now, event);
    }
    return absl::OkStatus();
  }

  // Shifts, breaks, returns from the no-answer status, ends of wrap-up.
  absl::Status HandleAgentEvent(Time now, const EventPayload& event) {
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

  // Logs in agents without shifts at time zero, and schedules the shifts
  // and breaks of the others.
  absl::Status ScheduleShifts() {
    for (size_t a = 0; a < agents_.size(); ++a) {
      const int group = agents_[a].group;
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
          Push(br.start, {EventKind::kBreakStart, a, 0, status});
          Push(br.end, {EventKind::kBreakEnd, a, 0, status});
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status Arrival(size_t type, Time now) {
    const ContactType& ct = scenario_.contact_types[type];
    // A listed or traced arrival may bring its own handle time and patience.
    const ContactType::Listed* entry =
        ct.listed.empty() ? nullptr : &ct.listed[pending_listed_[type]];
    ScheduleArrival(type, now);
    const uint32_t slot = AllocateSlot();
    Call& call = calls_[slot];
    call.state = CallState::kWaiting;
    call.offers = 0;
    call.type = static_cast<int>(type);
    call.number = ++arrivals_;
    call.counted = now >= window_start_;
    call.interval = IntervalOf(now);
    call.arrival = now;
    call.handle = ct.handle_time.Sample(handle_rng_[type]);
    call.patience.reset();
    if (ct.patience) call.patience = ct.patience->Sample(patience_rng_[type]);
    if (entry != nullptr && entry->handle) call.handle = *entry->handle;
    if (entry != nullptr && entry->patience) call.patience = *entry->patience;
    const uint64_t id = (uint64_t{call.generation} << 32) | slot;
    Count(call, [](Tally& t) { ++t.offered; });
    ACD_RETURN_IF_ERROR(Command(Arrive{.now = now,
                                       .interaction = InteractionId(id),
                                       .workgroup = WorkgroupId(ct.workgroup),
                                       .media = ct.media,
                                       .priority = ct.priority,
                                       .requirements = ct.requirements}));
    // Still waiting after the engine's decision: no agent was free.
    if (call.state == CallState::kWaiting) Count(call, [](Tally& t) { ++t.waited; });
    // Patience runs until the customer is connected, ringing included.
    if (call.patience) {
      Push(now + *call.patience, {EventKind::kAbandon, id});
    }
    return absl::OkStatus();
  }

  // Schedules the contact type's next arrival: the next listed one, or the
  // next of its Poisson process (sim/poisson.h).
  void ScheduleArrival(size_t type, Time now) {
    const ContactType& ct = scenario_.contact_types[type];
    if (!ct.listed.empty()) {
      size_t& next = next_listed_[type];
      if (next < ct.listed.size()) {
        pending_listed_[type] = next;
        Push(ct.listed[next++].time, {EventKind::kArrival, type});
      }
      return;
    }
    const std::optional<Time> next =
        NextPoissonArrival(ct.rates_per_hour, scenario_.interval, now, horizon_,
                           Distribution::Exponential(1.0).SampleSeconds(arrival_rng_[type]));
    if (next) Push(*next, {EventKind::kArrival, type});
  }

  void Push(Time time, EventPayload payload) {
    events_.Push(time, static_cast<int32_t>(payload.kind), payload);
  }

  // ---- Trace -----------------------------------------------------------------

  void TraceContact(Time now, absl::string_view event, const Call& call, AgentId agent,
                    absl::string_view reason = {}) {
    if (!trace_) return;
    const ContactType& ct = scenario_.contact_types[call.type];
    trace_->Contact(now, event, call.number, ct.name,
                    scenario_.center.workgroups[ct.workgroup].name,
                    agent.valid() ? absl::string_view(scenario_.center.agents[agent.value()].name)
                                  : absl::string_view(),
                    reason);
  }

  absl::string_view StatusName(StatusId status) const {
    const auto& statuses =
        scenario_.center.statuses.empty() ? default_statuses_ : scenario_.center.statuses;
    return status.valid() ? absl::string_view(statuses[status.value()].name) : "";
  }

  // ---- Intervals ------------------------------------------------------------

  int IntervalOf(Time t) const {
    const int64_t k = t.microseconds() / scenario_.interval.microseconds();
    return static_cast<int>(std::min<int64_t>(k, intervals_ - 1));
  }

  // Calls fn(interval, seconds) for each interval that [from, to) overlaps.
  template <typename F>
  void Split(Time from, Time to, F fn) const {
    while (from < to) {
      const int k = IntervalOf(from);
      const Time end =
          k + 1 < intervals_ ? std::min(to, Time() + scenario_.interval * (k + 1)) : to;
      fn(k, ToSeconds(end - from));
      from = end;
    }
  }

  // Applies `count` to the tallies of the call's contact type, overall and
  // for its interval, if it arrived inside the measured window.
  template <typename F>
  void Count(const Call& call, F count) {
    if (!call.counted) return;
    count(result_.contact_types[call.type]);
    count(type_intervals_[call.type][call.interval]);
  }

  // ---- Calls ----------------------------------------------------------------

  uint32_t AllocateSlot() {
    if (free_slots_.empty()) {
      calls_.emplace_back();
      return static_cast<uint32_t>(calls_.size() - 1);
    }
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }

  void Release(Call& call) {
    call.state = CallState::kFree;
    ++call.generation;
    free_slots_.push_back(static_cast<uint32_t>(&call - calls_.data()));
  }

  Call& CallOf(InteractionId id) { return calls_[static_cast<uint32_t>(id.value())]; }

  // Whether `id` still names the call in its slot, in `state`.
  bool Live(uint64_t id, CallState state) const {
    const Call& call = calls_[static_cast<uint32_t>(id)];
    return call.generation == static_cast<uint32_t>(id >> 32) && call.state == state;
  }

  // Credits the queue-length integral of contact type `type` up to `now`,
  // clipped to the window, then changes its count of waiting contacts.
  void ChangeQueue(size_t type, int delta, Time now) {
    QueueTrack& q = queues_[type];
    const Time from = std::max(q.since, window_start_);
    const Time to = std::min(now, horizon_);
    if (to > from && q.waiting > 0) {
      result_.contact_types[type].queue_integral_s += q.waiting * ToSeconds(to - from);
      Split(from, to,
            [&](int i, double s) { type_intervals_[type][i].queue_integral_s += q.waiting * s; });
    }
    q.since = now;
    q.waiting += delta;
  }

  // ---- Agents ---------------------------------------------------------------

  // Credits agent `a`'s time since its last change, clipped to the window.
  void Account(size_t a, Time now) {
    AgentTrack& agent = agents_[a];
    const Time from = std::max(agent.since, window_start_);
    const Time to = std::min(now, horizon_);
    agent.since = now;
    if (to <= from || agent.activity == AgentActivity::kLoggedOut) return;
    const double seconds = ToSeconds(to - from);
    const bool busy =
        agent.activity == AgentActivity::kBusy || agent.activity == AgentActivity::kWrapUp;
    result_.total.staffed_s += seconds;
    if (busy) result_.total.busy_s += seconds;
    for (int wg : agent.active_workgroups) result_.workgroups[wg].staffed_s += seconds;
    if (busy && agent.workgroup >= 0) result_.workgroups[agent.workgroup].busy_s += seconds;
    Split(from, to, [&](int i, double s) {
      for (int wg : agent.active_workgroups) result_.workgroup_intervals[wg][i].staffed_s += s;
      if (busy && agent.workgroup >= 0) result_.workgroup_intervals[agent.workgroup][i].busy_s += s;
    });
  }

  // ---- Engine ---------------------------------------------------------------

  absl::Status Command(const acd::Command& command) { return Check(engine_->Apply(command)); }

  static absl::Status Check(absl::Status status) {
    if (status.ok()) return status;
    return absl::InternalError(
        absl::StrCat("simulator: the engine rejected a command: ", status.message()));
  }

  const Scenario& scenario_;
  const Time window_start_;
  const Time horizon_;
  std::unique_ptr<Engine> engine_;
  EventQueue<EventPayload> events_;
  std::vector<Call> calls_;
  std::vector<uint32_t> free_slots_;
  std::vector<AgentTrack> agents_;
  std::vector<QueueTrack> queues_;
  // Per contact type with listed arrivals: the next to schedule, and the one
  // whose arrival event is pending.
  std::vector<size_t> next_listed_, pending_listed_;
  std::optional<TraceWriter> trace_;
  static constexpr int64_t kMaxEventsAtOneTime = 1'000'000;
  Time last_event_time_ = Time::Infinite();
  int64_t same_time_events_ = 0;
  const std::vector<StatusConfig> default_statuses_ = DefaultStatuses();
  uint64_t arrivals_ = 0;
  int intervals_ = 1;
  // Per contact type and interval: contacts by their arrival interval.
  std::vector<std::vector<Tally>> type_intervals_;
  std::vector<Mrg32k3a> arrival_rng_, handle_rng_, patience_rng_, answer_rng_, behaviour_rng_;
  StatusId available_;
  ReplicationResult result_;
};

}  // namespace

absl::StatusOr<ReplicationResult> RunReplication(const Scenario& scenario, int replication,
                                                 std::string* trace) {
  Replication run(scenario, replication, trace);
  return run.Run();
}

}  // namespace acd::sim
