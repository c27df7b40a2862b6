// Reading a report's KPIs by key in simulator tests.

#ifndef ACD_TESTS_TESTING_KPIS_H_
#define ACD_TESTS_TESTING_KPIS_H_

#include <string>

#include "doctest/doctest.h"
#include "sim/report.h"

namespace acd::sim::testing {

// The KPI's summary; fails the test for an unknown key.
inline const Summary& Kpi(const KpiSummaries& kpis, const std::string& key) {
  const Summary* found = FindKpi(kpis, key);
  REQUIRE_MESSAGE(found != nullptr, "no KPI " << key);
  return *found;
}

inline double Mean(const KpiSummaries& kpis, const std::string& key) { return Kpi(kpis, key).mean; }

}  // namespace acd::sim::testing

#endif  // ACD_TESTS_TESTING_KPIS_H_
