#include "sim/merge.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/status_macros.h"

namespace acd::sim {
namespace {

// Gaps listed in an error at most; more are counted.
constexpr size_t kMaxGapsListed = 20;

std::string Replications(int first, int end) {
  return end - first == 1 ? absl::StrCat(first) : absl::StrCat(first, "..", end - 1);
}

// An error unless `part` is from the same study as `reference`.
absl::Status CheckSameStudy(const Part& reference, const Part& part) {
  const StudyInfo& a = reference.aggregate.study;
  const StudyInfo& b = part.aggregate.study;
  const auto mismatch = [&](const std::string& what) {
    return absl::InvalidArgumentError(
        absl::StrCat(part.file, ": ", what, " (", reference.file, " is the first part)"));
  };
  if (a.version != b.version) {
    return mismatch(absl::StrCat("written by acdsim ", b.version, ", not ", a.version,
                                 " like the first part: parts of different versions do not merge"));
  }
  if (a.fingerprint != b.fingerprint) {
    return mismatch(absl::StrCat("another scenario: \"", b.scenario, "\" (", b.fingerprint,
                                 ") is not \"", a.scenario, "\" (", a.fingerprint, ")"));
  }
  if (a.overrides != b.overrides) {
    return mismatch(absl::StrCat("run with the overrides [", absl::StrJoin(b.overrides, ", "),
                                 "], not [", absl::StrJoin(a.overrides, ", "), "]"));
  }
  if (a.seed != b.seed) {
    return mismatch(absl::StrCat("seed ", b.seed, " is not the first part's ", a.seed));
  }
  if (a.replications != b.replications) {
    return mismatch(absl::StrCat("part of a study of ", b.replications, " replications, not of ",
                                 a.replications));
  }
  if (a.scenario != b.scenario) {
    return mismatch(
        absl::StrCat("the scenario is named \"", b.scenario, "\", not \"", a.scenario,
                     "\" (a scenario without a name is named after its file: give it a `name`)"));
  }
  if (a != b || reference.aggregate.layout != part.aggregate.layout) {
    return mismatch(
        "the same scenario reported differently (another service level, horizon, "
        "interval or KPI list)");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Aggregate> MergeParts(const std::vector<Part>& parts) {
  if (parts.empty()) return absl::InvalidArgumentError("no parts to merge");
  for (const Part& part : parts) {
    if (part.aggregate.added != part.aggregate.range.size()) {
      return absl::InvalidArgumentError(absl::StrCat(part.file, ": holds ", part.aggregate.added,
                                                     " of its ", part.aggregate.range.size(),
                                                     " replications"));
    }
    ACD_RETURN_IF_ERROR(CheckSameStudy(parts[0], part));
  }
  // Parts by their first replication; neighbours must not overlap.
  std::vector<const Part*> sorted;
  for (const Part& part : parts) sorted.push_back(&part);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Part* a, const Part* b) {
    return a->aggregate.range.first < b->aggregate.range.first;
  });
  std::vector<std::string> gaps;
  size_t more_gaps = 0;
  const auto gap = [&](int first, int end) {
    if (first >= end) return;
    if (gaps.size() < kMaxGapsListed) {
      gaps.push_back(Replications(first, end));
    } else {
      ++more_gaps;
    }
  };
  int covered = 0;  // replications 0..covered-1 are accounted for
  const Part* last = nullptr;
  for (const Part* part : sorted) {
    const ReplicationRange range = part->aggregate.range;
    if (last != nullptr && range.first < last->aggregate.range.end) {
      const ReplicationRange other = last->aggregate.range;
      if (range == other) {
        return absl::InvalidArgumentError(absl::StrCat(part->file, ": replications ",
                                                       Replications(range.first, range.end),
                                                       " again: a duplicate of ", last->file));
      }
      return absl::InvalidArgumentError(
          absl::StrCat(part->file, ": replications ", Replications(range.first, range.end),
                       " overlap ", last->file, "'s ", Replications(other.first, other.end)));
    }
    gap(covered, range.first);
    covered = range.end;
    last = part;
  }
  const int replications = parts[0].aggregate.study.replications;
  gap(covered, replications);
  if (!gaps.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("replications ", absl::StrJoin(gaps, ", "),
                     more_gaps > 0 ? absl::StrCat(" and ", more_gaps, " more ranges") : "",
                     " of 0..", replications - 1, " are missing: no part has them"));
  }

  Aggregate whole =
      Aggregate::Start(parts[0].aggregate.study, parts[0].aggregate.layout, {0, replications});
  for (const Part* part : sorted) {
    for (size_t c = 0; c < whole.cells.size(); ++c) whole.cells[c].Add(part->aggregate.cells[c]);
    whole.events += part->aggregate.events;
    whole.added += part->aggregate.added;
  }
  return whole;
}

}  // namespace acd::sim
