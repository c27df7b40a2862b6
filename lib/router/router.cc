#include "acd/router.h"

#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/router/engine_host.h"

namespace acd {

using router_internal::EngineHost;
using router_internal::Envelope;
using router_internal::PushResult;

namespace {

constexpr int kMaxCapacity = 1 << 24;

absl::Status ValidateOptions(const RouterOptions& options,
                             const std::vector<HostedEngine>& engines) {
  if (options.clock == nullptr) return absl::InvalidArgumentError("router: options.clock is null");
  if (options.queue_capacity < 2 || options.queue_capacity > kMaxCapacity) {
    return absl::InvalidArgumentError(absl::StrCat(
        "router: options.queue_capacity ", options.queue_capacity, " is not in 2..", kMaxCapacity));
  }
  if (options.decision_queue_capacity < 0 || options.decision_queue_capacity > kMaxCapacity) {
    return absl::InvalidArgumentError(absl::StrCat("router: options.decision_queue_capacity ",
                                                   options.decision_queue_capacity,
                                                   " is not in 0..", kMaxCapacity));
  }
  if (options.stats_interval < Duration::Zero()) {
    return absl::InvalidArgumentError("router: options.stats_interval is negative");
  }
  if (options.spin_polls < 0)
    return absl::InvalidArgumentError("router: options.spin_polls is negative");
  if (options.stats_refresh < Duration::Zero()) {
    return absl::InvalidArgumentError("router: options.stats_refresh is negative");
  }
  if (engines.empty()) return absl::InvalidArgumentError("router: no engine to host");
  for (size_t i = 0; i < engines.size(); ++i) {
    if (engines[i].engine == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("router: engines[", i, "].engine is null"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Router>> Router::Create(RouterOptions options,
                                                       std::vector<HostedEngine> engines) {
  if (absl::Status status = ValidateOptions(options, engines); !status.ok()) return status;
  std::vector<std::unique_ptr<EngineHost>> hosts;
  for (HostedEngine& hosted : engines) {
    hosts.push_back(std::make_unique<EngineHost>(std::move(hosted), options));
  }
  for (auto& host : hosts) host->Start();
  return std::unique_ptr<Router>(new Router(std::move(hosts)));
}

Router::Router(std::vector<std::unique_ptr<EngineHost>> hosts) : hosts_(std::move(hosts)) {}

Router::~Router() { Stop(); }

int Router::engine_count() const { return static_cast<int>(hosts_.size()); }

absl::Status Router::Submit(int engine, Command command, ResultCallback&& done) {
  if (engine < 0 || engine >= engine_count()) {
    return absl::OutOfRangeError(absl::StrCat("router: no engine ", engine));
  }
  Envelope envelope{.command = std::move(command), .done = std::move(done)};
  const PushResult pushed = hosts_[engine]->TryPush(envelope);
  if (pushed == PushResult::kOk) return absl::OkStatus();
  done = std::move(envelope.done);  // back to the caller, untouched
  switch (pushed) {
    case PushResult::kOk:
      break;
    case PushResult::kFull:
      return absl::ResourceExhaustedError(
          absl::StrCat("router: engine ", engine, "'s queue is full (",
                       hosts_[engine]->queue_capacity(), " commands)"));
    case PushResult::kClosed:
      break;
  }
  return absl::FailedPreconditionError("router: stopped");
}

absl::Status Router::Submit(int engine, Command command, ResultCallback&& done,
                            std::chrono::steady_clock::time_point deadline) {
  if (engine < 0 || engine >= engine_count()) {
    return absl::OutOfRangeError(absl::StrCat("router: no engine ", engine));
  }
  Envelope envelope{.command = std::move(command), .done = std::move(done)};
  // Back off: spin a little, then yield, then sleep in short steps, never
  // past the deadline. No lock: every attempt is one TryPush.
  for (int attempt = 0;; ++attempt) {
    const PushResult pushed = hosts_[engine]->TryPush(envelope);
    if (pushed == PushResult::kOk) return absl::OkStatus();
    if (pushed == PushResult::kClosed) {
      done = std::move(envelope.done);
      return absl::FailedPreconditionError("router: stopped");
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      done = std::move(envelope.done);
      return absl::ResourceExhaustedError(
          absl::StrCat("router: engine ", engine, "'s queue stayed full until the deadline (",
                       hosts_[engine]->queue_capacity(), " commands)"));
    }
    if (attempt < 16) continue;
    if (attempt < 64) {
      std::this_thread::yield();
      continue;
    }
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        deadline - now, std::chrono::microseconds(50)));
  }
}

size_t Router::PollDecisions(int engine, absl::FunctionRef<void(const Decision&)> handle,
                             size_t max) {
  if (engine < 0 || engine >= engine_count()) return 0;
  return hosts_[engine]->PollDecisions(handle, max);
}

std::optional<EngineStats> Router::ReadStats(int engine) const {
  if (engine < 0 || engine >= engine_count()) return std::nullopt;
  return hosts_[engine]->ReadStats();
}

void Router::Wake() {
  for (auto& host : hosts_) host->Wake();
}

void Router::Stop() {
  for (auto& host : hosts_) host->Stop();
}

const Engine& Router::engine(int engine) const { return hosts_.at(engine)->engine(); }

}  // namespace acd
