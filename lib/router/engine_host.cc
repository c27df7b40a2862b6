#include "lib/router/engine_host.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"

namespace acd::router_internal {
namespace {

// Commands applied between two looks at the timers, the backlog and the
// statistics.
constexpr int kBatch = 64;

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

void Stamp(Command& command, Time now) {
  std::visit([now](auto& c) { c.now = now; }, command);
}

// Set for the life of an engine thread.
thread_local bool on_engine_thread = false;

}  // namespace

bool OnEngineThread() { return on_engine_thread; }

EngineHost::EngineHost(HostedEngine hosted, const RouterOptions& options)
    : engine_(std::move(hosted.engine)),
      observer_(hosted.observer),
      journal_(hosted.journal),
      snapshot_every_(hosted.snapshot_every_records),
      snapshot_codec_(hosted.snapshot_codec),
      on_snapshot_(std::move(hosted.on_snapshot)),
      clock_(options.clock),
      stats_interval_(options.stats_interval),
      stats_refresh_(options.stats_refresh),
      decision_records_(options.decision_records),
      spin_polls_(options.spin_polls),
      queue_(static_cast<size_t>(options.queue_capacity)) {
  if (options.decision_queue_capacity > 0) {
    decisions_ =
        std::make_unique<MpmcQueue<Decision>>(static_cast<size_t>(options.decision_queue_capacity));
  }
  engine_->SetDecisionRecords(decision_records_);
  engine_->SetObserver(this);
}

EngineHost::~EngineHost() {
  Stop();
  engine_->SetObserver(nullptr);
}

void EngineHost::Start() {
  thread_ = std::thread([this] { Run(); });
}

void EngineHost::Stop() {
  queue_.Close();
  wake_.NotifyAlways();
  if (thread_.joinable()) thread_.join();
}

PushResult EngineHost::TryPush(Envelope& envelope) {
  const PushResult result = queue_.TryPush(std::move(envelope));
  if (result == PushResult::kOk) wake_.Notify();
  return result;
}

size_t EngineHost::PollDecisions(absl::FunctionRef<void(const Decision&)> handle, size_t max) {
  if (decisions_ == nullptr) return 0;
  size_t n = 0;
  Decision decision;
  while (n < max && decisions_->TryPop(decision)) {
    handle(decision);
    ++n;
  }
  // After the engine thread exits, what it could not fit stays in its
  // backlog; one poller at a time takes it over. Acquire: pairs with the
  // release in Run, so the backlog's last state is visible.
  if (n < max && exited_.load(std::memory_order_acquire)) {
    // Acquire on success: pairs with the release below, handing the backlog
    // from one poller to the next. A poller that loses returns: no waiting.
    if (backlog_claimed_.exchange(true, std::memory_order_acquire)) return n;
    while (n < max && !backlog_.empty()) {
      handle(backlog_.front());
      backlog_.pop_front();
      ++n;
    }
    backlog_claimed_.store(false, std::memory_order_release);
  }
  return n;
}

void EngineHost::OnOffer(const OfferEvent& event) {
  if (observer_ != nullptr) observer_->OnOffer(event);
  Emit(Decision{event});
}

void EngineHost::OnDecision(const DecisionRecord& record) {
  // The engine makes records only while on (set from decision_records_).
  if (observer_ != nullptr) observer_->OnDecision(record);
  Emit(Decision{record});
}

void EngineHost::OnInteraction(const InteractionEvent& event) {
  if (observer_ != nullptr) observer_->OnInteraction(event);
  Emit(Decision{event});
}

void EngineHost::OnAgent(const AgentEvent& event) {
  if (observer_ != nullptr) observer_->OnAgent(event);
  Emit(Decision{event});
}

void EngineHost::Emit(const Decision& decision) {
  if (decisions_ == nullptr) return;
  Decision copy = decision;
  if (backlog_.empty() && decisions_->TryPush(std::move(copy)) == PushResult::kOk) return;
  backlog_.push_back(decision);
}

void EngineHost::FlushBacklog() {
  while (!backlog_.empty()) {
    if (decisions_->TryPush(std::move(backlog_.front())) != PushResult::kOk) return;
    backlog_.pop_front();
  }
}

void EngineHost::Apply(Envelope& envelope, Time clock_now) {
  const Time before = engine_->now();
  const Time now = std::max(clock_now, before);
  Stamp(envelope.command, now);
  absl::Status status = engine_->Apply(envelope.command);
  absl::Status journaled;
  if (status.ok()) {
    ++applied_;
    if (journal_ != nullptr) journaled = journal_->AppendCommand(envelope.command, now);
  } else {
    ++rejected_;
    // A rejected command still moved the clock and fired timers (engine.h):
    // journal that as an advance so that replay does the same.
    if (journal_ != nullptr && engine_->now() != before) {
      journaled = journal_->AppendAdvance(engine_->now(), now);
    }
  }
  if (!journaled.ok()) {
    status = absl::DataLossError(absl::StrCat("router: the engine answered \"", status.ToString(),
                                              "\" but the journal failed: ", journaled.message()));
  }
  if (envelope.done) envelope.done(CommandResult{.status = std::move(status), .applied_at = now});
  envelope.done = nullptr;
  MaybeSnapshot();
}

void EngineHost::MaybeSnapshot() {
  if (snapshot_every_ <= 0 || journal_ == nullptr || snapshot_codec_ == nullptr ||
      journal_->next_sequence() - last_snapshot_ < static_cast<uint64_t>(snapshot_every_)) {
    return;
  }
  // The journal first: a snapshot must never be ahead of the records a
  // recovery would read after it.
  absl::StatusOr<std::string> state =
      journal_->Flush().ok() ? snapshot_codec_->Save(*engine_) : absl::DataLossError("journal");
  if (state.ok()) last_snapshot_ = journal_->next_sequence();  // else retried at the next record
  if (on_snapshot_) {
    on_snapshot_(EngineSnapshot{.next_sequence = journal_->next_sequence(),
                                .state = state.ok() ? *std::move(state) : std::string()});
  }
}

bool EngineHost::FireTimers(Time now) {
  if (engine_->NextDeadline() > now) return false;
  const Time to = std::max(now, engine_->now());
  const absl::Status status = engine_->AdvanceTo(to);
  // `to` is never before the engine's clock. A long way behind it (after a
  // restart, say), the engine stops after kMaxTimersPerAdvance timers
  // (ResourceExhausted) and the next call goes on from where it stopped.
  ACD_CHECK(status.ok() || status.code() == absl::StatusCode::kResourceExhausted);
  ++timer_advances_;
  // A failing journal reports itself on the next command's result.
  if (journal_ != nullptr) (void)journal_->AppendAdvance(engine_->now(), now);
  MaybeSnapshot();
  return true;
}

void EngineHost::MaybePublish(Time now, bool force) {
  if (!stats_dirty_) return;
  if (!force && version_ > 0 && now - last_publish_ < stats_interval_) return;
  const CenterConfig& config = engine_->config();
  const bool published = stats_.Publish([&](EngineStats& s) {
    s.version = version_ + 1;
    s.as_of = engine_->now();
    s.commands_applied = applied_;
    s.commands_rejected = rejected_;
    s.timer_advances = timer_advances_;
    s.decision_backlog = static_cast<int64_t>(backlog_.size());
    s.workgroups.resize(config.workgroups.size());
    for (size_t w = 0; w < s.workgroups.size(); ++w) {
      const WorkgroupId id(static_cast<uint32_t>(w));
      PublishedWorkgroup& out = s.workgroups[w];
      out.id = id;
      // Assigned in place: the slot's string keeps its capacity.
      out.name = config.workgroups[w].name;
      // A removed workgroup (RemoveWorkgroup) keeps its place, empty.
      out.removed = out.name.empty();
      out.counters = out.removed ? WorkgroupCounters{} : *engine_->GetWorkgroupCounters(id);
      out.stats = out.removed ? WorkgroupStats{} : *engine_->GetWorkgroupStats(id);
    }
    s.agents.resize(config.agents.size());
    for (size_t a = 0; a < s.agents.size(); ++a) {
      // A removed agent (RemoveAgent) keeps its place, logged out.
      if (config.agents[a].name.empty()) {
        s.agents[a] = {.id = AgentId(static_cast<uint32_t>(a)), .removed = true};
        continue;
      }
      const AgentView view = *engine_->GetAgent(AgentId(static_cast<uint32_t>(a)));
      s.agents[a] = {.id = view.id,
                     .logged_in = view.logged_in,
                     .status = view.status,
                     .activity = view.activity,
                     .used_percent = view.used_percent,
                     .interactions = static_cast<int>(view.interactions.size())};
    }
  });
  if (!published) return;  // every spare slot is being read; next time
  ++version_;
  last_publish_ = now;
  stats_dirty_ = false;
}

void EngineHost::MaybeRefresh(Time now) {
  if (stats_refresh_ <= Duration::Zero() || version_ == 0 ||
      now - std::max(last_publish_, last_refresh_) < stats_refresh_) {
    return;
  }
  // Counted from this attempt even if no ring slot is free to publish into
  // (readers hold them all): the next attempt waits a whole period, rather
  // than advancing and journaling at every turn of the loop.
  last_refresh_ = now;
  // Nothing is due by `now` (FireTimers ran first and found nothing), so the
  // advance fires no timer and only moves the clock: the statistics
  // (longest wait, the windows of the last 30 minutes) are then as of `now`.
  // Journaled, so that a recovered engine's clock is where this one's is.
  if (now > engine_->now() && engine_->NextDeadline() > now) {
    const absl::Status status = engine_->AdvanceTo(now);
    ACD_CHECK(status.ok());
    if (journal_ != nullptr) (void)journal_->AppendAdvance(engine_->now(), now);
    MaybeSnapshot();
  }
  stats_dirty_ = true;
  MaybePublish(now, /*force=*/true);
}

void EngineHost::Idle(Time now) {
  // Nothing to do: make what we have durable and visible before sleeping.
  // Published as of the loop's reading `now`, never a fresh one: MaybeRefresh
  // ran with `now`, and a later reading would count as a refresh that never
  // moved the engine's clock (a ManualClock moved meanwhile would then wait
  // a whole period for a refresh that never comes).
  if (journal_ != nullptr) (void)journal_->Flush();
  MaybePublish(now, /*force=*/true);
  const uint32_t ticket = wake_.PrepareToSleep();
  if (queue_.ReadyToPop() || queue_.closed()) {
    wake_.CancelSleep();
    return;
  }
  auto timeout = clock_->RealTimeUntil(engine_->NextDeadline());
  if (stats_refresh_ > Duration::Zero()) {
    timeout = std::min(
        timeout, clock_->RealTimeUntil(std::max(last_publish_, last_refresh_) + stats_refresh_));
  }
  if (!backlog_.empty()) {
    // Look again soon for room in the decision queue.
    timeout = std::min<std::chrono::nanoseconds>(timeout, std::chrono::milliseconds(1));
  }
  wake_.Sleep(ticket, timeout);
}

void EngineHost::Run() {
  on_engine_thread = true;
  Envelope envelope;
  for (;;) {
    bool worked = false;
    // One clock reading per batch: the commands taken together share it.
    // It is taken after the batch's first command is popped, so that a
    // command is never stamped with a time its producer's clock had passed
    // when it submitted (a ManualClock set, then a Submit, then the result
    // awaited: each command is stamped with the time set before it).
    int taken = queue_.TryPop(envelope) ? 1 : 0;
    const Time now = clock_->Now();
    while (taken > 0) {
      if (envelope.query) {
        // Between two commands: the engine as every earlier command left it.
        // It ends the batch, so that a command its caller submits after the
        // answer (having moved a ManualClock, say) is stamped with a fresh
        // reading, as the first of a batch is.
        envelope.query(*engine_);
        envelope.query = nullptr;
        break;
      }
      Apply(envelope, now);
      worked = true;
      taken = taken < kBatch && queue_.TryPop(envelope) ? taken + 1 : 0;
    }
    worked = FireTimers(now) || worked;
    if (decisions_ != nullptr) FlushBacklog();
    if (journal_ != nullptr) (void)journal_->MaybeFlush(now);
    if (worked) {
      stats_dirty_ = true;
      MaybePublish(now, /*force=*/false);
      continue;
    }
    MaybeRefresh(now);
    if (queue_.Drained()) break;
    if (queue_.closed()) {
      CpuRelax();  // a producer is still writing a value it pushed before the close
      continue;
    }
    // Nothing to do: poll the queue alone for a while, then sleep.
    int polls = 0;
    while (polls < spin_polls_ && !queue_.ReadyToPop() && !queue_.closed()) {
      CpuRelax();
      ++polls;
    }
    if (polls == spin_polls_) Idle(now);
  }
  if (journal_ != nullptr) (void)journal_->Flush();
  MaybePublish(clock_->Now(), /*force=*/true);
  if (decisions_ != nullptr) FlushBacklog();
  // Release: hands the backlog to the pollers (see PollDecisions).
  exited_.store(true, std::memory_order_release);
}

}  // namespace acd::router_internal
