// acdsim run: simulate a scenario, or one part of a study of it, and report
// its KPIs.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/cli/common_flags.h"
#include "sim/cli/subcommands.h"
#include "sim/forecast.h"
#include "sim/kpi_plan.h"
#include "sim/partial_result.h"
#include "sim/replication_rows.h"

namespace acd::sim::cli {
namespace {

constexpr char kAbout[] =
    "Runs SCENARIO's replications through the acd engine and prints a table of KPIs per "
    "workgroup: each a mean over the replications with the half-width of its 95% Student-t "
    "confidence interval. With --shard or --replication-range it runs only part of the "
    "study; --partial then writes what `acdsim merge` needs to report the whole study, "
    "byte for byte as one run would. Every output path is checked before the run starts; "
    "one output FILE may be \"-\", standard output (the table then goes to standard error).";

// run's own flags, beside the shared ones.
struct RunOutputs {
  std::optional<std::string> trace_path;
  std::optional<std::string> partial_path;
  std::optional<std::string> rows_path;
  std::optional<OutputFile> trace;
  std::optional<OutputFile> partial;
  std::optional<OutputFile> rows;
  std::optional<std::string> snapshot_at;
  std::optional<std::string> snapshot_path;
  std::optional<OutputFile> snapshot;

  void Register(FlagSet& flags) {
    const auto path = [](std::optional<std::string>& out) {
      return StoreNonEmpty(out, "a file name");
    };
    flags.AddValue("--trace", "FILE",
                   "Also write the first replication's event trace to FILE as JSON Lines: time, "
                   "event, contact, contact type, workgroup, agent, and details (see "
                   "sim/trace.h).",
                   path(trace_path));
    flags.AddValue("--partial", "FILE",
                   "Also write the partial result of the replications run to FILE "
                   "(acd/proto/partial_result.proto: the scenario's fingerprint, the seed, the "
                   "replication range and every KPI's sufficient statistics), for acdsim merge.",
                   path(partial_path));
    flags.AddValue("--replications-out", "FILE",
                   "Also write each replication's own KPI values to FILE, one row per "
                   "replication, slice member and KPI, in replication order: CSV "
                   "(replication,slice,member,kpi,value), or JSON Lines when FILE ends in "
                   "\".jsonl\".",
                   path(rows_path));
    flags.AddValue("--snapshot-at", "TIME",
                   "With --snapshot-out: when to take the engine state of the first replication "
                   "run, in seconds from the scenario's start or as a clock time HH:MM (with "
                   "day_start_s); every event before TIME has run.",
                   StoreNonEmpty(snapshot_at, "a time"));
    flags.AddValue("--snapshot-out", "FILE",
                   "Also write that engine state to FILE as the Router's snapshots are written "
                   "(acd/journal.h ProtoStateCodec), for acdsim forecast --state.",
                   path(snapshot_path));
  }

  // The flags of run's own outputs that go to standard output ("-").
  std::vector<std::string> OnStdout() const {
    std::vector<std::string> flags;
    if (trace_path == "-") flags.push_back("--trace");
    if (partial_path == "-") flags.push_back("--partial");
    if (rows_path == "-") flags.push_back("--replications-out");
    if (snapshot_path == "-") flags.push_back("--snapshot-out");
    return flags;
  }

  absl::Status Open() {
    const auto open = [](const std::optional<std::string>& path, const char* what,
                         std::optional<OutputFile>& out) -> absl::Status {
      if (!path) return absl::OkStatus();
      ACD_ASSIGN_OR_RETURN(OutputFile file, OutputFile::Create(*path, what));
      out.emplace(std::move(file));
      return absl::OkStatus();
    };
    ACD_RETURN_IF_ERROR(open(trace_path, "the trace", trace));
    ACD_RETURN_IF_ERROR(open(partial_path, "the partial result", partial));
    ACD_RETURN_IF_ERROR(open(snapshot_path, "the snapshot", snapshot));
    return open(rows_path, "the replications' results", rows);
  }
};

struct RunCommand {
  FlagSet flags{"run"};
  ScenarioFlags scenario;
  RunFlags run;
  ReportFlags report;
  RunOutputs outputs;
  ProgressFlags progress;

