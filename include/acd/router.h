// acd/router.h: the concurrent facade a server embeds.
//
// An engine is single-threaded and deterministic (docs/design.md 3.1). A server is
// neither: telephony, web and supervisor threads all have commands for it.
// `acd::Router` hosts one or more engines (one per center or tenant), each
// owned by a thread of its own, and puts the concurrency at their edges:
//
//   * Commands. Any thread calls `Submit`; the command goes into the engine's
//     bounded lock-free multi-producer queue. A full queue answers
//     ResourceExhausted at once, or, with a deadline, retries (spinning, then
//     yielding, then sleeping briefly; it never takes a lock) until the
//     deadline. Nothing is dropped: a Submit that returns OK is applied, and
//     its callback runs, exactly once, even when the Router is stopping.
//   * Time. The engine thread stamps each command, when it takes it from the
//     queue, with the server's `Clock` (read once per batch of up to 64
//     commands taken together, after the first is taken, so the batch's first
//     command is never stamped before the clock its submitter saw; clamped so
//     that it never goes back), and calls
//     AdvanceTo when the engine's next timer falls due. The `now` a caller
//     puts in a command is ignored.
//   * Results. Each command's absl::Status reaches its submitter through the
//     callback passed to Submit, called on the engine thread after the
//     command is applied, its decisions reported and its journal record
//     written. A callback must be short and must not wait for the Router; it
//     may Submit (without a deadline).
//   * Decisions. Offers and state changes go, on the engine thread, to the
//     engine's `Observer` (if any), and into a lock-free decision queue that
//     any server thread drains with `PollDecisions`. If nobody drains it and
//     it fills, the engine thread keeps further decisions in a private
//     backlog, in order, and moves them in as space frees: none is lost, and
//     the engine thread never waits. With `decision_records` on, each
//     offer's DecisionRecord (acd/decision.h) goes the same ways
//     (Observer::OnDecision, then the queue), just before its OfferEvent.
//   * Live statistics. After commands (at most once per `stats_interval` of
//     the clock) the engine thread publishes a snapshot of every workgroup's
//     and agent's state; any thread reads the latest whole one with
//     `ReadStats`, without locks and never torn (a ring of snapshot slots:
//     the engine thread writes a slot no reader holds). An idle engine
//     republishes every `stats_refresh` of clock time, its clock moved to
//     now first, so that `as_of` and the longest wait move without traffic.
//   * Queries. Any thread asks about one interaction or agent, or lists the
//     live interactions or the agents (`QueryInteraction`, ...; blocking
//     forms `GetInteraction`, ... with a deadline). A query rides the
//     command queue but is no command: the engine thread answers it between
//     two commands, so it sees exactly the commands submitted before it
//     (linearizable; see "Queries on a running engine" below).
//   * Journal. With a JournalWriter (acd/journal.h), every accepted command
//     and every timer firing is journaled before its callback runs, so that
//     Recover rebuilds the exact engine after a crash. Records are flushed by
//     the writer's policy, and whenever the engine thread goes idle. A
//     failing journal turns the command's result into DataLoss (the command
//     did take effect).
//
// The engine thread spins briefly when its queue is empty, then sleeps on a
// futex until a producer wakes it or its next timer is due: producers never
// block (unless they asked for a deadline), and an idle Router burns no core
// (it wakes once per `stats_refresh` to republish its statistics).
//
// Example (tests/router/embedding_example.cc, compiled as a test; the README
// shows it too):
//
//   acd::SystemClock clock;
//   std::vector<acd::HostedEngine> engines;
//   engines.push_back({.engine = *acd::Engine::Create(center)});
//   auto router = *acd::Router::Create({.clock = &clock}, std::move(engines));
//   router->Submit(0, acd::LogIn{.agent = ann}, [](const acd::CommandResult& r) {
//     if (!r.status.ok()) Log(r.status);
//   });
//   router->PollDecisions(0, [](const acd::Decision& d) { Handle(d); });
//
// Thread safety: every public member function may be called from any thread
// at any time, concurrently, except that Stop and the destructor are called
// by one thread (the owner), and the destructor must not race with any
// other call. Submit, Query and the Query* callback forms, PollDecisions,
// ReadStats and Wake take no lock and never wait for the engine thread
// (Submit with a deadline waits for room, by polling, at most until its
// deadline). The blocking queries (GetInteraction, GetAgent,
// ListInteractions, ListAgents) wait for the engine thread until their
// deadline, and refuse (FailedPrecondition) to be called on an engine
// thread.

