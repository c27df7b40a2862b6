#include "sim/comparison.h"

#include <cmath>
#include <limits>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/status_macros.h"

namespace acd::sim {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

template <typename T, typename Name>
std::vector<std::string> Names(const std::vector<T>& items, Name name) {
  std::vector<std::string> out;
  for (const T& item : items) out.push_back(name(item));
  return out;
}

}  // namespace

Better BetterDirection(absl::string_view key) {
  if (absl::StartsWith(key, "service_level") || key == "on_time") return Better::kHigher;
  static constexpr absl::string_view kLower[] = {
      "asa_s",         "abandon_rate", "abandoned",        "abandoned_within",
      "p_wait",        "queue_length", "max_queue",        "blocked",
      "blocking_rate", "no_answers",   "callbacks_failed", "waiting_at_end"};
  for (absl::string_view lower : kLower) {
    if (key == lower) return Better::kLower;
  }
  if (absl::StartsWith(key, "p_abandon")) return Better::kLower;
  return Better::kNone;
}

const char* BetterName(Better better) {
  switch (better) {
    case Better::kHigher:
      return "higher";
    case Better::kLower:
      return "lower";
    case Better::kNone:
      break;
  }
  return "none";
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kBetter:
      return "better";
    case Verdict::kWorse:
      return "worse";
    case Verdict::kNoDifference:
      return "no significant difference";
    case Verdict::kNotCompared:
      break;
  }
  return "not compared";
}

Comparison Comparison::Start(KpiLayout layout) {
  Comparison comparison;
  comparison.layout = std::move(layout);
  const size_t cells = comparison.layout.CellCount();
  comparison.cells_a.resize(cells);
  comparison.cells_b.resize(cells);
  comparison.cells_diff.resize(cells);
  return comparison;
}

void Comparison::Add(std::span<const double> values_a, std::span<const double> values_b) {
  ACD_CHECK(values_a.size() == cells_a.size() && values_b.size() == cells_b.size());
  for (size_t c = 0; c < values_a.size(); ++c) {
    cells_a[c].Add(values_a[c]);
    cells_b[c].Add(values_b[c]);
    // NaN (no value on one side) is left out of the differences.
    cells_diff[c].Add(values_b[c] - values_a[c]);
  }
  ++added;
}

KpiComparison Comparison::At(size_t slice, size_t member, size_t period, size_t kpi) const {
  const size_t cell = layout.Cell(slice, member, period, kpi);
  const Summary a = cells_a[cell].Summarize();
  const Summary b = cells_b[cell].Summarize();
  const Summary diff = cells_diff[cell].Summarize();
  KpiComparison out{.a = a.mean,
                    .b = b.mean,
                    .diff = diff.mean,
                    .ci95 = diff.ci95,
                    .unpaired_ci95 = std::isfinite(a.ci95) && std::isfinite(b.ci95)
                                         ? std::sqrt(a.ci95 * a.ci95 + b.ci95 * b.ci95)
                                         : kNan,
                    .better = BetterDirection(layout.slices[slice].kpis[kpi].key)};
  if (out.better == Better::kNone || !std::isfinite(out.diff) || !std::isfinite(out.ci95)) {
    out.verdict = Verdict::kNotCompared;
  } else if (std::abs(out.diff) <= out.ci95) {
    out.verdict = Verdict::kNoDifference;
  } else {
    out.verdict =
        (out.diff > 0) == (out.better == Better::kHigher) ? Verdict::kBetter : Verdict::kWorse;
  }
  return out;
}

int Comparison::BetterCount() const {
  int count = 0;
  const int total = layout.FindSlice("total");
  if (total < 0) return 0;
  for (size_t k = 0; k < layout.slices[total].kpis.size(); ++k) {
    count += At(total, 0, 0, k).verdict == Verdict::kBetter;
  }
  return count;
}

int Comparison::WorseCount() const {
  int count = 0;
  const int total = layout.FindSlice("total");
  if (total < 0) return 0;
  for (size_t k = 0; k < layout.slices[total].kpis.size(); ++k) {
    count += At(total, 0, 0, k).verdict == Verdict::kWorse;
  }
  return count;
}

int ComparisonExitStatus(const Comparison& comparison) {
  if (comparison.WorseCount() > 0) return 1;
  return comparison.BetterCount() > 0 ? 3 : 0;
}

absl::Status CheckCommonRandomNumbers(const Scenario& a, const Scenario& b,
                                      std::vector<std::string>& warnings) {
  const auto types = [](const Scenario& s) {
    return Names(s.contact_types, [](const ContactType& k) { return k.name; });
  };
  if (types(a) != types(b)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the sides have other contact types: A has [", absl::StrJoin(types(a), ", "), "], B [",
        absl::StrJoin(types(b), ", "),
        "]; contact type k's arrivals, handle times and patience come from streams numbered by "
        "its position, so common random numbers need the same contact types in the same order"));
  }
  const auto workgroups = [](const Scenario& s) {
    return Names(s.center.workgroups, [](const WorkgroupConfig& w) { return w.name; });
  };
  if (workgroups(a) != workgroups(b)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the sides have other workgroups: A has [", absl::StrJoin(workgroups(a), ", "), "], B [",
        absl::StrJoin(workgroups(b), ", "), "]; a comparison pairs them by name, in order"));
  }
  if (a.horizon != b.horizon || a.interval != b.interval) {
    return absl::InvalidArgumentError(
        "the sides have another horizon or reporting interval: their intervals do not pair");
  }
  const auto groups = [](const Scenario& s) {
    return Names(s.agent_groups, [](const AgentGroup& g) { return g.name; });
  };
  if (groups(a) != groups(b)) {
    warnings.push_back(absl::StrCat(
        "the sides have other agent groups (A [", absl::StrJoin(groups(a), ", "), "], B [",
        absl::StrJoin(groups(b), ", "),
        "]): arrivals, handle times and patience still match, but the streams of agent "
        "behaviour (answer delay, no-answer, reject, wrap-up) are numbered by group position",
        a.agent_groups.size() != b.agent_groups.size()
            ? " and those of each contact's own choices (callback, transfer, hold, reach), of "
              "busyness and of balking come after them, so those differ between the sides"
            : ", so a group's streams go to the group at its position on the other side",
        "; the agent groups' own KPIs are not compared"));
  }
  return absl::OkStatus();
}

}  // namespace acd::sim
