// sim/cli/subcommands.h: acdsim's subcommands, for the dispatcher
// (sim/acdsim_main.cc).
//
// Each subcommand lives in its own file (sim/cli/<name>_command.cc), builds
// its FlagSet from the shared groups of sim/cli/common_flags.h plus its own
// flags, and is listed once in sim/cli/subcommands.cc. Adding one: a file
// and a line there.

#ifndef ACD_SIM_CLI_SUBCOMMANDS_H_
#define ACD_SIM_CLI_SUBCOMMANDS_H_

#include <span>
#include <string>
#include <vector>

namespace acd::sim::cli {

struct Subcommand {
  const char* name;
  // One line for the overview.
  const char* summary;
  // The full help: usage, what it does, every argument and flag.
  std::string (*help)();
  // Runs it on the arguments after its name; returns the exit status: 0 on
  // success, 1 when it fails, 2 for a bad command line.
  int (*main)(const std::vector<std::string>& args);
};

// In the order the help lists them.
std::span<const Subcommand> Subcommands();

std::string RunHelp();
int RunMain(const std::vector<std::string>& args);
std::string CompareHelp();
int CompareMain(const std::vector<std::string>& args);
std::string MergeHelp();
int MergeMain(const std::vector<std::string>& args);
std::string ReportHelp();
int ReportMain(const std::vector<std::string>& args);
std::string CheckHelp();
int CheckMain(const std::vector<std::string>& args);
std::string StaffHelp();
int StaffMain(const std::vector<std::string>& args);
std::string ForecastHelp();
int ForecastMain(const std::vector<std::string>& args);

}  // namespace acd::sim::cli

#endif  // ACD_SIM_CLI_SUBCOMMANDS_H_
