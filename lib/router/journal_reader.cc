// ReadJournal and Recover (acd/journal.h).

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "acd/journal.h"
#include "acd/proto/journal.pb.h"
#include "acd/status_macros.h"
#include "lib/router/command_codec.h"
#include "lib/router/crc32c.h"
#include "lib/router/journal_format.h"

namespace acd {
namespace {

using router_internal::Crc32c;
using router_internal::GetFixed32;
using router_internal::kJournalMagic;
using router_internal::kMaxRecordBytes;
using router_internal::kRecordHeaderBytes;

bool AllZero(absl::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

std::string TornReport(int64_t offset, int64_t size, absl::string_view why) {
  return absl::StrCat("journal: cut a torn last record at offset ", offset, " (", size - offset,
                      " bytes): ", why);
}

absl::Status Corrupt(int64_t offset, absl::string_view why) {
  return absl::DataLossError(absl::StrCat("journal: record at offset ", offset, ": ", why));
}

// Decodes one checked payload into `entry`, or, for the journal's first
// record (`first`), into the header fields of `out` (then `entry` is
// unused and `is_header` set).
absl::Status DecodeRecord(absl::string_view payload, int64_t offset, bool first,
                          JournalContents& out, JournalEntry& entry, bool& is_header) {
  journal::Record record;
  if (!record.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Corrupt(offset, "payload does not parse as acd.journal.Record");
  }
  is_header = record.entry_case() == journal::Record::kHeader;
  if (is_header) {
    if (!first) return Corrupt(offset, "a header record after the journal's first record");
    if (record.header().format_version() < 2) {
      return Corrupt(offset, absl::StrCat("header names format version ",
                                          record.header().format_version(),
                                          "; headers start with version 2"));
    }
    if (record.header().format_version() > static_cast<uint32_t>(kJournalFormatVersion)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "journal: written in format version ", record.header().format_version(),
          ", newer than this library's ", kJournalFormatVersion));
    }
    out.format_version = static_cast<int>(record.header().format_version());
    out.config_fingerprint = record.header().config_fingerprint();
    return absl::OkStatus();
  }
  entry.sequence = record.sequence();
  entry.offset = offset;
  switch (record.entry_case()) {
    case journal::Record::kCommand: {
      absl::StatusOr<Command> command = router_internal::DecodeCommand(record.command());
      if (!command.ok()) return Corrupt(offset, command.status().message());
      entry.value = *std::move(command);
      return absl::OkStatus();
    }
    case journal::Record::kAdvance:
      entry.value = JournalAdvance{.now = Time::FromMicroseconds(record.advance().now_us())};
      return absl::OkStatus();
    case journal::Record::kHeader:
    case journal::Record::ENTRY_NOT_SET:
      break;
  }
  return Corrupt(offset, "record holds neither a command nor an advance");
}

}  // namespace

