// A deliberately naive reference implementation of the engine's routing
// rules (acd/engine.h), for differential tests.
//
// It keeps plain state and recomputes everything it needs at every decision:
// eligibility scans every agent and every interaction, capacity is summed
// from the interactions an agent holds, tier membership counts every agent,
// and pending timers are found by scanning all state for the earliest due
// (time, kind, target). It never indexes anything. It shares no code with
// the engine beyond the public command, event and view types; its formulas
// are written out again, in the same order of operations, so that both give
// bit-identical scores.
//
// Preconditions: the configuration was accepted by Engine::Create (the
// reference does not validate it).

#ifndef ACD_TESTS_TESTING_REFERENCE_ROUTER_H_
#define ACD_TESTS_TESTING_REFERENCE_ROUTER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/decision.h"
#include "acd/engine.h"
#include "acd/observer.h"
#include "acd/stats.h"

namespace acd::testing {

// The validity rules the reference writes out again
// (reference_router_lifecycle.cc), and the growth of the skill names by
// the reconfiguration and roster commands.
bool ReferenceAgentOk(const CenterConfig& c, const AgentConfig& a);
bool ReferenceWorkgroupOk(const CenterConfig& c, size_t index, const WorkgroupConfig& w);
void GrowSkills(const std::vector<SkillLevel>& levels, CenterConfig& c);

class ReferenceRouter {
 public:
  explicit ReferenceRouter(const CenterConfig& config);

  void SetObserver(Observer* observer) { observer_ = observer; }
  absl::Status Apply(const Command& command);
  absl::Status AdvanceTo(Time now);
  Time NextDeadline() const;
  Time now() const { return now_; }

  absl::StatusOr<InteractionView> GetInteraction(InteractionId id) const;
  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<WorkgroupCounters> GetWorkgroupCounters(WorkgroupId id) const;

  // The queries of acd/engine.h, by scanning (reference_router_queries.cc).
  absl::StatusOr<WaitReason> GetWaitReason(InteractionId id) const;
  absl::StatusOr<int64_t> GetPosition(InteractionId id) const;
  // The first rule that member `a` of waiting `id`'s workgroup fails, in
  // DecisionFilters' order, by field name ("not_logged_in", ...,
  // "outside_tier"), or "eligible"; NotFound unless `id` is waiting.
  absl::StatusOr<std::string> FirstFailureName(AgentId a, InteractionId id) const;

  // Invariants of docs/design.md 3.10 checked on this router's state: an empty string
  // when they hold, else what broke. Work conservation: no waiting
  // interaction has an eligible agent. Capacity: no agent above 100 % or a
  // max assign.
  std::string CheckInvariants() const;

 private:
  struct Agent {
    bool logged_in = false;
    StatusId status;
    Time available_since;
    int misses = 0;
    Time blocked_until;
    bool delay_pending = false;
    std::map<uint32_t, bool> active;  // workgroup -> activated
    std::vector<InteractionId> held;
    std::vector<InteractionId> wrapping;
    int64_t answered = 0;
    Duration talk_time;
    StatusId return_status;  // taken again when wrap-up ends
  };
  struct Interaction {
    InteractionId id;
    WorkgroupId workgroup;
    MediaType media = MediaType::kCall;
    int priority = 0;
    std::vector<SkillRequirement> requirements;
    std::vector<TierConfig> tiers;  // resolved: own, else the workgroup's
    InteractionState state = InteractionState::kWaiting;
    AgentId agent;
    Time entered_system;
    Time entered_queue;
    Time connected_at;
    int percent = 0;
    // The max assign its offer was checked against (the rules may change
    // later, by reconfiguration).
    int max_assign = 0;
    // Held with its share given back; resumed after that (which may put
    // the agent over its capacity).
    bool exempt = false;
    bool resumed_exempt = false;
    bool alert_pending = false;
    Time alert_due;
    Time wrap_due;
    Time tier_due = Time::Infinite();
    // Tier boundaries passed: counted on entering the queue, then one more
    // each time a boundary's timer fires.
    int static_tier = 0;
    AgentId last_attempted;
    AgentId preferred_agent;
    Time preferred_until;
    bool preference_open = false;
    AgentId excluded;
    Time excluded_until;
    bool own_tiers = false;
    bool transferred = false;
    int attempts = 0;
    bool failed = false;
    Time due = Time::Infinite();
    Time snooze_due = Time::Infinite();
    Time overflow_due = Time::Infinite();
    // When it was last put on hold; Infinite before any hold.
    Time last_held = Time::Infinite();
    // While held: when the maximum time on hold runs out; else Infinite.
    Time hold_due = Time::Infinite();
  };
  struct Pending {
    Time due;
    int kind;
    uint64_t target;
    bool operator<(const Pending& o) const;
  };
  struct Position {
    enum { kNoTiers, kTier, kAny } mode = kNoTiers;
    int tier = 0;
  };

