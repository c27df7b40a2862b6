// Router queries: a query rides the engine's command queue as an envelope
// with no command, and is answered on the engine thread between two
// commands (acd/router.h, "Queries on a running engine").

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/router.h"
#include "lib/router/engine_host.h"
#include "lib/router/wake_signal.h"

namespace acd {

using router_internal::EngineHost;
using router_internal::Envelope;
using router_internal::PushResult;

namespace {

InteractionInfo InfoOf(const Engine& e, InteractionView view) {
  const InteractionId id = view.id;
  return InteractionInfo{.as_of = e.now(),
                         .view = std::move(view),
                         .position = e.GetPosition(id),
                         .wait_reason = e.GetWaitReason(id),
                         .estimate_pureconnect = e.EstimateWaitPureConnect(id),
                         .estimate_pureconnect_signed = e.EstimateWaitPureConnectSigned(id),
                         .estimate = e.EstimateWait(id)};
}

// The typed queries, shared by the callback and the blocking forms.
EngineQuery InteractionQuery(InteractionId id, QueryCallback<InteractionInfo> done) {
  return [id, done = std::move(done)](const Engine& e) mutable {
    absl::StatusOr<InteractionView> view = e.GetInteraction(id);
    if (!view.ok()) return done(view.status());
    done(InfoOf(e, *std::move(view)));
  };
}

EngineQuery AgentQuery(AgentId id, QueryCallback<AgentInfo> done) {
  return [id, done = std::move(done)](const Engine& e) mutable {
    absl::StatusOr<AgentView> view = e.GetAgent(id);
    if (!view.ok()) return done(view.status());
    done(AgentInfo{.as_of = e.now(), .view = *std::move(view)});
  };
}

EngineQuery InteractionsQuery(std::optional<WorkgroupId> workgroup,
                              QueryCallback<InteractionListing> done) {
  return [workgroup, done = std::move(done)](const Engine& e) mutable {
    if (!workgroup.has_value()) {
      return done(InteractionListing{.as_of = e.now(), .interactions = e.ListInteractions()});
    }
    absl::StatusOr<std::vector<InteractionView>> listed = e.ListInteractions(*workgroup);
    if (!listed.ok()) return done(listed.status());
    done(InteractionListing{.as_of = e.now(), .interactions = *std::move(listed)});
  };
}

EngineQuery AgentsQuery(QueryCallback<AgentListing> done) {
  return [done = std::move(done)](const Engine& e) mutable {
    done(AgentListing{.as_of = e.now(), .agents = e.ListAgents()});
  };
}

// Where a blocking call waits for its answer. Shared with the callback, which
// may run after the caller gave up. The engine thread publishes the answer
// and wakes the caller through the Router's own WakeSignal (the caller is its
// one consumer), so it never takes a lock.
template <typename T>
struct Pending {
  std::optional<absl::StatusOr<T>> answer;
  // Seq_cst, as WakeSignal's last check for work requires.
  std::atomic<bool> ready{false};
  router_internal::WakeSignal wake;
};

absl::Status NoCallback() {
  return absl::InvalidArgumentError("router: a query without a callback to answer");
}

}  // namespace

absl::Status Router::PushQuery(int engine, EngineQuery& query,
                               std::optional<std::chrono::steady_clock::time_point> deadline) {
  if (engine < 0 || engine >= engine_count()) {
    return absl::OutOfRangeError(absl::StrCat("router: no engine ", engine));
  }
  // An envelope without a query is a command: an empty one must not pass.
  if (!query) return absl::InvalidArgumentError("router: an empty query");
  Envelope envelope{.query = std::move(query)};
  for (int attempt = 0;; ++attempt) {
    const PushResult pushed = hosts_[engine]->TryPush(envelope);
    if (pushed == PushResult::kOk) return absl::OkStatus();
    query = std::move(envelope.query);  // back to the caller, untouched
    if (pushed == PushResult::kClosed) return absl::FailedPreconditionError("router: stopped");
    const auto now = std::chrono::steady_clock::now();
    if (!deadline.has_value() || now >= *deadline) {
      return absl::ResourceExhaustedError(
          absl::StrCat("router: engine ", engine, "'s queue is full (",
                       hosts_[engine]->queue_capacity(), " commands)"));
    }
    envelope.query = std::move(query);
    // Back off as Submit with a deadline does.
    if (attempt < 16) continue;
    if (attempt < 64) {
      std::this_thread::yield();
      continue;
    }
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        *deadline - now, std::chrono::microseconds(50)));
  }
}

