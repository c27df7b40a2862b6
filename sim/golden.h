// sim/golden.h: a study's JSON report compared with a stored golden one.
//
// `acdsim check` runs a scenario and compares the JSON report it makes
// (sim/report.h FormatJson, the bytes `acdsim run --json` writes) with a
// golden file written earlier by `acdsim check --update` (or `run --json`).
// Two modes:
//
//   exact        the bytes must be identical: any change of behaviour, of
//                random-number use or of the report's format shows. On a
//                difference, both files are read as JSON and compared value
//                by value, so the failure lists which keys differ and how
//                ("workgroups.Billing.service_level.mean: 0.81 -> 0.79"),
//                not bytes. The golden must come from the same seed and
//                number of replications (else the run cannot match it).
//   statistical  every KPI of the total, each workgroup and each contact
//                type (and, if asked, of each reporting interval) must agree
//                within the combined 95 % interval of the two studies,
//                     |mean_now - mean_golden| <= sqrt(h_now^2 + h_golden^2),
//                h being each one's 95 % half-width. That is the two-sided
//                5 % test of equal means for two independent studies (the
//                standard error of the difference is the root of the sum of
//                the squares), so a seed, a replication count or a change of
//                random-number use passes while a real move fails. Each KPI
//                is its own test: with K KPIs about 0.05 K false alarms are
//                expected between two independent studies of one model
//                (fewer in practice: KPIs are correlated); `interval_scale`
//                widens every interval by one factor when a check must stay
//                quiet across seeds. A KPI with no interval (a value in fewer
//                than two replications) cannot be tested and is counted as
//                skipped; so is one with a value in one study only (a
//                ratio whose denominator was zero in every replication of
//                the other: the denominator's own KPI is tested). A zero-width pair (the KPI
//                took one value in every replication of both studies: it does not depend on chance)
//                is allowed a relative difference of kZeroWidthTolerance,
//                enough for the rounding of a changed order of floating-point
//                operations and far below any real move.
//
// Example:
//
//   ACD_ASSIGN_OR_RETURN(ParsedJson golden, ReadJson(golden_text, path));
//   ACD_ASSIGN_OR_RETURN(ParsedJson now, ReadJson(now_text, "the run's report"));
//   ACD_RETURN_IF_ERROR(CheckGoldenFits(golden, now, GoldenMode::kExact, path));
//   GoldenComparison c = CompareExact(golden_text, golden, now_text, now);
//   fmt::print("{}", FormatComparison(c, 20));
//
// Thread safety: free functions without shared state.

#ifndef ACD_SIM_GOLDEN_H_
#define ACD_SIM_GOLDEN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sim/json_reader.h"

namespace acd::sim {

enum class GoldenMode { kExact, kStatistical };

// "exact" or "statistical" into a mode; InvalidArgument otherwise.
absl::StatusOr<GoldenMode> ParseGoldenMode(absl::string_view text);

// Relative difference allowed between two KPIs of zero-width intervals,
// times max(1, |mean|).
inline constexpr double kZeroWidthTolerance = 1e-9;

struct StatisticalOptions {
  // Also compare every reporting interval's KPIs ("intervals",
  // "contact_type_intervals", "total_intervals"). Default: off.
  bool intervals = false;
  // Multiplies every combined half-width; 1 (the default) is the 5 % test
  // per KPI. Range: >= 1.
  double interval_scale = 1;
};

// One value that differs, or is in one report and not the other.
struct GoldenDifference {
  // Where it is: "total.asa", "workgroups.Billing.service_level.mean",
  // "contact_types[\"tech calls\"].offered".
  std::string path;
  // The values as JSON text; "(absent)" when missing on that side.
  std::string golden;
  std::string now;
  // Why it fails, in statistical mode: "|diff| 0.031 > 0.012".
  std::string note;
};

struct GoldenComparison {
  GoldenMode mode = GoldenMode::kExact;
  // Exact mode: the bytes are identical. Statistical mode: every KPI
  // agrees.
  bool passed = false;
  // Exact mode: leaf values compared; statistical mode: KPIs compared.
  int64_t compared = 0;
  // Statistical mode: KPIs without an interval, not tested.
  int64_t skipped = 0;
  // Exact mode: the size of the golden, in bytes.
  int64_t golden_bytes = 0;
  // Every difference, in the order of the golden file.
  std::vector<GoldenDifference> differences;
  // Exact mode: the values are the same but the bytes are not (the first
  // differing byte, "offset N (line L)").
  std::string formatting;
};

// Golden files larger than this are refused before they are read (the
// full day's is 1.4 MB).
inline constexpr int64_t kMaxGoldenBytes = int64_t{256} << 20;

// A golden file: its bytes and what they say.
struct GoldenFile {
  std::string text;
  ParsedJson report;
};

// Reads and parses the golden at `path`. NotFound "<path>: cannot read the
// golden: <reason> (write it with --update)"; InvalidArgument for a
// directory, a file over kMaxGoldenBytes, or text that is not JSON
// ("<path>: offset N (line L, column C): ...").
absl::StatusOr<GoldenFile> ReadGoldenFile(const std::string& path);

// Whether `golden` can be compared with `now`: both are acdsim reports
// (InvalidArgument "<golden_name>: not an acdsim JSON report" otherwise), of
// the same scenario (InvalidArgument "<golden_name>: a golden of scenario
// \"X\", not of \"Y\"") and, in exact mode, of the same seed and number of
// replications (InvalidArgument naming both and the flag to use).
absl::Status CheckGoldenFits(const ParsedJson& golden, const ParsedJson& now, GoldenMode mode,
                             absl::string_view golden_name);

// Exact mode: the texts byte for byte, and on a difference the values.
GoldenComparison CompareExact(absl::string_view golden_text, const ParsedJson& golden,
                              absl::string_view now_text, const ParsedJson& now);

// Statistical mode (see the top of this file). The settings of the studies
// that are not chance (service_level_s, horizon_s, warmup_s, interval_s)
// must be equal, or are listed as differences.
GoldenComparison CompareStatistical(const ParsedJson& golden, const ParsedJson& now,
                                    const StatisticalOptions& options);

// The differences for people: one line per difference, the first
// `max_shown`, then how many more.
std::string FormatDifferences(const GoldenComparison& comparison, int max_shown);

}  // namespace acd::sim

#endif  // ACD_SIM_GOLDEN_H_
