// The engine against the naive reference router (tests/testing/
// reference_router.h): seeded random centers and command streams, compared
// after every command on the returned status, every offer and interaction
// event, and the whole observable state; the invariants of docs/design.md 3.10 are
// checked after every command too.
//
// ACD_DIFFERENTIAL_STREAMS=N runs N streams (default 2000);
// ACD_DIFFERENTIAL_SEED=S runs only stream S. A failure prints the seed and
// the shortest command list, found by deleting commands, that still fails.

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "acd/engine.h"
#include "acd/format.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "fmt/ranges.h"
#include "tests/testing/random_streams.h"
#include "tests/testing/reference_router.h"
#include "tests/testing/router_views.h"

namespace acd {
namespace {

using testing::Chooser;
using testing::EventLog;
using testing::ReferenceRouter;
using testing::State;
using testing::Step;

constexpr int kStepsPerStream = 120;

// The kinds of event counted in the coverage report; each must occur.
constexpr const char* kEventKinds[] = {" offer ",
                                       "no_answer",
                                       "rejected",
                                       "agent_logged_out",
                                       " abandoned",
                                       " completed",
                                       " wrap_up",
                                       " connected",
                                       " held",
                                       " snoozed",
                                       "reason=retry_late",
                                       " failed",
                                       "transferred",
                                       "overflow",
                                       "pickup_timeout",
                                       "interaction_routable",
                                       "agent_gains_capacity",
                                       "runner_up"};

// The wait reasons the coverage report counts; each must occur.
constexpr const char* kWaitReasons[] = {"reserved_for_preferred_agent",
                                        "no_skilled_agent_logged_in",
                                        "no_agent_activated",
                                        "no_available_agent",
                                        "no_available_agent_for_media",
                                        "waiting_for_tier",
                                        "excluded",
                                        "snoozed"};

// The transfers the coverage report counts; each must occur: of an alerting
// interaction, and to an agent in a dnd status by media (refused for a call,
// delivered for a work item or a generic object).
constexpr const char* kTransferKinds[] = {
    "transfer of alerting accepted", "transfer to dnd call refused",
    "transfer to dnd work_item accepted", "transfer to dnd generic accepted"};

// What the streams exercised, so that the test shows it compared real work.
struct Coverage {
  int64_t accepted_commands = 0;
  // By Command alternative.
  std::map<size_t, int64_t> accepted;
  std::map<std::string, int64_t> events;
};

// The coverage key of `transfer` as `engine` sees it before applying it, or "".
std::string TransferKind(const Engine& engine, const CenterConfig& full, const Transfer& transfer) {
  const absl::StatusOr<InteractionView> x = engine.GetInteraction(transfer.interaction);
  if (!x.ok()) return "";
  if (x->state == InteractionState::kAlerting) return "transfer of alerting";
  if (!transfer.agent.valid() || transfer.workgroup.valid()) return "";
  const absl::StatusOr<AgentView> agent = engine.GetAgent(transfer.agent);
  if (!agent.ok() || !agent->logged_in || !full.statuses[agent->status.value()].dnd) return "";
  return fmt::format("transfer to dnd {}", MediaName(x->media));
}

// Runs `steps` through a fresh engine and reference; "" if they agree
// throughout, else the first difference.
std::string Compare(const CenterConfig& center, const std::vector<Step>& steps,
                    Coverage* coverage = nullptr) {
  auto engine = Engine::Create(center);
  if (!engine.ok()) return "engine rejected the center: " + engine.status().ToString();
  ReferenceRouter reference(center);
  EventLog engine_log, reference_log;
  (*engine)->SetObserver(&engine_log);
  reference.SetObserver(&reference_log);
  // With default statuses; a copy, as reconfiguration replaces the engine's.
  const CenterConfig full = (*engine)->config();
  uint64_t max_id = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    absl::Status se, sr;
    if (step.advance) {
      se = (*engine)->AdvanceTo(step.time);
      sr = reference.AdvanceTo(step.time);
    } else {
      if (const auto* arrive = std::get_if<Arrive>(&step.command)) {
        max_id = std::max(max_id, arrive->interaction.value());
      }
      const auto* transfer = std::get_if<Transfer>(&step.command);
      const std::string kind = transfer == nullptr ? "" : TransferKind(**engine, full, *transfer);
      se = (*engine)->Apply(step.command);
      sr = reference.Apply(step.command);
      if (coverage != nullptr && !kind.empty()) {
        ++coverage->events[kind + (se.ok() ? " accepted" : " refused")];
      }
    }
    const std::string what =
        step.advance ? fmt::format("AdvanceTo {}", step.time) : testing::Describe(step.command);
    if (se.code() != sr.code()) {
      return fmt::format("step {} ({}): engine says {}, reference says {}", i, what, se.ToString(),
                         sr.ToString());
    }
    if (engine_log.lines != reference_log.lines) {
      // Show the logs from the first event where they part.
      size_t same = 0;
      while (same < engine_log.lines.size() && same < reference_log.lines.size() &&
             engine_log.lines[same] == reference_log.lines[same]) {
        ++same;
      }
      auto from = [same](const std::vector<std::string>& lines) {
        return fmt::join(lines.begin() + static_cast<long>(same), lines.end(), "\n  ");
      };
      return fmt::format(
          "step {} ({}): events differ after {} equal ones\nengine:\n  {}\n"
          "reference:\n  {}",
          i, what, same, from(engine_log.lines), from(reference_log.lines));
    }
    // Up to the ids the roster commands have added (and one more).
    const size_t agents = (*engine)->config().agents.size() + 1;
    const size_t workgroups = (*engine)->config().workgroups.size() + 1;
    const std::string state_e = State(**engine, full, max_id, agents, workgroups);
    const std::string state_r = State(reference, full, max_id, agents, workgroups);
    if (state_e != state_r) {
      return fmt::format("step {} ({}): state differs\nengine:\n{}reference:\n{}", i, what, state_e,
                         state_r);
    }
    const std::string broken = reference.CheckInvariants();
    if (!broken.empty()) return fmt::format("step {} ({}): {}", i, what, broken);
    if (coverage != nullptr && se.ok() && !step.advance) {
      ++coverage->accepted_commands;
      ++coverage->accepted[step.command.index()];
    }
    if (coverage != nullptr) {
      for (int code = 0; code <= static_cast<int>(WaitReasonCode::kExcluded); ++code) {
        const std::string name(WaitReasonName(static_cast<WaitReasonCode>(code)));
        if (state_e.find("waits: " + name + " ") != std::string::npos) ++coverage->events[name];
      }
    }
  }
  if (coverage != nullptr) {
    for (const std::string& line : engine_log.lines) {
      for (const char* kind : kEventKinds) {
        if (line.find(kind) != std::string::npos) ++coverage->events[kind];
      }
    }
  }
  return "";
}

// Deletes steps while the comparison still fails.
std::vector<Step> Shrink(const CenterConfig& center, std::vector<Step> steps) {
  for (size_t i = steps.size(); i-- > 0;) {
    std::vector<Step> shorter = steps;
    shorter.erase(shorter.begin() + static_cast<long>(i));
    if (!Compare(center, shorter).empty()) steps = std::move(shorter);
  }
  return steps;
}

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : std::atoi(value);
}

