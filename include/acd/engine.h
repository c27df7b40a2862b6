// acd/engine.h: the routing engine.
//
// `acd::Engine` decides which agent gets which interaction. It is a
// deterministic, single-threaded state machine: commands come in through
// `Apply`, each carrying its `now`; decisions and state changes go out to an
// `Observer`. The engine never reads a clock. Its own timers (alert timeouts,
// wrap-up ends, no-answer delays, exclusions, tier boundaries, preferred-agent
// windows, callback snoozes, in-queue timeouts) fire when the driver calls
// `AdvanceTo`, or implicitly before any command with a later `now`.
// `NextDeadline` tells the driver when the next timer is due, so a simulator
// can merge it into its event list and a server can sleep until then.
//
// Routing (docs/design.md 3.3 to 3.7). Agent `a` is eligible for interaction `x`
// when: `a` is logged in, in an acd_available status and not serving a
// no-answer delay (which ends when the delay's timer fires); an activated
// member of x's workgroup; has capacity for x's media (used percent + the
// media's percent <= 100, and fewer than its max assign); meets every skill
// requirement; is inside x's current tier; is not the agent x is excluded
// from after a no-answer or reject; and, inside x's preferred-agent window,
// is x's preferred agent (the window closes when its timer fires).
//
//   * An interaction that becomes routable (arrives, returns to the queue,
//     widens to a new tier, its exclusion ends) is offered to the eligible
//     agent with the highest AgentScore; ties go to the agent available
//     longest, then the lowest id.
//   * An agent that gains capacity (logs in, becomes available, is
//     activated, finishes an interaction or its wrap-up, its no-answer delay
//     ends) takes, across all its active workgroups, the eligible waiting
//     interaction with the highest InteractionScore (each with its own
//     workgroup's weights); ties go to the longest in queue, then the lowest
//     id. It repeats while it has capacity and something matches.
//   * When an agent logs out or is deactivated, tiers may skip; the waiting
//     interactions of its workgroups are routed again, oldest in queue first.
//   * A no-answer or a reject first routes the interaction again, then lets
//     the agent take other work.
//
// Tiers (docs/design.md 3.6): tier k of n admits agents whose proficiency exceeds its
// threshold in every required skill. Tier boundaries are static: tier k
// holds from the sum of the durations before it to the sum including it,
// counted from the time the interaction entered the queue (kept across
// no-answers); an interaction moves past a boundary when that boundary's
// timer fires. At any moment, the current tier skips forward past every tier
// that adds no logged-in activated member meeting the requirements. Past the
// last tier the interaction keeps the last tier's condition, or, with
// AfterLastTier::kAnyMember, any activated member may take it regardless of
// skills.
//
// No answer (docs/design.md 3.7): the interaction returns to the queue with its
// queue time, its priority raised by the workgroup's bump, and its agent
// excluded until it is offered to someone else or the exclusion time passes;
// the agent's consecutive misses grow, and at the workgroup's count its
// status becomes the no-answer status (across all workgroups), otherwise it
// waits out the no-answer delay. A reject returns the interaction the same
// way without touching the agent's status, misses or the priority.
//
// Wrap-up: when a connected interaction ends in a workgroup with wrap-up
// time, the agent takes the wrap-up status until the time passes or it ends
// wrap-up; then it returns to the status it had when the wrap-up began (so
// an agent who chose "At Lunch" during a call goes to lunch), unless it chose
// another status during the wrap-up. Its available time restarts when it finishes an
// interaction without wrap-up or its last wrap-up ends.
//
// Lifecycles by media (docs/design.md 3.8; each command in acd/commands.h states its
// rules): calls, chats, emails and the rest alert, connect, hold and end as
// above, each taking its media's utilization share. Work items and generic
// objects treat the alert timeout as a pickup limit: on expiry they return
// to the queue (reason kPickupTimeout) with the agent excluded but its status
// and misses untouched, and once transferred they have no limit. A
// callback's agent reports Complete, Attempt Failed or Retry Later
// (ReportCallback); Retry Later snoozes it (kSnoozed) for the workgroup's
// retry interval, after which it waits again with a fresh queue clock.
// Transfer moves an interaction to another workgroup's queue (kTransferred
// there, then kWaiting) or rings it directly at an agent. A workgroup's
// in-queue timeout moves an interaction that waited that long to its
// overflow workgroup (reason kOverflow), unless that queue is full; a queue
// capacity refuses arrivals and transfers that would wait beyond it.
//
// What happens to the clocks: a no-answer, reject, pickup timeout or log-out
// keeps the queue time (so tiers and aging continue); a transfer or overflow
// to a workgroup restarts the queue time and tiers and keeps the time in
// system; a snoozed callback restarts its queue time when it waits again; a
// priority change and any reconfiguration keep both.
//
// What the engine can tell (docs/design.md 3.9): before each offer, a decision
// record to Observer::OnDecision (acd/decision.h; SetDecisionRecords turns
// them off); on demand, why a waiting interaction waits, its position,
// estimates of its remaining wait (PureConnect's, floored and signed, and a
// staffing-aware one), and each workgroup's live statistics (acd/stats.h).
//
// Timers due at the same moment fire by kind (alert timeout, wrap-up end,
// no-answer delay end, exclusion end, tier boundary, preferred-agent window
// end, snooze end, in-queue timeout, maximum hold), then by target id.
//
// Example:
//
//   acd::CenterConfig center = ...;
//   absl::StatusOr<std::unique_ptr<acd::Engine>> engine = acd::Engine::Create(center);
//   if (!engine.ok()) return engine.status();
//   MyObserver observer;
//   (*engine)->SetObserver(&observer);
//   acd::AgentId ann = *(*engine)->FindAgent("ann");
//   ACD_RETURN_IF_ERROR((*engine)->Apply(acd::LogIn{.now = t0, .agent = ann}));
//
// Errors: every command is validated before it changes anything. Unknown ids
// give NotFound, a command in the wrong state FailedPrecondition, a bad value
// or a time in the past InvalidArgument; a rejected command changes nothing
// and reports nothing, except that time passes (see Apply).
//
// Thread safety: none. One thread owns an engine; `acd::Router` (acd/router.h)
// is the concurrent facade. Distinct engines are independent.

