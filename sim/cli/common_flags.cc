#include "sim/cli/common_flags.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "acd/format.h"
#include "acd/proto/scenario.pb.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/default_scenario.h"
#include "sim/overrides.h"
#include "sim/scenario_source.h"

namespace acd::sim::cli {
namespace {

// "K/N" (0 <= K < N <= 100000) or "FROM:TO" (0 <= FROM < TO <= 100000).
absl::StatusOr<std::pair<int, int>> ParsePair(const std::string& value, char separator,
                                              const char* form) {
  const size_t at = value.find(separator);
  int64_t a = -1, b = -1;
  if (at == std::string::npos || !absl::SimpleAtoi(value.substr(0, at), &a) ||
      !absl::SimpleAtoi(value.substr(at + 1), &b) || a < 0 || a >= b || b > 100000) {
    return absl::InvalidArgumentError(absl::StrCat("'", value, "' is not ", form));
  }
  return std::pair<int, int>(static_cast<int>(a), static_cast<int>(b));
}

}  // namespace

const char kSetHelp[] =
    "What if: set the scalar scenario field at PATH to VALUE before the scenario is checked "
    "(repeatable; applied in order). PATH is field names joined by '.', a list's element "
    "picked by its name (by workgroup, skill or media where that identifies it) or by index "
    "from 0: horizon_s=3600, agent_groups[es].count=25, agent_groups[0].count=25, "
    "contact_types[voice].patience.exponential.mean_s=90, "
    "contact_types[voice].arrivals.poisson.rates_per_hour[3]=120, "
    "center.workgroups[Tech].agent_order=AGENT_ORDER_ROUND_ROBIN. VALUE: a number, true or "
    "false, an enum value name, or text. A name made of digits goes in double quotes "
    "(agent_groups[\"7\"]). An override cannot switch a oneof (a distribution's "
    "kind). The overrides are echoed in the table (\"Overrides:\"), the JSON (\"overrides\") "
    "and the partial result, not in the CSV files; the scenario's fingerprint is taken after "
    "them.";

absl::StatusOr<LoadedScenario> LoadScenarioWithOverrides(const std::optional<std::string>& path,
                                                         std::vector<std::string> overrides) {
  ACD_ASSIGN_OR_RETURN(ParsedScenario parsed,
                       path ? ParsedScenario::ParseFile(*path)
                            : ParsedScenario::Parse(kDefaultScenarioName, DefaultScenarioText()));
  // Before the fingerprint, so it identifies the scenario as run, and before
  // the conversion, so an overridden value is validated like a written one.
  ACD_RETURN_IF_ERROR(ApplyOverrides(overrides, parsed.message()));
  LoadedScenario loaded{.fingerprint = parsed.Fingerprint(),
                        .overrides = std::move(overrides),
                        .file = path ? *path : std::string(kDefaultScenarioName)};
  ACD_ASSIGN_OR_RETURN(loaded.scenario, parsed.Convert());
  // Likely mistakes do not stop the run, but are never silent.
  for (const std::string& warning : loaded.scenario.warnings) {
    fmt::print(stderr, "acdsim: warning: {}\n", warning);
  }
  return loaded;
}

void ScenarioFlags::Register(FlagSet& flags) {
  flags.AddPositional(
      "SCENARIO",
      "A scenario file following acd/proto/scenario.proto (see scenarios/README.md). Without "
      "it, the shipped default scenario (scenarios/default.txtpb, compiled in).",
      0, 1, [this](const std::string& value) -> absl::Status {
        path_ = value;
        return absl::OkStatus();
      });
  flags.AddValue("--set", "PATH=VALUE", kSetHelp, [this](const std::string& value) {
    overrides_.push_back(value);
    return absl::OkStatus();
  });
}

absl::StatusOr<LoadedScenario> ScenarioFlags::Load() const {
  return LoadScenarioWithOverrides(path_, overrides_);
}

void RunFlags::Register(FlagSet& flags, bool parts) {
  flags.AddValue("--replications", "N",
                 "Independent replications of the study (1..100000); overrides the scenario's "
                 "`replications`. Replication r always uses random substream r, so results do "
                 "not depend on how the study is split.",
                 [this](const std::string& value) {
                   int n = 0;
                   ACD_RETURN_IF_ERROR(ParseInt(value, 1, 100000, &n));
                   options_.replications = n;
                   return absl::OkStatus();
                 });
  flags.AddValue("--seed", "S",
                 "Seed of every random stream (0..2^64-1); overrides the scenario's `seed`. "
                 "Same scenario and seed, same results, byte for byte.",
                 [this](const std::string& value) {
                   uint64_t seed = 0;
                   ACD_RETURN_IF_ERROR(ParseUint64(value, &seed));
                   options_.seed = seed;
                   return absl::OkStatus();
                 });
  flags.AddValue(
      "--threads", "T",
      "Run replications on T threads (1..256, default 1). The results are "
      "byte-identical for every T.",
      [this](const std::string& value) { return ParseInt(value, 1, 256, &options_.threads); });
  if (!parts) return;
  flags.AddValue("--shard", "K/N",
                 "Run only shard K of N (0 <= K < N) of the study's replications: replications "
                 "floor(K*R/N) to floor((K+1)*R/N)-1 of R. With --partial, for acdsim merge.",
                 [this](const std::string& value) -> absl::Status {
                   ACD_ASSIGN_OR_RETURN(shard_,
                                        ParsePair(value, '/', "K/N with 0 <= K < N <= 100000"));
                   return absl::OkStatus();
                 });
  flags.AddValue("--replication-range", "FROM:TO",
                 "Run only replications FROM to TO-1 of the study (0 <= FROM < TO <= R). With "
                 "--partial, for acdsim merge.",
                 [this](const std::string& value) -> absl::Status {
                   ACD_ASSIGN_OR_RETURN(
                       const auto pair,
                       ParsePair(value, ':', "FROM:TO with 0 <= FROM < TO <= 100000"));
                   range_ = ReplicationRange{pair.first, pair.second};
                   return absl::OkStatus();
                 });
}

absl::StatusOr<RunOptions> RunFlags::Options(const Scenario& scenario) const {
  RunOptions options = options_;
  const int study = options.replications.value_or(scenario.replications);
  if (shard_ && range_) {
    return absl::InvalidArgumentError("--shard and --replication-range: use one or the other");
  }
  if (shard_) {
    const auto [k, n] = *shard_;
    if (n > study) {
      return absl::InvalidArgumentError(absl::StrCat("--shard ", k, "/", n, ": a study of ", study,
                                                     " replications has fewer than ", n,
                                                     " to share out (set --replications)"));
    }
    options.range = ReplicationRange{static_cast<int>(int64_t{k} * study / n),
                                     static_cast<int>(int64_t{k + 1} * study / n)};
  }
  if (range_) {
    if (range_->end > study) {
      return absl::InvalidArgumentError(
          absl::StrCat("--replication-range ", range_->first, ":", range_->end, ": the study has ",
                       study, " replications, 0 to ", study - 1, " (set --replications)"));
    }
    options.range = range_;
  }
  return options;
}

void ReportFlags::Register(FlagSet& flags) {
  flags.AddValue("--json", "FILE",
                 "Also write every KPI as JSON to FILE (\"-\": standard output, alone; the table "
                 "then goes to standard error): {\"version\": ..., \"scenario\": ..., "
                 "\"overrides\": [...], \"total\": {...}, "
                 "\"workgroups\": {\"<name>\": {...}}, \"contact_types\": {...}, \"agent_groups\": "
                 "{...}, and per reporting interval \"intervals\", \"contact_type_intervals\", "
                 "\"agent_group_intervals\", \"total_intervals\"}, each KPI as {\"mean\": x, "
                 "\"ci95\": h}.",
                 StoreNonEmpty(json_path_, "a file name"));
  flags.AddValue("--csv", "DIR",
                 "Also write, in DIR (created if needed), intervals.csv (one row per workgroup "
                 "and reporting interval), contact_type_intervals.csv, total_intervals.csv and "
                 "agent_group_intervals.csv, "
                 "with every KPI's mean and 95% half-width.",
                 StoreNonEmpty(csv_dir_, "a directory"));
  flags.AddValue("--html", "FILE",
                 "Also write the report as one self-contained HTML page to FILE (\"-\": "
                 "standard output, alone): the KPI table and, per interval for the total, each "
                 "workgroup and each contact type, SVG charts of offered and answered, service "
                 "level with its 95% band and the target, ASA, queue length and occupancy. The "
                 "same page as `acdsim report` of the --json file.",
                 StoreNonEmpty(html_path_, "a file name"));
  RegisterHtmlOptions(flags, html_options_);
}

void RegisterHtmlOptions(FlagSet& flags, HtmlOptions& options) {
  flags.AddValue("--sl-target", "FRACTION",
                 "The service-level target drawn on the HTML report's service-level charts "
                 "(0 < FRACTION <= 1, default 0.8).",
                 [&options](const std::string& value) -> absl::Status {
                   double target = 0;
                   if (!absl::SimpleAtod(value, &target) || !(target > 0 && target <= 1)) {
                     return absl::InvalidArgumentError(
                         absl::StrCat("'", value, "' is not a fraction in (0, 1]"));
                   }
                   options.service_level_target = target;
                   return absl::OkStatus();
                 });
}

absl::Status ReportFlags::Open() {
  if (json_path_) {
    ACD_ASSIGN_OR_RETURN(OutputFile json, OutputFile::Create(*json_path_, "the JSON report"));
    json_.emplace(std::move(json));
  }
  if (html_path_) {
    ACD_ASSIGN_OR_RETURN(OutputFile html, OutputFile::Create(*html_path_, "the HTML report"));
    html_.emplace(std::move(html));
  }
  if (csv_dir_) {
    ACD_RETURN_IF_ERROR(PrepareDirectory(*csv_dir_, "the CSV report"));
    for (const auto& [file, slice] :
         {std::pair{"intervals.csv", IntervalSlice::kWorkgroups},
          std::pair{"contact_type_intervals.csv", IntervalSlice::kContactTypes},
          std::pair{"total_intervals.csv", IntervalSlice::kTotal},
          std::pair{"agent_group_intervals.csv", IntervalSlice::kAgentGroups}}) {
      ACD_ASSIGN_OR_RETURN(
          OutputFile csv,
          OutputFile::Create((std::filesystem::path(*csv_dir_) / file).string(), "the CSV report"));
      csv_.emplace_back(slice, std::move(csv));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Aggregate> RunLoaded(LoadedScenario loaded, RunOptions options,
                                    const ProgressFlags& progress) {
  const int study = options.replications.value_or(loaded.scenario.replications);
  ProgressMeter meter = progress.Meter(options.range ? options.range->size() : study);
  options.on_replication_done = [&meter] { meter.Done(); };
  absl::StatusOr<Aggregate> aggregate = RunStudy(std::move(loaded.scenario), options);
  meter.Finish();
  ACD_RETURN_IF_ERROR(aggregate.status());
  aggregate->study.fingerprint = std::move(loaded.fingerprint);
  aggregate->study.overrides = std::move(loaded.overrides);
  return aggregate;
}

absl::Status WriteJsonAndHtml(std::optional<OutputFile>& json, std::optional<OutputFile>& html,
                              const std::string& json_text, absl::string_view what,
                              const HtmlOptions& options) {
  if (json) {
    ACD_RETURN_IF_ERROR(json->Write(json_text));
    ACD_RETURN_IF_ERROR(json->Commit());
  }
  if (html) {
    ACD_ASSIGN_OR_RETURN(const std::string page, HtmlReport(json_text, what, options));
    ACD_RETURN_IF_ERROR(html->Write(page));
    ACD_RETURN_IF_ERROR(html->Commit());
  }
  return absl::OkStatus();
}

absl::Status ReportFlags::Write(const Report& report) {
  ACD_RETURN_IF_ERROR(WriteJsonAndHtml(json_, html_, json_ || html_ ? FormatJson(report) : "",
                                       "the report", html_options_));
  for (auto& [slice, csv] : csv_) {
    ACD_RETURN_IF_ERROR(csv.Write(FormatIntervalCsv(report, slice)));
    ACD_RETURN_IF_ERROR(csv.Commit());
  }
  return absl::OkStatus();
}

void ProgressFlags::Register(FlagSet& flags) {
  flags.AddValue("--progress", "WHEN",
                 "auto (default): on a terminal, a progress line with an estimate of the time "
                 "left, redrawn on standard error once a run has taken a second. always: that "
                 "line on a terminal, and elsewhere (a batch job's log) a line every 5 s and "
                 "one at the end. never: no progress.",
                 [this](const std::string& value) -> absl::Status {
                   ACD_ASSIGN_OR_RETURN(mode_, ParseProgressMode(value));
                   return absl::OkStatus();
                 });
}

ProgressMeter ProgressFlags::Meter(int total) const {
  return ProgressMeter({.mode = mode_, .terminal = isatty(STDERR_FILENO) != 0}, total);
}

std::string SubcommandHelp(const FlagSet& flags, const char* about) {
  return absl::StrCat("Usage: ", flags.Usage(), "\n\n", Paragraph(about), "\n", flags.Help());
}

int SubcommandMain(FlagSet& flags, const std::vector<std::string>& args,
                   const std::function<std::string()>& help, const std::function<int()>& run) {
  if (absl::Status parsed = flags.Parse(args); !parsed.ok()) return UsageError(parsed.message());
  if (flags.help_requested()) {
    fmt::print("{}", help());
    return 0;
  }
  return run();
}

void PrintTable(const Report& report, bool to_stderr) {
  fmt::print(to_stderr ? stderr : stdout, "{}", FormatTable(report));
}

int UsageError(absl::string_view message) {
  fmt::print(stderr, "acdsim: {} (see 'acdsim --help')\n", message);
  return 2;
}

int Failure(const absl::Status& status) {
  fmt::print(stderr, "acdsim: {}\n", status.message());
  return 1;
}

}  // namespace acd::sim::cli
