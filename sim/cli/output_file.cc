#include "sim/cli/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"

namespace acd::sim::cli {
namespace {

// Distinguishes the temporary files of one process.
std::atomic<int> temporaries{0};

}  // namespace

OutputFile::OutputFile(std::string path, std::string what, std::string temporary, int fd)
    : path_(std::move(path)), what_(std::move(what)), temporary_(std::move(temporary)), fd_(fd) {}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : path_(std::move(other.path_)),
      what_(std::move(other.what_)),
      temporary_(std::exchange(other.temporary_, "")),
      fd_(std::exchange(other.fd_, -1)) {}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    Discard();
    path_ = std::move(other.path_);
    what_ = std::move(other.what_);
    temporary_ = std::exchange(other.temporary_, "");
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

OutputFile::~OutputFile() { Discard(); }

void OutputFile::Discard() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  if (!temporary_.empty()) unlink(temporary_.c_str());
  temporary_.clear();
}

absl::Status OutputFile::Error(absl::string_view action, int error) const {
  return absl::PermissionDeniedError(
      absl::StrCat(path_, ": cannot ", action, " ", what_, ": ", std::strerror(error)));
}

absl::StatusOr<OutputFile> OutputFile::Create(const std::string& path, const std::string& what) {
  if (path == "-") return OutputFile(path, what, "", -1);
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot write ", what, ": it is a directory"));
  }
  // Beside the path, so that the final rename stays within one file system.
  const std::string temporary =
      absl::StrCat(path, ".acdsim-", getpid(), "-", temporaries.fetch_add(1), ".tmp");
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    return absl::PermissionDeniedError(
        absl::StrCat(path, ": cannot write ", what, ": ", std::strerror(errno)));
  }
  return OutputFile(path, what, temporary, fd);
}

absl::Status OutputFile::Write(absl::string_view bytes) {
  if (is_stdout()) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) {
      return Error("write", errno);
    }
    return absl::OkStatus();
  }
  while (!bytes.empty()) {
    const ssize_t written = write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return Error("write", errno);
    }
    bytes.remove_prefix(static_cast<size_t>(written));
  }
  return absl::OkStatus();
}

absl::Status OutputFile::Commit() {
  if (is_stdout()) {
    if (std::fflush(stdout) != 0) return Error("write", errno);
    return absl::OkStatus();
  }
  const int fd = std::exchange(fd_, -1);
  if (close(fd) != 0) return Error("write", errno);
  if (rename(temporary_.c_str(), path_.c_str()) != 0) return Error("write", errno);
  temporary_.clear();
  return absl::OkStatus();
}

absl::Status PrepareDirectory(const std::string& dir, const std::string& what) {
  std::error_code error, checked;
  std::filesystem::create_directories(dir, error);
  if (error || !std::filesystem::is_directory(dir, checked)) {
    return absl::PermissionDeniedError(absl::StrCat(
        dir, ": cannot write ", what, ": ", error ? error.message() : "it is not a directory"));
  }
  return absl::OkStatus();
}

}  // namespace acd::sim::cli
