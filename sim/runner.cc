#include "sim/runner.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/kpi_plan.h"
#include "sim/replication.h"

namespace acd::sim {
namespace {

// Replications waiting to be folded, per thread, at most.
constexpr int kWindowPerThread = 4;

struct Finished {
  std::vector<double> values;
  int64_t events = 0;
};

// Hands out replications to worker threads and folds their results in
// replication order, keeping a bounded window of them in between.
//
// Thread safety: every method may be called from any thread.
class OrderedFolder {
 public:
  using Fold = std::function<absl::Status(int replication, const Finished& finished)>;

  OrderedFolder(ReplicationRange range, int window, Fold fold)
      : next_claim_(range.first),
        next_fold_(range.first),
        end_(range.end),
        window_(window),
        fold_(std::move(fold)) {}

  // The next replication to run, or nullopt when none is left or a
  // replication failed. Waits while `window` replications are ahead of the
  // next one to fold.
  std::optional<int> Claim() {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] {
      return !error_.ok() || next_claim_ >= end_ || next_claim_ < next_fold_ + window_;
    });
    if (!error_.ok() || next_claim_ >= end_) return std::nullopt;
    return next_claim_++;
  }

  // Takes a finished replication; folds it and those waiting for it, in
  // order.
  void Deliver(int replication, absl::StatusOr<Finished> finished) {
    std::lock_guard lock(mu_);
    if (!finished.ok()) {
      Fail(replication, finished.status());
    } else {
      waiting_.emplace(replication, *std::move(finished));
    }
    for (auto it = waiting_.begin(); error_.ok() && it != waiting_.end() && it->first == next_fold_;
         it = waiting_.erase(it)) {
      if (absl::Status folded = fold_(it->first, it->second); !folded.ok()) {
        Fail(it->first, folded);
      }
      ++next_fold_;
    }
    changed_.notify_all();
  }

  // The error of the lowest failed replication seen, or OK.
  absl::Status status() {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  void Fail(int replication, const absl::Status& status) {
    if (error_.ok() || replication < failed_) {
      error_ = status;
      failed_ = replication;
    }
  }

  std::mutex mu_;
  std::condition_variable changed_;
  int next_claim_;
  int next_fold_;
  const int end_;
  const int window_;
  const Fold fold_;
  std::map<int, Finished> waiting_;
  absl::Status error_;
  int failed_ = 0;
};

absl::Status Check(const Scenario& scenario, const RunOptions& options, ReplicationRange range) {
  if (options.threads < 1 || options.threads > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("threads: ", options.threads, " is outside 1..256"));
  }
  if (range.first < 0 || range.first >= range.end || range.end > scenario.replications) {
    return absl::InvalidArgumentError(
        absl::StrCat("replication range ", range.first, ":", range.end,
                     " is not a non-empty part of 0:", scenario.replications));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Aggregate> RunStudy(Scenario scenario, const RunOptions& options) {
  if (options.replications) {
    if (*options.replications < 1 || *options.replications > 100000) {
      return absl::InvalidArgumentError(
          absl::StrCat("replications: ", *options.replications, " is outside 1..100000"));
    }
    scenario.replications = *options.replications;
  }
  if (options.seed) scenario.seed = *options.seed;
  const ReplicationRange range = options.range.value_or(ReplicationRange{0, scenario.replications});
  ACD_RETURN_IF_ERROR(Check(scenario, options, range));

  const KpiPlan plan = KpiPlan::For(scenario);
  if (plan.layout().CellCount() > kMaxKpiCells) {
    return absl::InvalidArgumentError(
        absl::StrCat("the scenario would report ", plan.layout().CellCount(),
                     " KPI cells (slice members x periods x KPIs), more than the ", kMaxKpiCells,
                     " a study may have: fewer reporting intervals, workgroups or contact types"));
  }
  Aggregate aggregate = Aggregate::Start(StudyOf(scenario), plan.layout(), range);
  const int threads = std::min(options.threads, range.size());
  OrderedFolder folder(range, kWindowPerThread * threads,
                       [&](int replication, const Finished& finished) -> absl::Status {
                         aggregate.Add(finished.values, finished.events);
                         if (!options.on_replication) return absl::OkStatus();
                         return options.on_replication(replication, finished.values);
                       });
  auto work = [&] {
    while (std::optional<int> r = folder.Claim()) {
      absl::StatusOr<Finished> finished = [&]() -> absl::StatusOr<Finished> {
        std::string* const trace = *r == range.first ? options.trace : nullptr;
        ACD_ASSIGN_OR_RETURN(ReplicationResult result, options.replicate
                                                           ? options.replicate(*r, trace)
                                                           : RunReplication(scenario, *r, trace));
        Finished out{.events = result.events};
        ACD_RETURN_IF_ERROR(plan.Observe(result, out.values));
        return out;
      }();
      folder.Deliver(*r, std::move(finished));
      if (options.on_replication_done) options.on_replication_done();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  ACD_RETURN_IF_ERROR(folder.status());
  return aggregate;
}

absl::StatusOr<Report> RunScenario(Scenario scenario, const RunOptions& options) {
  ACD_ASSIGN_OR_RETURN(Aggregate aggregate, RunStudy(std::move(scenario), options));
  return ReportOf(aggregate);
}

}  // namespace acd::sim