// Runs streams `first`..`last` (or only `only` if it is >= 0), each over
// `make_center`'s center; `logged_in` logs every agent in first.
// `only_variable` names the variable that sets `only`.
void RunStreams(int first, int last, int only, const char* only_variable,
                CenterConfig (*make_center)(Chooser&), bool logged_in, Coverage& coverage,
                int& compared) {
  for (int seed = only >= 0 ? only : first; seed <= (only >= 0 ? only : last); ++seed) {
    Chooser pick(static_cast<uint64_t>(seed));
    const CenterConfig center = make_center(pick);
    // Every third stream changes the roster too (AddAgent, RemoveAgent, ...);
    // the others are the streams of a fixed roster.
    std::vector<Step> steps =
        testing::MakeStream(pick, center, kStepsPerStream, /*roster=*/seed % 3 == 0);
    if (logged_in) {
      std::vector<Step> all;
      for (size_t a = 0; a < center.agents.size(); ++a) {
        all.push_back({.command = LogIn{.agent = AgentId(static_cast<uint32_t>(a))}});
      }
      steps.insert(steps.begin(), all.begin(), all.end());
    }
    const std::string difference = Compare(center, steps, &coverage);
    ++compared;
    if (difference.empty()) continue;
    const std::vector<Step> minimal = Shrink(center, steps);
    std::string repro;
    for (const Step& s : minimal) {
      repro += "  " +
               (s.advance ? fmt::format("AdvanceTo {}", s.time) : testing::Describe(s.command)) +
               "\n";
    }
    FAIL_CHECK(
        fmt::format("stream seed {} (rerun with {}={}):\n{}\n"
                    "minimal reproduction ({} of {} steps):\n{}{}",
                    seed, only_variable, seed, difference, minimal.size(), steps.size(), repro,
                    Compare(center, minimal)));
    break;
  }
}

