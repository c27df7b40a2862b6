// sim/scenario.h: a simulation scenario, validated and ready to run.
//
// A scenario is the contact center (statuses, workgroups, agents), the
// traffic (contact types with arrival processes, handle times and patience),
// and the run's shape (horizon, warm-up, replications, seed, service-level
// threshold). It is written as a protobuf text file following
// `acd/proto/scenario.proto` and loaded with `LoadScenario`, which checks
// every value and names the file, line, column and field of the first
// problem.
//
// Example:
//
//   absl::StatusOr<acd::sim::Scenario> scenario =
//       acd::sim::LoadScenarioFile("scenarios/default.txtpb");
//   if (!scenario.ok()) { fmt::print(stderr, "{}\n", scenario.status().message()); }
//
// Agent groups are expanded into individual agents ("<group>-1", ...),
// appended to the center's own agents; `agent_group` maps each agent back.

#ifndef ACD_SIM_SCENARIO_H_
#define ACD_SIM_SCENARIO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/media.h"
#include "acd/time.h"
#include "sim/busyness.h"
#include "sim/distribution.h"
#include "sim/scenario_limits.h"

namespace acd::sim {

struct Break {
  Time start;
  Time end;
  std::string status;
  // Staggered breaks: agent k (0-based) of a group of n starts its break
  // k * stagger_window / n after `start` (and ends as much after `end`).
  Duration stagger_window;
};

struct Shift {
  Time start;
  Time end;
  std::vector<Break> breaks;
};

struct AgentGroup {
  std::string name;
  int count = 0;
  // Time from an offer to the agent's answer.
  Distribution answer_delay;
  // Per offer: the chance it rings out, and the chance it is declined.
  double no_answer_probability = 0;
  double reject_probability = 0;
  // How long after a no-answer status the agent makes itself available.
  Distribution not_ready_after_no_answer = Distribution::Constant(30);
  // After-call work length; unset: the workgroup's wrap-up time.
  std::optional<Distribution> wrap_up;
  // In time order, not overlapping. Empty: logged in throughout.
  std::vector<Shift> shifts;
  // `acdsim staff` may change the head count per interval.
  bool staffable = false;
  // Agents 1..agents_per_interval[i] are logged in during interval i (the
  // last entry holds after the list); empty: by `shifts`.
  std::vector<int> agents_per_interval;
};

struct ContactType {
  std::string name;
  // Index into Scenario::center.workgroups.
  int workgroup = 0;
  MediaType media = MediaType::kCall;
  int priority = 50;
  // Skill requirements, with skills numbered as in center.skills.
  std::vector<SkillRequirement> requirements;
  // Arrivals per hour in each interval from time 0; the last holds after
  // the list ends (one entry: a constant rate). Empty when `listed` is used.
  std::vector<double> rates_per_hour;
  // Arrivals at given times (a list or a trace file), in time order, with
  // the handle times and patience the trace gives.
  struct Listed {
    Time time;
    std::optional<Duration> handle;
    std::optional<Duration> patience;
  };
  std::vector<Listed> listed;
  Distribution handle_time;
  // Unset: the customer never abandons.
  std::optional<Distribution> patience;
  // Callback offers (scenario.proto CallbackOffer); workgroup as an index.
  struct Callback {
    int queue_threshold = 0;
    double accept_probability = 0;
    int workgroup = 0;
    double reach_probability = 1;
    Distribution attempt_time = Distribution::Constant(30);
  };
  std::optional<Callback> callback;
  struct Transfer {
    double fraction = 0;
    int workgroup = 0;
    Distribution handle_time;
  };
  std::optional<Transfer> transfer;
  // Time from arrival to due (work items).
  std::optional<Distribution> due;
  double hold_probability = 0;
  Distribution hold_time;
  // Share of contacts preferring the last agent, and for how long.
  double preferred_fraction = 0;
  Duration preferred_window;
  // Service-level thresholds, 1..4 of them (the scenario's when the type
  // gives none).
  std::vector<Duration> service_levels;
  // Chance that a caller who finds no agent free hangs up at once.
  double balk_probability = 0;
};

struct Scenario {
  std::string name;
  CenterConfig center;
  std::vector<AgentGroup> agent_groups;
  // For each agent of `center`, the index of its agent group, or -1 for an
  // agent listed individually (who answers at once).
  std::vector<int> agent_group;
  std::vector<ContactType> contact_types;
  Duration horizon;
  Duration warmup;
  int replications = 10;
  uint64_t seed = 12345;
  Duration service_level;
  // Reporting and arrival-rate interval.
  Duration interval = Seconds(1800);
  // Clock time of the horizon's start, in seconds after midnight; unset:
  // reports show seconds only.
  std::optional<double> day_start_s;
  // Random arrival-rate factors (sim/busyness.h).
  Busyness busyness;
  // When arrivals stop (opening hours); unset: at the horizon.
  std::optional<Time> closing;
  // Whether some contact type sets its own service-level thresholds.
  bool own_service_levels = false;
  // Events one replication may handle before it stops with an error
  // (kMaxEventsPerReplication of sim/scenario_limits.h; tests lower it).
  int64_t max_events = kMaxEventsPerReplication;
  // Likely mistakes found at load (sim/scenario_warnings.h), in the order
  // found; the run prints them on standard error and in its JSON.
  std::vector<std::string> warnings;
};

// Parses and validates a scenario; `filename` labels errors.
absl::StatusOr<Scenario> LoadScenario(absl::string_view filename, absl::string_view text);

// Reads the file at `path`; NotFound if it cannot be read.
absl::StatusOr<Scenario> LoadScenarioFile(const std::string& path);

}  // namespace acd::sim

#endif  // ACD_SIM_SCENARIO_H_
