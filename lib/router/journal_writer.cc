// JournalWriter and the sinks (acd/journal.h).

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/journal.h"
#include "acd/proto/journal.pb.h"
#include "lib/router/command_codec.h"
#include "lib/router/crc32c.h"
#include "lib/router/journal_format.h"

namespace acd {
namespace {

using router_internal::Crc32c;
using router_internal::kJournalMagic;
using router_internal::PutFixed32;

absl::Status ErrnoError(absl::string_view path, absl::string_view call) {
  const int err = errno;
  return absl::UnavailableError(absl::StrCat(path, ": ", call, ": ", std::strerror(err)));
}

class FileJournalSink : public JournalSink {
 public:
  FileJournalSink(std::string path, int fd, int64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  ~FileJournalSink() override { ::close(fd_); }

  absl::Status Append(absl::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoError(path_, "write");
      }
      bytes.remove_prefix(static_cast<size_t>(n));
      size_ += n;
    }
    return absl::OkStatus();
  }

  absl::Status Sync() override {
    if (::fdatasync(fd_) != 0) return ErrnoError(path_, "fdatasync");
    return absl::OkStatus();
  }

  int64_t size() const override { return size_; }

 private:
  std::string path_;
  int fd_;
  int64_t size_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<JournalSink>> OpenJournalFile(const std::string& path,
                                                             int64_t keep_bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError(path, "open");
  if (keep_bytes >= 0 && ::ftruncate(fd, keep_bytes) != 0) {
    absl::Status status = ErrnoError(path, "ftruncate");
    ::close(fd);
    return status;
  }
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) {
    absl::Status status = ErrnoError(path, "lseek");
    ::close(fd);
    return status;
  }
  return std::make_unique<FileJournalSink>(path, fd, static_cast<int64_t>(size));
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return absl::UnavailableError(absl::StrCat(path, ": read failed"));
  return std::move(bytes).str();
}

absl::Status StringJournalSink::Append(absl::string_view bytes) {
  bytes_.append(bytes.data(), bytes.size());
  return absl::OkStatus();
}

absl::Status StringJournalSink::Sync() {
  ++syncs_;
  return absl::OkStatus();
}

class JournalWriter::Impl {
 public:
  Impl(std::unique_ptr<JournalSink> sink, const CenterConfig& config, JournalOptions options,
       uint64_t next_sequence)
      : sink_(std::move(sink)), options_(options), next_sequence_(next_sequence) {
    const int64_t magic = static_cast<int64_t>(kJournalMagic.size());
    if (sink_->size() > magic) return;
    // A new journal, or one whose first record was torn and cut: the header
    // goes out with the first flush.
    if (sink_->size() == 0) buffer_.append(kJournalMagic.data(), kJournalMagic.size());
    journal::Header& header = *record_.mutable_header();
    header.set_format_version(kJournalFormatVersion);
    header.set_config_fingerprint(ConfigFingerprint(config));
    record_.set_sequence(0);
    Frame();
  }

  absl::Status Append(Time clock_now) {
    if (!error_.ok()) return error_;
    record_.set_sequence(next_sequence_++);
    Frame();
    ++buffered_;
    switch (options_.flush) {
      case FlushPolicy::kEveryRecord:
        return Flush();
      case FlushPolicy::kEveryN:
        return buffered_ >= options_.flush_every_records ? Flush() : absl::OkStatus();
      case FlushPolicy::kOnTimer:
        return MaybeFlush(clock_now);
    }
    return absl::OkStatus();
  }

  absl::Status MaybeFlush(Time clock_now) {
    if (!error_.ok()) return error_;
    if (clock_now - last_flush_ < options_.flush_interval) return absl::OkStatus();
    last_flush_ = clock_now;
    return Flush();
  }

  absl::Status Flush() {
    if (!error_.ok()) return error_;
    if (buffer_.empty()) return absl::OkStatus();
    error_ = sink_->Append(buffer_);
    if (error_.ok() && options_.sync) error_ = sink_->Sync();
    buffer_.clear();
    buffered_ = 0;
    return error_;
  }

  // Appends record_ with its framing to the buffer.
  void Frame() {
    record_.SerializeToString(&payload_);
    PutFixed32(buffer_, static_cast<uint32_t>(payload_.size()));
    PutFixed32(buffer_, Crc32c(absl::string_view(buffer_).substr(buffer_.size() - 4)));
    PutFixed32(buffer_, Crc32c(payload_));
    buffer_ += payload_;
  }

  journal::Record& record() { return record_; }
  uint64_t next_sequence() const { return next_sequence_; }
  int buffered() const { return buffered_; }
  JournalSink& sink() { return *sink_; }

 private:
  std::unique_ptr<JournalSink> sink_;
  JournalOptions options_;
  uint64_t next_sequence_;
  // Reused across records: no allocation per record once warmed up.
  journal::Record record_;
  std::string payload_;
  std::string buffer_;
  int buffered_ = 0;
  Time last_flush_;
  absl::Status error_;
};

JournalWriter::JournalWriter(std::unique_ptr<JournalSink> sink, const CenterConfig& config,
                             JournalOptions options, uint64_t next_sequence)
    : impl_(std::make_unique<Impl>(std::move(sink), config, options, next_sequence)) {}

JournalWriter::~JournalWriter() { (void)impl_->Flush(); }

absl::Status JournalWriter::AppendCommand(const Command& command, Time clock_now) {
  router_internal::EncodeCommand(command, *impl_->record().mutable_command());
  return impl_->Append(clock_now);
}

absl::Status JournalWriter::AppendAdvance(Time to, Time clock_now) {
  impl_->record().mutable_advance()->set_now_us(to.microseconds());
  return impl_->Append(clock_now);
}

absl::Status JournalWriter::MaybeFlush(Time clock_now) { return impl_->MaybeFlush(clock_now); }
absl::Status JournalWriter::Flush() { return impl_->Flush(); }
uint64_t JournalWriter::next_sequence() const { return impl_->next_sequence(); }
int JournalWriter::buffered_records() const { return impl_->buffered(); }
JournalSink& JournalWriter::sink() { return impl_->sink(); }

}  // namespace acd
