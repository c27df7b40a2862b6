// Engine::Impl: the command layer of acd/engine.h.
//
// Impl validates a command, then calls the components that own the state,
// each the only writer of its part: the agent book (agent_book.h: agent
// state, member indexes, roster version), the waiting index
// (waiting_index.h: interaction records, requirement groups, bucket heaps,
// heaps of bucket tops, reserved lists) and the statistics book
// (stats_book.h: every counter, one call per event); and it dispatches the
// timers (timer_queue.h). Who may receive an interaction is eligibility.h's;
// the scores are scoring.h's.
//
// An agent choosing its next interaction looks at the best interaction of
// each non-empty bucket of its workgroups (the waiting index); an
// interaction choosing its agent looks at the ready members of its
// workgroup (the agent book's bitmaps). No decision scans the whole center
// (docs/design.md 3.12).

#ifndef ACD_LIB_ENGINE_ENGINE_IMPL_H_
#define ACD_LIB_ENGINE_ENGINE_IMPL_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/engine.h"
#include "lib/engine/agent_book.h"
#include "lib/engine/center.h"
#include "lib/engine/interaction_record.h"
#include "lib/engine/stats_book.h"
#include "lib/engine/timer_queue.h"
#include "lib/engine/waiting_index.h"

namespace acd {
namespace internal {

class Eligibility;  // eligibility.h
class EnginePeer;   // tests/testing/engine_peer.h: the engine's unit tests

// Where a bucket stands in tiers right now.
struct TierPosition {
  enum Mode : uint8_t { kNoTiers, kTier, kAnyMember } mode = kNoTiers;
  int tier = 0;  // with kTier
};

// Where a group's tiers stand for the current roster: adds[k], tier k adds
// a logged-in activated member (docs/design.md 3.6); valid while `version`
// equals the agent book's roster version.
struct TierAdds {
  uint64_t version = UINT64_MAX;
  std::vector<bool> adds;
};

// For EstimateWait: how many interactions like one waiting the agents
// serving a tier can hold at once, and how many more they can take now.
struct Serving {
  int64_t capacity = 0;
  int64_t free = 0;
};

// The best two interactions for one agent so far (the second only when
// `keep_second`): higher score, then earlier in queue, then lower id.
struct InteractionChoice {
  bool keep_second = false;
  InteractionRecord* best = nullptr;
  InteractionRecord* second = nullptr;
  double best_score = 0;
  double second_score = 0;

  // Whether `x` with `score` comes after `than` with `than_score`.
  static bool Loses(const InteractionRecord* than, double than_score, const InteractionRecord& x,
                    double score) {
    if (than == nullptr) return false;
    if (score != than_score) return score < than_score;
    if (than->entered_queue != x.entered_queue) return than->entered_queue < x.entered_queue;
    return than->id < x.id;
  }
  void Consider(InteractionRecord& x, double score) {
    if (!Loses(best, best_score, x, score)) {
      second = best;
      second_score = best_score;
      best = &x;
      best_score = score;
    } else if (keep_second && !Loses(second, second_score, x, score)) {
      second = &x;
      second_score = score;
    }
  }
  // `x`, the best of its bucket, can neither win nor place second.
  bool Hopeless(const InteractionRecord& x, double score) const {
    return Loses(best, best_score, x, score) &&
           (!keep_second || Loses(second, second_score, x, score));
  }
};

// A candidate agent in RouteInteraction: higher score, then available
// longer, then lower id.
struct AgentChoice {
  AgentId agent;
  double score = 0;
  Time since;
  bool Beats(const AgentChoice& o) const {
    if (score != o.score) return score > o.score;
    if (since != o.since) return since < o.since;
    return agent < o.agent;
  }
};

}  // namespace internal

class Engine::Impl {
 public:
  Impl(internal::Center center, Time start);

