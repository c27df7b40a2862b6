// sim/comparison.h: two variants of a scenario compared with common random
// numbers.
//
// `acdsim compare` runs sides A and B with the same seed, replication by
// replication: replication r of both sides uses substream r of every random
// stream, so when the sides share the stream layout (see
// CheckCommonRandomNumbers) their customers arrive at the same times and
// bring the same handle times, patience and choices. A `Comparison` keeps,
// per cell of the shared layout (sim/kpi_layout.h), the sufficient
// statistics (sim/statistics.h Moments) of A's values, of B's, and of the
// paired differences B - A: memory does not grow with the replications.
//
// For each KPI (KpiComparison): the means of A and B, the mean difference
// with the half-width of its paired 95 % Student-t interval, the half-width
// the difference would have from two independent runs
// (sqrt(ci95_A^2 + ci95_B^2), the same t quantile, so that
// (unpaired / paired)^2 is the variance reduction the pairing gives), and a
// verdict: B is "better" or "worse" when the paired interval excludes 0 and
// the KPI has a direction (BetterDirection), "no significant difference"
// when it does not, "not compared" for a KPI without a direction or without
// a value. Each verdict is a 95 % test on its own: among many KPIs some
// differences look significant by chance.
//
// Example:
//
//   acd::sim::Comparison comparison = acd::sim::Comparison::Start(plan.layout());
//   comparison.Add(values_a, values_b);   // one replication of each side
//   acd::sim::KpiComparison c = comparison.At(0, 0, 0, kpi);
//
// Thread safety: none; one owner at a time.

#ifndef ACD_SIM_COMPARISON_H_
#define ACD_SIM_COMPARISON_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "sim/kpi_layout.h"
#include "sim/scenario.h"
#include "sim/statistics.h"

namespace acd::sim {

// Which way a KPI counts as better.
enum class Better { kHigher, kLower, kNone };
// Service levels and on-time work: higher; ASA, abandonment, P(wait),
// queues, blocking, no-answers, failed callbacks, contacts still waiting at
// the end: lower; volumes, handle times and agent occupancy or utilization
// (more is neither good nor bad in itself): none, not judged.
Better BetterDirection(absl::string_view kpi_key);
// "higher", "lower", "none".
const char* BetterName(Better better);

enum class Verdict { kBetter, kWorse, kNoDifference, kNotCompared };
// "better", "worse", "no significant difference", "not compared".
const char* VerdictName(Verdict verdict);

struct KpiComparison {
  // Means over the replications; NaN without a value.
  double a = 0;
  double b = 0;
  // Mean of B - A over the replications where both have a value, and the
  // half-width of its 95 % interval (NaN with fewer than two).
  double diff = 0;
  double ci95 = 0;
  double unpaired_ci95 = 0;
  Better better = Better::kNone;
  Verdict verdict = Verdict::kNotCompared;
};

// One side of a comparison, as the reports name it.
struct ComparisonSide {
  std::string scenario;
  std::string file;
  std::vector<std::string> overrides;
};

struct Comparison {
  std::string version;
  ComparisonSide a;
  ComparisonSide b;
  uint64_t seed = 0;
  int replications = 0;
  double service_level_s = 0;
  double interval_s = 0;
  KpiLayout layout;
  // Per cell of `layout`: A's values, B's, and B - A.
  std::vector<Moments> cells_a;
  std::vector<Moments> cells_b;
  std::vector<Moments> cells_diff;
  int added = 0;

  static Comparison Start(KpiLayout layout);
  // Adds replication r of both sides: each one's value of every cell.
  void Add(std::span<const double> values_a, std::span<const double> values_b);
  KpiComparison At(size_t slice, size_t member, size_t period, size_t kpi) const;

  // The verdicts on the whole run's total KPIs that have a direction.
  int BetterCount() const;
  int WorseCount() const;
};

// The exit status of `acdsim compare`: 1 when B is significantly worse in
// some judged total KPI, 3 when better in some and worse in none, else 0.
int ComparisonExitStatus(const Comparison& comparison);

// Whether replications of `a` and `b` under one seed share their random
// numbers. InvalidArgument when the sides cannot be paired at all: other
// contact types (names, order) or workgroups, or another number of
// reporting intervals. Appends a warning for each way they share less than
// all: another number or order of agent groups shifts the streams of agent
// behaviour and of each contact's own choices.
absl::Status CheckCommonRandomNumbers(const Scenario& a, const Scenario& b,
                                      std::vector<std::string>& warnings);

// The table for people (total, workgroups, contact types), the JSON of
// kind "comparison", and a CSV of the intervals of one slice ("workgroups",
// "contact_types" or "total").
std::string FormatComparisonTable(const Comparison& comparison);
std::string FormatComparisonJson(const Comparison& comparison);
std::string FormatComparisonCsv(const Comparison& comparison, absl::string_view slice_kind);

}  // namespace acd::sim

#endif  // ACD_SIM_COMPARISON_H_
