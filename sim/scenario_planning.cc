#include "sim/scenario_planning.h"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "sim/clock.h"

namespace acd::sim {
namespace {

constexpr double kMaxSeconds = 1e9;
constexpr int kMaxServiceLevels = 4;

bool InRange(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

// A gamma shape: 0 (off) or in (0, 1e6].
absl::Status CheckShape(double shape, const TextProtoFile& file, const std::string& where) {
  if (!InRange(shape, 0, 1e6)) {
    return file.Error(where, absl::StrCat(shape, " must be 0 (off) or in (0, 1e6]"));
  }
  return absl::OkStatus();
}

absl::Status ConvertDay(const proto::Scenario& m, const TextProtoFile& file, Scenario& scenario) {
  if (!m.day_start().empty()) {
    absl::StatusOr<double> start = ParseClock(m.day_start());
    if (!start.ok()) return file.Error("day_start", start.status().message());
    scenario.day_start_s = *start;
  }
  if (m.has_busyness()) {
    ACD_RETURN_IF_ERROR(CheckShape(m.busyness().day_shape(), file, "busyness.day_shape"));
    ACD_RETURN_IF_ERROR(CheckShape(m.busyness().interval_shape(), file, "busyness.interval_shape"));
    scenario.busyness = {.day_shape = m.busyness().day_shape(),
                         .interval_shape = m.busyness().interval_shape()};
  }
  if (m.has_closing_s()) {
    if (!(InRange(m.closing_s(), 0, m.horizon_s()) && m.closing_s() > 0)) {
      return file.Error("closing_s",
                        absl::StrCat(m.closing_s(), " must be in (0, horizon_s] seconds"));
    }
    scenario.closing = Time() + SecondsF(m.closing_s());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ConvertPlanning(const proto::Scenario& m, const TextProtoFile& file,
                             Scenario& scenario) {
  ACD_RETURN_IF_ERROR(ConvertDay(m, file, scenario));
  for (int i = 0; i < m.contact_types_size(); ++i) {
    const proto::ContactType& ct = m.contact_types(i);
    const std::string where = absl::StrCat("contact_types[", i, "]");
    ContactType& out = scenario.contact_types[i];
    if (ct.service_level_s_size() > kMaxServiceLevels) {
      return file.Error(
          where + ".service_level_s",
          absl::StrCat(ct.service_level_s_size(), " thresholds, more than ", kMaxServiceLevels));
    }
    for (int k = 0; k < ct.service_level_s_size(); ++k) {
      const double t = ct.service_level_s(k);
      if (!InRange(t, 0, kMaxSeconds)) {
        // Located at the field: text positions are not kept per element.
        return absl::InvalidArgumentError(absl::StrCat(file.Where(where + ".service_level_s"), ": ",
                                                       where, ".service_level_s[", k, "]: ", t,
                                                       " is outside 0..1e9 seconds"));
      }
      out.service_levels.push_back(SecondsF(t));
    }
    scenario.own_service_levels = scenario.own_service_levels || !out.service_levels.empty();
    if (out.service_levels.empty()) out.service_levels.push_back(scenario.service_level);
    if (!InRange(ct.balk_probability(), 0, 1)) {
      return file.Error(where + ".balk_probability",
                        absl::StrCat(ct.balk_probability(), " is outside 0..1"));
    }
    out.balk_probability = ct.balk_probability();
  }
  return absl::OkStatus();
}

}  // namespace acd::sim
