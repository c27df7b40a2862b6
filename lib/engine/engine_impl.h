// Engine::Impl: the engine's state and the routing rules of acd/engine.h.
//
// engine.cc holds the commands (validation, then transitions); routing.cc
// holds eligibility, tiers, matching and the timers. Decisions scan the
// members of one workgroup (an interaction choosing its agent) or the waiting
// interactions of an agent's active workgroups (an agent choosing its next
// interaction); no decision looks at the whole center.

#ifndef ACD_LIB_ENGINE_ENGINE_IMPL_H_
#define ACD_LIB_ENGINE_ENGINE_IMPL_H_

#include <array>
#include <set>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/engine.h"
#include "lib/engine/center.h"
#include "lib/engine/timer_queue.h"

namespace acd {
namespace internal {

struct AgentState {
  bool logged_in = false;
  StatusId status;
  Time available_since;
  // Alerting or connected, in offer order; they hold capacity.
  std::vector<InteractionId> held;
  // In wrap-up with this agent.
  std::vector<InteractionId> wrapping;
  int used_percent = 0;
  std::array<int, kMediaTypeCount> count{};
  int misses = 0;
  // The no-answer delay: offered nothing before this time.
  Time blocked_until;
  // Activation per membership (Center::agent_model(a).workgroups order).
  std::vector<bool> active;
};

struct InteractionRecord {
  InteractionId id;
  WorkgroupId workgroup;
  MediaType media = MediaType::kCall;
  int priority = 0;
  std::vector<SkillRequirement> requirements;
  // Empty: the workgroup's tiers.
  std::vector<TierConfig> tiers;
  InteractionState state = InteractionState::kWaiting;
  AgentId agent;
  Time entered_system;
  Time entered_queue;
  // The utilization percent it holds while alerting or connected.
  int percent = 0;
  Time alert_due;
  Time wrap_up_due;
  Time tier_due;  // pending tier-boundary timer, or Time::Infinite()
  AgentId excluded;
  Time excluded_until;
};

// Where an interaction stands in tiers at a moment.
struct TierPosition {
  enum Mode : uint8_t { kNoTiers, kTier, kAnyMember } mode = kNoTiers;
  int tier = 0;  // with kTier
};

struct WorkgroupState {
  // Waiting interactions by (entered_queue, id): oldest first.
  std::set<std::pair<Time, InteractionId>> waiting;
  WorkgroupCounters counters;
};

}  // namespace internal

class Engine::Impl {
 public:
  Impl(internal::Center center, Time start);

  const internal::Center& center() const { return center_; }
  Time now() const { return now_; }
  Time NextDeadline() const { return timers_.NextDue(); }
  int64_t live_interactions() const { return static_cast<int64_t>(interactions_.size()); }
  void SetObserver(Observer* observer) { observer_ = observer; }

  absl::Status Apply(const Command& command);
  absl::Status AdvanceTo(Time now);

  absl::StatusOr<InteractionView> GetInteraction(InteractionId id) const;
  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<WorkgroupCounters> GetWorkgroupCounters(WorkgroupId id) const;

 private:
  using AgentState = internal::AgentState;
  using InteractionRecord = internal::InteractionRecord;
  using TierPosition = internal::TierPosition;
  using Timer = internal::Timer;
  using TimerKind = internal::TimerKind;

  class ReentrancyGuard;

  // ---- engine.cc: validation and commands ----
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
  absl::Status Handle(const Disconnect& c);
  absl::Status Handle(const EndWrapUp& c);

  // ---- routing.cc: transitions ----
  void Fire(const Timer& timer);
  void Offer(InteractionRecord& x, AgentId agent);
  void Connect(InteractionRecord& x);
  // Takes x off its agent's capacity; x keeps its agent field.
  void ReleaseCapacity(InteractionRecord& x);
  // Puts an alerting interaction back in the queue after a no-answer, reject
  // or log-out; `exclude` sets the exclusion of its agent.
  void Requeue(InteractionRecord& x, RequeueReason reason, bool exclude);
  void NoAnswer(InteractionRecord& x);
  void Abandon(InteractionRecord& x);
  void EndConnected(InteractionRecord& x);
  void Complete(InteractionRecord& x);
  void FinishWrapUp(AgentId agent, InteractionId id);
  void SetAgentStatus(AgentId agent, StatusId status);
  void EnterQueue(InteractionRecord& x);
  void LeaveQueue(InteractionRecord& x);
  void ClearExclusion(InteractionRecord& x);
  void ScheduleTierBoundary(InteractionRecord& x);

  // ---- routing.cc: decisions ----
  const std::vector<TierConfig>& TiersOf(const InteractionRecord& x) const;
  TierPosition PositionOf(const InteractionRecord& x) const;
  bool TierAdds(const InteractionRecord& x, int tier) const;
  bool ReadyForWork(const AgentState& a) const;
  bool Eligible(AgentId agent, const InteractionRecord& x, TierPosition tier) const;
  void RouteInteraction(InteractionRecord& x);
  void FillAgent(AgentId agent);
  // Routes the waiting interactions of `workgroups` again, oldest first.
  void Rebalance(const std::vector<WorkgroupId>& workgroups);

  // ---- reporting ----
  AgentActivity ActivityOf(const AgentState& a) const;
  void ReportInteraction(const InteractionRecord& x,
                         RequeueReason reason = RequeueReason::kNone);
  void ReportAgent(AgentId agent);

  internal::Center center_;
  Time now_;
  Observer* observer_ = nullptr;
  bool busy_ = false;
  std::vector<AgentState> agents_;
  std::vector<internal::WorkgroupState> workgroups_;
  // Looked up by id only; never iterated, so its order cannot reach a decision.
  absl::flat_hash_map<InteractionId, InteractionRecord> interactions_;
  internal::TimerQueue timers_;
};

}  // namespace acd

#endif  // ACD_LIB_ENGINE_ENGINE_IMPL_H_
