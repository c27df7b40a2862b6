// What the customers of a replication do (sim/contact_behaviour.h).

#include "sim/contact_behaviour.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/busyness.h"
#include "sim/engine_check.h"
#include "sim/poisson.h"

namespace acd::sim {

ContactBehaviour::ContactBehaviour(const Scenario& scenario, ReplicationStreams& streams,
                                   Engine& engine, SimEventQueue& events, KpiTally& tally,
                                   TraceWriter* trace)
    : scenario_(scenario),
      streams_(streams),
      engine_(engine),
      events_(events),
      tally_(tally),
      trace_(trace),
      horizon_(Time() + scenario.horizon) {
  const size_t types = scenario.contact_types.size();
  if (scenario.closing) arrivals_end_ = *scenario.closing;
  next_listed_.assign(types, 0);
  pending_listed_.assign(types, 0);
  last_agent_.assign(types, AgentId());
  scaled_rates_.resize(types);
  if (scenario.busyness.enabled()) {
    const int64_t interval_us = scenario.interval.microseconds();
    const int intervals =
        static_cast<int>((scenario.horizon.microseconds() + interval_us - 1) / interval_us);
    const std::vector<double> factors =
        DrawRateFactors(scenario.busyness, scenario.interval, intervals, streams_.busyness);
    for (size_t k = 0; k < types; ++k) {
      const std::vector<double>& rates = scenario.contact_types[k].rates_per_hour;
      if (!rates.empty()) scaled_rates_[k] = ScaleRates(rates, factors);
    }
  }
  poisson_end_ = std::min(horizon_, arrivals_end_);
  arrival_rates_.resize(types);
  for (size_t k = 0; k < types; ++k) {
    ArrivalRates& rates = arrival_rates_[k];
    rates.per_hour =
        scaled_rates_[k].empty() ? &scenario.contact_types[k].rates_per_hour : &scaled_rates_[k];
    rates.constant = rates.per_hour->size() == 1;
    if (rates.constant) rates.constant_per_s = (*rates.per_hour)[0] / 3600.0;
  }
}

void ContactBehaviour::Start() {
  for (size_t k = 0; k < scenario_.contact_types.size(); ++k) ScheduleArrival(k, Time());
}

int ContactBehaviour::TypeOf(const EngineState::Interaction& interaction) const {
  const auto first = [&](auto fits) {
    for (size_t k = 0; k < scenario_.contact_types.size(); ++k) {
      if (fits(scenario_.contact_types[k])) return static_cast<int>(k);
    }
    return -1;
  };
  const int workgroup = static_cast<int>(interaction.workgroup.value());
  // A callback request: of the type whose callbacks queue there.
  int type = -1;
  if (interaction.media == MediaType::kCallback) {
    type = first(
        [&](const ContactType& ct) { return ct.callback && ct.callback->workgroup == workgroup; });
  }
  if (type < 0)
    type = first([&](const ContactType& ct) {
      return ct.workgroup == workgroup && ct.media == interaction.media;
    });
  if (type < 0) type = first([&](const ContactType& ct) { return ct.workgroup == workgroup; });
  if (type < 0) type = first([&](const ContactType& ct) { return ct.media == interaction.media; });
  return type;
}

absl::Status ContactBehaviour::ContinueFrom(const EngineState& state) {
  const Time now = state.now;
  for (size_t i = 0; i < state.interactions.size(); ++i) {
    const EngineState::Interaction& interaction = state.interactions[i];
    const int type = TypeOf(interaction);
    if (type < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "snapshot: interactions[", i, "] (", MediaName(interaction.media), " in workgroup ",
          scenario_.center.workgroups[interaction.workgroup.value()].name,
          "): no contact type of the scenario has its workgroup or its media"));
    }
    Continue(interaction, type, now);
  }
  for (size_t k = 0; k < scenario_.contact_types.size(); ++k) {
    const ContactType& ct = scenario_.contact_types[k];
    while (next_listed_[k] < ct.listed.size() && ct.listed[next_listed_[k]].time < now) {
      ++next_listed_[k];
    }
    ScheduleArrival(k, now);
  }
  return absl::OkStatus();
}

