// acdsim staff: the fewest agents per interval that meet every target.

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "acd/proto/scenario.pb.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/cli/common_flags.h"
#include "sim/cli/output_file.h"
#include "sim/cli/subcommands.h"
#include "sim/overrides.h"
#include "sim/scenario_source.h"
#include "sim/staffing.h"
#include "sim/staffing_report.h"
#include "sim/staffing_scenario.h"

namespace acd::sim::cli {
namespace {

constexpr char kAbout[] =
    "Finds, interval by interval, the fewest agents of the staffable agent groups "
    "(`staffable: true`, or --group) that meet every --target, by simulation. Per interval, in "
    "time order, with the earlier intervals frozen at what was found: it starts from Erlang A "
    "per target (that interval's arrival rate, mean handle time plus wrap-up and mean "
    "patience; the square-root rule where Erlang A has no answer), split evenly over the "
    "groups serving the target's workgroups (the most any target on the same contact types "
    "needs, summed over the others; from the second interval on, scaled by how the previous "
    "interval's search ended); while a target is missed it adds one agent to the "
    "group whose agent most reduces the worst missed target's shortfall; then it removes "
    "agents one at a time, group by group, while every target stays met. Every candidate runs "
    "the same replications (common random numbers), from --history intervals before the "
    "interval (the center starts empty there) to one interval past its end, head counts "
    "held (or the longest service-level threshold past it, if longer). Last, the check "
    "(--verify V, default 20): the whole day from time 0 with the head counts found, on V "
    "replications no candidate ran; where an interval misses a target by the safety rule, "
    "agents are added there (as many as cover the miss at the rate one agent changed it in the "
    "search, at least one) and the day runs again, until every target is met in every "
    "interval; then it trims: where every target a group serves beats the rule, that group "
    "loses an agent (one group per interval, all intervals at once), the day runs again, and "
    "the agent comes back where an interval then misses. SAFETY RULE (search and check): a target is met in an interval when m - z*sd*"
    "sqrt(2/V) >= limit (m + z*sd*sqrt(2/V) <= limit for ASA, abandonment and occupancy), m and "
    "sd the mean and standard deviation of its values over the replications, V the check's "
    "replications (--replications with --verify 0), z = the normal quantile of 1 - "
    "--miss-risk/C, C the interval-target cells with traffic (z = 3.550 for 0.05 and 260 "
    "cells); with --rule ci the search adds its own 95% half-width. A re-run's mean differs "
    "from the check's by sd*sqrt(2/V) (two means of V), so the written scenario re-run with "
    "another seed and V or more replications meets every target's mean in every interval "
    "with probability about 1 - --miss-risk or more (Bonferroni over the C cells). MET in the "
    "table, CSV and JSON is this rule on the check's replications. "
    "TARGET SPEC: NAME:KPI OP VALUE[@Ts], NAME a contact type, a workgroup or \"total\"; "
    "sl=0.8@20s (answered within 20 s / answered; also sl_ans=), sl_off=0.8@20s (/ offered), "
    "sl_g1=0.8@20s (/ offered less abandons within t), asa<=30s, abandon<=0.05, "
    "occupancy<=0.9 (workgroup or total); the threshold defaults to the contact "
    "type's first own threshold, else the scenario's service_level_s. "
    "Limits: a heuristic for several groups (no single agent can be removed, not a proven "
    "minimum of agent-intervals); the safety rule costs agents (a margin of about 1.1 standard "
    "deviations of one replication's value by default); without the check (--verify 0) "
    "backlog older than --history is ignored and re-runs miss often; a staffed "
    "group's shifts and breaks are replaced by its head counts.";

struct StaffCommand {
  FlagSet flags{"staff"};
  std::optional<std::string> scenario_path;
  std::vector<std::string> target_specs;
  std::vector<std::string> overrides;
  std::vector<std::string> groups;
  std::optional<int> replications;
  std::optional<uint64_t> seed;
  StaffingOptions options{.verify_replications = 20};
  std::optional<std::string> json_path, csv_dir, scenario_out, html_path;

