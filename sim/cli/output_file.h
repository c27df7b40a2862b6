// sim/cli/output_file.h: an output of acdsim, checked before the run and
// replaced whole after it.
//
// `OutputFile::Create` is called before a run starts, for every output path
// the command line names: it creates a temporary file beside the path, so an
// unwritable path (a missing directory, a directory in the file's place, no
// permission) is reported at once rather than after an hour of simulation.
// `Commit` moves the finished file into place in one rename, so a reader
// (or a cluster's merge step) never sees a half-written output; an output
// never committed (the run failed) is removed. "-" is standard output.
//
// Example:
//
//   ACD_ASSIGN_OR_RETURN(acd::sim::cli::OutputFile json,
//                        acd::sim::cli::OutputFile::Create(path, "the JSON report"));
//   ... run ...
//   ACD_RETURN_IF_ERROR(json.Write(text));
//   ACD_RETURN_IF_ERROR(json.Commit());
//
// Thread safety: none; one owner at a time.

#ifndef ACD_SIM_CLI_OUTPUT_FILE_H_
#define ACD_SIM_CLI_OUTPUT_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace acd::sim::cli {

class OutputFile {
 public:
  // `what` names the output in errors ("<path>: cannot write the JSON
  // report: No such file or directory"). PermissionDenied or
  // InvalidArgument (a directory at `path`).
  static absl::StatusOr<OutputFile> Create(const std::string& path, const std::string& what);

  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) noexcept;
  ~OutputFile();

  absl::Status Write(absl::string_view bytes);
  // Closes the file and renames it to its path (flushes standard output).
  absl::Status Commit();

  const std::string& path() const { return path_; }
  bool is_stdout() const { return path_ == "-"; }

 private:
  OutputFile(std::string path, std::string what, std::string temporary, int fd);
  absl::Status Error(absl::string_view action, int error) const;
  void Discard();

  std::string path_;
  std::string what_;
  std::string temporary_;  // empty for standard output
  int fd_ = -1;
};

// Creates `dir` (and its parents) if needed; PermissionDenied naming it and
// `what` if that fails or it is not a directory.
absl::Status PrepareDirectory(const std::string& dir, const std::string& what);

}  // namespace acd::sim::cli

#endif  // ACD_SIM_CLI_OUTPUT_FILE_H_
