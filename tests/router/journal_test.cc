// The journal's format, flush policies and damage handling (acd/journal.h).

#include "acd/journal.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "doctest/doctest.h"

namespace acd {
namespace {

Time At(int64_t s) { return Time() + Seconds(s); }

// A journal of `n` records: SetStatus commands, every third an advance.
// Returns the bytes and each record's start offset (the last entry is the
// end of the file).
std::string SmallJournal(int n, std::vector<int64_t>* boundaries = nullptr) {
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* raw = sink.get();
  JournalWriter writer(std::move(sink), CenterConfig{});
  REQUIRE(writer.Flush().ok());  // the file header and the header record
  if (boundaries) boundaries->push_back(raw->size());
  for (int i = 0; i < n; ++i) {
    absl::Status status =
        i % 3 == 2
            ? writer.AppendAdvance(At(i), At(i))
            : writer.AppendCommand(
                  SetStatus{.now = At(i), .agent = AgentId(i), .status = StatusId(1)}, At(i));
    REQUIRE(status.ok());
    if (boundaries) boundaries->push_back(raw->size());
  }
  return raw->bytes();
}

TEST_CASE("records read back in order with their sequence, offset and content") {
  std::vector<int64_t> boundaries;
  const std::string bytes = SmallJournal(6, &boundaries);
  CHECK(bytes.substr(0, 8) == "ACDJRNL1");
  absl::StatusOr<JournalContents> contents = ReadJournal(bytes);
  REQUIRE(contents.ok());
  REQUIRE(contents->entries.size() == 6);
  CHECK(contents->tail_report.empty());
  CHECK(contents->valid_bytes == static_cast<int64_t>(bytes.size()));
  for (int i = 0; i < 6; ++i) {
    const JournalEntry& e = contents->entries[i];
    CHECK(e.sequence == static_cast<uint64_t>(i));
    CHECK(e.offset == boundaries[i]);
    if (i % 3 == 2) {
      CHECK(std::get<JournalAdvance>(e.value).now == At(i));
    } else {
      const auto& status = std::get<SetStatus>(std::get<Command>(e.value));
      CHECK(status.agent == AgentId(i));
      CHECK(status.now == At(i));
    }
  }
}

TEST_CASE("an empty journal is valid and a foreign file is refused") {
  absl::StatusOr<JournalContents> empty = ReadJournal("");
  REQUIRE(empty.ok());
  CHECK(empty->entries.empty());
  CHECK(ReadJournal("GIF89a\x01\x02\x03").status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("the flush policy decides when the sink receives records") {
  const SetStatus command{.agent = AgentId(0), .status = StatusId(0)};
  SUBCASE("every record") {
    auto sink = std::make_unique<StringJournalSink>();
    StringJournalSink* raw = sink.get();
    JournalWriter writer(std::move(sink), CenterConfig{});
    REQUIRE(writer.AppendCommand(command, At(0)).ok());
    CHECK(writer.buffered_records() == 0);
    CHECK(raw->syncs() == 1);
  }
  SUBCASE("every N") {
    auto sink = std::make_unique<StringJournalSink>();
    StringJournalSink* raw = sink.get();
    JournalWriter writer(std::move(sink), CenterConfig{},
                         {.flush = FlushPolicy::kEveryN, .flush_every_records = 3});
    REQUIRE(writer.AppendCommand(command, At(0)).ok());
    REQUIRE(writer.AppendCommand(command, At(0)).ok());
    CHECK(raw->size() == 0);
    REQUIRE(writer.AppendCommand(command, At(0)).ok());
    CHECK(writer.buffered_records() == 0);
    CHECK(ReadJournal(raw->bytes())->entries.size() == 3);
  }
  SUBCASE("on a timer of the caller's clock") {
    auto sink = std::make_unique<StringJournalSink>();
    StringJournalSink* raw = sink.get();
    JournalWriter writer(std::move(sink), CenterConfig{},
                         {.flush = FlushPolicy::kOnTimer, .flush_interval = Seconds(10)});
    REQUIRE(writer.AppendCommand(command, At(10)).ok());  // 10 s since the start: flush
    REQUIRE(writer.AppendCommand(command, At(15)).ok());
    CHECK(writer.buffered_records() == 1);
    REQUIRE(writer.MaybeFlush(At(19)).ok());
    CHECK(writer.buffered_records() == 1);
    REQUIRE(writer.MaybeFlush(At(20)).ok());
    CHECK(writer.buffered_records() == 0);
    CHECK(ReadJournal(raw->bytes())->entries.size() == 2);
  }
}

TEST_CASE("a journal cut anywhere inside its last record keeps every whole record") {
  std::vector<int64_t> boundaries;
  const std::string bytes = SmallJournal(4, &boundaries);
  const int64_t last = boundaries[3];
  for (int64_t cut = last + 1; cut < static_cast<int64_t>(bytes.size()); ++cut) {
    CAPTURE(cut);
    absl::StatusOr<JournalContents> contents = ReadJournal(bytes.substr(0, cut));
    REQUIRE(contents.ok());
    CHECK(contents->entries.size() == 3);
    CHECK(contents->valid_bytes == last);
    CHECK(contents->tail_report.find("offset " + std::to_string(last)) != std::string::npos);
  }
  // Inside the file header.
  absl::StatusOr<JournalContents> header = ReadJournal(bytes.substr(0, 5));
  REQUIRE(header.ok());
  CHECK(header->valid_bytes == 0);
  CHECK_FALSE(header->tail_report.empty());
}

TEST_CASE("a damaged last record or a zero-filled tail is cut as torn") {
  std::vector<int64_t> boundaries;
  std::string bytes = SmallJournal(4, &boundaries);
  std::string damaged = bytes;
  damaged.back() ^= 0x40;
  absl::StatusOr<JournalContents> contents = ReadJournal(damaged);
  REQUIRE(contents.ok());
  CHECK(contents->entries.size() == 3);
  CHECK(contents->tail_report.find("checksum") != std::string::npos);

  const std::string zeros = bytes + std::string(100, '\0');
  contents = ReadJournal(zeros);
  REQUIRE(contents.ok());
  CHECK(contents->entries.size() == 4);
  CHECK(contents->valid_bytes == static_cast<int64_t>(bytes.size()));
  CHECK(contents->tail_report.find("zero") != std::string::npos);
}

TEST_CASE("a corrupted byte before the last record is DataLoss naming the record's offset") {
  std::vector<int64_t> boundaries;
  const std::string bytes = SmallJournal(5, &boundaries);
  for (int record = 0; record < 4; ++record) {
    for (int64_t at = boundaries[record]; at < boundaries[record + 1]; ++at) {
      std::string damaged = bytes;
      damaged[at] ^= 0x01;
      absl::StatusOr<JournalContents> contents = ReadJournal(damaged);
      CAPTURE(at);
      REQUIRE(contents.status().code() == absl::StatusCode::kDataLoss);
      CHECK(contents.status().message().find("offset " + std::to_string(boundaries[record])) !=
            absl::string_view::npos);
    }
  }
}

TEST_CASE("a gap in the sequence numbers is DataLoss") {
  std::string bytes;
  {
    auto sink = std::make_unique<StringJournalSink>();
    StringJournalSink* raw = sink.get();
    JournalWriter writer(std::move(sink), CenterConfig{});
    REQUIRE(writer.AppendAdvance(At(1), At(1)).ok());
    bytes = raw->bytes();
  }
  {
    auto sink = std::make_unique<StringJournalSink>();
    StringJournalSink* raw = sink.get();
    REQUIRE(sink->Append(bytes).ok());  // a journal already: no second header
    JournalWriter writer(std::move(sink), CenterConfig{}, {}, /*next_sequence=*/5);
    REQUIRE(writer.AppendAdvance(At(2), At(2)).ok());
    bytes = raw->bytes();
  }
  absl::StatusOr<JournalContents> contents = ReadJournal(bytes);
  CHECK(contents.status().code() == absl::StatusCode::kDataLoss);
  CHECK(contents.status().message().find("sequence 5 follows 0") != absl::string_view::npos);
}

TEST_CASE("a journal file is truncated to its valid bytes and continued") {
  const std::string path =
      (std::filesystem::temp_directory_path() / "acd_journal_test.journal").string();
  std::remove(path.c_str());
  {
    auto sink = OpenJournalFile(path);
    REQUIRE(sink.ok());
    JournalWriter writer(std::move(*sink), CenterConfig{});
    REQUIRE(writer.AppendAdvance(At(1), At(1)).ok());
    REQUIRE(writer.AppendAdvance(At(2), At(2)).ok());
  }
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  REQUIRE(bytes.ok());
  // A crash in the middle of the second record.
  std::string torn = bytes->substr(0, bytes->size() - 3);
  absl::StatusOr<JournalContents> contents = ReadJournal(torn);
  REQUIRE(contents.ok());
  REQUIRE(contents->entries.size() == 1);
  {
    auto sink = OpenJournalFile(path, contents->valid_bytes);
    REQUIRE(sink.ok());
    JournalWriter writer(std::move(*sink), CenterConfig{}, {},
                         contents->entries.back().sequence + 1);
    REQUIRE(writer.AppendAdvance(At(3), At(3)).ok());
  }
  contents = ReadJournal(*ReadFileToString(path));
  REQUIRE(contents.ok());
  REQUIRE(contents->entries.size() == 2);
  CHECK(std::get<JournalAdvance>(contents->entries[1].value).now == At(3));
  CHECK(ReadFileToString(path + ".missing").status().code() == absl::StatusCode::kNotFound);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace acd
