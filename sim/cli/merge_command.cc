// acdsim merge: the partial results of a study's parts, merged into the
// study's report.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/cli/common_flags.h"
#include "sim/cli/subcommands.h"
#include "sim/merge.h"
#include "sim/partial_result.h"

namespace acd::sim::cli {
namespace {

constexpr char kAbout[] =
    "Reads the partial results that `acdsim run --shard K/N --partial FILE` (or "
    "--replication-range) wrote for the parts of one study, checks that they fit together "
    "(the same acdsim version, scenario fingerprint, seed and number of replications; "
    "ranges that do not overlap; every replication present, or the missing ones listed) "
    "and writes the same table, JSON and CSV as one run of the whole study, byte for byte. "
    "Errors name the file.";

struct MergeCommand {
  FlagSet flags{"merge"};
  std::vector<std::string> files;
  ReportFlags report;

  MergeCommand() {
    flags.AddPositional("PARTS",
                        "Partial result files, in any order, together holding every "
                        "replication of one study.",
                        1, 1 << 30, [this](const std::string& file) {
                          files.push_back(file);
                          return absl::OkStatus();
                        });
    report.Register(flags);
  }
};

absl::Status Merge(MergeCommand& command) {
  ACD_RETURN_IF_ERROR(command.report.Open());
  std::vector<Part> parts;
  for (const std::string& file : command.files) {
    ACD_ASSIGN_OR_RETURN(Aggregate part, ReadPartialResultFile(file));
    parts.push_back({file, std::move(part)});
  }
  ACD_ASSIGN_OR_RETURN(const Aggregate study, MergeParts(parts));
  const Report report = ReportOf(study);
  PrintTable(report, command.report.json_on_stdout() || command.report.html_on_stdout());
  return command.report.Write(report);
}

}  // namespace

std::string MergeHelp() { return SubcommandHelp(MergeCommand().flags, kAbout); }

int MergeMain(const std::vector<std::string>& args) {
  MergeCommand command;
  return SubcommandMain(command.flags, args, MergeHelp, [&] {
    if (command.report.json_on_stdout() && command.report.html_on_stdout()) {
      return UsageError("--json - and --html -: only one output can go to standard output");
    }
    const absl::Status status = Merge(command);
    return status.ok() ? 0 : Failure(status);
  });
}

}  // namespace acd::sim::cli
