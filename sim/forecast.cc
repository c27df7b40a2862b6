// A forecast from a live state (sim/forecast.h).

#include "sim/forecast.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "acd/journal.h"
#include "acd/status_macros.h"
#include "sim/clock.h"
#include "sim/replication_driver.h"

namespace acd::sim {
namespace {

constexpr double kMaxSeconds = 1e9;

// Index by name of a list of names.
template <typename T, typename Name>
absl::flat_hash_map<std::string, int> IndexByName(const std::vector<T>& items, Name name) {
  absl::flat_hash_map<std::string, int> index;
  for (size_t i = 0; i < items.size(); ++i) index.emplace(name(items[i]), static_cast<int>(i));
  return index;
}

// The snapshot's index of each of the scenario's workgroups; every
// workgroup of each must be one of the other's.
absl::StatusOr<std::vector<int>> MatchWorkgroups(const CenterConfig& scenario,
                                                 const CenterConfig& snapshot) {
  const auto name = [](const WorkgroupConfig& w) { return w.name; };
  const auto in_scenario = IndexByName(scenario.workgroups, name);
  const auto in_snapshot = IndexByName(snapshot.workgroups, name);
  for (size_t i = 0; i < snapshot.workgroups.size(); ++i) {
    if (snapshot.workgroups[i].name.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "snapshot: workgroups[", i,
          "] was removed while running (RemoveWorkgroup); a forecast from a state with a removed "
          "workgroup is not supported"));
    }
    if (!in_scenario.contains(snapshot.workgroups[i].name)) {
      return absl::InvalidArgumentError(absl::StrCat("snapshot: workgroups[", i, "] \"",
                                                     snapshot.workgroups[i].name,
                                                     "\" is not a workgroup of the scenario"));
    }
  }
  std::vector<int> map;
  for (size_t i = 0; i < scenario.workgroups.size(); ++i) {
    const auto it = in_snapshot.find(scenario.workgroups[i].name);
    if (it == in_snapshot.end()) {
      return absl::InvalidArgumentError(absl::StrCat("scenario: center.workgroups[", i, "] \"",
                                                     scenario.workgroups[i].name,
                                                     "\" is not a workgroup of the snapshot"));
    }
    map.push_back(it->second);
  }
  return map;
}

// The contact types' workgroups and skills as the snapshot numbers them.
absl::Status RenumberContactTypes(Scenario& scenario, const CenterConfig& snapshot,
                                  const std::vector<int>& workgroup) {
  const auto skills = IndexByName(snapshot.skills, [](const std::string& s) { return s; });
  for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
    ContactType& ct = scenario.contact_types[k];
    ct.workgroup = workgroup[ct.workgroup];
    if (ct.callback) ct.callback->workgroup = workgroup[ct.callback->workgroup];
    if (ct.transfer) ct.transfer->workgroup = workgroup[ct.transfer->workgroup];
    for (size_t r = 0; r < ct.requirements.size(); ++r) {
      const std::string& skill = scenario.center.skills[ct.requirements[r].skill.value()];
      const auto it = skills.find(skill);
      if (it == skills.end()) {
        return absl::InvalidArgumentError(absl::StrCat("scenario: contact_types[", k, "] (",
                                                       ct.name, ").requirements[", r, "]: skill \"",
                                                       skill, "\" is not a skill of the snapshot"));
      }
      ct.requirements[r].skill = SkillId(static_cast<SkillId::rep_type>(it->second));
    }
  }
  return absl::OkStatus();
}

