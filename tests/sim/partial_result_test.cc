#include "sim/partial_result.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "acd/proto/partial_result.pb.h"
#include "doctest/doctest.h"
#include "lib/common/fnv1a.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

Aggregate SmallPart() {
  absl::StatusOr<Aggregate> part =
      RunStudy(testing::SmallStudy(), {.range = ReplicationRange{3, 7}});
  REQUIRE(part.ok());
  part->study.fingerprint = "fnv1a64:0123456789abcdef";
  part->study.overrides = {"agent_groups[t].count=3", "horizon_s=7200"};
  part->study.warnings = {"s.txtpb:9:1: interval_s: 15 s is shorter than a minute"};
  return *part;
}

std::string Message(const absl::StatusOr<Aggregate>& result) {
  return std::string(result.status().message());
}

// Re-wraps `result` in a valid file, so that only its values are wrong.
std::string Wrap(const proto::PartialResult& result) {
  proto::PartialResultFile file;
  file.set_magic("acdsim partial result");
  file.set_format_version(kPartialResultVersion);
  result.SerializeToString(file.mutable_result());
  file.set_result_checksum(Fnv1a64(file.result()));
  return file.SerializeAsString();
}

proto::PartialResult Unwrap(const std::string& bytes) {
  proto::PartialResultFile file;
  REQUIRE(file.ParseFromString(bytes));
  proto::PartialResult result;
  REQUIRE(result.ParseFromString(file.result()));
  return result;
}

TEST_CASE("a partial result reads back as the aggregate it was written from, byte for byte") {
  const Aggregate part = SmallPart();
  const std::string bytes = EncodePartialResult(part);
  CHECK(EncodePartialResult(part) == bytes);
  absl::StatusOr<Aggregate> back = DecodePartialResult(bytes);
  REQUIRE_MESSAGE(back.ok(), back.status().ToString());
  CHECK(back->study == part.study);
  CHECK(back->study.overrides ==
        std::vector<std::string>{"agent_groups[t].count=3", "horizon_s=7200"});
  CHECK(back->study.warnings ==
        std::vector<std::string>{"s.txtpb:9:1: interval_s: 15 s is shorter than a minute"});
  CHECK(back->layout == part.layout);
  CHECK(back->range == part.range);
  CHECK(back->added == 4);
  CHECK(back->events == part.events);
  REQUIRE(back->cells.size() == part.cells.size());
  for (size_t c = 0; c < part.cells.size(); ++c) {
    CHECK(back->cells[c].count == part.cells[c].count);
    CHECK(back->cells[c].sum.ToCanonical() == part.cells[c].sum.ToCanonical());
    CHECK(back->cells[c].sum_squares.ToCanonical() == part.cells[c].sum_squares.ToCanonical());
  }
  CHECK(EncodePartialResult(*back) == bytes);
}

TEST_CASE("a truncated, corrupted or foreign file is refused with what is wrong") {
  const std::string bytes = EncodePartialResult(SmallPart());
  for (size_t cut : {size_t{0}, size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    INFO(cut);
    absl::StatusOr<Aggregate> truncated = DecodePartialResult(bytes.substr(0, cut));
    CHECK(truncated.status().code() == absl::StatusCode::kDataLoss);
  }
  CHECK(Message(DecodePartialResult(bytes.substr(0, bytes.size() - 100))) ==
        "damaged partial result: truncated or corrupted (it does not parse)");
  // Without the checksum field at the end, or with a changed byte.
  CHECK(Message(DecodePartialResult(bytes.substr(0, bytes.size() - 9))) ==
        "damaged partial result: truncated or corrupted (its checksum does not match)");
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  CHECK(Message(DecodePartialResult(flipped)) ==
        "damaged partial result: truncated or corrupted (its checksum does not match)");
  CHECK(Message(DecodePartialResult("{\"scenario\": \"not a partial\"}")) ==
        "not an acdsim partial result");
  CHECK(Message(DecodePartialResult("")) == "not an acdsim partial result");
}

TEST_CASE("another format version is refused before anything else is read") {
  const std::string bytes = EncodePartialResult(SmallPart());
  // Field 1 (the 21-byte magic) takes bytes 0..22; field 2 is the version.
  REQUIRE(bytes.substr(2, 21) == "acdsim partial result");
  REQUIRE(bytes[23] == 0x10);
  REQUIRE(bytes[24] == 0x01);
  std::string later = bytes;
  later[24] = 0x02;
  CHECK(Message(DecodePartialResult(later)) ==
        "partial result format version 2; this acdsim reads version 1");
}

TEST_CASE("values out of range are refused, naming the field") {
  const proto::PartialResult good = Unwrap(EncodePartialResult(SmallPart()));
  REQUIRE(DecodePartialResult(Wrap(good)).ok());

  proto::PartialResult range = good;
  range.set_end_replication(12);
  CHECK(Message(DecodePartialResult(Wrap(range))) ==
        "partial result: replications 3:12 are not a non-empty part of 0:9");
  proto::PartialResult count = good;
  count.mutable_slices(1)->set_counts(5, 5);
  CHECK(Message(DecodePartialResult(Wrap(count))) ==
        "partial result: slices[1].counts[5]: 5 outside 0..4");
  proto::PartialResult cells = good;
  cells.mutable_slices(2)->mutable_counts()->RemoveLast();
  CHECK(Message(DecodePartialResult(Wrap(cells))).find("partial result: slices[2]: ") == 0);
  proto::PartialResult low = good;
  low.mutable_slices(0)->mutable_sums()->set_low(0, -100);
  CHECK(Message(DecodePartialResult(Wrap(low)))
            .find("partial result: slices[0].sums[0]: limbs -100 to ") == 0);
  proto::PartialResult size = good;
  size.mutable_slices(0)->mutable_sum_squares()->set_size(3, 1000000);
  CHECK(Message(DecodePartialResult(Wrap(size))) ==
        "partial result: slices[0].sum_squares[3]: more limbs than the file holds");
  proto::PartialResult huge = good;
  huge.set_interval_count(1000000);
  CHECK(Message(DecodePartialResult(Wrap(huge)))
            .find("cells, more than the 1000000 a study may have") != std::string::npos);
  proto::PartialResult intervals = good;
  intervals.set_interval_count(-1);
  CHECK(Message(DecodePartialResult(Wrap(intervals))) ==
        "partial result: intervals -1 outside 0..1000000");
}

TEST_CASE("reading a file names it in every error") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "acd_partial_result_test";
  std::filesystem::create_directories(dir);
  const std::string missing = (dir / "missing.pb").string();
  CHECK(Message(ReadPartialResultFile(missing)) == missing + ": cannot open the partial result: No such file or directory");
  CHECK(Message(ReadPartialResultFile(dir.string())) == dir.string() + ": the partial result is not a regular file (a directory)");
  const std::string damaged = (dir / "damaged.pb").string();
  std::ofstream(damaged, std::ios::binary) << "garbage";
  CHECK(Message(ReadPartialResultFile(damaged)) == damaged + ": not an acdsim partial result");
  const std::string good = (dir / "good.pb").string();
  std::ofstream(good, std::ios::binary) << EncodePartialResult(SmallPart());
  CHECK(ReadPartialResultFile(good).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace acd::sim
