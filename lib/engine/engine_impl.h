// Engine::Impl: the engine's state and the routing rules of acd/engine.h.
//
// Impl is the command layer over components that own their state: the
// agent book (agent_book.h: agent state, member indexes, roster version) and
// the statistics book (stats_book.h: every counter, one call per event).
// engine.cc and agents.cc hold the commands (validation, then transitions);
// eligibility.h who may receive an interaction; scoring.h the scores;
// routing.cc matching; tiers.cc tiers; transitions.cc the interaction state
// changes; groups.cc the requirement groups.
//
// Indexes, so that no decision scans the whole center (docs/design.md 3.12):
//   * Interactions live in a slab (a vector with a free list) found through a
//     hash map from id to slot; nothing iterates the map.
//   * Waiting interactions are grouped by everything that decides who may
//     take them: workgroup, media, skill requirements and tiers. A group
//     keeps one heap per static tier ("bucket"), ordered by the part of
//     InteractionScore that differs inside the group; since queue time ages
//     every member alike, that order never changes while they wait.
//   * Each workgroup keeps the list of its non-empty groups; the agent book
//     (agent_book.h) keeps a bitmap of its members that are ready for work
//     (logged in, acd_available status, past any no-answer delay, activated).
// An agent choosing its next interaction looks at the best interaction of
// each non-empty bucket of its workgroups; an interaction choosing its agent
// looks at the ready members of its workgroup.

#ifndef ACD_LIB_ENGINE_ENGINE_IMPL_H_
#define ACD_LIB_ENGINE_ENGINE_IMPL_H_

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/engine.h"
#include "lib/engine/agent_book.h"
#include "lib/engine/center.h"
#include "lib/engine/interaction_record.h"
#include "lib/engine/slot_heap.h"
#include "lib/engine/stats_book.h"
#include "lib/engine/timer_queue.h"

namespace acd {
namespace internal {

class Eligibility;  // eligibility.h
class EnginePeer;   // tests/testing/engine_peer.h: the engine's unit tests

// Order inside a bucket: higher order key, then earlier in queue, then lower
// id. It agrees with InteractionScore, which differs inside a group only by
// priority and the two time terms, all fixed while an interaction waits.
inline bool ComesFirst(const InteractionRecord& x, const InteractionRecord& y) {
  if (x.order_key != y.order_key) return x.order_key > y.order_key;
  if (x.entered_queue != y.entered_queue) return x.entered_queue < y.entered_queue;
  return x.id < y.id;
}

struct BucketOrder {
  std::vector<InteractionRecord>& slab;
  bool Better(uint32_t a, uint32_t b) const { return ComesFirst(slab[a], slab[b]); }
  uint32_t& Position(uint32_t slot) { return slab[slot].heap_position; }
};

// Waiting interactions that any agent would rank and admit alike.
struct Group {
  WorkgroupId workgroup;
  MediaType media = MediaType::kCall;
  std::vector<SkillRequirement> requirements;
  // The interactions' own tiers, else the workgroup's.
  std::vector<TierConfig> tiers;
  // tiers.size() + 1 buckets: bucket k holds interactions whose static tier
  // is k; the last holds those past every boundary. One bucket without tiers.
  std::vector<SlotHeap> buckets;
  size_t waiting = 0;
  // Position in the workgroup's list of non-empty groups, or -1.
  int64_t nonempty_position = -1;
  // Bucket k's position in its workgroup's heap of bucket tops for the
  // media (WorkgroupState::tops) while the bucket is not empty.
  std::vector<uint32_t> top_position;
  // Cache of "tier k adds a logged-in activated member", valid while
  // `adds_version` equals the engine's roster version.
  uint64_t adds_version = UINT64_MAX;
  std::vector<bool> adds;
};

// A bucket as one number: group index * kBucketsPerGroup + bucket.
inline constexpr uint32_t kBucketsPerGroup = 8;  // at most five tiers: six buckets
inline uint32_t BucketRef(uint32_t group, uint32_t bucket) {
  return group * kBucketsPerGroup + bucket;
}
inline uint32_t GroupOfRef(uint32_t ref) { return ref / kBucketsPerGroup; }
inline uint32_t BucketOfRef(uint32_t ref) { return ref % kBucketsPerGroup; }

// Order among a workgroup's buckets of one media: by their tops, as
// BucketOrder orders interactions. With no skill weight, it is the order of
// InteractionScore across the workgroup's groups as well, for any agent.
struct TopOrder {
  std::vector<Group>& groups;
  std::vector<InteractionRecord>& slab;
  const SlotHeap& Bucket(uint32_t ref) const {
    return groups[GroupOfRef(ref)].buckets[BucketOfRef(ref)];
  }
  bool Better(uint32_t a, uint32_t b) const {
    return ComesFirst(slab[Bucket(a).top()], slab[Bucket(b).top()]);
  }
  uint32_t& Position(uint32_t ref) {
    return groups[GroupOfRef(ref)].top_position[BucketOfRef(ref)];
  }
};

// Where a bucket stands in tiers right now.
struct TierPosition {
  enum Mode : uint8_t { kNoTiers, kTier, kAnyMember } mode = kNoTiers;
  int tier = 0;  // with kTier
};

struct WorkgroupState {
  // The last agent offered one of its interactions through the queue, for
  // round robin; invalid before the first. (An agent, not a member index,
  // so that it survives changes of membership.)
  AgentId last_offered;
  std::vector<uint32_t> nonempty_groups;
  // Slots of its waiting interactions inside a preferred-agent window.
  std::vector<uint32_t> reserved;
  // By media: the non-empty buckets of its groups, best top first
  // (TopOrder), and how many interactions they hold.
  std::array<SlotHeap, kMediaTypeCount> tops;
  std::array<int64_t, kMediaTypeCount> filed{};
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
  Time NextDeadline() const;
  int64_t live_interactions() const { return static_cast<int64_t>(index_.size()); }
  void SetObserver(Observer* observer) { observer_ = observer; }

