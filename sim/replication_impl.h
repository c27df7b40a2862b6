// sim/replication_impl.h: the state of one replication (sim/replication.h),
// shared by its two halves: replication.cc drives the contacts and the
// engine; replication_agents.cc drives the agents (shifts, breaks, returns
// from not-ready, wrap-up ends) and their time accounting.

#ifndef ACD_SIM_REPLICATION_IMPL_H_
#define ACD_SIM_REPLICATION_IMPL_H_

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/engine.h"
#include "acd/status_macros.h"
#include "sim/event_queue.h"
#include "sim/mrg32k3a.h"
#include "sim/replication.h"
#include "sim/trace.h"

namespace acd::sim::internal {

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
  kHold,          // target: interaction
  kResume,        // target: interaction
};

struct EventPayload {
  EventKind kind;
  uint64_t target;
  uint32_t offer = 0;
  StatusId status;
};

enum class CallState : uint8_t {
  kFree,
  kWaiting,
  kAlerting,
  kConnected,
  kHeld,
  kEnded,  // in wrap-up
  kSnoozed,
  kMoving,  // between leaving one workgroup and waiting in the next
};

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
  // A callback request (accepted instead of waiting), and whether the
  // current attempt reaches the customer.
  bool callback = false;
  bool reached = false;
  // Connected once: later legs (a transfer, a callback attempt) are not
  // answered again, and patience no longer applies.
  bool answered = false;
  // Its first leg ends in a transfer; it is on its second leg.
  bool transfer = false;
  bool transferred = false;
  Duration second_handle;
  // Put on hold once, halfway through the first leg.
  std::optional<Duration> hold;
  std::optional<Time> due;
};

// A number of waiting contacts and since when it holds.
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
  Replication(const Scenario& scenario, int replication, std::string* trace);

  absl::StatusOr<ReplicationResult> Run();

  // ---- Observer -------------------------------------------------------------

  void OnOffer(const OfferEvent& offer) override;

  void OnInteraction(const InteractionEvent& event) override;

  void OnAgent(const AgentEvent& event) override;

 private:
  // ---- Events -------------------------------------------------------------

  absl::Status Handle(Time now, const EventPayload& event);

  // Shifts, breaks, returns from the no-answer status, ends of wrap-up.
  absl::Status HandleAgentEvent(Time now, const EventPayload& event);

  // Logs in agents without shifts at time zero, and schedules the shifts
  // and breaks of the others.
  absl::Status ScheduleShifts();
  void SchedulePerInterval(size_t agent, int k, const std::vector<int>& counts);

  absl::Status Arrival(size_t type, Time now);

  // Schedules the contact type's next arrival: the next listed one, or the
  // next of its Poisson process (sim/poisson.h).
  void ScheduleArrival(size_t type, Time now);

  void Push(Time time, EventPayload payload) {
    events_.Push(time, static_cast<int32_t>(payload.kind), payload);
  }

  // ---- Trace -----------------------------------------------------------------

  void TraceContact(Time now, absl::string_view event, const Call& call, AgentId agent,
                    absl::string_view reason = {});

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

  // Credits the queue length of contact type `type`, its workgroup and the
  // whole center up to `now`, clipped to the window (integral for the type,
  // maximum for all three), then changes their counts of waiting contacts.
  void ChangeQueue(size_t type, int delta, Time now);
  // Credits one track's current level from its last change to `now`.
  void Credit(QueueTrack& track, Tally& whole, std::vector<Tally>* intervals, bool integral,
              Time now);

  // Contact events beyond arrival and answer.
  absl::Status HangUp(Call& call, Time now);
  void Connected(Call& call, InteractionId id, Time now);
  // Counts a leg the agent finished (handled, handle, talk and wrap-up time)
  // and releases the call when it has ended.
  void Finished(Call& call, const InteractionEvent& event);
  // The end of the connected part of the work: due-time accounting.
  void WorkDone(Call& call, Time now);

  // ---- Agents ---------------------------------------------------------------

  // Credits agent `a`'s time since its last change, clipped to the window.
  void Account(size_t a, Time now);

  // Counts the busy agents at every interval end before `t` not counted
  // yet (all that remain when `t` is infinite).
  void CountBusyBefore(Time t);

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
  std::vector<QueueTrack> queues_, workgroup_queues_;
  QueueTrack total_queue_;
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
  // Per contact type: callback, transfer, hold, due and preference draws.
  std::vector<Mrg32k3a> contact_rng_;
  // Per contact type, when some type balks: the balking draws.
  std::vector<Mrg32k3a> balk_rng_;
  // Per contact type: its Poisson rates times this replication's busyness
  // factors (sim/busyness.h); empty when the scenario has none.
  std::vector<std::vector<double>> scaled_rates_;
  // Per contact type: its service-level thresholds (at least one).
  std::vector<std::vector<Duration>> thresholds_;
  // Arrivals stop here: the closing time, or past the horizon.
  Time arrivals_end_ = Time::Infinite();
  // The next interval whose end has not had its busy agents counted.
  int next_interval_end_ = 0;
  // Per contact type: the agent that answered its latest contact.
  std::vector<AgentId> last_agent_;
  StatusId available_;
  ReplicationResult result_;
};

}  // namespace acd::sim::internal

#endif  // ACD_SIM_REPLICATION_IMPL_H_