  RunCommand() {
    scenario.Register(flags);
    run.Register(flags, /*parts=*/true);
    report.Register(flags);
    outputs.Register(flags);
    progress.Register(flags);
  }
};

// Opens every output, runs, reports.
absl::Status Run(LoadedScenario loaded, RunOptions options, RunCommand& command) {
  ACD_RETURN_IF_ERROR(command.report.Open());
  RunOutputs& outputs = command.outputs;
  ACD_RETURN_IF_ERROR(outputs.Open());

  std::string trace;
  if (outputs.trace) options.trace = &trace;
  if (outputs.rows) {
    auto rows = std::make_shared<ReplicationRows>(KpiPlan::For(loaded.scenario).layout(),
                                                  RowFormatFor(outputs.rows->path()));
    ACD_RETURN_IF_ERROR(outputs.rows->Write(rows->Header()));
    options.on_replication = [rows, &outputs](int r, std::span<const double> values) {
      return outputs.rows->Write(rows->Rows(r, values));
    };
  }
  std::string snapshot;
  if (outputs.snapshot) {
    ACD_ASSIGN_OR_RETURN(const Time at, ParseScenarioTime(*outputs.snapshot_at, loaded.scenario));
    auto scenario = std::make_shared<Scenario>(loaded.scenario);
    if (options.seed) scenario->seed = *options.seed;
    const int first = options.range ? options.range->first : 0;
    options.replicate = [scenario, first, at, &snapshot](int r, std::string* trace) {
      return r == first ? RunReplicationWithSnapshot(*scenario, r, at, &snapshot, trace)
                        : RunReplication(*scenario, r, trace);
    };
  }
  ACD_ASSIGN_OR_RETURN(const Aggregate aggregate,
                       RunLoaded(std::move(loaded), std::move(options), command.progress));

  const Report report = ReportOf(aggregate);
  PrintTable(report, command.report.json_on_stdout() || command.report.html_on_stdout() ||
                         !outputs.OnStdout().empty());
  ACD_RETURN_IF_ERROR(command.report.Write(report));
  if (outputs.trace) {
    ACD_RETURN_IF_ERROR(outputs.trace->Write(trace));
    ACD_RETURN_IF_ERROR(outputs.trace->Commit());
  }
  if (outputs.partial) {
    ACD_RETURN_IF_ERROR(outputs.partial->Write(EncodePartialResult(aggregate)));
    ACD_RETURN_IF_ERROR(outputs.partial->Commit());
  }
  if (outputs.rows) ACD_RETURN_IF_ERROR(outputs.rows->Commit());
  if (outputs.snapshot) {
    ACD_RETURN_IF_ERROR(outputs.snapshot->Write(snapshot));
    ACD_RETURN_IF_ERROR(outputs.snapshot->Commit());
  }
  return absl::OkStatus();
}

}  // namespace

std::string RunHelp() { return SubcommandHelp(RunCommand().flags, kAbout); }

int RunMain(const std::vector<std::string>& args) {
  RunCommand command;
  return SubcommandMain(command.flags, args, RunHelp, [&] {
    std::vector<std::string> on_stdout = command.outputs.OnStdout();
    if (command.report.html_on_stdout()) on_stdout.insert(on_stdout.begin(), "--html");
    if (command.report.json_on_stdout()) on_stdout.insert(on_stdout.begin(), "--json");
    if (on_stdout.size() > 1) {
      return UsageError(absl::StrCat(absl::StrJoin(on_stdout, " - and "),
                                     " -: only one output can go to standard output"));
    }
    if (command.outputs.snapshot_at.has_value() != command.outputs.snapshot_path.has_value()) {
      return UsageError("--snapshot-at and --snapshot-out go together");
    }
    absl::StatusOr<LoadedScenario> loaded = command.scenario.Load();
    if (!loaded.ok()) return Failure(loaded.status());
    absl::StatusOr<RunOptions> options = command.run.Options(loaded->scenario);
    if (!options.ok()) return UsageError(options.status().message());
    const absl::Status status = Run(*std::move(loaded), *std::move(options), command);
    return status.ok() ? 0 : Failure(status);
  });
}

}  // namespace acd::sim::cli
