#include "sim/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace acd::sim {
namespace {

std::string Size(int64_t bytes) {
  if (bytes >= (int64_t{1} << 20) && bytes % (int64_t{1} << 20) == 0) {
    return absl::StrCat(bytes >> 20, " MiB");
  }
  return absl::StrCat(bytes, " bytes");
}

const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a plain file";
}

// Closes the descriptor on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

absl::StatusOr<std::string> ReadInputFile(const std::string& path, absl::string_view what,
                                          int64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check
  // below then refuses it.
  Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    const int error = errno;
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot open the ", what, ": ", std::strerror(error)));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    const int error = errno;
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot read the ", what, ": ", std::strerror(error)));
  }
  if (!S_ISREG(info.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": the ", what,
                                                   " is not a regular file (",
                                                   KindOf(info.st_mode), ")"));
  }
  const auto too_large = [&] {
    return absl::InvalidArgumentError(absl::StrCat(path, ": the ", what,
                                                   " is larger than its limit of ",
                                                   Size(max_bytes)));
  };
  if (info.st_size > max_bytes) return too_large();
  std::string bytes;
  bytes.reserve(static_cast<size_t>(info.st_size));
  char buffer[1 << 16];
  while (static_cast<int64_t>(bytes.size()) <= max_bytes) {
    const int64_t room = max_bytes + 1 - static_cast<int64_t>(bytes.size());
    const size_t want = static_cast<size_t>(std::min<int64_t>(room, sizeof buffer));
    const ssize_t n = ::read(fd.get(), buffer, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      return absl::NotFoundError(
          absl::StrCat(path, ": cannot read the ", what, ": ", std::strerror(error)));
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
  }
  if (static_cast<int64_t>(bytes.size()) > max_bytes) return too_large();
  return bytes;
}

}  // namespace acd::sim