// Matches the agents by name, adds the scenario's agents the snapshot lacks
// to `state`, and sets the scenario's agent groups in the state's order.
absl::Status MatchAgents(Scenario& scenario, EngineState& state, size_t& first_added) {
  const auto in_scenario =
      IndexByName(scenario.center.agents, [](const AgentConfig& a) { return a.name; });
  std::vector<int> group;
  std::vector<bool> present(scenario.center.agents.size(), false);
  for (size_t a = 0; a < state.center.agents.size(); ++a) {
    // Removed while running (RemoveAgent): it keeps its place, logged out
    // for good, in no agent group.
    if (state.center.agents[a].name.empty()) {
      group.push_back(-1);
      continue;
    }
    const auto it = in_scenario.find(state.center.agents[a].name);
    if (it == in_scenario.end()) {
      return absl::InvalidArgumentError(absl::StrCat("snapshot: agents[", a, "] \"",
                                                     state.center.agents[a].name,
                                                     "\" is not an agent of the scenario"));
    }
    group.push_back(scenario.agent_group[it->second]);
    present[it->second] = true;
  }
  first_added = state.center.agents.size();
  const auto workgroups =
      IndexByName(state.center.workgroups, [](const WorkgroupConfig& w) { return w.name; });
  for (size_t j = 0; j < present.size(); ++j) {
    if (present[j]) continue;
    const AgentConfig& config = scenario.center.agents[j];
    // Activation per membership, in ascending workgroup order.
    std::vector<std::pair<int, bool>> memberships;
    for (const MembershipConfig& m : config.workgroups) {
      memberships.emplace_back(workgroups.at(m.workgroup), m.active);
    }
    std::sort(memberships.begin(), memberships.end());
    EngineState::Agent agent;
    for (const auto& [w, active] : memberships) agent.active.push_back(active);
    state.center.agents.push_back(config);
    state.agents.push_back(std::move(agent));
    group.push_back(scenario.agent_group[j]);
  }
  scenario.agent_group = std::move(group);
  return absl::OkStatus();
}

// Renumbers the live interactions 0..n-1 in id order (the simulator's
// contact slots), with every reference to them.
void RenumberInteractions(EngineState& state) {
  absl::flat_hash_map<uint64_t, uint64_t> renumbered;
  for (size_t i = 0; i < state.interactions.size(); ++i) {
    renumbered.emplace(state.interactions[i].id.value(), i);
    state.interactions[i].id = InteractionId(i);
  }
  for (EngineState::Agent& agent : state.agents) {
    for (InteractionId& id : agent.held) id = InteractionId(renumbered.at(id.value()));
    for (InteractionId& id : agent.wrapping) id = InteractionId(renumbered.at(id.value()));
  }
}