TEST_CASE("the engine and the reference router make identical decisions on random streams") {
  const int only = EnvInt("ACD_DIFFERENTIAL_SEED", -1);
  const int streams = EnvInt("ACD_DIFFERENTIAL_STREAMS", 2000);
  int compared = 0;
  Coverage coverage;
  RunStreams(1, streams, only, "ACD_DIFFERENTIAL_SEED", testing::RandomCenter, /*logged_in=*/false,
             coverage, compared);
  MESSAGE(fmt::format(
      "{} streams of {} steps compared; {} commands accepted (by alternative: {}); events: {}",
      compared, kStepsPerStream, coverage.accepted_commands, fmt::join(coverage.accepted, ", "),
      fmt::join(coverage.events, ", ")));
  // Every kind of decision and outcome was exercised.
  if (only < 0) {
    std::vector<std::string> kinds(std::begin(kEventKinds), std::end(kEventKinds));
    kinds.insert(kinds.end(), std::begin(kWaitReasons), std::end(kWaitReasons));
    kinds.insert(kinds.end(), std::begin(kTransferKinds), std::end(kTransferKinds));
    for (const std::string& kind : kinds) {
      INFO(kind);
      CHECK(coverage.events[kind] > 0);
    }
    // Every command was accepted somewhere.
    for (size_t c = 0; c < std::variant_size_v<Command>; ++c) {
      INFO("command alternative ", c);
      CHECK(coverage.accepted[c] > 0);
    }
  }
}

// Big workgroups (65 to 200 more members, all logged in at the start), where
// arrivals take their agent from the ready index (lib/engine/ready_index.h)
// when the weights allow: one stream in ten of ACD_DIFFERENTIAL_STREAMS, at
// least 100, seeded apart from the streams above (ACD_DIFFERENTIAL_BIG_SEED
// reruns one).
TEST_CASE("the engine and the reference router agree on random streams through big workgroups") {
  constexpr int kFirstSeed = 1000000;
  const int only = EnvInt("ACD_DIFFERENTIAL_BIG_SEED", -1);
  const int streams = std::max(100, EnvInt("ACD_DIFFERENTIAL_STREAMS", 2000) / 10);
  if (EnvInt("ACD_DIFFERENTIAL_SEED", -1) >= 0 && only < 0) return;
  int compared = 0;
  Coverage coverage;
  RunStreams(kFirstSeed, kFirstSeed + streams - 1, only, "ACD_DIFFERENTIAL_BIG_SEED",
             testing::BigWorkgroupCenter,
             /*logged_in=*/true, coverage, compared);
  MESSAGE(fmt::format("{} big-workgroup streams compared; {} commands accepted; offers: {}",
                      compared, coverage.accepted_commands, coverage.events[" offer "]));
  CHECK(coverage.events[" offer "] > 0);
}

}  // namespace
}  // namespace acd