  absl::Status Apply(const Command& command);
  absl::Status AdvanceTo(Time now);

  absl::StatusOr<InteractionView> GetInteraction(InteractionId id) const;
  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<WorkgroupCounters> GetWorkgroupCounters(WorkgroupId id) const;

  // ---- snapshot.cc ----
  EngineState ExportState() const;
  // Into a fresh Impl built from state.center at state.now.
  absl::Status Restore(const EngineState& state);
  void SetDecisionRecords(bool on) { decision_records_ = on; }
  bool decision_records() const { return decision_records_; }

  // ---- queries.cc ----
  absl::StatusOr<WaitReason> GetWaitReason(InteractionId id) const;
  absl::StatusOr<int64_t> GetPosition(InteractionId id) const;
  absl::StatusOr<Duration> EstimateWaitPureConnect(InteractionId id) const;
  absl::StatusOr<Duration> EstimateWait(InteractionId id) const;

  // ---- stats.cc ----
  absl::StatusOr<WorkgroupStats> GetWorkgroupStats(WorkgroupId id) const;

 private:
  friend class internal::EnginePeer;  // the engine's unit tests
  using AgentState = internal::AgentState;
  using Group = internal::Group;
  using InteractionRecord = internal::InteractionRecord;
  using TierPosition = internal::TierPosition;
  using Timer = internal::Timer;
  using TimerKind = internal::TimerKind;

  class ReentrancyGuard;

  // ---- engine.cc and agents.cc: validation and commands ----
  absl::Status CheckAgent(AgentId id) const;
  absl::Status CheckWorkgroup(WorkgroupId id) const;
  absl::Status CheckStatus(StatusId id) const;
  absl::Status CheckLoggedIn(AgentId id) const;
  absl::Status CheckArrive(const Arrive& c) const;
  absl::StatusOr<InteractionRecord*> Find(InteractionId id);
  absl::Status WrongState(const InteractionRecord& x, absl::string_view wanted) const;

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
  // Takes a validated center in place of the current one and brings the
  // indexes up to date: readiness, and the waiting interactions of
  // `refile` re-filed under their workgroup's new rules.
  void Reconfigure(internal::Center center, const std::vector<WorkgroupId>& refile);
  // Whether `x`, about to wait in `wg` (where `leaving` of the waiting ones
  // is x itself), would find the queue full and no agent to take it now.
  bool Refused(const InteractionRecord& x, WorkgroupId wg, int leaving);

  // ---- transitions.cc ----
  InteractionRecord& Record(InteractionId id) { return slab_[index_.find(id)->second]; }
  const InteractionRecord* FindRecord(InteractionId id) const;
  uint32_t SlotOf(const InteractionRecord& x) const {
    return static_cast<uint32_t>(&x - slab_.data());
  }
  uint32_t NewRecord(InteractionId id);
  void DeleteRecord(InteractionRecord& x);
  // groups.cc:
  uint32_t GroupFor(WorkgroupId wg, MediaType media,
                    const std::vector<SkillRequirement>& requirements,
                    const std::vector<TierConfig>& tiers);
  // The group x belongs in within `wg`: same media and requirements, its own
  // tiers or the workgroup's.
  uint32_t GroupIn(const InteractionRecord& x, WorkgroupId wg);
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
  // Puts x in bucket `bucket` of its group, and takes it out, keeping its
  // workgroup's heap of bucket tops in order.
  void PushToBucket(InteractionRecord& x, uint32_t bucket);
  void RemoveFromBucket(InteractionRecord& x);
  void MoveBucket(InteractionRecord& x, uint32_t bucket);
  // Files a waiting interaction in its group, or, inside its preferred-agent
  // window, in the reserved lists; and takes it out again.
  void File(InteractionRecord& x);
  void Unfile(InteractionRecord& x);
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
  void Abandon(InteractionRecord& x);
  void EndConnected(InteractionRecord& x);
  void Complete(InteractionRecord& x);
  void FinishWrapUp(AgentId agent, InteractionId id);   // agents.cc
  void SetAgentStatus(AgentId agent, StatusId status);  // agents.cc
  void ClearExclusion(InteractionRecord& x);
  bool TimerLive(const Timer& timer) const;
  void Fire(const Timer& timer);