#ifndef ACD_ROUTER_H_
#define ACD_ROUTER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "acd/clock.h"
#include "acd/commands.h"
#include "acd/decision.h"
#include "acd/engine.h"
#include "acd/journal.h"
#include "acd/observer.h"
#include "acd/stats.h"
#include "acd/time.h"

namespace acd {

namespace router_internal {
class EngineHost;
}  // namespace router_internal

// What a command came to.
struct CommandResult {
  // The engine's answer (engine.h), or the journal's error (the command
  // took effect but could not be journaled: DataLoss-worthy, see Submit).
  absl::Status status;
  // The time the command was applied at (its stamped `now`).
  Time applied_at;
};

// Called exactly once per accepted Submit, on the engine's thread.
using ResultCallback = absl::AnyInvocable<void(const CommandResult&)>;

// One decision or state change, as the engine reported it. A
// DecisionRecord (acd/decision.h; only with RouterOptions::decision_records)
// comes just before the OfferEvent it explains. Handle the alternatives
// with std::get_if or an exhaustive std::visit.
struct Decision {
  std::variant<OfferEvent, InteractionEvent, AgentEvent, DecisionRecord> event;
};

// ---- Queries (see Router::Query) ----

// Runs on the engine thread, between two commands, with the engine as they
// left it. Must be short, must not keep the reference, and must not wait
// for the Router (it may Submit or Query without a deadline).
using EngineQuery = absl::AnyInvocable<void(const Engine&)>;

// Everything a server asks about one live interaction, as of one moment.
// Each field is the engine's answer to its query (acd/engine.h); the
// per-field errors are the engine's: while the interaction is not waiting,
// position is -1 and the wait reason (but for a snoozed callback) and the
// estimates are FailedPrecondition.
struct InteractionInfo {
  // The engine's clock when answered (the last command or timer; queries
  // do not move it).
  Time as_of;
  InteractionView view;
  absl::StatusOr<int64_t> position;
  absl::StatusOr<WaitReason> wait_reason;
  // Engine::EstimateWaitPureConnect (floored at zero) and ...Signed.
  absl::StatusOr<Duration> estimate_pureconnect;
  absl::StatusOr<Duration> estimate_pureconnect_signed;
  // Engine::EstimateWait, the staffing-aware estimate.
  absl::StatusOr<Duration> estimate;
};

// One agent: state, status, activity, assignments, available-since
// (AgentView), as of `as_of`.
struct AgentInfo {
  Time as_of;
  AgentView view;
};

// Live interactions in ascending id order (Engine::ListInteractions).
struct InteractionListing {
  Time as_of;
  std::vector<InteractionView> interactions;
};

// Every configured agent in ascending id order (Engine::ListAgents).
struct AgentListing {
  Time as_of;
  std::vector<AgentView> agents;
};

template <typename T>
using QueryCallback = absl::AnyInvocable<void(absl::StatusOr<T>)>;

// Live statistics. Fields may be added; readers get whole copies, so adding
// a field breaks no reader.
struct PublishedWorkgroup {
  WorkgroupId id;
  // Its configured name as of the publication (AddWorkgroup may have added
  // it after the Router started).
  std::string name;
  // Removed by RemoveWorkgroup: the entry keeps its place (ids are never
  // reused), with an empty name and zero counts and statistics.
  bool removed = false;
  // Running totals since the engine started (acd/engine.h).
  WorkgroupCounters counters;
  // The engine's live statistics (acd/stats.h): waiting, longest wait,
  // agents by state, the current interval's counts and service levels.
  WorkgroupStats stats;
};

struct AgentStats {
  AgentId id;
  // Removed by RemoveAgent: the entry keeps its place, logged out.
  bool removed = false;
  bool logged_in = false;
  StatusId status;
  AgentActivity activity = AgentActivity::kLoggedOut;
  int used_percent = 0;
  // Interactions alerting at, connected to or wrapping up with the agent.
  int interactions = 0;
};

// One published snapshot of an engine: everything in it is as of one moment
// of the engine thread, between two commands.
struct EngineStats {
  // 1, 2, 3, ... per engine, one per publication.
  uint64_t version = 0;
  // The engine's clock at publication.
  Time as_of;
  int64_t commands_applied = 0;   // accepted by the engine
  int64_t commands_rejected = 0;  // answered with an error
  int64_t timer_advances = 0;     // AdvanceTo calls that fired timers
  // Decisions waiting in the engine thread's private backlog because the
  // decision queue was full.
  int64_t decision_backlog = 0;
  // In id order.
  std::vector<PublishedWorkgroup> workgroups;
  std::vector<AgentStats> agents;
};

// An engine to host, and what to tell about it.
struct HostedEngine {
  std::unique_ptr<Engine> engine;
  // Receives every event on the engine thread. Not owned; outlives the
  // Router. Optional.
  Observer* observer = nullptr;
  // Journals what the engine applied. Not owned; used only from the engine
  // thread until the Router stops; outlives the Router. Optional.
  JournalWriter* journal = nullptr;
  // Periodic snapshots (with a journal): every `snapshot_every_records`
  // journal records, the engine thread flushes the journal, saves the
  // engine with `snapshot_codec` (not owned; ProtoStateCodec is the
  // engine's own) and hands the snapshot to `on_snapshot`, which stores it
  // (Recover takes the latest one and the journal after it). A failed save
  // is reported to `on_snapshot` as an empty state and retried at the next
  // period. 0 (the default): no snapshots.
  int64_t snapshot_every_records = 0;
  EngineStateCodec* snapshot_codec = nullptr;
  absl::AnyInvocable<void(EngineSnapshot snapshot)> on_snapshot;
};

struct RouterOptions {
  // Required; not owned; outlives the Router.
  Clock* clock = nullptr;
  // Per engine; rounded up to a power of two. Range 2..2^24. Default 4096.
  int queue_capacity = 4096;
  // Per engine; 0: no decision queue (observers only). Range 0..2^24.
  // Default 4096.
  int decision_queue_capacity = 4096;
  // At most one stats publication per this much clock time; zero publishes
  // after every batch of commands. Default 100 ms.
  Duration stats_interval = Milliseconds(100);
  // Polls of an empty queue (each with a CPU pause) before the engine thread
  // sleeps. Default 2000 (some tens of microseconds).
  int spin_polls = 2000;
  // An idle engine thread (no command, no timer due) republishes its
  // statistics once this much clock time has passed since the last
  // publication, so that `as_of` and the longest wait move without traffic.
  // It first moves the engine's clock to the clock's now (AdvanceTo; no
  // timer is due by then, so nothing fires and no decision changes), so
  // every time-dependent figure (longest wait, the 30-minute windows, the
  // service levels) is as of that moment. With a journal, each such move is
  // journaled as an advance record, so that Recover rebuilds the same
  // clock: at most one small record per period while idle. Zero: off.
  // Default 1 s (a wallboard's tick). Not negative.
  Duration stats_refresh = Seconds(1);
  // Decision records (acd/decision.h) to each hosted observer's OnDecision
  // and, just before the OfferEvent they explain, through PollDecisions.
  // Sets Engine::SetDecisionRecords on every hosted engine. Default off:
  // a record is several hundred bytes and comes with every offer, the
  // engine's runner-up bookkeeping costs time on every routing decision,
  // and a server that does not audit its decisions should pay for neither;
  // existing pollers also see only the event kinds they already handle.
  // Turn on to audit or explain routing.
  bool decision_records = false;
};

class Router {
 public:
  // Starts one thread per engine. InvalidArgument for a missing clock, no
  // engine, a null engine or an option out of range.
  static absl::StatusOr<std::unique_ptr<Router>> Create(RouterOptions options,
                                                        std::vector<HostedEngine> engines);

  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;
  // Stop().
  ~Router();

