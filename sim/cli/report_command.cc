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
#include "sim/golden.h"
#include "sim/html_report.h"
#include "sim/input_file.h"

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

// JSON documents larger than this are refused (the full day's report is
// 1.4 MB); a golden has the same limit.
constexpr int64_t kMaxDocumentBytes = kMaxGoldenBytes;

absl::StatusOr<std::string> ReadDocument(const std::string& path) {
  if (path != "-") return ReadInputFile(path, "document", kMaxDocumentBytes);
  std::string text;
  char buffer[1 << 16];
  while (static_cast<int64_t>(text.size()) <= kMaxDocumentBytes && std::cin) {
    std::cin.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<size_t>(std::cin.gcount()));
  }
  if (std::cin.bad()) return absl::DataLossError("standard input: cannot read the document");
  if (static_cast<int64_t>(text.size()) > kMaxDocumentBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "standard input: the document is larger than its limit of ", kMaxDocumentBytes >> 20,
        " MiB"));
  }
  return text;
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
