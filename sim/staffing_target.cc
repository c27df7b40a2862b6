#include "sim/staffing_target.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"
#include "acd/time.h"
#include "sim/tally.h"

namespace acd::sim {
namespace {

struct KpiSyntax {
  const char* prefix;  // KPI and operator
  StaffingKpi kpi;
  const char* key;
};

constexpr KpiSyntax kSyntax[] = {
    {"sl>=", StaffingKpi::kSlAns, "service_level_ans"},
    {"sl=", StaffingKpi::kSlAns, "service_level_ans"},
    {"sl_ans>=", StaffingKpi::kSlAns, "service_level_ans"},
    {"sl_ans=", StaffingKpi::kSlAns, "service_level_ans"},
    {"sl_off>=", StaffingKpi::kSlOff, "service_level_off"},
    {"sl_off=", StaffingKpi::kSlOff, "service_level_off"},
    {"sl_g1>=", StaffingKpi::kSlG1, "service_level_g1"},
    {"sl_g1=", StaffingKpi::kSlG1, "service_level_g1"},
    {"asa<=", StaffingKpi::kAsa, "asa_s"},
    {"abandon<=", StaffingKpi::kAbandon, "abandon_rate"},
    {"occupancy<=", StaffingKpi::kOccupancy, "occupancy"},
};

bool IsServiceLevel(StaffingKpi kpi) {
  return kpi == StaffingKpi::kSlAns || kpi == StaffingKpi::kSlOff || kpi == StaffingKpi::kSlG1;
}

// A finite number filling all of `text`, with an optional "s" suffix when
// `seconds`.
bool ParseNumber(std::string text, bool seconds, double* out) {
  if (seconds && !text.empty() && text.back() == 's') text.pop_back();
  if (text.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(*out);
}

}  // namespace

bool StaffingTarget::at_least() const { return IsServiceLevel(kpi); }

const char* StaffingTarget::slice_name() const {
  switch (slice) {
    case Slice::kContactType:
      return "contact_types";
    case Slice::kWorkgroup:
      return "workgroups";
    case Slice::kTotal:
      return "total";
  }
  return "total";
}

bool StaffingTarget::Meets(double value) const {
  if (std::isnan(value)) return true;  // nothing to measure: no contacts
  return at_least() ? value >= limit : value <= limit;
}

absl::StatusOr<StaffingTarget> ParseStaffingTarget(const std::string& spec,
                                                   const Scenario& scenario) {
  const auto error = [&](const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat("--target '", spec, "': ", what));
  };
  StaffingTarget t{.spec = spec};
  const size_t colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return error("expected NAME:KPI, as in voice:sl=0.8@20s");
  }
  t.name = spec.substr(0, colon);
  bool found = false;
  for (size_t k = 0; k < scenario.contact_types.size() && !found; ++k) {
    if (scenario.contact_types[k].name == t.name) {
      t.slice = StaffingTarget::Slice::kContactType;
      t.index = static_cast<int>(k);
      found = true;
    }
  }
  for (size_t w = 0; w < scenario.center.workgroups.size() && !found; ++w) {
    if (scenario.center.workgroups[w].name == t.name) {
      t.slice = StaffingTarget::Slice::kWorkgroup;
      t.index = static_cast<int>(w);
      found = true;
    }
  }
  if (!found && t.name == "total") found = true;
  if (!found) {
    return error(absl::StrCat("\"", t.name,
                              "\" is not a contact type or workgroup of the scenario, nor total"));
  }
  const std::string rest = spec.substr(colon + 1);
  const KpiSyntax* syntax = nullptr;
  for (const KpiSyntax& s : kSyntax) {
    if (rest.rfind(s.prefix, 0) == 0) {
      syntax = &s;
      break;
    }
  }
  if (syntax == nullptr) {
    return error(absl::StrCat("unknown KPI or operator in \"", rest,
                              "\"; expected sl=, sl_off=, sl_g1=, asa<=, abandon<= or "
                              "occupancy<="));
  }
  t.kpi = syntax->kpi;
  t.kpi_key = syntax->key;
  std::string value = rest.substr(std::string(syntax->prefix).size());
  // The default threshold: the contact type's first, else the scenario's.
  t.threshold_s = ToSeconds(scenario.service_level);
  if (t.slice == StaffingTarget::Slice::kContactType &&
      !scenario.contact_types[t.index].service_levels.empty()) {
    t.threshold_s = ToSeconds(scenario.contact_types[t.index].service_levels[0]);
  }
  if (IsServiceLevel(t.kpi)) {
    const size_t at = value.find('@');
    if (at != std::string::npos) {
      if (!ParseNumber(value.substr(at + 1), true, &t.threshold_s) || t.threshold_s < 0 ||
          t.threshold_s > 1e9) {
        return error(absl::StrCat("threshold \"", value.substr(at + 1),
                                  "\" is not a number of seconds in 0..1e9"));
      }
      value = value.substr(0, at);
    }
  }
  const bool seconds = t.kpi == StaffingKpi::kAsa;
  const double most = seconds ? 1e9 : 1;
  if (!ParseNumber(value, seconds, &t.limit) || t.limit < 0 || t.limit > most) {
    return error(absl::StrCat("value \"", value, "\" is not ",
                              seconds ? "a number of seconds >= 0" : "a fraction in 0..1"));
  }
  if (t.kpi == StaffingKpi::kOccupancy && t.slice == StaffingTarget::Slice::kContactType) {
    return error("occupancy is measured for a workgroup or the total, not a contact type");
  }
  return t;
}

double TargetValue(const StaffingTarget& target, const ReplicationResult& result, int interval) {
  const Tally* tally = nullptr;
  switch (target.slice) {
    case StaffingTarget::Slice::kContactType:
      tally = &result.contact_type_intervals[target.index][interval];
      break;
    case StaffingTarget::Slice::kWorkgroup:
      tally = &result.workgroup_intervals[target.index][interval];
      break;
    case StaffingTarget::Slice::kTotal:
      tally = &result.total_intervals[interval];
      break;
  }
  // Contacts offered but none answered: no service level at all, and a wait
  // counted as 1e9 s, rather than "undefined" (which would count as met).
  if (tally->offered > 0 && tally->answered == 0) {
    if (target.kpi == StaffingKpi::kSlAns) return 0;
    if (target.kpi == StaffingKpi::kAsa) return 1e9;
  }
  for (const KpiDefinition& kpi : Kpis()) {
    if (target.kpi_key == kpi.key) return kpi.value(*tally);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace acd::sim
