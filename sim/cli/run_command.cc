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
  }

  // The flags of run's own outputs that go to standard output ("-").
  std::vector<std::string> OnStdout() const {
    std::vector<std::string> flags;
    if (trace_path == "-") flags.push_back("--trace");
    if (partial_path == "-") flags.push_back("--partial");
    if (rows_path == "-") flags.push_back("--replications-out");
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
  const int study = options.replications.value_or(loaded.scenario.replications);
  ProgressMeter meter = command.progress.Meter(options.range ? options.range->size() : study);
  options.on_replication_done = [&meter] { meter.Done(); };
  absl::StatusOr<Aggregate> aggregate = RunStudy(std::move(loaded.scenario), options);
  meter.Finish();
  ACD_RETURN_IF_ERROR(aggregate.status());
  aggregate->study.fingerprint = loaded.fingerprint;
  aggregate->study.overrides = loaded.overrides;

  const Report report = ReportOf(*aggregate);
  PrintTable(report, command.report.json_on_stdout() || command.report.html_on_stdout() ||
                         !outputs.OnStdout().empty());
  ACD_RETURN_IF_ERROR(command.report.Write(report));
  if (outputs.trace) {
    ACD_RETURN_IF_ERROR(outputs.trace->Write(trace));
    ACD_RETURN_IF_ERROR(outputs.trace->Commit());
  }
  if (outputs.partial) {
    ACD_RETURN_IF_ERROR(outputs.partial->Write(EncodePartialResult(*aggregate)));
    ACD_RETURN_IF_ERROR(outputs.partial->Commit());
  }
  if (outputs.rows) ACD_RETURN_IF_ERROR(outputs.rows->Commit());
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
    absl::StatusOr<LoadedScenario> loaded = command.scenario.Load();
    if (!loaded.ok()) return Failure(loaded.status());
    absl::StatusOr<RunOptions> options = command.run.Options(loaded->scenario);
    if (!options.ok()) return UsageError(options.status().message());
    const absl::Status status = Run(*std::move(loaded), *std::move(options), command);
    return status.ok() ? 0 : Failure(status);
  });
}

}  // namespace acd::sim::cli