  // Commands.
  absl::Status Do(const LogIn& c);
  absl::Status Do(const LogOut& c);
  absl::Status Do(const SetStatus& c);
  absl::Status Do(const SetActivation& c);
  absl::Status Do(const Arrive& c);
  // Counts, files, reports and routes a new x.
  absl::Status Arrived(Interaction& x);
  absl::Status Do(const Accept& c);
  absl::Status Do(const Reject& c);
  absl::Status Do(const Hold& c);
  absl::Status Do(const Resume& c);
  absl::Status Do(const Disconnect& c);
  absl::Status Do(const EndWrapUp& c);
  absl::Status Do(const Transfer& c);
  absl::Status Do(const ReportCallback& c);
  absl::Status Do(const SetPriority& c);
  absl::Status Do(const UpdateAgent& c);
  absl::Status Do(const UpdateWorkgroup& c);
  // The roster commands (reference_router_roster.cc).
  absl::Status Do(const AddAgent& c);
  absl::Status Do(const RemoveAgent& c);
  absl::Status Do(const AddWorkgroup& c);
  absl::Status Do(const RemoveWorkgroup& c);
  // Known and not removed (a removed entry keeps its place with an empty
  // name).
  bool HasAgent(AgentId a) const {
    return a.valid() && a.value() < config_.agents.size() &&
           !config_.agents[a.value()].name.empty();
  }
  bool HasWorkgroup(WorkgroupId w) const {
    return w.valid() && w.value() < config_.workgroups.size() &&
           !config_.workgroups[w.value()].name.empty();
  }
  absl::Status Do(const Pickup& c);
  // A held x reached its workgroup's maximum time on hold.
  void HoldExceeded(Interaction& x);

  // Rules.
  int SkillProficiency(AgentId a, SkillId s) const;
  int SkillDesire(AgentId a, SkillId s) const;
  bool HasSkills(AgentId a, const Interaction& x) const;
  bool Above(AgentId a, const Interaction& x, int threshold) const;
  double SkillScore(AgentId a, const Interaction& x) const;
  MediaUtilization UtilizationOf(AgentId a, WorkgroupId wg, MediaType m) const;
  bool Active(AgentId a, WorkgroupId wg) const;
  bool Ready(AgentId a) const;
  bool Adds(const Interaction& x, int tier) const;
  Position PositionOf(const Interaction& x) const;
  // The first rule of DecisionFilters' order that `a` fails for `x`.
  enum class Rule {
    kNotLoggedIn,
    kNotAvailable,
    kNotActivated,
    kPreferredWindow,
    kExcluded,
    kNoCapacity,
    kSkills,
    kOutsideTier,
    kEligible,
  };
  Rule FirstFailure(AgentId a, const Interaction& x, Position p) const;
  bool Eligible(AgentId a, const Interaction& x, Position p) const;
  bool HasRoom(AgentId a, const Interaction& x) const;

  // Decision records, built by scanning (reference_router_queries.cc).
  ScoreTerms Terms(const Interaction& x, AgentId a) const;
  void RecordAgentChoice(const Interaction& x, AgentId best, double best_score, AgentId second,
                         double second_score);
  void RecordInteractionChoice(AgentId a, const Interaction& best, const Interaction* second);
  void Route(InteractionId id);
  void Fill(AgentId a);
  void Rebalance(std::vector<WorkgroupId> workgroups);
  // Whether x, about to wait in wg (where `leaving` of the waiting ones is
  // x itself), finds the queue full and no eligible agent.
  bool Refused(const Interaction& x, WorkgroupId wg, int leaving) const;
  int64_t Waiting(WorkgroupId wg) const;

  // Transitions.
  void EnterQueue(Interaction& x);
  // Static tier and next boundary, from the queue time.
  void Tiers(Interaction& x);
  void ArmOverflow(Interaction& x);
  // Moves x (off its agent or queue) to wait in wg.
  void Move(Interaction& x, WorkgroupId wg, RequeueReason reason, AgentId from);
  // Takes a connected or held x off its agent without wrap-up.
  AgentId Detach(Interaction& x);
  void Offer(Interaction& x, AgentId a, bool direct = false,
             RequeueReason reason = RequeueReason::kNone);
  void Connect(Interaction& x);
  void Release(Interaction& x);
  void Requeue(Interaction& x, RequeueReason reason, bool exclude);
  void NoAnswer(Interaction& x);
  void Abandon(Interaction& x);
  void EndConnected(Interaction& x);
  void Complete(Interaction& x);
  void FinishWrapUp(AgentId a, InteractionId id);
  void Fire(const Pending& p);
  std::vector<Pending> AllPending() const;
  void Emit(const Interaction& x, AgentId agent, RequeueReason reason = RequeueReason::kNone);

  CenterConfig config_;
  StatusId available_status_;
  Time now_;
  Observer* observer_ = nullptr;
  std::vector<Agent> agents_;
  std::map<uint64_t, Interaction> interactions_;
  std::vector<WorkgroupCounters> counters_;
  // Per workgroup: the last agent offered one of its interactions through
  // the queue (invalid before any).
  std::vector<AgentId> last_offered_;

  // The position of `a` among the members of `wg` in ascending agent id,
  // and the number of members.
  int64_t MemberIndex(AgentId a, WorkgroupId wg) const;
  int64_t MemberCount(WorkgroupId wg) const;
};

}  // namespace acd::testing

#endif  // ACD_TESTS_TESTING_REFERENCE_ROUTER_H_
