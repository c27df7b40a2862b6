// The staffing search's measurement passes and its safety rule
// (sim/staffing.h).

#include <cmath>
#include <limits>
#include <vector>

#include "sim/staffing.h"

namespace acd::sim {

double SafetyZ(double risk, int64_t cells) {
  return NormalQuantile(1 - risk / static_cast<double>(std::max<int64_t>(cells, 1)));
}

double SafetyMargin(const Summary& s, double z, int check_replications) {
  if (s.count < 2 || std::isnan(s.ci95) || check_replications < 1) return 0;
  // The replications' standard deviation, back from the half-width.
  const double sd = s.ci95 * std::sqrt(static_cast<double>(s.count)) / StudentT975(s.count - 1);
  return z * sd * std::sqrt(2.0 / check_replications);
}

bool MeetsSafely(const StaffingTarget& target, const Summary& s, double margin) {
  if (s.count == 0) return true;
  return target.Meets(s.mean + (target.at_least() ? -margin : margin));
}

MeasurementPasses PlanMeasurementPasses(const Scenario& scenario,
                                        const std::vector<StaffingTarget>& targets) {
  const double unset = std::numeric_limits<double>::quiet_NaN();
  const size_t types = scenario.contact_types.size();
  MeasurementPasses passes;
  for (const StaffingTarget& target : targets) {
    if (!target.at_least()) {
      passes.pass_of.push_back(0);
      continue;
    }
    size_t p = 0;
    for (; p < passes.thresholds.size(); ++p) {
      bool fits = true;
      for (size_t k = 0; k < types && fits; ++k) {
        const double th = passes.thresholds[p][k];
        fits = !TargetCovers(scenario, target, static_cast<int>(k)) || std::isnan(th) ||
               th == target.threshold_s;
      }
      if (fits) break;
    }
    if (p == passes.thresholds.size()) passes.thresholds.emplace_back(types, unset);
    for (size_t k = 0; k < types; ++k) {
      if (TargetCovers(scenario, target, static_cast<int>(k))) {
        passes.thresholds[p][k] = target.threshold_s;
      }
    }
    passes.pass_of.push_back(static_cast<int>(p));
  }
  if (passes.thresholds.empty()) passes.thresholds.emplace_back(types, unset);
  const double fallback = ToSeconds(scenario.service_level);
  for (std::vector<double>& pass : passes.thresholds) {
    for (double& th : pass) {
      if (std::isnan(th)) th = fallback;
    }
  }
  return passes;
}

void ApplyMeasurementPass(const MeasurementPasses& passes, int pass, Scenario& scenario) {
  for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
    scenario.contact_types[k].service_levels = {SecondsF(passes.thresholds[pass][k])};
  }
}

}  // namespace acd::sim