void ContactBehaviour::Continue(const EngineState::Interaction& interaction, int type, Time now) {
  const ContactType& ct = scenario_.contact_types[type];
  Call& call = calls_.at(calls_.Allocate());  // slot i for interaction id i
  call.type = type;
  call.number = ++arrivals_;
  call.counted = false;
  call.interval = tally_.IntervalOf(now);
  call.offers = 0;
  call.arrival = interaction.entered_system;
  call.connected = call.disconnected = now;
  call.callback = interaction.media == MediaType::kCallback;
  call.reached = true;
  call.transfer = call.transferred = call.transferring = false;
  call.due.reset();
  if (interaction.due != Time::Infinite()) call.due = interaction.due;
  // Fresh draws, in this order, for every interaction: what remains of its
  // handle time, its patience, and of a hold in progress.
  call.handle = ct.handle_time.Sample(streams_.handle[type]);
  call.patience.reset();
  if (ct.patience) call.patience = ct.patience->Sample(streams_.patience[type]);
  call.abandon_deferred = false;
  call.answer_due.reset();
  call.hold.reset();
  if (interaction.state == InteractionState::kHeld) {
    call.hold =
        ct.hold_probability > 0 ? ct.hold_time.Sample(streams_.contact[type]) : Duration::Zero();
  }
  // Connected once (this leg or an earlier one): patience no longer applies.
  call.answered = interaction.transferred || call.callback ||
                  interaction.state == InteractionState::kConnected ||
                  interaction.state == InteractionState::kHeld ||
                  interaction.state == InteractionState::kWrapUp;
  if (call.answered) call.patience.reset();
  ScheduleContinued(call, interaction.state, now);
}

void ContactBehaviour::ScheduleContinued(Call& call, InteractionState state, Time now) {
  const InteractionId id = calls_.IdOf(call);
  switch (state) {
    case InteractionState::kWaiting:
      call.state = CallState::kWaiting;
      tally_.QueueChanged(call.type, +1, now);
      break;
    case InteractionState::kAlerting:
      call.state = CallState::kAlerting;
      call.offers = 1;  // the driver schedules the agent's response
      break;
    case InteractionState::kConnected:
      call.state = CallState::kConnected;
      Push(now + call.handle, {SimEventKind::kHangUp, id.value(), call.offers});
      break;
    case InteractionState::kHeld:
      call.state = CallState::kHeld;
      Push(now + *call.hold, {SimEventKind::kResume, id.value(), call.offers});
      Push(now + *call.hold + call.handle, {SimEventKind::kHangUp, id.value(), call.offers});
      break;
    case InteractionState::kWrapUp:
      call.state = CallState::kEnded;
      break;
    default:  // kSnoozed: the engine wakes it
      call.state = CallState::kSnoozed;
      break;
  }
  if (call.patience) Push(now + *call.patience, {SimEventKind::kAbandon, id.value()});
}

absl::Status ContactBehaviour::Command(const acd::Command& command) {
  return CheckEngine(engine_.Apply(command));
}

