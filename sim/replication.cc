// One replication: the contacts' side and the engine (sim/replication.h).

#include "sim/replication.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/busyness.h"
#include "sim/poisson.h"
#include "sim/replication_impl.h"

namespace acd::sim {
namespace internal {

Replication::Replication(const Scenario& scenario, int replication, std::string* trace)
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
  for (uint64_t k = 0; k < types; ++k) {
    contact_rng_.push_back(Mrg32k3a::Stream(seed, 3 * types + 2 * groups + k, replication));
  }
  // Streams added later go after all of the above (sim/replication.h).
  const uint64_t later = 4 * types + 2 * groups;
  bool balks = false;
  for (const ContactType& ct : scenario.contact_types) balks = balks || ct.balk_probability > 0;
  for (uint64_t k = 0; balks && k < types; ++k) {
    balk_rng_.push_back(Mrg32k3a::Stream(seed, later + 1 + k, replication));
  }
  if (scenario.closing) arrivals_end_ = *scenario.closing;
  for (const ContactType& ct : scenario.contact_types) {
    thresholds_.push_back(ct.service_levels.empty() ? std::vector<Duration>{scenario.service_level}
                                                    : ct.service_levels);
  }
  result_.contact_types.resize(types);
  queues_.resize(types);
  last_agent_.assign(types, AgentId());
  workgroup_queues_.resize(scenario.center.workgroups.size());
  next_listed_.assign(types, 0);
  pending_listed_.assign(types, 0);
  result_.workgroups.resize(scenario.center.workgroups.size());
  const auto timed = [](Tally& t) { t.busy_s = t.staffed_s = t.ready_s = t.busy_agents_end = 0; };
  for (Tally& wg : result_.workgroups) timed(wg);
  timed(result_.total);
  const int64_t interval_us = scenario.interval.microseconds();
  intervals_ = static_cast<int>((scenario.horizon.microseconds() + interval_us - 1) / interval_us);
  type_intervals_.assign(types, std::vector<Tally>(intervals_));
  Tally interval;
  timed(interval);
  result_.workgroup_intervals.assign(scenario.center.workgroups.size(),
                                     std::vector<Tally>(intervals_, interval));
  result_.total_intervals.assign(intervals_, interval);
  result_.agent_groups.assign(groups, interval);
  result_.agent_group_intervals.assign(groups, std::vector<Tally>(intervals_, interval));
  scaled_rates_.resize(types);
  if (scenario.busyness.enabled()) {
    Mrg32k3a rng = Mrg32k3a::Stream(seed, later, replication);
    const std::vector<double> factors =
        DrawRateFactors(scenario.busyness, scenario.interval, intervals_, rng);
    for (size_t k = 0; k < types; ++k) {
      const std::vector<double>& rates = scenario.contact_types[k].rates_per_hour;
      if (!rates.empty()) scaled_rates_[k] = ScaleRates(rates, factors);
    }
  }
}

absl::StatusOr<ReplicationResult> Replication::Run() {
  ACD_ASSIGN_OR_RETURN(engine_, Engine::Create(scenario_.center));
  engine_->SetObserver(this);
  engine_->SetDecisionRecords(false);  // nothing here reads them
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
    CountBusyBefore(std::min({next_event, deadline, horizon_}));
    if (result_.events >= scenario_.max_events) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "simulator: more than ", scenario_.max_events,
          " events in one replication, the limit of a scenario (shorten horizon_s or lower "
          "the traffic)"));
    }
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
  CountBusyBefore(Time::Infinite());
  for (size_t a = 0; a < agents_.size(); ++a) Account(a, horizon_);
  // The whole run's busy agents at its end: the last interval's.
  result_.total.busy_agents_end = result_.total_intervals.back().busy_agents_end;
  for (size_t w = 0; w < result_.workgroups.size(); ++w) {
    result_.workgroups[w].busy_agents_end = result_.workgroup_intervals[w].back().busy_agents_end;
  }
  for (size_t g = 0; g < result_.agent_groups.size(); ++g) {
    result_.agent_groups[g].busy_agents_end =
        result_.agent_group_intervals[g].back().busy_agents_end;
  }
  const double window_s = ToSeconds(horizon_ - window_start_);
  result_.total.window_s = window_s;
  for (Tally& wg : result_.workgroups) wg.window_s = window_s;
  for (Tally& g : result_.agent_groups) g.window_s = window_s;
  for (size_t k = 0; k < result_.contact_types.size(); ++k) {
    ChangeQueue(k, 0, horizon_);
    Tally& t = result_.contact_types[k];
    t.window_s = window_s;
    result_.workgroups[scenario_.contact_types[k].workgroup].AddContacts(t);
    result_.total.AddContacts(t);
    auto& intervals = result_.workgroup_intervals[scenario_.contact_types[k].workgroup];
    for (int i = 0; i < intervals_; ++i) {
      intervals[i].AddContacts(type_intervals_[k][i]);
      result_.total_intervals[i].AddContacts(type_intervals_[k][i]);
    }
  }
  result_.contact_type_intervals = std::move(type_intervals_);
  // Each interval's share of the measured window.
  const auto windows = [&](std::vector<Tally>& intervals) {
    for (Tally& t : intervals) t.window_s = 0;
    Split(window_start_, horizon_, [&](int i, double s) { intervals[i].window_s += s; });
  };
  for (auto& intervals : result_.workgroup_intervals) windows(intervals);
  for (auto& intervals : result_.contact_type_intervals) windows(intervals);
  for (auto& intervals : result_.agent_group_intervals) windows(intervals);
  windows(result_.total_intervals);
  return std::move(result_);
}