absl::Status CheckStatuses(const Scenario& scenario, const CenterConfig& snapshot) {
  const auto statuses =
      IndexByName(snapshot.statuses, [](const StatusConfig& s) { return s.name; });
  for (size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    for (const Shift& shift : scenario.agent_groups[g].shifts) {
      for (const Break& br : shift.breaks) {
        if (!statuses.contains(br.status)) {
          return absl::InvalidArgumentError(
              absl::StrCat("scenario: agent_groups[", g, "] (", scenario.agent_groups[g].name,
                           "): break status \"", br.status, "\" is not a status of the snapshot"));
        }
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<EngineState> DecodeSnapshot(absl::string_view bytes, absl::string_view source) {
  ProtoStateCodec codec;
  absl::StatusOr<std::unique_ptr<Engine>> engine = codec.Load(CenterConfig(), bytes);
  if (!engine.ok()) {
    return absl::DataLossError(absl::StrCat(source, ": ", engine.status().message()));
  }
  return (*engine)->ExportState();
}

absl::StatusOr<std::string> EncodeSnapshot(const Engine& engine) {
  ProtoStateCodec codec;
  return codec.Save(engine);
}

absl::StatusOr<Forecast> PrepareForecast(Scenario scenario, EngineState state, Duration horizon) {
  const double t = ToSeconds(state.now - Time());
  const double h = ToSeconds(horizon);
  if (!(h > 0 && h <= kMaxSeconds)) {
    return absl::InvalidArgumentError(
        absl::StrCat("horizon: ", h, " s must be in (0, 1e9] seconds"));
  }
  if (t < 0 || t + h > kMaxSeconds) {
    return absl::InvalidArgumentError(absl::StrCat(
        "snapshot: its clock, ", t,
        " s, is not on the scenario's time axis (0 is the scenario's start; the clock plus the "
        "horizon must be within [0, 1e9] s)"));
  }
  ACD_ASSIGN_OR_RETURN(const std::vector<int> workgroups,
                       MatchWorkgroups(scenario.center, state.center));
  ACD_RETURN_IF_ERROR(RenumberContactTypes(scenario, state.center, workgroups));
  ACD_RETURN_IF_ERROR(CheckStatuses(scenario, state.center));
  Forecast forecast;
  ACD_RETURN_IF_ERROR(MatchAgents(scenario, state, forecast.first_added));
  RenumberInteractions(state);
  scenario.center = state.center;
  scenario.warmup = state.now - Time();
  scenario.horizon = state.now - Time() + horizon;
  // The state as the replications will restore it, checked once here.
  if (absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Restore(state); !engine.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("snapshot with the scenario's added agents: ", engine.status().message()));
  }
  forecast.scenario = std::move(scenario);
  forecast.state = std::move(state);
  return forecast;
}

absl::StatusOr<ReplicationResult> RunForecastReplication(const Forecast& forecast, int replication,
                                                         std::string* trace) {
  ACD_ASSIGN_OR_RETURN(const std::unique_ptr<Engine> engine, Engine::Restore(forecast.state));
  ReplicationDriver driver(forecast.scenario, replication, *engine, trace);
  driver.ContinueFrom(forecast.state, forecast.first_added);
  return driver.Run();
}

absl::StatusOr<Aggregate> RunForecast(const Forecast& forecast, RunOptions options) {
  // The streams are the study scenario's: give it the options' seed.
  auto seeded = std::make_shared<Forecast>(forecast);
  if (options.seed) seeded->scenario.seed = *options.seed;
  options.replicate = [seeded](int replication, std::string* trace) {
    return RunForecastReplication(*seeded, replication, trace);
  };
  return RunStudy(seeded->scenario, options);
}

absl::StatusOr<Duration> ParseForecastDuration(absl::string_view text) {
  double unit = 1;
  absl::string_view number = text;
  if (!number.empty() && (number.back() == 's' || number.back() == 'm' || number.back() == 'h')) {
    unit = number.back() == 'h' ? 3600 : number.back() == 'm' ? 60 : 1;
    number.remove_suffix(1);
  }
  double value = 0;
  if (!absl::SimpleAtod(number, &value) || !(value * unit > 0 && value * unit <= kMaxSeconds)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", text, "' is not a duration in (0, 1e9] seconds (as 3600, 3600s, 60m or 1h)"));
  }
  return SecondsF(value * unit);
}

absl::StatusOr<Time> ParseScenarioTime(absl::string_view text, const Scenario& scenario) {
  double seconds = 0;
  if (absl::StrContains(text, ':')) {
    if (!scenario.day_start_s) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'", text, "' is a clock time, but the scenario has no day_start_s: give seconds"));
    }
    ACD_ASSIGN_OR_RETURN(const double clock, ParseClock(text));
    seconds = clock - *scenario.day_start_s;
  } else if (!absl::SimpleAtod(text, &seconds) || !std::isfinite(seconds)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is neither seconds from the scenario's start nor HH:MM"));
  }
  if (seconds < 0 || seconds > ToSeconds(scenario.horizon)) {
    return absl::InvalidArgumentError(absl::StrCat("'", text, "' (", seconds,
                                                   " s from the start) is outside the run [0, ",
                                                   ToSeconds(scenario.horizon), "] s"));
  }
  return Time() + SecondsF(seconds);
}

absl::StatusOr<ReplicationResult> RunReplicationWithSnapshot(const Scenario& scenario,
                                                             int replication, Time at,
                                                             std::string* snapshot,
                                                             std::string* trace) {
  if (at < Time() || at > Time() + scenario.horizon) {
    return absl::InvalidArgumentError(absl::StrCat("snapshot time ", ToSeconds(at - Time()),
                                                   " s is outside the run [0, ",
                                                   ToSeconds(scenario.horizon), "] s"));
  }
  ACD_ASSIGN_OR_RETURN(const std::unique_ptr<Engine> engine, Engine::Create(scenario.center));
  ReplicationDriver driver(scenario, replication, *engine, trace);
  driver.PauseAt(at, [snapshot](const Engine& paused) -> absl::Status {
    ACD_ASSIGN_OR_RETURN(*snapshot, EncodeSnapshot(paused));
    return absl::OkStatus();
  });
  return driver.Run();
}

}  // namespace acd::sim