absl::Status ContactBehaviour::Handle(Time now, const SimEvent& event) {
  const InteractionId id(event.target);
  switch (event.kind) {
    case SimEventKind::kArrival:
      return Arrival(static_cast<size_t>(event.target), now);
    case SimEventKind::kAnswer:
      if (!calls_.Live(event.target, CallState::kAlerting) ||
          calls_.of(event.target).offers != event.offer) {
        return absl::OkStatus();
      }
      return Send(accept_, Accept{.now = now, .interaction = id});
    case SimEventKind::kReject:
      if (!calls_.Live(event.target, CallState::kAlerting) ||
          calls_.of(event.target).offers != event.offer) {
        return absl::OkStatus();
      }
      return Command(Reject{.now = now, .interaction = id});
    case SimEventKind::kHangUp:
      if (!LiveLeg(event, CallState::kConnected)) return absl::OkStatus();
      return HangUp(calls_.of(event.target), now);
    case SimEventKind::kHold:
      if (!LiveLeg(event, CallState::kConnected)) return absl::OkStatus();
      return Command(Hold{.now = now, .interaction = id});
    case SimEventKind::kResume: {
      if (!LiveLeg(event, CallState::kHeld)) return absl::OkStatus();
      const Call& call = calls_.of(event.target);
      tally_.Held(call.key(), *call.hold);
      return Command(Resume{.now = now, .interaction = id});
    }
    case SimEventKind::kAbandon:
      // Patience runs until the customer is connected, ringing included.
      if ((!calls_.Live(event.target, CallState::kWaiting) &&
           !calls_.Live(event.target, CallState::kAlerting)) ||
          calls_.of(event.target).answered) {
        return absl::OkStatus();
      }
      return Send(disconnect_, Disconnect{.now = now, .interaction = id});
    default:
      return absl::InternalError("simulator: an agent event reached the contacts");
  }
}

absl::Status ContactBehaviour::Arrival(size_t type, Time now) {
  const ContactType& ct = scenario_.contact_types[type];
  // A listed or traced arrival may bring its own handle time and patience.
  const ContactType::Listed* entry =
      ct.listed.empty() ? nullptr : &ct.listed[pending_listed_[type]];
  ScheduleArrival(type, now);
  Call& call = calls_.at(calls_.Allocate());
  const Choices choices = Draw(call, type, now, entry);
  const InteractionId id = calls_.IdOf(call);
  tally_.Offered(call.key());
  const absl::Status arrived = engine_.Apply(ArriveCommand(call, id, choices, now));
  // (ok() first: it is inline, code() is not.)
  if (!arrived.ok() && arrived.code() == absl::StatusCode::kResourceExhausted) {  // queue full
    TraceContact(now, "blocked", call, AgentId());
    tally_.Blocked(call.key());
    calls_.Release(call);
    return absl::OkStatus();
  }
  ACD_RETURN_IF_ERROR(CheckEngine(arrived));
  if (call.callback) tally_.CallbackRequested(call.key());
  // Still waiting after the engine's decision: no agent was free.
  if (call.state == CallState::kWaiting) tally_.Waited(call.key());
  if (ct.balk_probability > 0) {
    // Drawn for every arrival, so that staffing variants see the same
    // customers.
    const bool balks = streams_.balk[type].NextDouble() < ct.balk_probability;
    if (balks && call.state == CallState::kWaiting && !call.callback) {
      TraceContact(now, "balked", call, AgentId());
      tally_.Balked(call.key());
      return Send(disconnect_, Disconnect{.now = now, .interaction = id});
    }
  }
  if (call.patience) ScheduleAbandon(call, id, now + *call.patience);
  return absl::OkStatus();
}

// Most calls are offered on arrival and answered before their patience runs
// out; their abandonment would sit in the event queue until it came due and
// then do nothing. When the offer's answer is due no later than the
// patience, only the abandonment's place in the queue is taken; Waiting
// pushes it into that place if the call waits again unanswered (the offer
// rang out, was declined or withdrawn), so every event comes out in the same
// order as if it had been pushed now.
void ContactBehaviour::ScheduleAbandon(Call& call, InteractionId id, Time at) {
  if (call.answered) return;
  const uint64_t sequence = events_.Reserve();
  if (call.state == CallState::kAlerting && call.answer_due && *call.answer_due <= at) {
    call.abandon_deferred = true;
    call.abandon_sequence = sequence;
    return;
  }
  ScheduleReserved(events_, at, sequence, {SimEventKind::kAbandon, id.value()});
}

