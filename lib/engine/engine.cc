// The foundation engine: one interaction per agent, FIFO within priority,
// longest-available agent first. See acd/engine.h for the contract.

#include "acd/engine.h"

#include <optional>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/center.h"
#include "lib/engine/timer_queue.h"

namespace acd {
namespace {

using internal::Center;
using internal::Timer;
using internal::TimerKind;
using internal::TimerQueue;

constexpr int kMaxPriority = 1000;

struct AgentState {
  bool logged_in = false;
  StatusId status;
  AgentActivity activity = AgentActivity::kLoggedOut;
  Time available_since;
  InteractionId interaction;
  // Whether the agent is in its workgroups' availability sets, and under
  // which key.
  bool indexed = false;
  Time indexed_since;
  std::optional<Timer> wrap_up_timer;
};

struct InteractionRecord {
  InteractionId id;
  WorkgroupId workgroup;
  MediaType media = MediaType::kCall;
  int priority = 0;
  InteractionState state = InteractionState::kWaiting;
  AgentId agent;
  Time entered_system;
  Time entered_queue;
};

// Order of waiting interactions: highest priority, then longest in queue,
// then lowest id. The first element is the next to route.
struct WaitingKey {
  int negated_priority;
  Time entered_queue;
  InteractionId id;
  auto operator<=>(const WaitingKey&) const = default;
};

// Order of available agents: longest available, then lowest id.
struct AvailableKey {
  Time since;
  AgentId id;
  auto operator<=>(const AvailableKey&) const = default;
};

struct WorkgroupState {
  std::set<WaitingKey> waiting;
  std::set<AvailableKey> available;
  WorkgroupCounters counters;
};

WaitingKey KeyOf(const InteractionRecord& x) { return {-x.priority, x.entered_queue, x.id}; }

}  // namespace

class Engine::Impl {
 public:
  Impl(Center center, Time start)
      : center_(std::move(center)),
        now_(start),
        agents_(center_.agent_count()),
        workgroups_(center_.workgroup_count()) {}

  const Center& center() const { return center_; }
  Time now() const { return now_; }
  Time NextDeadline() const { return timers_.NextDue(); }
  int64_t live_interactions() const { return static_cast<int64_t>(interactions_.size()); }
  void SetObserver(Observer* observer) { observer_ = observer; }

  absl::Status Apply(const Command& command) {
    ACD_RETURN_IF_ERROR(AdvanceTo(CommandTime(command)));
    ReentrancyGuard guard(this);
    ACD_RETURN_IF_ERROR(guard.status());
    return std::visit([this](const auto& c) { return Handle(c); }, command);
  }

  absl::Status AdvanceTo(Time now) {
    if (now < now_) {
      return absl::InvalidArgumentError(absl::StrCat(
          "now: ", ToSeconds(now), " s is before the engine's clock ", ToSeconds(now_), " s"));
    }
    ReentrancyGuard guard(this);
    ACD_RETURN_IF_ERROR(guard.status());
    while (std::optional<Timer> timer = timers_.PopDue(now)) {
      now_ = timer->due;
      Fire(*timer);
    }
    now_ = now;
    return absl::OkStatus();
  }

  absl::StatusOr<InteractionView> GetInteraction(InteractionId id) const {
    ACD_ASSIGN_OR_RETURN(const InteractionRecord* x, Lookup(id));
    return InteractionView{.id = x->id,
                           .workgroup = x->workgroup,
                           .media = x->media,
                           .priority = x->priority,
                           .state = x->state,
                           .agent = x->agent,
                           .entered_system = x->entered_system,
                           .entered_queue = x->entered_queue};
  }

  absl::StatusOr<AgentView> GetAgent(AgentId id) const {
    ACD_RETURN_IF_ERROR(CheckAgent(id));
    const AgentState& a = agents_[id.value()];
    return AgentView{.id = id,
                     .logged_in = a.logged_in,
                     .status = a.status,
                     .activity = a.activity,
                     .available_since = a.available_since,
                     .interaction = a.interaction};
  }

