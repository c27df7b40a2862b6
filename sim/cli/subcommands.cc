#include "sim/cli/subcommands.h"

namespace acd::sim::cli {

std::span<const Subcommand> Subcommands() {
  static constexpr Subcommand kSubcommands[] = {
      {"run", "simulate a scenario and report its KPIs (or run one part of a study)", RunHelp,
       RunMain},
      {"compare", "compare two variants with common random numbers: paired differences, verdicts",
       CompareHelp, CompareMain},
      {"merge", "merge the partial results of a study's parts into its report", MergeHelp,
       MergeMain},
      {"report", "render a JSON result, comparison or staffing plan as an HTML page with charts",
       ReportHelp, ReportMain},
      {"check", "compare a run with a stored golden report (a regression check)", CheckHelp,
       CheckMain},
      {"staff", "the fewest agents per interval that meet service targets, by simulation",
       StaffHelp, StaffMain},
      {"forecast", "the next hour's KPIs from a live engine state (a snapshot), with what-ifs",
       ForecastHelp, ForecastMain},
  };
  return kSubcommands;
}

}  // namespace acd::sim::cli
