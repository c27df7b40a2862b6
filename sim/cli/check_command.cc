// acdsim check: a regression check for CI; runs a scenario and compares its
// JSON report with a stored golden one (sim/golden.h).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/format.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/cli/common_flags.h"
#include "sim/cli/subcommands.h"
#include "sim/golden.h"
#include "sim/json.h"
#include "sim/json_reader.h"

namespace acd::sim::cli {
namespace {

constexpr char kAbout[] =
    "Runs SCENARIO as `acdsim run` would and compares the JSON report it makes (the bytes of "
    "`run --json`) with the golden file FILE. --mode exact (the default): the bytes must be "
    "identical, and the golden must have the run's seed and replications; a failure lists the "
    "values that differ (\"workgroups.Billing.service_level.mean: 0.81 -> 0.79\"). --mode "
    "statistical: every KPI of the total, the workgroups and the contact types must agree "
    "within the two studies' combined 95% interval, |mean - golden| <= sqrt(h^2 + "
    "h_golden^2), so another seed or random-number use passes and a real move fails; each KPI "
    "is its own 5% test, so between two seeds a few KPIs in a hundred fail by chance, and "
    "--interval-scale 2 is the quieter check across seeds. Keys in one report and not the "
    "other are listed in both modes. Exit status: 0 pass, 1 regression, "
    "2 a bad command line or input (no golden, a malformed one, a golden of another scenario "
    "or, in exact mode, of another seed or size). --update writes FILE from this run instead "
    "(whole, by a rename) and says what changed.";

struct CheckCommand {
  FlagSet flags{"check"};
  ScenarioFlags scenario;
  RunFlags run;
  ProgressFlags progress;
  std::optional<std::string> golden_path;
  GoldenMode mode = GoldenMode::kExact;
  bool update = false;
  StatisticalOptions statistical;
  int show = 20;