  absl::StatusOr<WorkgroupCounters> GetWorkgroupCounters(WorkgroupId id) const {
    ACD_RETURN_IF_ERROR(CheckWorkgroup(id));
    WorkgroupCounters counters = workgroups_[id.value()].counters;
    counters.waiting = static_cast<int64_t>(workgroups_[id.value()].waiting.size());
    return counters;
  }

 private:
  // Rejects calls made from inside an observer callback.
  class ReentrancyGuard {
   public:
    explicit ReentrancyGuard(Impl* impl) : impl_(impl), entered_(!impl->busy_) {
      impl_->busy_ = true;
    }
    ~ReentrancyGuard() {
      if (entered_) impl_->busy_ = false;
    }
    absl::Status status() const {
      return entered_
                 ? absl::OkStatus()
                 : absl::FailedPreconditionError("engine: called from inside an observer callback");
    }

   private:
    Impl* impl_;
    bool entered_;
  };

  // ---- Validation helpers -------------------------------------------------

  absl::Status CheckAgent(AgentId id) const {
    if (!id.valid() || id.value() >= agents_.size()) {
      return absl::NotFoundError(absl::StrCat("agent ", id.value(), ": no such agent"));
    }
    return absl::OkStatus();
  }

  absl::Status CheckWorkgroup(WorkgroupId id) const {
    if (!id.valid() || id.value() >= workgroups_.size()) {
      return absl::NotFoundError(absl::StrCat("workgroup ", id.value(), ": no such workgroup"));
    }
    return absl::OkStatus();
  }

  absl::Status CheckStatus(StatusId id) const {
    if (!id.valid() || static_cast<int>(id.value()) >= center_.status_count()) {
      return absl::NotFoundError(absl::StrCat("status ", id.value(), ": no such status"));
    }
    return absl::OkStatus();
  }