  int engine_count() const;

  // Queues `command` for engine `engine` (0-based, in the order given to
  // Create). OK: Submit has moved from `done`, which will be called exactly
  // once with the result. Otherwise `done` is left untouched, never called,
  // and can be passed again: ResourceExhausted if the queue is full,
  // FailedPrecondition after Stop began, OutOfRange for a bad index.
  absl::Status Submit(int engine, Command command, ResultCallback&& done = nullptr);

  // As Submit, but while the queue is full retries until `deadline` (real
  // time) before answering ResourceExhausted. Never call it from an engine
  // thread (a callback or observer): it could wait for itself.
  absl::Status Submit(int engine, Command command, ResultCallback&& done,
                      std::chrono::steady_clock::time_point deadline);

  // Moves up to `max` of engine `engine`'s decisions, oldest first, to
  // `handle`; returns how many. Any number of threads may poll; each
  // decision goes to exactly one of them.
  size_t PollDecisions(int engine, absl::FunctionRef<void(const Decision&)> handle,
                       size_t max = SIZE_MAX);

  // A copy of the latest published statistics of engine `engine`; nullopt
  // before the first publication or for a bad index.
  std::optional<EngineStats> ReadStats(int engine) const;

  // ---- Queries on a running engine ----
  //
  // A query travels through the engine's command queue like a command, but
  // is not one: it is not applied, journaled or counted in the statistics
  // and moves no clock. The engine thread answers it when it reaches it,
  // between two commands, by calling its callback there. Consistency:
  // linearizable with the commands of its engine. An answer reflects every
  // command whose Submit returned OK before the query was submitted (and
  // the timers those fired), none submitted after the answer, and is never
  // torn: it is one state the engine was in, as of its clock `as_of`.
  // Queries and commands submitted by one thread are handled in the order
  // submitted. Cost: one queue round trip (README, Router).
  //
  // The callback forms return at once: OK when the query is queued (its
  // callback will be called exactly once, on the engine thread, with the
  // rules of EngineQuery; queued before Stop, it is still answered);
  // otherwise the callback is not called, and the answer is as Submit's:
  // ResourceExhausted when the queue is full, FailedPrecondition after
  // Stop began, OutOfRange for a bad engine index, InvalidArgument for an
  // empty query or callback.

