// Fuzz target: scenario text -> LoadScenario (parse and validate) -> one
// short simulated replication. The run is capped here, in the target, so
// that one input cannot take seconds: scenarios that load but are larger
// than the caps below are only loaded. Inputs naming a file (an arrival
// trace's `path`) are skipped: the target reads no files.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "acd/time.h"
#include "sim/replication.h"
#include "sim/scenario.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// The caps of the simulated run.
constexpr acd::Duration kMaxHorizon = acd::Hours(4);
constexpr int64_t kMaxIntervals = 500;
constexpr size_t kMaxAgents = 200;
constexpr double kMaxExpectedArrivals = 5000;
constexpr size_t kMaxListedArrivals = 5000;

bool SmallEnoughToRun(const acd::sim::Scenario& s) {
  if (s.horizon > kMaxHorizon) return false;
  if (s.horizon.microseconds() / std::max<int64_t>(1, s.interval.microseconds()) > kMaxIntervals) {
    return false;
  }
  if (s.center.agents.size() > kMaxAgents) return false;
  double expected = 0;
  size_t listed = 0;
  const double hours = acd::ToSeconds(s.horizon) / 3600;
  for (const acd::sim::ContactType& type : s.contact_types) {
    double peak = 0;
    for (double rate : type.rates_per_hour) peak = std::max(peak, rate);
    expected += peak * hours;
    listed += type.listed.size();
  }
  return expected <= kMaxExpectedArrivals && listed <= kMaxListedArrivals;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  if (absl::StrContains(text, "path")) return 0;
  absl::StatusOr<acd::sim::Scenario> scenario = acd::sim::LoadScenario("fuzz.txtpb", text);
  if (!scenario.ok()) {
    acd::fuzz::ExpectClearError(scenario.status(), "LoadScenario");
    return 0;
  }
  if (!SmallEnoughToRun(*scenario)) return 0;
  absl::StatusOr<acd::sim::ReplicationResult> result = acd::sim::RunReplication(*scenario, 0);
  // Internal: the engine refused a command the simulator thought valid, for
  // a scenario that passed validation (a bug, not bad input).
  if (!result.ok()) acd::fuzz::ExpectClearError(result.status(), "RunReplication");
  return 0;
}