  const internal::Center& center() const { return center_; }
  Time now() const { return now_; }
  // Inline: most calls find the front already known live (front_live_).
  Time NextDeadline() const {
    if (!front_live_) PruneTimers();
    return timers_.NextDue();
  }
  int64_t live_interactions() const { return static_cast<int64_t>(interactions_.live()); }
  // The live ids, ascending (for the listings).
  std::vector<InteractionId> LiveIds() const { return interactions_.LiveIds(); }
  void SetObserver(Observer* observer) { observer_ = observer; }

  absl::Status Apply(const Command& command);
  // Inline for the common call, every command's: nothing fires, the earliest
  // timer (known live) is later. What AdvanceTimers would do then, without
  // building a Status: move the clock.
  absl::Status AdvanceTo(Time now) {
    if (now >= now_ && now <= kMaxTime && !busy_ && front_live_ && timers_.NextDue() > now) {
      now_ = now;
      return absl::OkStatus();
    }
    return AdvanceTimers(now);
  }

  absl::StatusOr<InteractionView> GetInteraction(InteractionId id) const;
  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<WorkgroupCounters> GetWorkgroupCounters(WorkgroupId id) const;

  // ---- Snapshots ----
  EngineState ExportState() const;
  // Into a fresh Impl built from state.center at state.now.
  absl::Status Restore(const EngineState& state);
  void SetDecisionRecords(bool on) { decision_records_ = on; }
  bool decision_records() const { return decision_records_; }

  // ---- Queries on a waiting interaction ----
  absl::StatusOr<WaitReason> GetWaitReason(InteractionId id) const;
  absl::StatusOr<int64_t> GetPosition(InteractionId id) const;
  absl::StatusOr<Duration> EstimateWaitPureConnect(InteractionId id) const;
  absl::StatusOr<Duration> EstimateWaitPureConnectSigned(InteractionId id) const;
  absl::StatusOr<Duration> EstimateWait(InteractionId id) const;

  // ---- Live statistics ----
  absl::StatusOr<WorkgroupStats> GetWorkgroupStats(WorkgroupId id) const;

 private:
  friend class internal::EnginePeer;  // the engine's unit tests
  using AgentState = internal::AgentState;
  using InteractionRecord = internal::InteractionRecord;
  using TierPosition = internal::TierPosition;
  using Timer = internal::Timer;
  using TimerKind = internal::TimerKind;

  class ReentrancyGuard;

  // ---- Validation and commands ----
  absl::Status CheckAgent(AgentId id) const;
  absl::Status CheckWorkgroup(WorkgroupId id) const;
  absl::Status CheckStatus(StatusId id) const;
  absl::Status CheckLoggedIn(AgentId id) const;
  // Everything about an arrival but whether its id is already live, which
  // Handle(Arrive) learns as it creates the record (AlreadyLive).
  absl::Status CheckArrive(const Arrive& c) const;
  static absl::Status AlreadyLive(InteractionId id);
  // The live record of `id`, or NoSuchInteraction. Inline: commands on a
  // live interaction, nearly all, build no Status.
  absl::StatusOr<InteractionRecord*> Find(InteractionId id) {
    InteractionRecord* x = interactions_.Find(id);
    if (x == nullptr) return NoSuchInteraction(id);
    return x;
  }
  // NotFound naming `id`: no live interaction has it.
  static absl::Status NoSuchInteraction(InteractionId id);
  absl::Status WrongState(const InteractionRecord& x, absl::string_view wanted) const;

