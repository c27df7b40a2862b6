// acdsim compare: two variants of a scenario, paired with common random
// numbers, KPI by KPI.

#include <filesystem>
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
#include "sim/comparison.h"
#include "sim/html_report.h"
#include "sim/paired_runner.h"

namespace acd::sim::cli {
namespace {

constexpr char kAbout[] =
    "Compares side B with side A: `acdsim compare A.txtpb B.txtpb`, or one scenario with "
    "overrides per side, `acdsim compare S.txtpb --set-a PATH=VALUE --set-b PATH=VALUE` (--set "
    "applies to both sides, before --set-a and --set-b). Both sides run the same replications "
    "with the same seed: replication r of each uses random substream r, so the same customers "
    "arrive at the same times with the same handle times, patience and choices (common random "
    "numbers). That holds when the sides have the same contact types in the same order (else "
    "compare refuses) and the same agent groups in the same order (else it warns: the streams "
    "of agent behaviour, and with another number of groups those of the contacts' own "
    "choices, busyness and balking, are numbered after the groups; the agent groups' own KPIs "
    "are then left out); changing counts, rates, distributions' "
    "parameters, routing rules or shifts keeps it. The sides run in lock step, so memory "
    "does not grow with --replications. For every KPI of the total, each workgroup and each "
    "contact type: A's and B's means, the paired difference B - A with the half-width of its "
    "95% interval, the half-width two independent runs would give (\"unpaired\"), the "
    "variance reduction (unpaired / paired)^2, which way is better, and a verdict: better, "
    "worse, no significant difference (the paired interval holds 0), or not compared (a KPI "
    "without a direction: volumes, handle times, occupancy, utilization). Each verdict is a "
    "test at 95% on its own. Exit status: 0 no significant difference in any judged total "
    "KPI, 1 B significantly worse in at least one judged total KPI, 3 B better in at least "
    "one and worse in none, 2 a bad command line or input (a missing file, a bad --set, "
    "sides that cannot be paired; sides whose files give other seeds or replication counts "
    "without --seed or --replications).";

struct CompareCommand {
  FlagSet flags{"compare"};
  std::vector<std::string> paths;
  std::vector<std::string> both;
  std::vector<std::string> only_a;
  std::vector<std::string> only_b;
  RunFlags run;
  ProgressFlags progress;
  std::optional<std::string> json_path;
  std::optional<std::string> csv_dir;
  std::optional<std::string> html_path;

  CompareCommand() {
    flags.AddPositional("SCENARIO",
                        "Side A's scenario file, then side B's; with one, both sides start from "
                        "it; with none, from the shipped default scenario.",
                        0, 2, [this](const std::string& value) {
                          paths.push_back(value);
                          return absl::OkStatus();
                        });
    const auto add = [](std::vector<std::string>& out) {
      return [&out](const std::string& value) {
        out.push_back(value);
        return absl::OkStatus();
      };
    };
    flags.AddValue("--set", "PATH=VALUE", absl::StrCat("On both sides. ", kSetHelp), add(both));
    flags.AddValue("--set-a", "PATH=VALUE", "Like --set, on side A only (after --set).",
                   add(only_a));
    flags.AddValue("--set-b", "PATH=VALUE", "Like --set, on side B only (after --set).",
                   add(only_b));
    run.Register(flags, /*parts=*/false);
    flags.AddValue("--json", "FILE",
                   "Also write the comparison as JSON to FILE (\"-\": standard output; the "
                   "table then goes to standard error): {\"version\", \"kind\": \"comparison\", "
                   "\"a\" and \"b\": {\"scenario\", \"file\", \"overrides\"}, \"seed\", "
                   "\"replications\", \"service_level_s\", \"interval_s\", \"total\", "
                   "\"workgroups\", \"contact_types\", \"intervals\", \"contact_type_intervals\", "
                   "\"total_intervals\"}, each KPI as {\"a\", \"b\", \"diff\", \"ci95\", "
                   "\"unpaired_ci95\", \"better\", \"verdict\"}.",
                   StoreNonEmpty(json_path, "a file name"));
    flags.AddValue("--csv", "DIR",
                   "Also write, in DIR (created if needed), intervals.csv, "
                   "contact_type_intervals.csv and total_intervals.csv: one row per member and "
                   "interval, for every KPI <kpi>_a, _b, _diff, _ci95, _unpaired_ci95 and "
                   "_verdict. The sides' files and overrides are in the table and the JSON only.",
                   StoreNonEmpty(csv_dir, "a directory"));
    flags.AddValue("--html", "FILE",
                   "Also write the comparison as one self-contained HTML page to FILE (\"-\": "
                   "standard output): per interval for the total, each workgroup and each "
                   "contact type, SVG charts of the paired difference B - A with its 95% band "
                   "and the zero line, and the KPI tables with verdicts. The same page as "
                   "`acdsim report` of the --json file.",
                   StoreNonEmpty(html_path, "a file name"));
    progress.Register(flags);
  }
};

// Side `name`'s scenario: `path` with the shared overrides, then its own.
absl::StatusOr<LoadedScenario> LoadSide(const char* name, const std::optional<std::string>& path,
                                        const std::vector<std::string>& both,
                                        const std::vector<std::string>& own) {
  std::vector<std::string> overrides = both;
  overrides.insert(overrides.end(), own.begin(), own.end());
  absl::StatusOr<LoadedScenario> loaded = LoadScenarioWithOverrides(path, std::move(overrides));
  if (!loaded.ok()) {
    return absl::Status(loaded.status().code(),
                        absl::StrCat("side ", name, ": ", loaded.status().message()));
  }
  return loaded;
}

// One replication count and one seed for both sides: the flags', or the
// scenarios' when they agree.
absl::StatusOr<PairedOptions> PairedOptionsFor(const RunOptions& options, const Scenario& a,
                                               const Scenario& b) {
  PairedOptions paired{.replications = options.replications.value_or(a.replications),
                       .seed = options.seed.value_or(a.seed),
                       .threads = options.threads};
  if (!options.replications && a.replications != b.replications) {
    return absl::InvalidArgumentError(
        absl::StrCat("side A has ", a.replications, " replications and side B ", b.replications,
                     ": give --replications to run both with the same number"));
  }
  if (!options.seed && a.seed != b.seed) {
    return absl::InvalidArgumentError(absl::StrCat("side A's seed is ", a.seed, " and side B's ",
                                                   b.seed,
                                                   ": common random numbers need one seed; give "
                                                   "--seed"));
  }
  return paired;
}

// The JSON and CSV files, checked writable before the run.
struct CompareOutputs {
  std::optional<OutputFile> json;
  std::optional<OutputFile> html;
  std::vector<std::pair<const char*, OutputFile>> csv;

