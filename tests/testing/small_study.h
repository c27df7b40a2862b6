// A small scenario for tests of studies (runs, parts, merges, outputs).

#ifndef ACD_TESTS_TESTING_SMALL_STUDY_H_
#define ACD_TESTS_TESTING_SMALL_STUDY_H_

#include "doctest/doctest.h"
#include "sim/scenario.h"

namespace acd::sim::testing {

// Two workgroups, three contact types, 4 half-hour intervals, 9
// replications, seed 5151; quick to run.
inline constexpr char kSmallStudy[] = R"(name: "small study"
center { workgroups { name: "Sales" } workgroups { name: "Support" wrap_up_s: 10 } }
agent_groups { name: "s" count: 2 workgroups { workgroup: "Sales" } }
agent_groups { name: "t" count: 3 workgroups { workgroup: "Support" } }
contact_types {
  name: "sales calls" workgroup: "Sales"
  arrivals { poisson { rate_per_hour: 40 } }
  handle_time { exponential { mean_s: 120 } }
  patience { exponential { mean_s: 60 } }
}
contact_types {
  name: "support calls" workgroup: "Support"
  arrivals { poisson { rates_per_hour: [30, 60, 45, 20] } }
  handle_time { exponential { mean_s: 150 } }
  patience { exponential { mean_s: 200 } }
}
contact_types {
  name: "support chats" workgroup: "Support" media: MEDIA_CHAT
  arrivals { poisson { rate_per_hour: 10 } }
  handle_time { constant_s: 300 }
}
horizon_s: 7200
interval_s: 1800
replications: 9
seed: 5151
)";

// kSmallStudy, loaded; fails the test if it does not load.
inline Scenario SmallStudy() {
  absl::StatusOr<Scenario> scenario = LoadScenario("small.txtpb", kSmallStudy);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  return *scenario;
}

}  // namespace acd::sim::testing

#endif  // ACD_TESTS_TESTING_SMALL_STUDY_H_