  // Apply for one type of command: the clock to its time, then Handle.
  template <typename C>
  absl::Status Run(const C& c);
  absl::Status Handle(const LogIn& c);
  absl::Status Handle(const LogOut& c);
  absl::Status Handle(const SetStatus& c);
  absl::Status Handle(const SetActivation& c);
  absl::Status Handle(const Arrive& c);
  absl::Status Handle(const Accept& c);
  absl::Status Handle(const Reject& c);
  absl::Status Handle(const Hold& c);
  absl::Status Handle(const Resume& c);
  absl::Status Handle(const Disconnect& c);
  absl::Status Handle(const EndWrapUp& c);
  absl::Status Handle(const Transfer& c);
  absl::Status Handle(const ReportCallback& c);
  absl::Status Handle(const SetPriority& c);
  absl::Status Handle(const UpdateAgent& c);
  absl::Status Handle(const UpdateWorkgroup& c);
  // The roster commands (roster.cc).
  absl::Status Handle(const AddAgent& c);
  absl::Status Handle(const RemoveAgent& c);
  absl::Status Handle(const AddWorkgroup& c);
  absl::Status Handle(const RemoveWorkgroup& c);
  // RemoveAgent's steps: its interactions back to the queue (adding their
  // workgroups to `affected`), and the preferred-agent windows for it
  // closed.
  void ReturnHeld(AgentId agent, std::vector<WorkgroupId>& affected);
  void ClosePreferences(AgentId agent, std::vector<WorkgroupId>& affected);
  absl::Status Handle(const Pickup& c);
  // Takes a validated center in place of the current one and brings the
  // indexes up to date: readiness, and the waiting interactions of
  // `refile` re-filed under their workgroup's new rules. Agents and
  // workgroups the new center appends get fresh state.
  void Reconfigure(internal::Center center, const std::vector<WorkgroupId>& refile);
  // Whether `x`, about to wait in `wg` (where `leaving` of the waiting ones
  // is x itself), would find the queue full and no agent to take it now.
  bool Refused(const InteractionRecord& x, WorkgroupId wg, int leaving);
  // Why `c` cannot move `x` (acd/commands.h Transfer), or OK.
  absl::Status CheckTransfer(const InteractionRecord& x, const Transfer& c);

  // ---- Interaction transitions ----
  // REQUIRES: `id` is live.
  InteractionRecord& Record(InteractionId id) { return interactions_.Get(id); }
  // Null unless `id` is live.
  const InteractionRecord* FindRecord(InteractionId id) const { return interactions_.Find(id); }
  void EnterQueue(InteractionRecord& x);
  // Order key, static tier and the queue's timers (tier boundary, in-queue
  // timeout) of a waiting x, from its queue time.
  void Key(InteractionRecord& x);
  // The in-group order key of x (BucketOrder): the part of InteractionScore
  // that differs inside a group, fixed while it waits.
  double OrderKey(const InteractionRecord& x) const;
  // How many tier boundaries x has passed by now (its static tier), and the
  // next one (Infinite if none).
  uint32_t StaticTier(const InteractionRecord& x, Time& next) const;
  // Schedules x's next tier boundary after now (if any) and returns its
  // static tier.
  uint32_t ScheduleTierBoundary(InteractionRecord& x);
  void LeaveQueue(InteractionRecord& x);
  // Offers x (waiting, or being transferred) to `agent`. A direct offer (a
  // transfer to the agent) reports `reason` and leaves round robin alone.
  void Offer(InteractionRecord& x, AgentId agent, bool direct = false,
             RequeueReason reason = RequeueReason::kNone);
  void Connect(InteractionRecord& x);
  // Takes x off its agent: its share (unless already given back while held)
  // and its place among the agent's interactions.
  void ReleaseCapacity(InteractionRecord& x);
  void Requeue(InteractionRecord& x, RequeueReason reason, bool exclude);
  void NoAnswer(InteractionRecord& x);
  // A reject or a missed pickup: back to the queue, agent excluded.
  void ReturnToQueue(InteractionRecord& x, RequeueReason reason);
  // Takes a connected or held x off its agent without wrap-up (transfer,
  // retry later); returns the agent.
  AgentId Detach(InteractionRecord& x);
  // Moves x (taken off its agent or its queue) to wait in `wg`.
  void MoveToWorkgroup(InteractionRecord& x, WorkgroupId wg, RequeueReason reason, AgentId from);
  void Snooze(InteractionRecord& x);
  // A held x reached its workgroup's maximum time on hold (pickup.cc).
  void HoldExceeded(InteractionRecord& x);
  void Abandon(InteractionRecord& x);
  void EndConnected(InteractionRecord& x);
  void Complete(InteractionRecord& x);
  void FinishWrapUp(AgentId agent, InteractionId id);
  void SetAgentStatus(AgentId agent, StatusId status);
  void ClearExclusion(InteractionRecord& x);
  bool TimerLive(const Timer& timer) const;
  // Drops dead timers from the front of the queue; the earliest left is
  // then known live (front_live_). Callers skip it while front_live_ says
  // that the earliest one was found live and nothing changed since.
  void PruneTimers() const;
  // AdvanceTo's general case: checks `now`, then fires every timer due by
  // then, in order.
  absl::Status AdvanceTimers(Time now);
  void Fire(const Timer& timer);

