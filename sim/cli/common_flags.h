// sim/cli/common_flags.h: what acdsim's subcommands share on the command
// line.
//
// Each group registers its flags in a subcommand's FlagSet
// (sim/cli/flags.h), keeps their values, and does the shared work they stand
// for, so that a subcommand is its own flags plus a few calls:
//
//   ScenarioFlags   SCENARIO and --set PATH=VALUE: loads a scenario file (or
//                   the shipped default), applies the what-if overrides
//                   (sim/overrides.h), fingerprints it
//                   (sim/scenario_source.h);
//   RunFlags        --replications, --seed, --threads, and for a part of a
//                   study --shard K/N or --replication-range FROM:TO;
//   ReportFlags     --json FILE|-, --csv DIR, --html FILE|- (with
//                   --sl-target): checked writable before the run, written
//                   after it;
//   ProgressFlags   --progress auto|always|never.
//
// Example (a subcommand that runs a scenario and reports it):
//
//   FlagSet flags("run");
//   ScenarioFlags scenario_flags;  scenario_flags.Register(flags);
//   RunFlags run_flags;            run_flags.Register(flags, /*parts=*/true);
//   ReportFlags report_flags;      report_flags.Register(flags);
//   ProgressFlags progress_flags;  progress_flags.Register(flags);
//   if (absl::Status s = flags.Parse(args); !s.ok()) return UsageError(s.message());
//   ACD_ASSIGN_OR_RETURN(LoadedScenario loaded, scenario_flags.Load());
//   ACD_ASSIGN_OR_RETURN(RunOptions options, run_flags.Options(loaded.scenario));
//   ACD_RETURN_IF_ERROR(report_flags.Open());
//   ... RunScenario(loaded.scenario, options) ...
//   PrintTable(report, report_flags.json_on_stdout());
//   ACD_RETURN_IF_ERROR(report_flags.Write(report));
//
// Thread safety: none; used on the main thread.

#ifndef ACD_SIM_CLI_COMMON_FLAGS_H_
#define ACD_SIM_CLI_COMMON_FLAGS_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sim/aggregate.h"
#include "sim/cli/flags.h"
#include "sim/cli/output_file.h"
#include "sim/html_report.h"
#include "sim/progress.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "sim/scenario.h"

namespace acd::sim::cli {

// A scenario ready to run, the fingerprint partial results carry, and the
// overrides applied to it (to echo in every output).
struct LoadedScenario {
  Scenario scenario;
  std::string fingerprint;
  std::vector<std::string> overrides;
  // The file it came from, or the shipped default's name.
  std::string file;
};

// Parses the scenario at `path` (unset: the shipped default), applies
// `overrides` in order, then fingerprints and converts it. Errors name file,
// line, column and field, or the override and its failing path component.
absl::StatusOr<LoadedScenario> LoadScenarioWithOverrides(const std::optional<std::string>& path,
                                                         std::vector<std::string> overrides);

// The help of --set, for the subcommands that have it under other names.
extern const char kSetHelp[];

class ScenarioFlags {
 public:
  // SCENARIO (optional) and --set PATH=VALUE (repeatable).
  void Register(FlagSet& flags);
  absl::StatusOr<LoadedScenario> Load() const;

 private:
  std::optional<std::string> path_;
  std::vector<std::string> overrides_;
};

class RunFlags {
 public:
  // With `parts`, also --shard and --replication-range.
  void Register(FlagSet& flags, bool parts);
  // The run's options, the part's range worked out from the study's size
  // (the scenario's replications, or --replications). InvalidArgument for a
  // part that is not within the study (a usage error).
  absl::StatusOr<RunOptions> Options(const Scenario& scenario) const;

 private:
  RunOptions options_;
  // Shard K of N (0 <= K < N).
  std::optional<std::pair<int, int>> shard_;
  std::optional<ReplicationRange> range_;
};

class ReportFlags {
 public:
  void Register(FlagSet& flags);
  // Checks that every output can be written; call it before the run.
  absl::Status Open();
  // Whether the JSON goes to standard output, so the table must not.
  bool json_on_stdout() const { return json_path_ == "-"; }
  // Whether the HTML report goes to standard output, so the table must not.
  bool html_on_stdout() const { return html_path_ == "-"; }
  // Writes the JSON and CSV files and moves them into place.
  absl::Status Write(const Report& report);

 private:
  std::optional<std::string> json_path_;
  std::optional<std::string> csv_dir_;
  std::optional<std::string> html_path_;
  HtmlOptions html_options_;
  std::optional<OutputFile> json_;
  std::optional<OutputFile> html_;
  std::vector<std::pair<IntervalSlice, OutputFile>> csv_;
};

class ProgressFlags {
 public:
  void Register(FlagSet& flags);
  // A meter for `total` replications on standard error.
  ProgressMeter Meter(int total) const;

 private:
  ProgressMode mode_ = ProgressMode::kAuto;
};

// --sl-target FRACTION: the service-level target line of the HTML report.
void RegisterHtmlOptions(FlagSet& flags, HtmlOptions& options);

// A subcommand's help: its usage, `about` (a paragraph on what it does),
// and its arguments and flags.
std::string SubcommandHelp(const FlagSet& flags, const char* about);
// Parses `args` into `flags`, then prints `help` for -h/--help (0), reports
// a bad command line (2), or returns what `run` returns.
int SubcommandMain(FlagSet& flags, const std::vector<std::string>& args,
                   const std::function<std::string()>& help, const std::function<int()>& run);

// The KPI table on standard output, or on standard error when standard
// output carries data.
void PrintTable(const Report& report, bool to_stderr);

// "acdsim: <message> (see 'acdsim --help')" on standard error; returns 2.
int UsageError(absl::string_view message);
// "acdsim: <message>" on standard error; returns 1.
int Failure(const absl::Status& status);

}  // namespace acd::sim::cli

#endif  // ACD_SIM_CLI_COMMON_FLAGS_H_
