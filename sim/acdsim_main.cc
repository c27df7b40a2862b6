// acdsim: the command-line simulator. This file only dispatches to the
// subcommands (sim/cli/subcommands.h); `acdsim --help` lists them all.

#include <string>
#include <vector>

#include "fmt/format.h"
#include "sim/cli/common_flags.h"
#include "sim/cli/flags.h"
#include "sim/cli/subcommands.h"
#include "sim/version.h"

namespace {

using acd::sim::cli::Subcommand;
using acd::sim::cli::Subcommands;

std::string Overview() {
  std::string out =
      "acdsim: simulate a contact center through the acd routing engine.\n\n"
      "Usage:\n  acdsim COMMAND [ARGS...]\n  acdsim --help\n  acdsim --version\n\nCommands:\n";
  for (const Subcommand& command : Subcommands()) {
    out += fmt::format("  {:<8} {}\n", command.name, command.summary);
  }
  return out;
}

// The overview, then each subcommand's own help.
std::string FullHelp() {
  std::string out = Overview();
  for (const Subcommand& command : Subcommands()) out += "\n" + command.help();
  return out + "\n" +
         acd::sim::cli::Paragraph(
             "\"--flag value\" and \"--flag=value\" both work. Exit status: 0 on success, 1 if "
             "the input cannot be read, is invalid or fails to run, 2 for a bad command line; "
             "compare "
             "has its own (0 no significant difference, 1 B worse, 3 B better, 2 any error).");
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    fmt::print(stderr, "{}", Overview());
    return 2;
  }
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    fmt::print("{}", FullHelp());
    return 0;
  }
  if (args[0] == "--version") {
    fmt::print("acdsim {}\n", acd::sim::ProgramVersion());
    return 0;
  }
  for (const Subcommand& command : Subcommands()) {
    if (args[0] == command.name) return command.main({args.begin() + 1, args.end()});
  }
  return acd::sim::cli::UsageError(fmt::format("unknown command '{}'", args[0]));
}