  absl::Status Open(const CompareCommand& command) {
    if (command.json_path) {
      ACD_ASSIGN_OR_RETURN(OutputFile file, OutputFile::Create(*command.json_path, "the JSON"));
      json.emplace(std::move(file));
    }
    if (command.html_path) {
      ACD_ASSIGN_OR_RETURN(OutputFile file,
                           OutputFile::Create(*command.html_path, "the HTML report"));
      html.emplace(std::move(file));
    }
    if (!command.csv_dir) return absl::OkStatus();
    ACD_RETURN_IF_ERROR(PrepareDirectory(*command.csv_dir, "the CSV files"));
    for (const auto& [file, slice] : {std::pair{"intervals.csv", "workgroups"},
                                      std::pair{"contact_type_intervals.csv", "contact_types"},
                                      std::pair{"total_intervals.csv", "total"}}) {
      ACD_ASSIGN_OR_RETURN(
          OutputFile out,
          OutputFile::Create((std::filesystem::path(*command.csv_dir) / file).string(),
                             "the CSV files"));
      csv.emplace_back(slice, std::move(out));
    }
    return absl::OkStatus();
  }

  absl::Status Write(const Comparison& comparison) {
    const std::string json_text = json || html ? FormatComparisonJson(comparison) : "";
    if (json) {
      ACD_RETURN_IF_ERROR(json->Write(json_text));
      ACD_RETURN_IF_ERROR(json->Commit());
    }
    if (html) {
      // From the JSON, so that `acdsim report` of the JSON file is this page.
      ACD_ASSIGN_OR_RETURN(const std::string page, HtmlReport(json_text, "the comparison"));
      ACD_RETURN_IF_ERROR(html->Write(page));
      ACD_RETURN_IF_ERROR(html->Commit());
    }
    for (auto& [slice, file] : csv) {
      ACD_RETURN_IF_ERROR(file.Write(FormatComparisonCsv(comparison, slice)));
      ACD_RETURN_IF_ERROR(file.Commit());
    }
    return absl::OkStatus();
  }
};

// Runs the comparison and writes it; returns the exit status.
absl::StatusOr<int> Compare(CompareCommand& command) {
  std::optional<std::string> path_a, path_b;
  if (!command.paths.empty()) path_a = path_b = command.paths[0];
  if (command.paths.size() == 2) path_b = command.paths[1];
  if (command.json_path == "-" && command.html_path == "-") {
    return absl::InvalidArgumentError(
        "--json - and --html -: only one output can go to standard output");
  }
  ACD_ASSIGN_OR_RETURN(LoadedScenario a, LoadSide("A", path_a, command.both, command.only_a));
  ACD_ASSIGN_OR_RETURN(LoadedScenario b, LoadSide("B", path_b, command.both, command.only_b));
  ACD_ASSIGN_OR_RETURN(const RunOptions options, command.run.Options(a.scenario));
  ACD_ASSIGN_OR_RETURN(PairedOptions paired, PairedOptionsFor(options, a.scenario, b.scenario));
  std::vector<std::string> warnings;
  ACD_RETURN_IF_ERROR(CheckCommonRandomNumbers(a.scenario, b.scenario, warnings));
  for (const std::string& warning : warnings) fmt::print(stderr, "acdsim: warning: {}\n", warning);
  CompareOutputs outputs;
  ACD_RETURN_IF_ERROR(outputs.Open(command));

  ProgressMeter meter = command.progress.Meter(paired.replications);
  paired.on_replication_done = [&meter] { meter.Done(); };
  const ComparisonSide side_a{a.scenario.name, a.file, a.overrides};
  const ComparisonSide side_b{b.scenario.name, b.file, b.overrides};
  absl::StatusOr<Comparison> comparison =
      RunPaired(std::move(a.scenario), std::move(b.scenario), paired);
  meter.Finish();
  ACD_RETURN_IF_ERROR(comparison.status());
  comparison->a = side_a;
  comparison->b = side_b;
  fmt::print(command.json_path == "-" || command.html_path == "-" ? stderr : stdout, "{}",
             FormatComparisonTable(*comparison));
  ACD_RETURN_IF_ERROR(outputs.Write(*comparison));
  return ComparisonExitStatus(*comparison);
}

}  // namespace

std::string CompareHelp() { return SubcommandHelp(CompareCommand().flags, kAbout); }

int CompareMain(const std::vector<std::string>& args) {
  CompareCommand command;
  return SubcommandMain(command.flags, args, CompareHelp, [&] {
    // 2 for every error, since 1 means "B is worse".
    const absl::StatusOr<int> status = Compare(command);
    if (!status.ok()) {
      fmt::print(stderr, "acdsim: {}\n", status.status().message());
      return 2;
    }
    return *status;
  });
}

}  // namespace acd::sim::cli
