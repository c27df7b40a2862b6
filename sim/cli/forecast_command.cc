// acdsim forecast: the next intervals' KPIs from a live state (sim/forecast.h).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/cli/common_flags.h"
#include "sim/cli/subcommands.h"
#include "sim/clock.h"
#include "sim/forecast.h"
#include "sim/input_file.h"

namespace acd::sim::cli {
namespace {

constexpr char kAbout[] =
    "Forecasts the next HORIZON from a live state: every replication restores the engine "
    "state saved in SNAPSHOT (its queues, agents, statuses and timers; a Router snapshot or "
    "`acdsim run --snapshot-out`) and plays the traffic of SCENARIO from the snapshot's time "
    "(on the scenario's time axis: 0 is its start) to that time plus HORIZON. It reports, "
    "per interval and in total, the KPIs of `acdsim run` over that window (contacts arriving "
    "in it; the contacts already there take agents and queue places but count in no contact "
    "KPI), each a mean with the half-width of its 95% confidence interval. The routing "
    "configuration is the snapshot's; the scenario is matched to it by workgroup and agent "
    "name, and its agents the snapshot lacks are added (what-if: --set "
    "'agent_groups[NAME].count=N' with N above the snapshot's count adds agents who log in "
    "at once). The contacts already there get fresh draws of what is left of their handle "
    "time, patience and hold, exact for exponential distributions. See sim/forecast.h.";

struct ForecastCommand {
  FlagSet flags{"forecast"};
  std::optional<std::string> state_path;
  std::optional<std::string> scenario_path;
  std::optional<Duration> horizon;
  std::vector<std::string> overrides;
  RunFlags run;
  ReportFlags report;
  ProgressFlags progress;

  ForecastCommand() {
    flags.AddValue("--state", "SNAPSHOT",
                   "The engine state to start from (required): a snapshot as the Router's "
                   "ProtoStateCodec writes it (acd/journal.h).",
                   StoreNonEmpty(state_path, "a file name"));
    flags.AddValue("--scenario", "SCENARIO",
                   "The rest of the day (required): a scenario file following "
                   "acd/proto/scenario.proto, its traffic, agent groups and schedule.",
                   StoreNonEmpty(scenario_path, "a file name"));
    flags.AddValue("--horizon", "DURATION",
                   "How far to forecast (required): seconds, or with a unit (5400s, 90m, 1.5h).",
                   [this](const std::string& value) -> absl::Status {
                     ACD_ASSIGN_OR_RETURN(horizon, ParseForecastDuration(value));
                     return absl::OkStatus();
                   });
    flags.AddValue("--set", "PATH=VALUE",
                   absl::StrCat(kSetHelp,
                                " The scenario's center cannot be set: the routing "
                                "configuration is the snapshot's."),
                   [this](const std::string& value) -> absl::Status {
                     if (absl::StartsWith(value, "center.") || absl::StartsWith(value, "center[")) {
                       return absl::InvalidArgumentError(absl::StrCat(
                           "'", value,
                           "': a forecast's routing configuration is the snapshot's; only the "
                           "traffic, agent groups and run shape can be set"));
                     }
                     overrides.push_back(value);
                     return absl::OkStatus();
                   });
    run.Register(flags, /*parts=*/false);
    report.Register(flags);
    progress.Register(flags);
  }
};

// One line on standard error: what the forecast starts from.
void PrintStart(const Forecast& forecast) {
  const Scenario& s = forecast.scenario;
  const double t = ToSeconds(s.warmup);
  int waiting = 0;
  for (const EngineState::Interaction& i : forecast.state.interactions) {
    if (i.state == InteractionState::kWaiting) ++waiting;
  }
  int logged_in = 0;
  for (const EngineState::Agent& a : forecast.state.agents) logged_in += a.logged_in ? 1 : 0;
  const auto at = [&](double seconds) {
    return s.day_start_s ? FormatClock(*s.day_start_s + seconds) : absl::StrCat(seconds, " s");
  };
  fmt::print(stderr,
             "forecast from {} to {}: {} interactions live ({} waiting), {} of {} agents logged "
             "in, {} added by the scenario\n",
             at(t), at(ToSeconds(s.horizon)), forecast.state.interactions.size(), waiting,
             logged_in, forecast.state.agents.size(),
             forecast.state.agents.size() - forecast.first_added);
}

absl::Status Forecast(ForecastCommand& command) {
  ACD_ASSIGN_OR_RETURN(LoadedScenario loaded,
                       LoadScenarioWithOverrides(command.scenario_path, command.overrides));
  ACD_ASSIGN_OR_RETURN(const std::string bytes,
                       ReadInputFile(*command.state_path, "snapshot", kMaxSnapshotBytes));
  ACD_ASSIGN_OR_RETURN(EngineState state, DecodeSnapshot(bytes, *command.state_path));
  ACD_ASSIGN_OR_RETURN(sim::Forecast forecast,
                       PrepareForecast(loaded.scenario, std::move(state), *command.horizon));
  ACD_ASSIGN_OR_RETURN(RunOptions options, command.run.Options(forecast.scenario));
  ACD_RETURN_IF_ERROR(command.report.Open());
  PrintStart(forecast);
  const int replications = options.replications.value_or(forecast.scenario.replications);
  ProgressMeter meter = command.progress.Meter(replications);
  options.on_replication_done = [&meter] { meter.Done(); };
  absl::StatusOr<Aggregate> aggregate = RunForecast(forecast, std::move(options));
  meter.Finish();
  ACD_RETURN_IF_ERROR(aggregate.status());
  aggregate->study.fingerprint = std::move(loaded.fingerprint);
  aggregate->study.overrides = std::move(loaded.overrides);
  const Report report = ReportOf(*aggregate);
  PrintTable(report, command.report.json_on_stdout() || command.report.html_on_stdout());
  return command.report.Write(report);
}

}  // namespace

std::string ForecastHelp() { return SubcommandHelp(ForecastCommand().flags, kAbout); }

int ForecastMain(const std::vector<std::string>& args) {
  ForecastCommand command;
  return SubcommandMain(command.flags, args, ForecastHelp, [&] {
    if (!command.state_path) return UsageError("forecast: --state SNAPSHOT is required");
    if (!command.scenario_path) return UsageError("forecast: --scenario SCENARIO is required");
    if (!command.horizon) return UsageError("forecast: --horizon DURATION is required");
    if (command.report.json_on_stdout() && command.report.html_on_stdout()) {
      return UsageError("--json - and --html -: only one output can go to standard output");
    }
    const absl::Status status = Forecast(command);
    return status.ok() ? 0 : Failure(status);
  });
}

}  // namespace acd::sim::cli