  StaffCommand() {
    flags.AddPositional("SCENARIO", "The scenario file (acd/proto/scenario.proto, text format).", 1,
                        1, StoreNonEmpty(scenario_path, "a file name"));
    flags.AddValue("--set", "PATH=VALUE",
                   "Change one scalar field of the scenario before staffing (repeatable; as "
                   "for acdsim run); echoed in the JSON and kept in --write-scenario's file.",
                   [this](const std::string& v) {
                     overrides.push_back(v);
                     return absl::OkStatus();
                   });
    flags.AddValue("--target", "SPEC", "A target every interval must meet (repeatable; see above).",
                   [this](const std::string& v) {
                     target_specs.push_back(v);
                     return absl::OkStatus();
                   });
    flags.AddValue("--group", "NAME",
                   "Also staff this agent group (repeatable), beside those marked staffable.",
                   [this](const std::string& v) {
                     groups.push_back(v);
                     return absl::OkStatus();
                   });
    flags.AddValue("--replications", "N",
                   "Replications per candidate (1..100000). Default: the scenario's.",
                   [this](const std::string& v) {
                     int n = 0;
                     ACD_RETURN_IF_ERROR(ParseInt(v, 1, 100000, &n));
                     replications = n;
                     return absl::OkStatus();
                   });
    flags.AddValue("--seed", "S", "Seed of every random stream; overrides the scenario's.",
                   [this](const std::string& v) {
                     uint64_t s = 0;
                     ACD_RETURN_IF_ERROR(ParseUint64(v, &s));
                     seed = s;
                     return absl::OkStatus();
                   });
    flags.AddValue("--history", "N",
                   "Intervals simulated before the one being decided (0..10000, default 2), or "
                   "\"all\": from time 0 (exact backlog, slower).",
                   [this](const std::string& v) {
                     if (v == "all") {
                       options.history_intervals = -1;
                       return absl::OkStatus();
                     }
                     return ParseInt(v, 0, 10000, &options.history_intervals);
                   });
    flags.AddValue("--rule", "mean|ci",
                   "When a candidate meets a target in the search: by the safety rule (mean, "
                   "the default), or by it with the search's own 95% half-width added to the "
                   "margin (ci: more agents).",
                   [this](const std::string& v) {
                     if (v == "mean" || v == "ci") {
                       options.rule = v == "ci" ? StaffingRule::kConfidence : StaffingRule::kMean;
                       return absl::OkStatus();
                     }
                     return absl::InvalidArgumentError(absl::StrCat("'", v, "' is not mean or ci"));
                   });
    flags.AddValue("--verify", "N",
                   "Replications of the final whole-day check (0..100000, default 20; 0 skips "
                   "it): the day from time 0 with the head counts found, on replications R.."
                   "R+N-1 of the seed (R = --replications, so no candidate ran them); where an "
                   "interval misses a target by the safety rule, agents are added there, and "
                   "the day runs again, until every target is met in every interval.",
                   [this](const std::string& v) {
                     return ParseInt(v, 0, 100000, &options.verify_replications);
                   });
    flags.AddValue("--miss-risk", "P",
                   "The safety rule's risk (0 < P < 1, default 0.05): at most the chance that "
                   "the written scenario, re-run with another seed and as many replications as "
                   "the check, shows some interval's mean beyond some target's limit.",
                   [this](const std::string& v) {
                     char* end = nullptr;
                     const double p = std::strtod(v.c_str(), &end);
                     if (v.empty() || end != v.c_str() + v.size() || !(p > 0 && p < 1)) {
                       return absl::InvalidArgumentError(
                           absl::StrCat("'", v, "' is not a probability between 0 and 1"));
                     }
                     options.miss_risk = p;
                     return absl::OkStatus();
                   });
    flags.AddValue(
        "--max-agents", "N", "Most agents of one group in one interval (default 2000).",
        [this](const std::string& v) { return ParseInt(v, 1, 1000000, &options.max_agents); });
    flags.AddValue("--json", "FILE", "Write the staffing as JSON (kind \"staffing\"); - is stdout.",
                   StoreNonEmpty(json_path, "a file name"));
    flags.AddValue("--html", "FILE",
                   "Write the staffing as one self-contained HTML page to FILE (- is stdout): "
                   "agents per interval and group as steps (Erlang A's dashed) and each target "
                   "per interval against its limit; the same page as `acdsim report` of the "
                   "--json file.",
                   StoreNonEmpty(html_path, "a file name"));
    flags.AddValue("--csv", "DIR",
                   "Write staffing.csv (interval, group, agents, Erlang A) and targets.csv "
                   "(interval, target, mean, ci95, met) into DIR.",
                   StoreNonEmpty(csv_dir, "a directory"));
    flags.AddValue("--write-scenario", "FILE",
                   "Write the scenario with the head counts found (agents_per_interval) to FILE, "
                   "ready for acdsim run.",
                   StoreNonEmpty(scenario_out, "a file name"));
  }
};

absl::Status Staff(StaffCommand& command) {
  ACD_ASSIGN_OR_RETURN(ParsedScenario parsed, ParsedScenario::ParseFile(*command.scenario_path));
  ACD_RETURN_IF_ERROR(ApplyOverrides(command.overrides, parsed.message()));
  ACD_ASSIGN_OR_RETURN(Scenario scenario, parsed.Convert());
  for (const std::string& name : command.groups) {
    bool found = false;
    for (AgentGroup& group : scenario.agent_groups) {
      if (group.name == name) group.staffable = found = true;
    }
    if (!found) {
      return absl::InvalidArgumentError(
          absl::StrCat("--group '", name, "': no agent group of that name in the scenario"));
    }
  }
  StaffingStudy study{.scenario = scenario.name,
                      .interval_s = ToSeconds(scenario.interval),
                      .overrides = command.overrides};
  for (const std::string& spec : command.target_specs) {
    ACD_ASSIGN_OR_RETURN(StaffingTarget target, ParseStaffingTarget(spec, scenario));
    study.targets.push_back(std::move(target));
  }
  if (command.seed) scenario.seed = *command.seed;
  command.options.replications = command.replications.value_or(scenario.replications);
  study.seed = scenario.seed;
  study.replications = command.options.replications;
  study.rule = command.options.rule;
  study.verify_replications = command.options.verify_replications;
  study.miss_risk = command.options.miss_risk;

  if (command.json_path == "-" && command.html_path == "-") {
    return absl::InvalidArgumentError(
        "--json - and --html -: only one output can go to standard output");
  }
  std::optional<OutputFile> json, scenario_out, csv, targets_csv, html;
  if (command.json_path) {
    ACD_ASSIGN_OR_RETURN(json, OutputFile::Create(*command.json_path, "the staffing JSON"));
  }
  if (command.html_path) {
    ACD_ASSIGN_OR_RETURN(html, OutputFile::Create(*command.html_path, "the HTML report"));
  }
  if (command.scenario_out) {
    ACD_ASSIGN_OR_RETURN(scenario_out,
                         OutputFile::Create(*command.scenario_out, "the staffed scenario"));
  }
  if (command.csv_dir) {
    ACD_RETURN_IF_ERROR(PrepareDirectory(*command.csv_dir, "the staffing CSV"));
    ACD_ASSIGN_OR_RETURN(
        csv, OutputFile::Create(*command.csv_dir + "/staffing.csv", "the staffing CSV"));
    ACD_ASSIGN_OR_RETURN(targets_csv,
                         OutputFile::Create(*command.csv_dir + "/targets.csv", "the staffing CSV"));
  }
  ACD_ASSIGN_OR_RETURN(study.plan, SolveStaffing(scenario, study.targets, command.options));
  const std::string table = FormatStaffingTable(study);
  fmt::print(command.json_path == "-" || command.html_path == "-" ? stderr : stdout, "{}", table);
  const std::string json_text = json || html ? FormatStaffingJson(study) : "";
  ACD_RETURN_IF_ERROR(WriteJsonAndHtml(json, html, json_text, "the staffing"));
  if (csv) {
    ACD_RETURN_IF_ERROR(csv->Write(FormatStaffingCsv(study)));
    ACD_RETURN_IF_ERROR(csv->Commit());
    ACD_RETURN_IF_ERROR(targets_csv->Write(FormatStaffingTargetsCsv(study)));
    ACD_RETURN_IF_ERROR(targets_csv->Commit());
  }
  if (scenario_out) {
    ACD_ASSIGN_OR_RETURN(const std::string text, StaffedScenarioText(parsed, study.plan));
    ACD_RETURN_IF_ERROR(scenario_out->Write(text));
    ACD_RETURN_IF_ERROR(scenario_out->Commit());
  }
  return absl::OkStatus();
}

}  // namespace

std::string StaffHelp() { return SubcommandHelp(StaffCommand().flags, kAbout); }

int StaffMain(const std::vector<std::string>& args) {
  StaffCommand command;
  return SubcommandMain(command.flags, args, StaffHelp, [&] {
    if (command.target_specs.empty()) return UsageError("staff: give at least one --target SPEC");
    const absl::Status status = Staff(command);
    // A bad --target or --group is a bad command line (as run's --set
    // errors, a bad --set is a bad scenario: exit 1).
    const absl::string_view message = status.message();
    if (status.code() == absl::StatusCode::kInvalidArgument &&
        (absl::StartsWith(message, "--target") || absl::StartsWith(message, "--group"))) {
      return UsageError(status.message());
    }
    return status.ok() ? 0 : Failure(status);
  });
}

}  // namespace acd::sim::cli
