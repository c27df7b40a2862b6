// acd/engine.h: the routing engine.
//
// `acd::Engine` decides which agent gets which interaction. It is a
// deterministic, single-threaded state machine: commands come in through
// `Apply`, each carrying its `now`; decisions and state changes go out to an
// `Observer`. The engine never reads a clock. Its own timers (wrap-up end, and
// later alert timeouts, tier widening, snoozes) fire when the driver calls
// `AdvanceTo`, or implicitly before any command with a later `now`.
// `NextDeadline` tells the driver when the next timer is due, so a simulator
// can merge it into its event list and a server can sleep until then.
//
// Routing (the foundation's rules; DESIGN 3.3 and 3.5 refine them):
//   * an agent may receive a workgroup's interaction when it is logged in, in
//     an acd_available status, an activated member of the workgroup, and holds
//     no other interaction;
//   * an interaction that becomes routable goes to the eligible agent that has
//     been available longest (ties: lowest agent id);
//   * an agent that becomes free takes, across all its active workgroups, the
//     waiting interaction with the highest priority, then the longest in
//     queue, then the lowest id;
//   * matching repeats until no waiting interaction has an eligible agent:
//     after every command the engine is work-conserving.
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
// and reports nothing.
//
// Thread safety: none. One thread owns an engine; `acd::Router` (later) is the
// concurrent facade. Distinct engines are independent.

#ifndef ACD_ENGINE_H_
#define ACD_ENGINE_H_

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/ids.h"
#include "acd/media.h"
#include "acd/observer.h"
#include "acd/time.h"

namespace acd {

// A snapshot of one live interaction.
struct InteractionView {
  InteractionId id;
  WorkgroupId workgroup;
  MediaType media = MediaType::kCall;
  int priority = 0;
  InteractionState state = InteractionState::kWaiting;
  // The agent it alerts at, is connected to, or wraps up with; invalid while
  // waiting.
  AgentId agent;
  Time entered_system;
  Time entered_queue;
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
  // The interaction it holds, if any.
  InteractionId interaction;
};

// Running totals for one workgroup since the engine was created.
struct WorkgroupCounters {
  int64_t entered = 0;
  int64_t answered = 0;
  int64_t abandoned = 0;
  int64_t completed = 0;
  // Interactions waiting in queue right now.
  int64_t waiting = 0;
};

class Engine {
 public:
  // Validates `config` and builds an engine with every agent logged out, no
  // interaction and its clock at `start`. InvalidArgument names the offending
  // field (`agents[3].workgroups[0]: unknown workgroup "Sales"`).
  static absl::StatusOr<std::unique_ptr<Engine>> Create(const CenterConfig& config,
                                                        Time start = Time());

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

  // Fires, in order of due time (ties: order of scheduling), every timer due
  // at or before `now`, and sets the clock to `now`. InvalidArgument if `now`
  // is before the clock.
  absl::Status AdvanceTo(Time now);

  // When the earliest pending timer is due; Time::Infinite() if none.
  Time NextDeadline() const;

  // The engine's clock: the latest `now` it has seen.
  Time now() const;

  // Ids by configured name; NotFound if there is none.
  absl::StatusOr<AgentId> FindAgent(absl::string_view name) const;
  absl::StatusOr<WorkgroupId> FindWorkgroup(absl::string_view name) const;
  absl::StatusOr<StatusId> FindStatus(absl::string_view name) const;

  // The validated configuration, with defaults filled in (statuses).
  const CenterConfig& config() const;

  // NotFound for an interaction that never arrived or has ended.
  absl::StatusOr<InteractionView> GetInteraction(InteractionId id) const;
  absl::StatusOr<AgentView> GetAgent(AgentId id) const;
  absl::StatusOr<WorkgroupCounters> GetWorkgroupCounters(WorkgroupId id) const;

  // Interactions the engine holds (waiting, alerting, connected, wrap-up).
  int64_t live_interactions() const;

 private:
  class Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace acd

#endif  // ACD_ENGINE_H_