#ifndef ACD_ENGINE_H_
#define ACD_ENGINE_H_

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/decision.h"
#include "acd/ids.h"
#include "acd/interaction_fields.h"
#include "acd/media.h"
#include "acd/observer.h"
#include "acd/stats.h"
#include "acd/time.h"

namespace acd {

struct EngineState;  // acd/engine_state.h

// A snapshot of one live interaction: the fields of acd/interaction_fields.h
// marked kView (its ids, state, agent, queue times, exclusion, preferred
// agent, due time, callback attempts, transfers, last hold), in that
// order, each meaning what the list says.
struct InteractionView {
#define ACD_INTERACTION_VIEW_MEMBER(kind, type, name, default_value, live, view) \
  ACD_INTERACTION_IF_##view(type name = default_value;)
  ACD_INTERACTION_FIELDS(ACD_INTERACTION_VIEW_MEMBER)
#undef ACD_INTERACTION_VIEW_MEMBER
  // Callbacks: while snoozed, when it waits again (the state's
  // `snooze_due`); Time::Infinite() otherwise.
  Time snoozed_until = Time::Infinite();
};

// A snapshot of one agent.
struct AgentView {
  AgentId id;
  bool logged_in = false;
  StatusId status;
  AgentActivity activity = AgentActivity::kLoggedOut;
  // When the agent last became free (log-in, end of an interaction or of
  // wrap-up); meaningful while logged in.
  Time available_since;
  // Interactions alerting at or connected to the agent, in offer order, then
  // those it is wrapping up.
  std::vector<InteractionId> interactions;
  // Sum of the utilization percents of the alerting, connected and held
  // ones (less the held ones whose workgroup exempts them).
  int used_percent = 0;
  // Consecutive no-answers since the last status change they caused.
  int misses = 0;
  // Activation per membership, in ascending workgroup order.
  std::vector<std::pair<WorkgroupId, bool>> memberships;
};

// Running totals for one workgroup since the engine was created. Every
// interaction that entered (arrived, or was transferred or overflowed in)
// is live, completed, abandoned, failed or transferred out.
struct WorkgroupCounters {
  int64_t entered = 0;
  int64_t answered = 0;
  int64_t abandoned = 0;
  int64_t completed = 0;
  // Callbacks that ended failed.
  int64_t failed = 0;
  // Moved to another workgroup by a transfer or the in-queue timeout.
  int64_t transferred_out = 0;
  // Interactions with a due time whose connected part ended by it, or after.
  int64_t completed_on_time = 0;
  int64_t completed_late = 0;
  // Interactions waiting in queue right now.
  int64_t waiting = 0;
};

// The most timers one AdvanceTo (or the advance before a command) fires
// before it stops (see AdvanceTo): a command stamped far ahead cannot make
// the engine work without bound, e.g. through an overflow cycle between two
// workgroups or an offer no one answers. Timers that re-arm without end
// change what is observable each time (an overflow moves the interaction
// and counts it, a missed offer counts a miss), so they are not coalesced:
// the budget bounds the work instead. It is far above what one advance
// between a host's timer ticks fires, and low enough that one stopped
// advance takes a small fraction of a second, even in a build that checks
// the invariants after every timer.
inline constexpr int64_t kMaxTimersPerAdvance = 100'000;

class Engine {
 public:
  // Validates `config` and builds an engine with every agent logged out, no
  // interaction and its clock at `start`. InvalidArgument names the offending
  // field (`agents[3].workgroups[0]: unknown workgroup "Sales"`), or `start`
  // outside +-kMaxTime.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(const CenterConfig& config,
                                                        Time start = Time());