const acd::Command& ContactBehaviour::ArriveCommand(Call& call, InteractionId id,
                                                    const Choices& choices, Time now) {
  const ContactType& ct = scenario_.contact_types[call.type];
  Arrive& arrive = std::get<Arrive>(arrive_);
  // Every field set as a new command would have it, one by one: assigning a
  // whole new Arrive would build, move and destroy its two vectors for each
  // arrival (measured: A2 -3.3M instructions). The requirements' storage is
  // kept; the simulator never sets tiers. The binding names every field of
  // Arrive, so one added later stops the build here until it is set too.
  auto& [at, interaction, workgroup, media, priority, requirements, tiers, preferred_agent,
         preferred_window, due] = arrive;
  at = now;
  interaction = id;
  workgroup = WorkgroupId(ct.workgroup);
  media = ct.media;
  priority = ct.priority;
  requirements.assign(ct.requirements.begin(), ct.requirements.end());
  tiers.clear();
  preferred_agent = AgentId();
  preferred_window = Duration();
  due = call.due.value_or(Time::Infinite());
  if (choices.returning && last_agent_[call.type].valid()) {
    arrive.preferred_agent = last_agent_[call.type];
    arrive.preferred_window = ct.preferred_window;
  }
  // A caller finding enough contacts ahead may take a callback instead.
  if (choices.accepts_callback &&
      engine_.GetWorkgroupCounters(arrive.workgroup)->waiting >= ct.callback->queue_threshold) {
    call.callback = true;
    call.patience.reset();
    arrive.media = MediaType::kCallback;
    arrive.workgroup = WorkgroupId(ct.callback->workgroup);
  }
  return arrive_;
}

ContactBehaviour::Choices ContactBehaviour::Draw(Call& call, size_t type, Time now,
                                                 const ContactType::Listed* entry) {
  const ContactType& ct = scenario_.contact_types[type];
  call.state = CallState::kWaiting;
  call.offers = 0;
  call.type = static_cast<int>(type);
  call.number = ++arrivals_;
  call.counted = now >= tally_.window_start();
  call.interval = tally_.IntervalOf(now);
  call.arrival = now;
  call.handle = ct.handle_time.Sample(streams_.handle[type]);
  call.patience.reset();
  if (ct.patience) call.patience = ct.patience->Sample(streams_.patience[type]);
  call.abandon_deferred = false;
  call.answer_due.reset();
  if (entry != nullptr && entry->handle) call.handle = *entry->handle;
  if (entry != nullptr && entry->patience) call.patience = *entry->patience;
  // The contact's own choices, drawn whether or not they come into play, so
  // that the stream stays aligned across staffing and routing variants.
  Mrg32k3a& rng = streams_.contact[type];
  call.callback = call.reached = call.answered = call.transfer = call.transferred = false;
  call.transferring = false;
  call.hold.reset();
  call.due.reset();
  Choices choices;
  if (ct.callback) choices.accepts_callback = rng.NextDouble() < ct.callback->accept_probability;
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
  choices.returning = ct.preferred_fraction > 0 && rng.NextDouble() < ct.preferred_fraction;
  return choices;
}

void ContactBehaviour::ScheduleArrival(size_t type, Time now) {
  const ContactType& ct = scenario_.contact_types[type];
  if (!ct.listed.empty()) {
    size_t& next = next_listed_[type];
    if (next < ct.listed.size() && ct.listed[next].time < arrivals_end_) {
      pending_listed_[type] = next;
      Push(ct.listed[next++].time, {SimEventKind::kArrival, type});
    }
    return;
  }
  const ArrivalRates& rates = arrival_rates_[type];
  const double budget = UnitExponential(streams_.arrival[type]);
  std::optional<Time> next;
  if (rates.constant) {
    // One rate throughout (every arrival of most scenarios): the only step
    // NextPoissonArrival would take, with its arithmetic (measured: A2
    // -4.4M instructions, the full day -0.1M).
    if (now < poisson_end_ && rates.constant_per_s > 0) {
      next = now + SecondsF(budget / rates.constant_per_s);
    }
  } else {
    next = NextPoissonArrival(*rates.per_hour, scenario_.interval, now, poisson_end_, budget);
  }
  if (next && *next < arrivals_end_) Push(*next, {SimEventKind::kArrival, type});
}

