#include "sim/merge.h"

#include <string>
#include <utility>
#include <vector>

#include "doctest/doctest.h"
#include "sim/partial_result.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "sim/scenario.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

using testing::SmallStudy;

// Replications first..end-1 of the small study, through a partial result
// file's bytes, as `acdsim merge` reads them.
Part RunPart(const std::string& file, int first, int end, int threads = 1) {
  absl::StatusOr<Aggregate> part =
      RunStudy(SmallStudy(), {.range = ReplicationRange{first, end}, .threads = threads});
  REQUIRE(part.ok());
  part->study.fingerprint = "fnv1a64:00000000000000aa";
  absl::StatusOr<Aggregate> back = DecodePartialResult(EncodePartialResult(*part));
  REQUIRE(back.ok());
  return {file, *std::move(back)};
}

std::string Error(const std::vector<Part>& parts) {
  absl::StatusOr<Aggregate> merged = MergeParts(parts);
  REQUIRE(!merged.ok());
  return std::string(merged.status().message());
}

TEST_CASE("parts merged in any order report exactly as one run of the whole study") {
  absl::StatusOr<Report> one = RunScenario(SmallStudy(), {.threads = 2});
  REQUIRE(one.ok());
  const std::vector<Part> parts = {RunPart("c.pb", 7, 9), RunPart("a.pb", 0, 2, 2),
                                   RunPart("b.pb", 2, 7, 3)};
  absl::StatusOr<Aggregate> merged = MergeParts(parts);
  REQUIRE_MESSAGE(merged.ok(), merged.status().ToString());
  CHECK(merged->range == ReplicationRange{0, 9});
  const Report report = ReportOf(*merged);
  CHECK(FormatJson(report) == FormatJson(*one));
  CHECK(FormatTable(report) == FormatTable(*one));
  for (IntervalSlice slice : {IntervalSlice::kWorkgroups, IntervalSlice::kContactTypes,
                              IntervalSlice::kTotal, IntervalSlice::kAgentGroups}) {
    CHECK(FormatIntervalCsv(report, slice) == FormatIntervalCsv(*one, slice));
  }
  CHECK(report.events == one->events);
}

TEST_CASE("missing replications are listed") {
  CHECK(Error({RunPart("a.pb", 0, 2), RunPart("c.pb", 7, 8)}) ==
        "replications 2..6, 8 of 0..8 are missing: no part has them");
  CHECK(Error({RunPart("b.pb", 3, 4)}) ==
        "replications 0..2, 4..8 of 0..8 are missing: no part has them");
}

TEST_CASE("overlapping and duplicate parts are refused, naming both files") {
  CHECK(Error({RunPart("a.pb", 0, 5), RunPart("b.pb", 4, 9)}) ==
        "b.pb: replications 4..8 overlap a.pb's 0..4");
  CHECK(Error({RunPart("a.pb", 0, 5), RunPart("b.pb", 5, 9), RunPart("copy.pb", 5, 9)}) ==
        "copy.pb: replications 5..8 again: a duplicate of b.pb");
}

TEST_CASE("parts of another scenario, seed, study size or version are refused") {
  const Part a = RunPart("a.pb", 0, 5);
  Part other = RunPart("other.pb", 5, 9);
  other.aggregate.study.fingerprint = "fnv1a64:00000000000000bb";
  other.aggregate.study.scenario = "other";
  CHECK(Error({a, other}) ==
        "other.pb: another scenario: \"other\" (fnv1a64:00000000000000bb) is not \"small "
        "study\" (fnv1a64:00000000000000aa) (a.pb is the first part)");
  Part seed = RunPart("seed.pb", 5, 9);
  seed.aggregate.study.seed = 7;
  CHECK(Error({a, seed}) ==
        "seed.pb: seed 7 is not the first part's 5151 (a.pb is the first part)");
  Part size = RunPart("size.pb", 5, 9);
  size.aggregate.study.replications = 10;
  CHECK(Error({a, size}) ==
        "size.pb: part of a study of 10 replications, not of 9 (a.pb is the first part)");
  Part version = RunPart("version.pb", 5, 9);
  version.aggregate.study.version = "9.9.9";
  CHECK(Error({a, version}).find("version.pb: written by acdsim 9.9.9, not ") == 0);
  Part layout = RunPart("layout.pb", 5, 9);
  layout.aggregate.layout.slices[0].kpis[0].key = "renamed";
  CHECK(Error({a, layout}).find("layout.pb: the same scenario reported differently") == 0);
  CHECK(Error({}) == "no parts to merge");
}

}  // namespace
}  // namespace acd::sim