  // ---- Tiers ----
  // adds[k]: tier k adds a logged-in activated member (docs/design.md 3.6).
  void FillTierAdds(const internal::Group& group, std::vector<bool>& adds) const;
  // Where bucket `bucket` of group `g` stands in tiers now; PositionOf
  // refreshes the group's entry in tier_adds_, PositionIn (for const
  // queries) does not.
  TierPosition PositionOf(uint32_t g, uint32_t bucket);
  TierPosition PositionIn(uint32_t g, uint32_t bucket) const;

  // ---- Eligibility ----
  // The rules of eligibility.h on this state, now.
  internal::Eligibility eligibility() const;
  // Rules 1 and 3 of eligibility.h for one agent (the agent book asks them).
  bool ReadyForWork(const AgentState& a) const { return agents_.ReadyForWork(a); }
  bool HasCapacity(AgentId agent, WorkgroupId wg, MediaType media) const {
    return agents_.HasCapacity(agent, wg, media);
  }

  // ---- Matching ----
  // The agent a waiting x would be offered to now (invalid if none), and
  // the runner-up; `record` fills the decision record's filter counts.
  internal::AgentChoice ChooseAgent(const InteractionRecord& x, bool record,
                                    internal::AgentChoice& second);
  // ChooseAgent's two ways: the ready index's walk (false if it gave up,
  // leaving the decision record as it was), and the scan of every ready
  // member.
  bool ChooseFromOrder(const InteractionRecord& x, bool record, internal::AgentChoice& best,
                       internal::AgentChoice& second);
  internal::AgentChoice ScanMembers(const InteractionRecord& x, bool record,
                                    internal::AgentChoice& second);
  double AgentOrderKey(const InteractionRecord& x, AgentId agent, int64_t index, double skill,
                       Time since) const;
  void RouteInteraction(InteractionRecord& x);
  void FillAgent(AgentId agent);
  // One offer to `agent` if something matches; false if nothing does.
  bool FillOnce(AgentId agent);
  // FillOnce's candidates from one activated workgroup's groups, from one
  // bucket, and from the interactions preferring the agent.
  void ChooseInWorkgroup(AgentId agent, WorkgroupId wg, internal::InteractionChoice& choice);
  // Offers bucket `ref` (TopOrder) to `choice` if it admits `agent`; with
  // records, counts its interactions. Returns how many it holds.
  int64_t VisitBucket(AgentId agent, uint32_t ref, const InteractionWeights& weights,
                      internal::InteractionChoice& choice);
  int32_t ConsiderBucket(AgentId agent, const internal::SlotHeap& bucket,
                         const InteractionWeights& weights, double skill,
                         internal::InteractionChoice& choice);
  void ChooseAmongPreferred(AgentId agent, internal::InteractionChoice& choice);
  // Routes the waiting interactions of `workgroups` again, oldest first.
  void Rebalance(const std::vector<WorkgroupId>& workgroups);