absl::Status ContactBehaviour::HangUp(Call& call, Time now) {
  const InteractionId id = calls_.IdOf(call);
  if (call.callback) {
    return Command(ReportCallback{
        .now = now,
        .interaction = id,
        .outcome = call.reached ? CallbackOutcome::kComplete : CallbackOutcome::kRetryLater});
  }
  if (call.transfer && !call.transferred) {
    // A work item in progress cannot be transferred: its agent closes it
    // (holds it) first, as PureConnect's agents do.
    if (scenario_.contact_types[call.type].media == MediaType::kWorkItem) {
      ACD_RETURN_IF_ERROR(Command(Hold{.now = now, .interaction = id}));
    }
    call.transferring = true;
    const absl::Status moved = engine_.Apply(
        Transfer{.now = now,
                 .interaction = id,
                 .workgroup = WorkgroupId(scenario_.contact_types[call.type].transfer->workgroup)});
    // A full queue refuses the transfer: the agent finishes the call instead.
    if (moved.ok() || moved.code() != absl::StatusCode::kResourceExhausted) {
      return CheckEngine(moved);
    }
    call.transfer = call.transferring = false;
  }
  return Send(disconnect_, Disconnect{.now = now, .interaction = id});
}

// ---- Observer events --------------------------------------------------------

uint32_t ContactBehaviour::Offered(const OfferEvent& offer) {
  Call& call = calls_.of(offer.interaction);
  QueueLeft(call, offer.now);
  call.state = CallState::kAlerting;
  ++call.offers;
  TraceContact(offer.now, "offer", call, offer.agent);
  return call.offers;
}

void ContactBehaviour::TraceState(const InteractionEvent& event) {
  const bool requeued = event.reason != RequeueReason::kNone;
  TraceContact(event.now,
               event.state == InteractionState::kWaiting ? (requeued ? "requeued" : "arrival")
                                                         : InteractionStateName(event.state),
               calls_.of(event.interaction), event.agent,
               requeued ? RequeueReasonName(event.reason) : "");
}

void ContactBehaviour::Connected(const InteractionEvent& event) {
  Call& call = calls_.of(event.interaction);
  if (call.state == CallState::kHeld) {  // resumed
    call.state = CallState::kConnected;
    return;
  }
  ScheduleTalk(call, event.interaction, event.now);
  if (call.answered) return;
  call.answered = true;
  call.abandon_deferred = false;
  last_agent_[call.type] = event.agent;
  tally_.Answered(call.key(), event.now - call.arrival);
}

void ContactBehaviour::ScheduleTalk(Call& call, InteractionId id, Time now) {
  const ContactType& ct = scenario_.contact_types[call.type];
  call.state = CallState::kConnected;
  call.connected = now;
  Duration talk = call.handle;
  // (A callback taken from a saved state may be of a type without callback
  // offers: it reaches the customer.)
  if (call.callback && ct.callback) {
    Mrg32k3a& rng = streams_.contact[call.type];
    call.reached = rng.NextDouble() < ct.callback->reach_probability;
    if (!call.reached) talk = ct.callback->attempt_time.Sample(rng);
  } else if (call.transferred) {
    talk = call.second_handle;
  }
  // Each event carries the offer of this leg: after a transfer by the
  // workgroup's hold limit, the first leg's hold, resume and hang-up must not
  // act on the next leg.
  if (call.hold && !call.answered) {
    const Time half = now + Duration::Microseconds(talk.microseconds() / 2);
    Push(half, {SimEventKind::kHold, id.value(), call.offers});
    Push(half + *call.hold, {SimEventKind::kResume, id.value(), call.offers});
    talk += *call.hold;
  }
  Push(now + talk, {SimEventKind::kHangUp, id.value(), call.offers});
}

