// lib/router/engine_host.h: one engine, its thread, and its lock-free edges
// (the Router's per-engine part; acd/router.h describes the behaviour).
//
// Thread safety: TryPush, PollDecisions, ReadStats and Wake from any thread;
// Start and Stop from one thread (the Router's owner); everything else,
// including the Observer methods, runs on the engine thread.

#ifndef ACD_LIB_ROUTER_ENGINE_HOST_H_
#define ACD_LIB_ROUTER_ENGINE_HOST_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <thread>

#include "absl/functional/function_ref.h"
#include "acd/router.h"
#include "lib/router/mpmc_queue.h"
#include "lib/router/snapshot_ring.h"
#include "lib/router/wake_signal.h"

namespace acd::router_internal {

// A command and its callback, or (when `query` is set) a query: answered
// on the engine thread between two commands, not applied, journaled or
// counted, and moving no clock.
struct Envelope {
  Command command;
  ResultCallback done;
  EngineQuery query;
};

// Whether the calling thread is an engine thread (of any Router): blocking
// calls refuse to run there, since they could wait for themselves.
bool OnEngineThread();

class EngineHost final : public Observer {
 public:
  EngineHost(HostedEngine hosted, const RouterOptions& options);
  EngineHost(const EngineHost&) = delete;
  EngineHost& operator=(const EngineHost&) = delete;
  ~EngineHost() override;

  void Start();
  // Closes the queue, lets the thread apply what is queued, joins it.
  void Stop();

  // Leaves `envelope` untouched unless it returns kOk.
  PushResult TryPush(Envelope& envelope);
  size_t queue_capacity() const { return queue_.capacity(); }

  size_t PollDecisions(absl::FunctionRef<void(const Decision&)> handle, size_t max);
  std::optional<EngineStats> ReadStats() const { return stats_.Read(); }
  void Wake() { wake_.NotifyAlways(); }
  const Engine& engine() const { return *engine_; }

  void OnOffer(const OfferEvent& event) override;
  void OnDecision(const DecisionRecord& record) override;
  void OnInteraction(const InteractionEvent& event) override;
  void OnAgent(const AgentEvent& event) override;

 private:
  void Run();
  void Apply(Envelope& envelope, Time clock_now);
  bool FireTimers(Time now);
  void Emit(const Decision& decision);
  void FlushBacklog();
  void MaybePublish(Time now, bool force);
  // With nothing else to do: once `stats_refresh` has passed since the last
  // publication, moves the engine's clock to `now` (no timer is due, so
  // none fires; journaled as an advance) and publishes.
  void MaybeRefresh(Time now);
  // Takes a snapshot if the journal has grown by the configured period.
  void MaybeSnapshot();
  // Publishes what is dirty, then sleeps until woken, the next timer or the
  // next refresh. `now` is the reading the loop turn worked with.
  void Idle(Time now);

  // Engine thread only (after Start, until the thread is joined).
  std::unique_ptr<Engine> engine_;
  Observer* observer_;
  JournalWriter* journal_;
  const int64_t snapshot_every_;
  EngineStateCodec* snapshot_codec_;
  absl::AnyInvocable<void(EngineSnapshot)> on_snapshot_;
  uint64_t last_snapshot_ = 0;  // next_sequence at the last snapshot
  Clock* clock_;
  const Duration stats_interval_;
  const Duration stats_refresh_;
  const bool decision_records_;
  const int spin_polls_;
  std::deque<Decision> backlog_;
  bool stats_dirty_ = true;
  Time last_publish_;
  // The last idle refresh attempted (MaybeRefresh), published or not;
  // before the first, the earliest time (below any publication's).
  Time last_refresh_ = Time() - (kMaxTime - Time());
  uint64_t version_ = 0;
  int64_t applied_ = 0;
  int64_t rejected_ = 0;
  int64_t timer_advances_ = 0;

  // Shared, lock-free.
  MpmcQueue<Envelope> queue_;
  std::unique_ptr<MpmcQueue<Decision>> decisions_;
  SnapshotRing<EngineStats> stats_;
  WakeSignal wake_;
  // Set once the engine thread has finished: the backlog then belongs to
  // whichever poller claims it.
  std::atomic<bool> exited_{false};
  std::atomic<bool> backlog_claimed_{false};
  std::thread thread_;
};

}  // namespace acd::router_internal

#endif  // ACD_LIB_ROUTER_ENGINE_HOST_H_
