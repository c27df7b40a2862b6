// sim/default_scenario.h: the scenario `acdsim run` uses when given none.
//
// The text of scenarios/default.txtpb, compiled into the program so that it
// runs from any directory and after installation.

#ifndef ACD_SIM_DEFAULT_SCENARIO_H_
#define ACD_SIM_DEFAULT_SCENARIO_H_

#include "absl/strings/string_view.h"

namespace acd::sim {

// The file's name as errors and reports show it.
inline constexpr absl::string_view kDefaultScenarioName = "scenarios/default.txtpb";

// The file's text.
absl::string_view DefaultScenarioText();

}  // namespace acd::sim

#endif  // ACD_SIM_DEFAULT_SCENARIO_H_