  // The whole state (acd/engine_state.h), and an engine rebuilt from one
  // that decides from then on exactly as the exported engine would.
  // Restore: DataLoss naming the first inconsistency of `state`
  // (acd/engine_state.h lists what is checked).
  EngineState ExportState() const;
  static absl::StatusOr<std::unique_ptr<Engine>> Restore(const EngineState& state);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  // Events go to `observer` from now on; nullptr (the default) discards them.
  // The observer is not owned and must outlive its use.
  void SetObserver(Observer* observer);

  // Fires the timers due at or before the command's `now`, then applies it.
  // A command rejected for its time (before the clock) changes nothing. A
  // command rejected for anything else changes nothing either, except that
  // the clock has advanced to its `now` and the timers due by then have fired:
  // that time has passed whatever the command said.
  absl::Status Apply(const Command& command);

  // Fires, in order of due time (ties: by kind, then target id, as above),
  // every timer due at or before `now`, and sets the clock to `now`.
  // InvalidArgument if `now` is before the clock or outside +-kMaxTime
  // (acd/time.h; so is Time::Infinite()). The work is bounded: once
  // kMaxTimersPerAdvance timers have fired, it stops before the next later
  // instant, with the clock at the last instant whose timers all fired, and
  // returns ResourceExhausted (call again to go on; Apply then leaves its
  // command unapplied).
  absl::Status AdvanceTo(Time now);

  // When the earliest pending timer is due; Time::Infinite() if none.
  Time NextDeadline() const;

  // The engine's clock: the latest `now` it has seen.
  Time now() const;

  // Ids by configured name; NotFound if there is none.
  absl::StatusOr<AgentId> FindAgent(absl::string_view name) const;
  absl::StatusOr<WorkgroupId> FindWorkgroup(absl::string_view name) const;
  absl::StatusOr<StatusId> FindStatus(absl::string_view name) const;
  absl::StatusOr<SkillId> FindSkill(absl::string_view name) const;

  // The validated configuration, with defaults filled in (statuses), as
  // changed by UpdateAgent, UpdateWorkgroup and the roster commands (which
  // replace its contents: copy what must outlive the next command). Entry i
  // of `agents` (`workgroups`) is AgentId(i) (WorkgroupId(i)); a removed one
  // keeps its place with an empty name and default fields (acd/commands.h).
  const CenterConfig& config() const;

  // NotFound for an interaction that never arrived or has ended, an agent or
  // workgroup that is unknown or was removed.
  absl::StatusOr<InteractionView> GetInteraction(InteractionId id) const;
  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<WorkgroupCounters> GetWorkgroupCounters(WorkgroupId id) const;

  // Interactions the engine holds (waiting, alerting, connected, wrap-up).
  int64_t live_interactions() const;