  // ---- Decision records (acd/decision.h) ----
  // Records are built only when someone will read them.
  bool Recording() const { return decision_records_ && observer_ != nullptr; }
  // Starts decision_ for `direction`: zero counts, no runner-up.
  void BeginDecision(DecisionDirection direction);
  // Interaction direction: counts the members of x's workgroup that are not
  // in its ready bitmap, by the rule that keeps them out.
  void CountUnready(const InteractionRecord& x);
  // Agent direction: counts the interactions of `wg` inside a
  // preferred-agent window for another agent.
  void CountReservedForOthers(AgentId agent, WorkgroupId wg);
  internal::TierPosition TierOf(const InteractionRecord& x);
  ScoreTerms TermsOf(const InteractionRecord& x, AgentId agent) const;
  DecisionCandidate CandidateOf(const InteractionRecord& x, AgentId agent) const;
  // Fills the workgroup, tier and tie-break of decision_, whose winner and
  // runner-up are set, and calls OnDecision. `by_score` names a difference
  // in order keys.
  void EmitDecision(const InteractionRecord& won, DecidedBy by_score);
  // Fill the winner and runner-up, then EmitDecision.
  void EmitAgentChoice(InteractionRecord& x, const internal::AgentChoice& best,
                       const internal::AgentChoice* runner_up);
  void EmitInteractionChoice(AgentId agent, InteractionRecord& best,
                             const InteractionRecord* runner_up);

  // ---- Queries ----
  absl::StatusOr<const InteractionRecord*> FindWaiting(InteractionId id) const;
  // PositionIn(x's group, bucket).
  internal::TierPosition TierAt(const InteractionRecord& x, uint32_t bucket) const;
  internal::Serving ServingCapacity(const InteractionRecord& x, internal::TierPosition tier) const;

  // ---- Snapshots ----
  // Everything Restore checks before it changes anything: shape, references
  // and values of `state` against this engine's center.
  absl::Status CheckState(const EngineState& state) const;
  // One interaction's record, its place in the waiting index, its share of
  // its agent's capacity and the timers its fields stand for (TimerLive).
  void RestoreInteraction(const EngineState::Interaction& in);

  // ---- Invariants ----
  // docs/design.md 3.10, checked after every command and timer in builds with
  // ACD_ENGINE_CHECKS (debug and sanitizer builds): aborts with the broken
  // invariant. Costs a pass over all state.
  void CheckInvariants() const;

  // ---- Reports to the observer ----
  // `known`, if given, is a record the caller holds (its state is read
  // from it rather than looked up by id).
  AgentActivity ActivityOf(const AgentState& a, const InteractionRecord* known = nullptr) const;
  // ActivityOf's general case: every held interaction's state, looked up.
  AgentActivity ActivityOfHeld(const AgentState& a, const InteractionRecord* known) const;
  void ReportInteraction(const InteractionRecord& x, AgentId agent,
                         RequeueReason reason = RequeueReason::kNone);
  void ReportAgent(AgentId agent, const InteractionRecord* known = nullptr);

  internal::Center center_;
  Time now_;
  Observer* observer_ = nullptr;
  bool busy_ = false;
  // The only writer of agent state and the member indexes.
  internal::AgentBook agents_;
  // Every counter, booked once per event.
  internal::StatsBook stats_;
  // The only writer of heap and list positions: records, groups, heaps.
  internal::WaitingIndex interactions_;
  // By workgroup, the last agent offered one of its interactions through
  // the queue, for round robin; invalid before the first. (An agent, not a
  // member index, so that it survives changes of membership.)
  std::vector<AgentId> last_offered_;
  // By group: PositionOf's cache of which tiers add a member.
  std::vector<internal::TierAdds> tier_adds_;
  // ChooseInWorkgroup's walk over a heap of bucket tops (positions), kept
  // to reuse its memory.
  std::vector<uint32_t> frontier_;
  // ChooseFromOrder's walk over a class heap of the ready index.
  std::vector<uint32_t> member_frontier_;
  mutable internal::TimerQueue timers_;
  // Whether the earliest pending timer is known to be live: set by
  // PruneTimers, cleared after every command and every timer fired
  // (anything that may change what TimerLive says; an observer may ask
  // NextDeadline midway). The simulator asks NextDeadline before each
  // command, whose AdvanceTo then need not ask again.
  mutable bool front_live_ = false;
  bool decision_records_ = true;
  // The one record, reused for every decision: no allocation.
  DecisionRecord decision_;
};

}  // namespace acd

#endif  // ACD_LIB_ENGINE_ENGINE_IMPL_H_