  // ---- tiers.cc ----
  // adds[k]: tier k adds a logged-in activated member (docs/design.md 3.6).
  void FillTierAdds(const Group& group, std::vector<bool>& adds) const;
  // Where bucket `bucket` of `group` stands in tiers now; PositionOf
  // refreshes the group's cache, PositionIn (for const queries) does not.
  TierPosition PositionOf(Group& group, uint32_t bucket);
  TierPosition PositionIn(const Group& group, uint32_t bucket) const;

  // ---- eligibility.cc ----
  // The rules of eligibility.h on this state, now.
  internal::Eligibility eligibility() const;
  // Rules 1 and 3 of eligibility.h for one agent (the agent book asks them).
  bool ReadyForWork(const AgentState& a) const { return agents_.ReadyForWork(a); }
  bool HasCapacity(AgentId agent, WorkgroupId wg, MediaType media) const {
    return agents_.HasCapacity(agent, wg, media);
  }

  // ---- routing.cc ----
  // The agent a waiting x would be offered to now (invalid if none), and
  // the runner-up; `record` fills the decision record's filter counts.
  internal::AgentChoice ChooseAgent(const InteractionRecord& x, bool record,
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

  // ---- decision.cc: records (acd/decision.h) ----
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

  // ---- stats.cc ----
  // Calls f(slot) for every waiting interaction of `wg`, in no set order.
  template <typename F>
  void ForEachWaiting(WorkgroupId wg, F f) const {
    for (uint32_t g : workgroups_[wg.value()].nonempty_groups) {
      for (const internal::SlotHeap& bucket : groups_[g].buckets) {
        for (uint32_t slot : bucket.slots()) f(slot);
      }
    }
    for (uint32_t slot : workgroups_[wg.value()].reserved) f(slot);
  }

  // ---- queries.cc ----
  absl::StatusOr<const InteractionRecord*> FindWaiting(InteractionId id) const;
  // PositionIn(x's group, bucket).
  internal::TierPosition TierAt(const InteractionRecord& x, uint32_t bucket) const;
  internal::Serving ServingCapacity(const InteractionRecord& x, internal::TierPosition tier) const;

  // ---- invariants.cc ----
  // docs/design.md 3.10, checked after every command and timer in builds with
  // ACD_ENGINE_CHECKS (debug and sanitizer builds): aborts with the broken
  // invariant. Costs a pass over all state.
  void CheckInvariants() const;

  // ---- reporting (transitions.cc, agents.cc) ----
  AgentActivity ActivityOf(const AgentState& a) const;
  void ReportInteraction(const InteractionRecord& x, AgentId agent,
                         RequeueReason reason = RequeueReason::kNone);
  void ReportAgent(AgentId agent);

  internal::Center center_;
  Time now_;
  Observer* observer_ = nullptr;
  bool busy_ = false;
  // The only writer of agent state and the member indexes.
  internal::AgentBook agents_;
  // Every counter, booked once per event.
  internal::StatsBook stats_;
  std::vector<internal::WorkgroupState> workgroups_;
  // Interactions by slot, with free slots for reuse; looked up by id only.
  std::vector<InteractionRecord> slab_;
  std::vector<uint32_t> free_slots_;
  absl::flat_hash_map<InteractionId, uint32_t> index_;
  std::vector<Group> groups_;
  // ChooseInWorkgroup's walk over a heap of bucket tops (positions), kept
  // to reuse its memory.
  std::vector<uint32_t> frontier_;
  // Group ids by a hash of their key; each candidate is compared in full.
  absl::flat_hash_map<uint64_t, std::vector<uint32_t>> groups_by_hash_;
  mutable internal::TimerQueue timers_;
  bool decision_records_ = true;
  // The one record, reused for every decision: no allocation.
  DecisionRecord decision_;
};

}  // namespace acd

#endif  // ACD_LIB_ENGINE_ENGINE_IMPL_H_