void Replication::OnOffer(const OfferEvent& offer) {
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

void Replication::OnInteraction(const InteractionEvent& event) {
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
      if (call.state == CallState::kHeld) {  // resumed
        call.state = CallState::kConnected;
        return;
      }
      Connected(call, event.interaction, event.now);
      if (call.answered) return;
      call.answered = true;
      last_agent_[call.type] = event.agent;
      Count(call, [&](Tally& t) {
        ++t.answered;
        t.wait_answered_s += ToSeconds(waited);
        const std::vector<Duration>& sl = thresholds_[call.type];
        if (waited <= sl[0]) ++t.answered_within;
        // A type with fewer thresholds repeats its last (scenario.proto).
        for (size_t k = 1; k <= t.answered_within_more.size(); ++k) {
          if (waited <= sl[std::min(k, sl.size() - 1)]) ++t.answered_within_more[k - 1];
        }
      });
      return;
    case InteractionState::kHeld:
      call.state = CallState::kHeld;
      return;
    case InteractionState::kAbandoned:
      if (call.state == CallState::kWaiting) ChangeQueue(call.type, -1, event.now);
      Count(call, [&](Tally& t) {
        ++t.abandoned;
        t.wait_abandoned_s += ToSeconds(waited);
        if (waited <= thresholds_[call.type][0]) ++t.abandoned_within;
      });
      Release(call);
      return;
    case InteractionState::kCompleted:
    case InteractionState::kFailed:
      if (call.callback) {
        const bool failed = event.state == InteractionState::kFailed;
        Count(call, [&](Tally& t) { ++(failed ? t.callbacks_failed : t.callbacks_completed); });
      }
      Finished(call, event);
      return;
    case InteractionState::kSnoozed:  // the attempt did not reach the customer
    case InteractionState::kTransferred:
      if (event.reason == RequeueReason::kOverflow) {
        if (call.state == CallState::kWaiting) ChangeQueue(call.type, -1, event.now);
        call.state = CallState::kMoving;
        return;
      }
      if (event.state == InteractionState::kTransferred) {
        call.transferred = true;
        Count(call, [](Tally& t) { ++t.transfers; });
      }
      Finished(call, event);
      return;
    case InteractionState::kWrapUp: {
      WorkDone(call, event.now);
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
      // On arrival, and again when an offer goes unanswered or is declined,
      // after a transfer or overflow, and when a snoozed callback wakes.
      call.state = CallState::kWaiting;
      ChangeQueue(call.type, +1, event.now);
      // A work item not picked up rang out too, but costs its agent nothing.
      if (event.reason == RequeueReason::kPickupTimeout)
        Count(call, [](Tally& t) { ++t.no_answers; });
      if (event.reason == RequeueReason::kNoAnswer) {
        Count(call, [](Tally& t) { ++t.no_answers; });
        const int group = agents_[event.agent.value()].group;
        const Duration away = group >= 0
                                  ? scenario_.agent_groups[group].not_ready_after_no_answer.Sample(
                                        behaviour_rng_[group])
                                  : Seconds(30);
        Push(event.now + away, {EventKind::kAgentReturns, event.agent.value()});
      }
      return;
    case InteractionState::kAlerting:
      return;
  }
}

void Replication::Connected(Call& call, InteractionId id, Time now) {
  const ContactType& ct = scenario_.contact_types[call.type];
  call.state = CallState::kConnected;
  call.connected = now;
  Duration talk = call.handle;
  if (call.callback) {
    call.reached = contact_rng_[call.type].NextDouble() < ct.callback->reach_probability;
    if (!call.reached) talk = ct.callback->attempt_time.Sample(contact_rng_[call.type]);
  } else if (call.transferred) {
    talk = call.second_handle;
  }
  if (call.hold && !call.answered) {
    Push(now + Duration::Microseconds(talk.microseconds() / 2), {EventKind::kHold, id.value()});
    Push(now + Duration::Microseconds(talk.microseconds() / 2) + *call.hold,
         {EventKind::kResume, id.value()});
    talk += *call.hold;
  }
  Push(now + talk, {EventKind::kHangUp, id.value()});
}

void Replication::WorkDone(Call& call, Time now) {
  if (!call.due || (call.transfer && !call.transferred)) return;
  Count(call, [&](Tally& t) {
    ++t.due_finished;
    if (now <= *call.due) ++t.due_on_time;
  });
}

void Replication::Finished(Call& call, const InteractionEvent& event) {
  const bool wrapped = call.state == CallState::kEnded;
  if (wrapped) --agents_[event.agent.value()].wrapping;
  if (!wrapped && event.state == InteractionState::kCompleted) WorkDone(call, event.now);
  const Time talk_end = wrapped ? call.disconnected : event.now;
  Count(call, [&](Tally& t) {
    ++t.handled;
    t.handle_s += ToSeconds(event.now - call.connected);
    t.talk_s += ToSeconds(talk_end - call.connected);
    t.wrap_up_s += ToSeconds(event.now - talk_end);
  });
  switch (event.state) {
    case InteractionState::kSnoozed:
      call.state = CallState::kSnoozed;
      return;
    case InteractionState::kTransferred:
      call.state = CallState::kMoving;
      return;
    default:
      Release(call);
  }
}

absl::Status Replication::HangUp(Call& call, Time now) {
  const InteractionId id((uint64_t{call.generation} << 32) |
                         static_cast<uint32_t>(&call - calls_.data()));
  if (call.callback) {
    return Command(ReportCallback{
        .now = now,
        .interaction = id,
        .outcome = call.reached ? CallbackOutcome::kComplete : CallbackOutcome::kRetryLater});
  }
  if (call.transfer && !call.transferred) {
    const absl::Status moved = engine_->Apply(
        Transfer{.now = now,
                 .interaction = id,
                 .workgroup = WorkgroupId(scenario_.contact_types[call.type].transfer->workgroup)});
    // A full queue refuses the transfer: the agent finishes the call instead.
    if (moved.code() != absl::StatusCode::kResourceExhausted) return Check(moved);
    call.transfer = false;
  }
  return Command(Disconnect{.now = now, .interaction = id});
}

absl::Status Replication::Handle(Time now, const EventPayload& event) {
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
      return HangUp(calls_[static_cast<uint32_t>(event.target)], now);
    case EventKind::kHold:
      if (!Live(event.target, CallState::kConnected)) return absl::OkStatus();
      return Command(Hold{.now = now, .interaction = InteractionId(event.target)});
    case EventKind::kResume: {
      if (!Live(event.target, CallState::kHeld)) return absl::OkStatus();
      const Call& call = calls_[static_cast<uint32_t>(event.target)];
      Count(call, [&](Tally& t) { t.hold_s += ToSeconds(*call.hold); });
      return Command(Resume{.now = now, .interaction = InteractionId(event.target)});
    }
    case EventKind::kAbandon:
      if ((!Live(event.target, CallState::kWaiting) && !Live(event.target, CallState::kAlerting)) ||
          calls_[static_cast<uint32_t>(event.target)].answered) {
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

absl::Status Replication::Arrival(size_t type, Time now) {
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
  // The contact's own choices, drawn whether or not they come into play, so
  // that the stream stays aligned across staffing and routing variants.
  Mrg32k3a& rng = contact_rng_[type];
  call.callback = call.reached = call.answered = call.transfer = call.transferred = false;
  call.hold.reset();
  call.due.reset();
  bool accepts_callback = false;
  if (ct.callback) accepts_callback = rng.NextDouble() < ct.callback->accept_probability;
  if (ct.transfer) {
    call.transfer = rng.NextDouble() < ct.transfer->fraction;
    call.second_handle = ct.transfer->handle_time.Sample(rng);
  }
  if (ct.hold_probability > 0) {
    const bool holds = rng.NextDouble() < ct.hold_probability;
    const Duration length = ct.hold_time.Sample(rng);
    if (holds) call.hold = length;
  }
  if (ct.due) call.due = now + ct.due->Sample(rng);
  const bool returning = ct.preferred_fraction > 0 && rng.NextDouble() < ct.preferred_fraction;
  const uint64_t id = (uint64_t{call.generation} << 32) | slot;
  Count(call, [](Tally& t) { ++t.offered; });
  Arrive arrive{.now = now,
                .interaction = InteractionId(id),
                .workgroup = WorkgroupId(ct.workgroup),
                .media = ct.media,
                .priority = ct.priority,
                .requirements = ct.requirements,
                .due = call.due.value_or(Time::Infinite())};
  if (returning && last_agent_[type].valid()) {
    arrive.preferred_agent = last_agent_[type];
    arrive.preferred_window = ct.preferred_window;
  }
  // A caller finding enough contacts ahead may take a callback instead.
  if (accepts_callback &&
      engine_->GetWorkgroupCounters(arrive.workgroup)->waiting >= ct.callback->queue_threshold) {
    call.callback = true;
    call.patience.reset();
    arrive.media = MediaType::kCallback;
    arrive.workgroup = WorkgroupId(ct.callback->workgroup);
  }
  const absl::Status arrived = engine_->Apply(arrive);
  if (arrived.code() == absl::StatusCode::kResourceExhausted) {  // the queue is full
    TraceContact(now, "blocked", call, AgentId());
    Count(call, [](Tally& t) { ++t.blocked; });
    Release(call);
    return absl::OkStatus();
  }
  ACD_RETURN_IF_ERROR(Check(arrived));
  if (call.callback) Count(call, [](Tally& t) { ++t.callbacks_requested; });
  // Still waiting after the engine's decision: no agent was free.
  if (call.state == CallState::kWaiting) Count(call, [](Tally& t) { ++t.waited; });
  if (ct.balk_probability > 0) {
    // Drawn for every arrival, so that staffing variants see the same
    // customers.
    const bool balks = balk_rng_[type].NextDouble() < ct.balk_probability;
    if (balks && call.state == CallState::kWaiting && !call.callback) {
      TraceContact(now, "balked", call, AgentId());
      Count(call, [](Tally& t) { ++t.balked; });
      return Command(Disconnect{.now = now, .interaction = InteractionId(id)});
    }
  }
  // Patience runs until the customer is connected, ringing included.
  if (call.patience) {
    Push(now + *call.patience, {EventKind::kAbandon, id});
  }
  return absl::OkStatus();
}

void Replication::ScheduleArrival(size_t type, Time now) {
  const ContactType& ct = scenario_.contact_types[type];
  if (!ct.listed.empty()) {
    size_t& next = next_listed_[type];
    if (next < ct.listed.size() && ct.listed[next].time < arrivals_end_) {
      pending_listed_[type] = next;
      Push(ct.listed[next++].time, {EventKind::kArrival, type});
    }
    return;
  }
  const std::vector<double>& rates =
      scaled_rates_[type].empty() ? ct.rates_per_hour : scaled_rates_[type];
  const std::optional<Time> next =
      NextPoissonArrival(rates, scenario_.interval, now, std::min(horizon_, arrivals_end_),
                         Distribution::Exponential(1.0).SampleSeconds(arrival_rng_[type]));
  if (next && *next < arrivals_end_) Push(*next, {EventKind::kArrival, type});
}

void Replication::TraceContact(Time now, absl::string_view event, const Call& call, AgentId agent,
                               absl::string_view reason) {
  if (!trace_) return;
  const ContactType& ct = scenario_.contact_types[call.type];
  trace_->Contact(now, event, call.number, ct.name, scenario_.center.workgroups[ct.workgroup].name,
                  agent.valid() ? absl::string_view(scenario_.center.agents[agent.value()].name)
                                : absl::string_view(),
                  reason);
}

void Replication::ChangeQueue(size_t type, int delta, Time now) {
  const int wg = scenario_.contact_types[type].workgroup;
  Credit(queues_[type], result_.contact_types[type], &type_intervals_[type], true, now);
  Credit(workgroup_queues_[wg], result_.workgroups[wg], &result_.workgroup_intervals[wg], false,
         now);
  Credit(total_queue_, result_.total, &result_.total_intervals, false, now);
  queues_[type].waiting += delta;
  workgroup_queues_[wg].waiting += delta;
  total_queue_.waiting += delta;
}

void Replication::Credit(QueueTrack& track, Tally& whole, std::vector<Tally>* intervals,
                         bool integral, Time now) {
  const Time from = std::max(track.since, window_start_);
  const Time to = std::min(now, horizon_);
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

}  // namespace internal

absl::StatusOr<ReplicationResult> RunReplication(const Scenario& scenario, int replication,
                                                 std::string* trace) {
  internal::Replication run(scenario, replication, trace);
  return run.Run();
}

}  // namespace acd::sim