  absl::Status CheckLoggedIn(AgentId id) const {
    ACD_RETURN_IF_ERROR(CheckAgent(id));
    if (!agents_[id.value()].logged_in) {
      return absl::FailedPreconditionError(
          absl::StrCat("agent ", center_.agent(id).name, ": not logged in"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<const InteractionRecord*> Lookup(InteractionId id) const {
    auto it = interactions_.find(id);
    if (it == interactions_.end()) {
      return absl::NotFoundError(
          absl::StrCat("interaction ", id.value(), ": no such live interaction"));
    }
    return &it->second;
  }

  absl::Status WrongState(const InteractionRecord& x, absl::string_view wanted) const {
    return absl::FailedPreconditionError(absl::StrCat(
        "interaction ", x.id.value(), ": is ", InteractionStateName(x.state), ", not ", wanted));
  }

  // ---- Commands -------------------------------------------------------------

  absl::Status Handle(const LogIn& c) {
    ACD_RETURN_IF_ERROR(CheckAgent(c.agent));
    StatusId status = c.status.valid() ? c.status : center_.available_status();
    ACD_RETURN_IF_ERROR(CheckStatus(status));
    AgentState& a = agents_[c.agent.value()];
    if (a.logged_in) {
      return absl::FailedPreconditionError(
          absl::StrCat("agent ", center_.agent(c.agent).name, ": already logged in"));
    }
    a.logged_in = true;
    a.status = status;
    a.activity = AgentActivity::kIdle;
    a.available_since = now_;
    ReportAgent(c.agent);
    AgentChanged(c.agent);
    return absl::OkStatus();
  }

  absl::Status Handle(const LogOut& c) {
    ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
    AgentState& a = agents_[c.agent.value()];
    if (a.activity == AgentActivity::kAlerting || a.activity == AgentActivity::kBusy) {
      return absl::FailedPreconditionError(
          absl::StrCat("agent ", center_.agent(c.agent).name, ": holds interaction ",
                       a.interaction.value(), " (", AgentActivityName(a.activity), ")"));
    }
    if (a.activity == AgentActivity::kWrapUp) FinishWrapUp(c.agent, /*make_idle=*/false);
    a.logged_in = false;
    a.activity = AgentActivity::kLoggedOut;
    Unindex(c.agent);
    ReportAgent(c.agent);
    return absl::OkStatus();
  }

  absl::Status Handle(const SetStatus& c) {
    ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
    ACD_RETURN_IF_ERROR(CheckStatus(c.status));
    agents_[c.agent.value()].status = c.status;
    ReportAgent(c.agent);
    AgentChanged(c.agent);
    return absl::OkStatus();
  }

  absl::Status Handle(const Arrive& c) {
    ACD_RETURN_IF_ERROR(CheckWorkgroup(c.workgroup));
    if (!c.interaction.valid()) {
      return absl::InvalidArgumentError("interaction: id is the reserved invalid value");
    }
    if (c.priority < 0 || c.priority > kMaxPriority) {
      return absl::InvalidArgumentError(absl::StrCat(
          "interaction ", c.interaction.value(), ": priority ", c.priority, " is outside 0..1000"));
    }
    if (interactions_.contains(c.interaction)) {
      return absl::AlreadyExistsError(
          absl::StrCat("interaction ", c.interaction.value(), ": already in the engine"));
    }
    InteractionRecord& x = interactions_[c.interaction];
    x = {.id = c.interaction,
         .workgroup = c.workgroup,
         .media = c.media,
         .priority = c.priority,
         .state = InteractionState::kWaiting,
         .entered_system = now_,
         .entered_queue = now_};
    WorkgroupState& wg = workgroups_[c.workgroup.value()];
    ++wg.counters.entered;
    wg.waiting.insert(KeyOf(x));
    ReportInteraction(x);
    RouteInteraction(x);
    return absl::OkStatus();
  }

  absl::Status Handle(const Accept& c) {
    ACD_ASSIGN_OR_RETURN(const InteractionRecord* found, Lookup(c.interaction));
    if (found->state != InteractionState::kAlerting) return WrongState(*found, "alerting");
    Connect(interactions_[c.interaction]);
    return absl::OkStatus();
  }

  absl::Status Handle(const Disconnect& c) {
    ACD_ASSIGN_OR_RETURN(const InteractionRecord* found, Lookup(c.interaction));
    InteractionRecord& x = interactions_[c.interaction];
    WorkgroupState& wg = workgroups_[x.workgroup.value()];
    switch (found->state) {
      case InteractionState::kWaiting:
        wg.waiting.erase(KeyOf(x));
        Abandon(x);
        return absl::OkStatus();
      case InteractionState::kAlerting: {
        AgentId agent = x.agent;
        Abandon(x);
        ReleaseAgent(agent, /*restart_available=*/false);
        return absl::OkStatus();
      }
      case InteractionState::kConnected:
        EndConnected(x);
        return absl::OkStatus();
      default:
        return WrongState(x, "waiting, alerting or connected");
    }
  }

  absl::Status Handle(const EndWrapUp& c) {
    ACD_RETURN_IF_ERROR(CheckLoggedIn(c.agent));
    if (agents_[c.agent.value()].activity != AgentActivity::kWrapUp) {
      return absl::FailedPreconditionError(
          absl::StrCat("agent ", center_.agent(c.agent).name, ": not in wrap-up"));
    }
    FinishWrapUp(c.agent, /*make_idle=*/true);
    return absl::OkStatus();
  }

  // ---- Timers -------------------------------------------------------------

  void Fire(const Timer& timer) {
    switch (timer.kind) {
      case TimerKind::kWrapUpEnd: {
        AgentId agent(static_cast<AgentId::rep_type>(timer.target));
        agents_[agent.value()].wrap_up_timer.reset();
        FinishWrapUp(agent, /*make_idle=*/true);
        break;
      }
    }
  }

  // ---- Transitions ----------------------------------------------------------

  void Connect(InteractionRecord& x) {
    x.state = InteractionState::kConnected;
    ++workgroups_[x.workgroup.value()].counters.answered;
    agents_[x.agent.value()].activity = AgentActivity::kBusy;
    ReportInteraction(x);
    ReportAgent(x.agent);
  }

  void Abandon(InteractionRecord& x) {
    x.state = InteractionState::kAbandoned;
    ++workgroups_[x.workgroup.value()].counters.abandoned;
    ReportInteraction(x);
    interactions_.erase(x.id);
  }

  void EndConnected(InteractionRecord& x) {
    const Duration wrap_up = center_.workgroup(x.workgroup).wrap_up;
    AgentId agent = x.agent;
    if (wrap_up == Duration::Zero()) {
      Complete(x);
      ReleaseAgent(agent, /*restart_available=*/true);
      return;
    }
    x.state = InteractionState::kWrapUp;
    ReportInteraction(x);
    AgentState& a = agents_[agent.value()];
    a.activity = AgentActivity::kWrapUp;
    a.wrap_up_timer = timers_.Schedule(now_ + wrap_up, TimerKind::kWrapUpEnd, agent.value());
    ReportAgent(agent);
  }

  void Complete(InteractionRecord& x) {
    x.state = InteractionState::kCompleted;
    ++workgroups_[x.workgroup.value()].counters.completed;
    ReportInteraction(x);
    interactions_.erase(x.id);
  }

  // Ends the agent's wrap-up: its interaction completes. With `make_idle` the
  // agent becomes free and may take work at once.
  void FinishWrapUp(AgentId agent, bool make_idle) {
    AgentState& a = agents_[agent.value()];
    if (a.wrap_up_timer) {
      timers_.Cancel(*a.wrap_up_timer);
      a.wrap_up_timer.reset();
    }
    Complete(interactions_[a.interaction]);
    a.interaction = InteractionId();
    if (make_idle) ReleaseAgent(agent, /*restart_available=*/true);
  }

  // The agent holds nothing any more.
  void ReleaseAgent(AgentId agent, bool restart_available) {
    AgentState& a = agents_[agent.value()];
    a.interaction = InteractionId();
    a.activity = AgentActivity::kIdle;
    if (restart_available) a.available_since = now_;
    ReportAgent(agent);
    AgentChanged(agent);
  }

  // ---- Availability and matching ------------------------------------------

  bool Available(const AgentState& a) const {
    return a.logged_in && a.activity == AgentActivity::kIdle &&
           center_.status(a.status).acd_available;
  }

  void Unindex(AgentId agent) {
    AgentState& a = agents_[agent.value()];
    if (!a.indexed) return;
    for (WorkgroupId wg : center_.active_workgroups(agent)) {
      workgroups_[wg.value()].available.erase({a.indexed_since, agent});
    }
    a.indexed = false;
  }

  // Re-files the agent in the availability sets and gives it work if it can
  // take some.
  void AgentChanged(AgentId agent) {
    Unindex(agent);
    AgentState& a = agents_[agent.value()];
    if (!Available(a)) return;
    if (const InteractionRecord* x = BestWaitingFor(agent)) {
      Offer(interactions_[x->id], agent);
      return;
    }
    a.indexed = true;
    a.indexed_since = a.available_since;
    for (WorkgroupId wg : center_.active_workgroups(agent)) {
      workgroups_[wg.value()].available.insert({a.available_since, agent});
    }
  }

  // The waiting interaction the agent should take next, across its active
  // workgroups, or nullptr.
  const InteractionRecord* BestWaitingFor(AgentId agent) const {
    const WaitingKey* best = nullptr;
    for (WorkgroupId wg : center_.active_workgroups(agent)) {
      const std::set<WaitingKey>& waiting = workgroups_[wg.value()].waiting;
      if (!waiting.empty() && (best == nullptr || *waiting.begin() < *best)) {
        best = &*waiting.begin();
      }
    }
    return best == nullptr ? nullptr : &interactions_.find(best->id)->second;
  }

  void RouteInteraction(InteractionRecord& x) {
    const std::set<AvailableKey>& available = workgroups_[x.workgroup.value()].available;
    if (available.empty()) return;
    AgentId agent = available.begin()->id;
    Unindex(agent);
    Offer(x, agent);
  }

  void Offer(InteractionRecord& x, AgentId agent) {
    workgroups_[x.workgroup.value()].waiting.erase(KeyOf(x));
    x.state = InteractionState::kAlerting;
    x.agent = agent;
    AgentState& a = agents_[agent.value()];
    a.activity = AgentActivity::kAlerting;
    a.interaction = x.id;
    const bool auto_answer = center_.agent(agent).auto_answer;
    if (observer_ != nullptr) {
      observer_->OnOffer({.now = now_,
                          .interaction = x.id,
                          .agent = agent,
                          .workgroup = x.workgroup,
                          .auto_answered = auto_answer});
    }
    ReportInteraction(x);
    ReportAgent(agent);
    if (auto_answer) Connect(x);
  }

  // ---- Reporting ----------------------------------------------------------

  void ReportInteraction(const InteractionRecord& x) {
    if (observer_ == nullptr) return;
    observer_->OnInteraction({.now = now_,
                              .interaction = x.id,
                              .state = x.state,
                              .workgroup = x.workgroup,
                              .agent = x.agent});
  }

  void ReportAgent(AgentId agent) {
    if (observer_ == nullptr) return;
    const AgentState& a = agents_[agent.value()];
    observer_->OnAgent({.now = now_, .agent = agent, .activity = a.activity, .status = a.status});
  }

  Center center_;
  Time now_;
  Observer* observer_ = nullptr;
  bool busy_ = false;
  std::vector<AgentState> agents_;
  std::vector<WorkgroupState> workgroups_;
  // Looked up by id only; never iterated, so its order cannot reach a decision.
  absl::flat_hash_map<InteractionId, InteractionRecord> interactions_;
  TimerQueue timers_;
};

// ---- Engine: forwards to Impl -----------------------------------------------

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(const CenterConfig& config, Time start) {
  ACD_ASSIGN_OR_RETURN(Center center, Center::Build(config));
  return std::unique_ptr<Engine>(new Engine(std::make_unique<Impl>(std::move(center), start)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

void Engine::SetObserver(Observer* observer) { impl_->SetObserver(observer); }
absl::Status Engine::Apply(const Command& command) { return impl_->Apply(command); }
absl::Status Engine::AdvanceTo(Time now) { return impl_->AdvanceTo(now); }
Time Engine::NextDeadline() const { return impl_->NextDeadline(); }
Time Engine::now() const { return impl_->now(); }
const CenterConfig& Engine::config() const { return impl_->center().config(); }
int64_t Engine::live_interactions() const { return impl_->live_interactions(); }

absl::StatusOr<AgentId> Engine::FindAgent(absl::string_view name) const {
  AgentId id = impl_->center().FindAgent(name);
  if (!id.valid()) return absl::NotFoundError(absl::StrCat("agent \"", name, "\": unknown"));
  return id;
}

absl::StatusOr<WorkgroupId> Engine::FindWorkgroup(absl::string_view name) const {
  WorkgroupId id = impl_->center().FindWorkgroup(name);
  if (!id.valid()) {
    return absl::NotFoundError(absl::StrCat("workgroup \"", name, "\": unknown"));
  }
  return id;
}

absl::StatusOr<StatusId> Engine::FindStatus(absl::string_view name) const {
  StatusId id = impl_->center().FindStatus(name);
  if (!id.valid()) return absl::NotFoundError(absl::StrCat("status \"", name, "\": unknown"));
  return id;
}

absl::StatusOr<InteractionView> Engine::GetInteraction(InteractionId id) const {
  return impl_->GetInteraction(id);
}

absl::StatusOr<AgentView> Engine::GetAgent(AgentId id) const { return impl_->GetAgent(id); }

absl::StatusOr<WorkgroupCounters> Engine::GetWorkgroupCounters(WorkgroupId id) const {
  return impl_->GetWorkgroupCounters(id);
}

}  // namespace acd