void ContactBehaviour::Held(const InteractionEvent& event) {
  calls_.of(event.interaction).state = CallState::kHeld;
}

void ContactBehaviour::Abandoned(const InteractionEvent& event) {
  Call& call = calls_.of(event.interaction);
  QueueLeft(call, event.now);
  tally_.Abandoned(call.key(), event.now - call.arrival);
  calls_.Release(call);
}

void ContactBehaviour::Waiting(const InteractionEvent& event) {
  Call& call = calls_.of(event.interaction);
  call.state = CallState::kWaiting;
  if (call.abandon_deferred) {
    call.abandon_deferred = false;
    ScheduleReserved(events_, call.arrival + *call.patience, call.abandon_sequence,
                     {SimEventKind::kAbandon, event.interaction.value()});
  }
  tally_.QueueChanged(call.type, +1, event.now);
  // A work item not picked up rang out too, but costs its agent nothing.
  if (event.reason == RequeueReason::kPickupTimeout || event.reason == RequeueReason::kNoAnswer) {
    tally_.NoAnswer(call.key());
  }
}

void ContactBehaviour::WrapUpStarted(const InteractionEvent& event) {
  Call& call = calls_.of(event.interaction);
  WorkDone(call, event.now);
  call.state = CallState::kEnded;
  call.disconnected = event.now;
}

bool ContactBehaviour::LeftAgent(const InteractionEvent& event) {
  Call& call = calls_.of(event.interaction);
  switch (event.state) {
    case InteractionState::kCompleted:
    case InteractionState::kFailed:
      if (call.callback) {
        tally_.CallbackEnded(call.key(), event.state == InteractionState::kFailed);
      }
      return Finished(call, event);
    default:  // kSnoozed (the attempt did not reach the customer), kTransferred
      if (event.reason == RequeueReason::kOverflow) {
        QueueLeft(call, event.now);
        call.state = CallState::kMoving;
        return false;
      }
      if (event.state == InteractionState::kTransferred) {
        // The scenario's transfer: its next leg talks the transfer's handle
        // time. A transfer by the workgroup's hold limit is not one: the
        // agent it reaches handles the contact afresh, for its handle time.
        call.transferred = call.transferred || call.transferring;
        call.transferring = false;
        tally_.Transferred(call.key());
      }
      return Finished(call, event);
  }
}

bool ContactBehaviour::Finished(Call& call, const InteractionEvent& event) {
  const bool wrapped = call.state == CallState::kEnded;
  if (!wrapped && event.state == InteractionState::kCompleted) WorkDone(call, event.now);
  const Time talk_end = wrapped ? call.disconnected : event.now;
  tally_.LegFinished(call.key(), event.now - call.connected, talk_end - call.connected);
  switch (event.state) {
    case InteractionState::kSnoozed:
      call.state = CallState::kSnoozed;
      break;
    case InteractionState::kTransferred:
      call.state = CallState::kMoving;
      break;
    default:
      calls_.Release(call);
  }
  return wrapped;
}

void ContactBehaviour::TraceContact(Time now, absl::string_view event, const Call& call,
                                    AgentId agent, absl::string_view reason) {
  if (trace_ == nullptr) return;
  const ContactType& ct = scenario_.contact_types[call.type];
  trace_->Contact(now, event, call.number, ct.name, scenario_.center.workgroups[ct.workgroup].name,
                  agent.valid() ? absl::string_view(scenario_.center.agents[agent.value()].name)
                                : absl::string_view(),
                  reason);
}

}  // namespace acd::sim