absl::Status Router::Query(int engine, EngineQuery query) {
  return PushQuery(engine, query, std::nullopt);
}

absl::Status Router::QueryInteraction(int engine, InteractionId id,
                                      QueryCallback<InteractionInfo> done) {
  if (!done) return NoCallback();
  return Query(engine, InteractionQuery(id, std::move(done)));
}

absl::Status Router::QueryAgent(int engine, AgentId id, QueryCallback<AgentInfo> done) {
  if (!done) return NoCallback();
  return Query(engine, AgentQuery(id, std::move(done)));
}

absl::Status Router::QueryInteractions(int engine, std::optional<WorkgroupId> workgroup,
                                       QueryCallback<InteractionListing> done) {
  if (!done) return NoCallback();
  return Query(engine, InteractionsQuery(workgroup, std::move(done)));
}

absl::Status Router::QueryAgents(int engine, QueryCallback<AgentListing> done) {
  if (!done) return NoCallback();
  return Query(engine, AgentsQuery(std::move(done)));
}

template <typename T, typename Make>
absl::StatusOr<T> Router::Await(int engine, std::chrono::steady_clock::time_point deadline,
                                Make make) {
  if (router_internal::OnEngineThread()) {
    return absl::FailedPreconditionError(
        "router: a blocking query was called on an engine thread, where it could wait for itself");
  }
  auto pending = std::make_shared<Pending<T>>();
  EngineQuery query = make([pending](absl::StatusOr<T> answer) {
    pending->answer = std::move(answer);
    pending->ready.store(true, std::memory_order_seq_cst);
    pending->wake.Notify();
  });
  if (absl::Status pushed = PushQuery(engine, query, deadline); !pushed.ok()) return pushed;
  while (!pending->ready.load(std::memory_order_seq_cst)) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("router: engine ", engine, " did not answer the query by the deadline"));
    }
    const uint32_t ticket = pending->wake.PrepareToSleep();
    if (pending->ready.load(std::memory_order_seq_cst)) {
      pending->wake.CancelSleep();
      break;
    }
    pending->wake.Sleep(ticket, deadline - now);
  }
  return *std::move(pending->answer);
}

absl::StatusOr<InteractionInfo> Router::GetInteraction(
    int engine, InteractionId id, std::chrono::steady_clock::time_point deadline) {
  return Await<InteractionInfo>(engine, deadline, [id](QueryCallback<InteractionInfo> done) {
    return InteractionQuery(id, std::move(done));
  });
}

absl::StatusOr<AgentInfo> Router::GetAgent(int engine, AgentId id,
                                           std::chrono::steady_clock::time_point deadline) {
  return Await<AgentInfo>(engine, deadline, [id](QueryCallback<AgentInfo> done) {
    return AgentQuery(id, std::move(done));
  });
}

absl::StatusOr<InteractionListing> Router::ListInteractions(
    int engine, std::optional<WorkgroupId> workgroup,
    std::chrono::steady_clock::time_point deadline) {
  return Await<InteractionListing>(engine, deadline,
                                   [workgroup](QueryCallback<InteractionListing> done) {
                                     return InteractionsQuery(workgroup, std::move(done));
                                   });
}

absl::StatusOr<AgentListing> Router::ListAgents(int engine,
                                                std::chrono::steady_clock::time_point deadline) {
  return Await<AgentListing>(engine, deadline, [](QueryCallback<AgentListing> done) {
    return AgentsQuery(std::move(done));
  });
}

}  // namespace acd