absl::StatusOr<JournalContents> ReadJournal(absl::string_view bytes) {
  JournalContents out;
  const int64_t size = static_cast<int64_t>(bytes.size());
  if (size == 0) return out;
  if (size < static_cast<int64_t>(kJournalMagic.size())) {
    if (kJournalMagic.substr(0, bytes.size()) != bytes && !AllZero(bytes)) {
      return absl::InvalidArgumentError("journal: does not start with \"ACDJRNL1\"");
    }
    out.tail_report = TornReport(0, size, "the file header is incomplete");
    return out;
  }
  if (bytes.substr(0, kJournalMagic.size()) != kJournalMagic) {
    return absl::InvalidArgumentError("journal: does not start with \"ACDJRNL1\"");
  }
  int64_t offset = static_cast<int64_t>(kJournalMagic.size());
  out.valid_bytes = offset;
  while (offset < size) {
    const absl::string_view rest = bytes.substr(static_cast<size_t>(offset));
    const int64_t remaining = size - offset;
    if (remaining < kRecordHeaderBytes) {
      out.tail_report = TornReport(offset, size, "the file ends inside a record header");
      break;
    }
    const uint32_t length = GetFixed32(rest);
    if (GetFixed32(rest.substr(4)) != Crc32c(rest.substr(0, 4))) {
      if (AllZero(rest)) {
        out.tail_report = TornReport(offset, size, "zero bytes where a record should start");
        break;
      }
      return Corrupt(offset, "header checksum mismatch");
    }
    if (length > kMaxRecordBytes) {
      return Corrupt(offset, absl::StrCat("length ", length, " exceeds the maximum"));
    }
    if (remaining - kRecordHeaderBytes < length) {
      out.tail_report = TornReport(
          offset, size, absl::StrCat("the file ends inside a ", length, "-byte payload"));
      break;
    }
    const absl::string_view payload = rest.substr(kRecordHeaderBytes, length);
    const int64_t end = offset + kRecordHeaderBytes + length;
    if (GetFixed32(rest.substr(8)) != Crc32c(payload)) {
      if (end == size) {
        out.tail_report = TornReport(offset, size, "the last record's payload checksum fails");
        break;
      }
      return Corrupt(offset, "payload checksum mismatch");
    }
    JournalEntry entry;
    bool is_header = false;
    const bool first = out.valid_bytes == static_cast<int64_t>(kJournalMagic.size());
    ACD_RETURN_IF_ERROR(DecodeRecord(payload, offset, first, out, entry, is_header));
    if (is_header) {
      offset = end;
      out.valid_bytes = offset;
      continue;
    }
    if (!out.entries.empty() && entry.sequence != out.entries.back().sequence + 1) {
      return Corrupt(offset, absl::StrCat("sequence ", entry.sequence, " follows ",
                                          out.entries.back().sequence));
    }
    out.entries.push_back(std::move(entry));
    offset = end;
    out.valid_bytes = offset;
  }
  return out;
}

absl::StatusOr<Recovered> Recover(const CenterConfig& config, absl::string_view journal,
                                  const RecoverOptions& options) {
  ACD_ASSIGN_OR_RETURN(JournalContents contents, ReadJournal(journal));
  Recovered out;
  if (!contents.config_fingerprint.empty()) {
    const std::string given = ConfigFingerprint(config);
    if (given != contents.config_fingerprint) {
      return absl::FailedPreconditionError(absl::StrCat(
          "recover: the journal was written under the center configuration ",
          contents.config_fingerprint, ", and the configuration given is ", given,
          "; recover with the configuration the journal was started with"));
    }
    out.config_checked = true;
  }
  out.valid_bytes = contents.valid_bytes;
  out.tail_report = std::move(contents.tail_report);
  uint64_t first = 0;
  if (options.snapshot != nullptr) {
    if (options.codec == nullptr) {
      return absl::InvalidArgumentError("recover: a snapshot needs the codec that saved it");
    }
    first = options.snapshot->next_sequence;
    if (!contents.entries.empty() && contents.entries.front().sequence > first) {
      return absl::DataLossError(absl::StrCat("recover: the journal starts at sequence ",
                                              contents.entries.front().sequence,
                                              ", after the snapshot's ", first));
    }
    ACD_ASSIGN_OR_RETURN(out.engine, options.codec->Load(config, options.snapshot->state));
  } else {
    ACD_ASSIGN_OR_RETURN(out.engine, Engine::Create(config, options.start));
  }
  out.next_sequence = contents.entries.empty() ? first : contents.entries.back().sequence + 1;
  out.next_sequence = std::max(out.next_sequence, first);
  out.engine->SetObserver(options.observer);
  for (const JournalEntry& entry : contents.entries) {
    if (entry.sequence < first) continue;
    const absl::Status status =
        std::holds_alternative<Command>(entry.value)
            ? out.engine->Apply(std::get<Command>(entry.value))
            : out.engine->AdvanceTo(std::get<JournalAdvance>(entry.value).now);
    if (!status.ok()) {
      return absl::InternalError(absl::StrCat("recover: record at offset ", entry.offset,
                                              " (sequence ", entry.sequence,
                                              ") is rejected on replay: ", status.ToString()));
    }
    ++out.records_replayed;
  }
  out.engine->SetObserver(nullptr);
  return out;
}

}  // namespace acd