  // The general form: `query` reads the engine (acd/engine.h) directly.
  absl::Status Query(int engine, EngineQuery query);

  // One interaction: NotFound (in the callback) for an interaction that
  // never arrived or has ended; otherwise every field of InteractionInfo.
  absl::Status QueryInteraction(int engine, InteractionId id, QueryCallback<InteractionInfo> done);
  // One agent; NotFound for an unknown agent.
  absl::Status QueryAgent(int engine, AgentId id, QueryCallback<AgentInfo> done);
  // The live interactions, all or (with `workgroup`) those of one
  // workgroup; NotFound for an unknown workgroup.
  absl::Status QueryInteractions(int engine, std::optional<WorkgroupId> workgroup,
                                 QueryCallback<InteractionListing> done);
  absl::Status QueryAgents(int engine, QueryCallback<AgentListing> done);

  // Blocking conveniences: queue the query (retrying while the queue is
  // full, as Submit with a deadline) and wait for its answer until
  // `deadline` (real time). DeadlineExceeded if no answer came by then (the
  // query is still answered later, into nothing); ResourceExhausted if the
  // queue stayed full; FailedPrecondition after Stop, or when called from
  // an engine thread (a callback, observer or query of any Router), where
  // waiting could wait for itself.
  absl::StatusOr<InteractionInfo> GetInteraction(int engine, InteractionId id,
                                                 std::chrono::steady_clock::time_point deadline);
  absl::StatusOr<AgentInfo> GetAgent(int engine, AgentId id,
                                     std::chrono::steady_clock::time_point deadline);
  absl::StatusOr<InteractionListing> ListInteractions(
      int engine, std::optional<WorkgroupId> workgroup,
      std::chrono::steady_clock::time_point deadline);
  absl::StatusOr<AgentListing> ListAgents(int engine,
                                          std::chrono::steady_clock::time_point deadline);

  // Makes every sleeping engine thread look at its clock again (after a
  // ManualClock moved).
  void Wake();

  // Refuses new commands and queries, applies every command already queued
  // (their callbacks run) and answers every query already queued, publishes final statistics,
  // flushes the journals and joins the engine threads. Idempotent. The engines stay alive until the
  // Router is destroyed (`engine()` reads them afterwards).
  void Stop();

  // Engine `engine`, for reading after Stop (never while running: it
  // belongs to its thread).
  const Engine& engine(int engine) const;

 private:
  explicit Router(std::vector<std::unique_ptr<router_internal::EngineHost>> hosts);
  // Queues `query`, retrying until `deadline` while the queue is full (once
  // without one); `query` is left untouched unless OK.
  absl::Status PushQuery(int engine, EngineQuery& query,
                         std::optional<std::chrono::steady_clock::time_point> deadline);
  // Queues `make(done)`'s query and waits for `done` until `deadline`.
  template <typename T, typename Make>
  absl::StatusOr<T> Await(int engine, std::chrono::steady_clock::time_point deadline, Make make);
  std::vector<std::unique_ptr<router_internal::EngineHost>> hosts_;
};

}  // namespace acd

#endif  // ACD_ROUTER_H_