  CheckCommand() {
    scenario.Register(flags);
    flags.AddValue("--golden", "FILE",
                   "The golden report to compare with (required): JSON as `acdsim run --json` "
                   "or `acdsim check --update` writes it.",
                   StoreNonEmpty(golden_path, "a file name"));
    flags.AddValue("--mode", "MODE", "exact (default) or statistical; see above.",
                   [this](const std::string& value) -> absl::Status {
                     ACD_ASSIGN_OR_RETURN(mode, ParseGoldenMode(value));
                     return absl::OkStatus();
                   });
    flags.AddSwitch("--update",
                    "Write the golden FILE from this run (replacing it whole) instead of "
                    "comparing; says whether and where its values changed.",
                    [this] { update = true; });
    flags.AddSwitch("--intervals",
                    "Statistical mode: also compare every reporting interval's KPIs.",
                    [this] { statistical.intervals = true; });
    flags.AddValue("--interval-scale", "K",
                   "Statistical mode: widen every combined interval K times (1..100, default "
                   "1, the 5% test per KPI), for a check across seeds that must stay quiet.",
                   [this](const std::string& value) {
                     int k = 1;
                     ACD_RETURN_IF_ERROR(ParseInt(value, 1, 100, &k));
                     statistical.interval_scale = k;
                     return absl::OkStatus();
                   });
    flags.AddValue("--show", "N", "List at most N differences (0..100000, default 20).",
                   [this](const std::string& value) { return ParseInt(value, 0, 100000, &show); });
    run.Register(flags, /*parts=*/false);
    progress.Register(flags);
  }
};

// "acdsim: <message>" on standard error; returns 2: an input error, or a
// run that failed. Exit status 1 is kept for a regression.
int InputError(const absl::Status& status) {
  fmt::print(stderr, "acdsim: {}\n", status.message());
  return 2;
}

// What a report of this run will say about itself, to check a golden
// before running.
ParsedJson Header(const LoadedScenario& loaded, const RunOptions& options) {
  const std::string text = absl::StrCat(
      "{\"scenario\": ", JsonQuote(loaded.scenario.name),
      ", \"seed\": ", options.seed.value_or(loaded.scenario.seed),
      ", \"replications\": ", options.replications.value_or(loaded.scenario.replications), "}");
  return *ReadJson(text, "the run's header");
}

// The run's JSON report.
absl::StatusOr<std::string> RunReport(LoadedScenario loaded, RunOptions options,
                                      const CheckCommand& command) {
  ACD_ASSIGN_OR_RETURN(const Aggregate aggregate,
                       RunLoaded(std::move(loaded), std::move(options), command.progress));
  return FormatJson(ReportOf(aggregate));
}

// --update: writes the golden whole and says what changed.
int Update(const CheckCommand& command, LoadedScenario loaded, const RunOptions& options) {
  const std::string& path = *command.golden_path;
  absl::StatusOr<OutputFile> out = OutputFile::Create(path, "the golden");
  if (!out.ok()) return InputError(out.status());
  absl::StatusOr<GoldenFile> old = ReadGoldenFile(path);
  const ParsedJson header = Header(loaded, options);
  absl::StatusOr<std::string> now = RunReport(std::move(loaded), options, command);
  if (!now.ok()) return InputError(now.status());
  if (absl::Status s = out->Write(*now); !s.ok()) return InputError(s);
  if (absl::Status s = out->Commit(); !s.ok()) return InputError(s);
  std::string what = "new";
  if (old.ok() && old->text == *now) {
    what = "unchanged";
  } else if (old.ok()) {
    absl::StatusOr<ParsedJson> after = ReadJson(*now, "the run's report");
    if (after.ok()) {
      const GoldenComparison c = CompareExact(old->text, old->report, *now, *after);
      what = absl::StrCat(c.differences.size(), " of ", c.compared, " values changed");
    }
  } else if (!absl::IsNotFound(old.status())) {
    what = "replaced a file that was not a golden report";
  }
  fmt::print(
      "acdsim check: wrote golden {} ({} bytes; scenario {}, seed {}, {} replications): {}\n", path,
      now->size(), JsonSummary(*header.Find("scenario")), JsonSummary(*header.Find("seed")),
      JsonSummary(*header.Find("replications")), what);
  return 0;
}

// Prints the result of comparison `c` of the run described by `against`,
// listing at most `show` differences; returns the exit status.
int Verdict(const GoldenComparison& c, const std::string& against, int show) {
  const bool exact = c.mode == GoldenMode::kExact;
  if (c.passed && exact) {
    fmt::print("acdsim check: pass: {}: identical, {} bytes, {} values\n", against, c.golden_bytes,
               c.compared);
    return 0;
  }
  const std::string skipped =
      c.skipped == 0 ? "" : absl::StrCat(", ", c.skipped, " without an interval skipped");
  if (c.passed) {
    fmt::print("acdsim check: pass: {}: {} KPIs within their combined 95% intervals{}\n", against,
               c.compared, skipped);
    return 0;
  }
  if (exact) {
    fmt::print("acdsim check: REGRESSION: {}: {} of {} values differ (exact mode):\n", against,
               c.differences.size(), c.compared);
  } else {
    fmt::print(
        "acdsim check: REGRESSION: {}: {} of {} KPIs outside their combined 95% intervals "
        "(statistical mode{}):\n",
        against, c.differences.size(), c.compared, skipped);
  }
  fmt::print("{}", FormatDifferences(c, show));
  return 1;
}

int Check(const CheckCommand& command) {
  if (!command.golden_path) return UsageError("--golden FILE is required");
  if (*command.golden_path == "-") return UsageError("--golden -: the golden must be a file");
  absl::StatusOr<LoadedScenario> loaded = command.scenario.Load();
  if (!loaded.ok()) return InputError(loaded.status());
  absl::StatusOr<RunOptions> options = command.run.Options(loaded->scenario);
  if (!options.ok()) return UsageError(options.status().message());
  if (command.update) return Update(command, *std::move(loaded), *options);

  const std::string& path = *command.golden_path;
  absl::StatusOr<GoldenFile> golden = ReadGoldenFile(path);
  if (!golden.ok()) return InputError(golden.status());
  const ParsedJson header = Header(*loaded, *options);
  if (absl::Status s = CheckGoldenFits(golden->report, header, command.mode, path); !s.ok()) {
    return InputError(s);
  }
  absl::StatusOr<std::string> now_text = RunReport(*std::move(loaded), *options, command);
  if (!now_text.ok()) return InputError(now_text.status());
  absl::StatusOr<ParsedJson> now = ReadJson(*now_text, "the run's report");
  if (!now.ok()) return InputError(now.status());  // a bug: FormatJson writes JSON

  const bool exact = command.mode == GoldenMode::kExact;
  const GoldenComparison c = exact ? CompareExact(golden->text, golden->report, *now_text, *now)
                                   : CompareStatistical(golden->report, *now, command.statistical);
  return Verdict(
      c,
      absl::StrCat(JsonSummary(*header.Find("scenario")), " (seed ",
                   JsonSummary(*header.Find("seed")), ", ",
                   JsonSummary(*header.Find("replications")), " replications) against ", path),
      command.show);
}

}  // namespace

std::string CheckHelp() { return SubcommandHelp(CheckCommand().flags, kAbout); }

int CheckMain(const std::vector<std::string>& args) {
  CheckCommand command;
  return SubcommandMain(command.flags, args, CheckHelp, [&] { return Check(command); });
}

}  // namespace acd::sim::cli