  // ---- Listings (lib/engine/queries.cc) ----
  // Every live interaction (waiting, alerting, connected, held, in wrap-up,
  // snoozed), in ascending id order: as many as live_interactions().
  std::vector<InteractionView> ListInteractions() const;
  // The live interactions whose current workgroup is `id` (after a transfer
  // or overflow, the new one), in ascending id order; NotFound for an
  // unknown workgroup.
  absl::StatusOr<std::vector<InteractionView>> ListInteractions(WorkgroupId id) const;
  // Every configured agent, logged in or not, in ascending id order; not
  // those removed (RemoveAgent).
  std::vector<AgentView> ListAgents() const;

  // Decision records (acd/decision.h) go to the observer before each offer
  // while on. Default on; off saves the bookkeeping of runner-ups and
  // filter counts. Changes no decision.
  void SetDecisionRecords(bool on);
  bool decision_records() const;

  // ---- Queries on a waiting interaction (acd/stats.h) ----
  // Each returns NotFound for an interaction that never arrived or has
  // ended, and FailedPrecondition for one that is not waiting, except
  // GetPosition (-1 for a live interaction that is not waiting) and
  // GetWaitReason (an answer for a snoozed callback).

  // Why it waits: the first reason of WaitReasonCode that applies now.
  absl::StatusOr<WaitReason> GetWaitReason(InteractionId id) const;

  // Its place in its workgroup's queue: 1 + the number of interactions
  // waiting in the same workgroup that an agent would take before it, by
  // InteractionScore at now without its skill term (which depends on the
  // agent), then earlier queue entry, then lower id: the order in which
  // the engine picks among interactions with equal skill scores.
  // Interactions inside a preferred-agent window count too.
  // -1 for a live interaction that is not in the queue (alerting,
  // connected, held, in wrap-up, or a snoozed callback), as PureConnect's
  // estimated position answers -1 once an interaction is assigned
  // (docs/design.md 3.9); NotFound for an unknown or ended one.
  absl::StatusOr<int64_t> GetPosition(InteractionId id) const;

  // PureConnect's estimate, floored: the mean wait (queue entry to answer)
  // of the interactions of its workgroup answered in the last 30 minutes,
  // minus the time it has already waited, floored at zero. Zero when nothing
  // was answered in the window, and zero once the interaction has waited
  // longer than that mean: this is max(0, EstimateWaitPureConnectSigned),
  // the form to announce to a caller.
  absl::StatusOr<Duration> EstimateWaitPureConnect(InteractionId id) const;

  // PureConnect's estimate as PureConnect gives it: the same mean minus the
  // time already waited, without the floor, so negative once the
  // interaction has waited longer than the mean (by how much longer); the
  // mean is 0 when nothing was answered in the window, so the answer is then
  // minus the time waited. For a supervisor's "overdue by" or to compare
  // with PureConnect's own figures (docs/design.md 3.9).
  absl::StatusOr<Duration> EstimateWaitPureConnectSigned(InteractionId id) const;

  // A staffing-aware estimate (docs/design.md 3.9). Let p = GetPosition, H the mean
  // handle time (answer to end of wrap-up) of the workgroup's interactions
  // completed in the last 30 minutes (since start if none; with none at all
  // the PureConnect estimate is returned). For the interaction's current
  // tier and each later one, starting at its boundary T_k (now for the
  // current one): the agents serving tier k are the members logged in,
  // activated, in an acd_available status or in wrap-up, meeting its
  // requirements and inside tier k; c_k is how many interactions of its
  // media they can hold at once (each: its max assign, bounded by
  // 100 / percent) and f_k how many more those ready for work can take now.
  // The estimate for tier k is (T_k - now) + max(0, p - f_k) * H / c_k: the
  // free places go to those ahead first, then each completion frees one.
  // The result is the smallest over the tiers; Duration::Infinite() when no
  // tier has anyone serving it.
  absl::StatusOr<Duration> EstimateWait(InteractionId id) const;

  // A workgroup's live statistics; NotFound for an unknown workgroup.
  absl::StatusOr<WorkgroupStats> GetWorkgroupStats(WorkgroupId id) const;

  // The implementation, defined inside the library and not installed: to a
  // user an incomplete type that no public function returns or takes. Its
  // name is public so that the library's own tests can build one and read
  // its parts.
  class Impl;

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace acd

#endif  // ACD_ENGINE_H_
