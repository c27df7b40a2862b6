// acdsim report: a JSON document acdsim wrote, as an HTML page with charts.

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/cli/common_flags.h"
#include "sim/cli/subcommands.h"
#include "sim/html_report.h"

namespace acd::sim::cli {
namespace {

constexpr char kAbout[] =
    "Renders DOCUMENT, a JSON file written by acdsim (run or merge --json, compare --json, "
    "staff --json), as one self-contained HTML page (no network, no scripts): the study's "
    "facts, a KPI table and SVG charts per reporting interval, with clock-time axes. The "
    "page of a run's JSON is byte for byte the page `acdsim run --html` writes. Errors name "
    "the file and the byte offset.";

struct ReportCommand {
  FlagSet flags{"report"};
  std::optional<std::string> input;
  std::optional<std::string> output;
  HtmlOptions options;

  ReportCommand() {
    flags.AddPositional("DOCUMENT", "The JSON document (\"-\": standard input).", 1, 1,
                        [this](const std::string& value) {
                          input = value;
                          return absl::OkStatus();
                        });
    flags.AddValue("--output", "FILE",
                   "Write the page to FILE (\"-\": standard output). Required; checked "
                   "writable before the document is read.",
                   StoreNonEmpty(output, "a file name"));
    flags.AddShortName("--output", "-o");
    RegisterHtmlOptions(flags, options);
  }
};

absl::StatusOr<std::string> ReadDocument(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    if (std::cin.bad()) return absl::DataLossError("standard input: cannot read the document");
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot read the document: ", std::strerror(errno)));
  }
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": cannot read the document"));
  return text.str();
}

absl::Status Report(const ReportCommand& command) {
  ACD_ASSIGN_OR_RETURN(OutputFile out, OutputFile::Create(*command.output, "the HTML report"));
  ACD_ASSIGN_OR_RETURN(const std::string text, ReadDocument(*command.input));
  ACD_ASSIGN_OR_RETURN(
      const std::string page,
      HtmlReport(text, *command.input == "-" ? "standard input" : *command.input, command.options));
  ACD_RETURN_IF_ERROR(out.Write(page));
  return out.Commit();
}

}  // namespace

std::string ReportHelp() { return SubcommandHelp(ReportCommand().flags, kAbout); }

int ReportMain(const std::vector<std::string>& args) {
  ReportCommand command;
  return SubcommandMain(command.flags, args, ReportHelp, [&] {
    if (!command.output) return UsageError("missing -o FILE (where to write the page)");
    const absl::Status status = Report(command);
    return status.ok() ? 0 : Failure(status);
  });
}

}  // namespace acd::sim::cli
