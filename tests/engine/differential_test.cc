// The engine against the naive reference router (tests/testing/
// reference_router.h): seeded random centers and command streams, compared
// after every command on the returned status, every offer and interaction
// event, and the whole observable state; the invariants of DESIGN 3.10 are
// checked after every command too.
//
// ACD_DIFFERENTIAL_STREAMS=N runs N streams (default 2000);
// ACD_DIFFERENTIAL_SEED=S runs only stream S. A failure prints the seed and
// the shortest command list, found by deleting commands, that still fails.

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

namespace acd {
namespace {

using testing::Chooser;
using testing::ReferenceRouter;

constexpr int kStepsPerStream = 120;

struct Step {
  bool advance = false;  // AdvanceTo(time) instead of Apply(command)
  Time time;
  Command command;
};

class EventLog : public Observer {
 public:
  void OnOffer(const OfferEvent& e) override {
    lines.push_back(
        fmt::format("{} offer {} to {} auto={}", e.now, e.interaction, e.agent, e.auto_answered));
  }
  // Every field of a decision record except, in the agent direction, the
  // counts that depend on how the engine indexes interactions (excluded,
  // not_examined, skills, outside_tier, eligible; acd/decision.h).
  void OnDecision(const DecisionRecord& d) override {
    const bool routable = d.direction == DecisionDirection::kInteractionRoutable;
    const DecisionFilters& f = d.filtered;
    std::string line = fmt::format(
        "{} decision {} wg={} order={} tier={}{} by={} filtered={},{},{},{},{}", d.now,
        DecisionDirectionName(d.direction), d.workgroup, static_cast<int>(d.agent_order), d.tier,
        d.any_member ? "+any" : "", DecidedByName(d.decided_by), f.not_logged_in, f.not_available,
        f.not_activated, f.preferred_window, f.no_capacity);
    if (routable) {
      line += fmt::format(" eligible={} excluded={} skills={} tier={} unexamined={}", d.eligible,
                          f.excluded, f.skills, f.outside_tier, f.not_examined);
    }
    line += " winner=" + Candidate(d.winner);
    if (d.has_runner_up) line += " runner_up=" + Candidate(d.runner_up);
    lines.push_back(line);
  }
  static std::string Candidate(const DecisionCandidate& c) {
    const ScoreTerms& t = c.terms;
    return fmt::format(
        "({} {} since={} queued={} skill={} is={}+{}+{}+{}={} as={}+{}+{}+{}={} key={})",
        c.interaction, c.agent, c.available_since, c.entered_queue, t.skill_score,
        t.interaction_skill, t.priority, t.time_in_queue, t.time_in_system, t.interaction_score,
        t.agent_skill, t.cost, t.available, t.attributes, t.agent_score, t.order_key);
  }
  void OnInteraction(const InteractionEvent& e) override {
    lines.push_back(fmt::format("{} interaction {} {} agent={} reason={}", e.now, e.interaction,
                                InteractionStateName(e.state),
                                e.agent.valid() ? int64_t(e.agent.value()) : -1,
                                RequeueReasonName(e.reason)));
  }
  std::vector<std::string> lines;
};

// Everything either router shows through its views.
template <typename Router>
std::string State(const Router& r, const CenterConfig& center, uint64_t max_id) {
  std::string out = fmt::format("now={} deadline={}\n", r.now(), r.NextDeadline().microseconds());
  for (size_t a = 0; a < center.agents.size(); ++a) {
    const AgentView v = *r.GetAgent(AgentId(a));
    out += fmt::format("agent {} in={} status={} {} since={} holds=[{}] used={} misses={} act=[", a,
                       v.logged_in, v.status.valid() ? int64_t(v.status.value()) : -1,
                       AgentActivityName(v.activity), v.available_since,
                       fmt::join(v.interactions, ","), v.used_percent, v.misses);
    for (const auto& [wg, active] : v.memberships) out += fmt::format("{}:{} ", wg, active);
    out += "]\n";
  }
  for (size_t w = 0; w < center.workgroups.size(); ++w) {
    const WorkgroupCounters c = *r.GetWorkgroupCounters(WorkgroupId(w));
    out += fmt::format("wg {} {} {} {} {} {}\n", w, c.entered, c.answered, c.abandoned, c.completed,
                       c.waiting);
  }
  for (uint64_t id = 1; id <= max_id; ++id) {
    auto x = r.GetInteraction(InteractionId(id));
    if (!x.ok()) continue;
    out += fmt::format("x {} {} agent={} prio={} queued={} last={} excluded={}@{}\n", id,
                       InteractionStateName(x->state),
                       x->agent.valid() ? int64_t(x->agent.value()) : -1, x->priority,
                       x->entered_queue,
                       x->last_attempted.valid() ? int64_t(x->last_attempted.value()) : -1,
                       x->excluded.valid() ? int64_t(x->excluded.value()) : -1, x->excluded_until);
    out += fmt::format("  prefers={}@{}\n",
                       x->preferred_agent.valid() ? int64_t(x->preferred_agent.value()) : -1,
                       x->preferred_until);
    const absl::StatusOr<WaitReason> why = r.GetWaitReason(InteractionId(id));
    const absl::StatusOr<int64_t> position = r.GetPosition(InteractionId(id));
    if (why.ok() != position.ok()) out += "  queries disagree on the state\n";
    if (why.ok()) {
      out += fmt::format("  waits: {} tier={} until={} agent={} position={}\n",
                         WaitReasonName(why->code), why->tier, why->until.microseconds(),
                         why->agent.valid() ? int64_t(why->agent.value()) : -1, *position);
    } else {
      out += fmt::format("  not waiting: {}\n", static_cast<int>(why.status().code()));
    }
  }
  return out;
}

std::vector<Step> MakeStream(Chooser& pick, const CenterConfig& center) {
  std::vector<Step> steps;
  Time now;
  uint64_t next_id = 1;
  for (int i = 0; i < kStepsPerStream; ++i) {
    now += Seconds(pick.Of({0, 0, 1, 1, 2, 3, 5, 8}));
    if (pick.OneIn(7)) {
      steps.push_back({.advance = true, .time = now});
      continue;
    }
    Command c = testing::RandomCommand(pick, now, center, next_id);
    if (std::holds_alternative<Arrive>(c)) ++next_id;
    steps.push_back({.command = std::move(c)});
  }
  return steps;
}

// What the streams exercised, so that the test shows it compared real work.
struct Coverage {
  int64_t accepted_commands = 0;
  std::map<std::string, int64_t> events;
};

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
  const CenterConfig& full = (*engine)->config();  // with default statuses
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
      se = (*engine)->Apply(step.command);
      sr = reference.Apply(step.command);
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
    const std::string state_e = State(**engine, full, max_id);
    const std::string state_r = State(reference, full, max_id);
    if (state_e != state_r) {
      return fmt::format("step {} ({}): state differs\nengine:\n{}reference:\n{}", i, what, state_e,
                         state_r);
    }
    const std::string broken = reference.CheckInvariants();
    if (!broken.empty()) return fmt::format("step {} ({}): {}", i, what, broken);
    if (coverage != nullptr) {
      coverage->accepted_commands += se.ok() && !step.advance;
      for (int code = 0; code <= static_cast<int>(WaitReasonCode::kExcluded); ++code) {
        const std::string name(WaitReasonName(static_cast<WaitReasonCode>(code)));
        if (state_e.find("waits: " + name + " ") != std::string::npos) ++coverage->events[name];
      }
    }
  }
  if (coverage != nullptr) {
    for (const std::string& line : engine_log.lines) {
      for (const char* kind : {" offer ", "no_answer", "rejected", "agent_logged_out", " abandoned",
                               " completed", " wrap_up", " connected", " held",
                               "interaction_routable", "agent_gains_capacity", "runner_up"}) {
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

TEST_CASE("the engine and the reference router make identical decisions on random streams") {
  const int only = EnvInt("ACD_DIFFERENTIAL_SEED", -1);
  const int streams = EnvInt("ACD_DIFFERENTIAL_STREAMS", 2000);
  int compared = 0;
  Coverage coverage;
  for (int seed = only >= 0 ? only : 1; seed <= (only >= 0 ? only : streams); ++seed) {
    Chooser pick(static_cast<uint64_t>(seed));
    const CenterConfig center = testing::RandomCenter(pick);
    const std::vector<Step> steps = MakeStream(pick, center);
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
    FAIL_CHECK(fmt::format(
        "stream seed {} (rerun with ACD_DIFFERENTIAL_SEED={}):\n{}\n"
        "minimal reproduction ({} of {} steps):\n{}{}",
        seed, seed, difference, minimal.size(), steps.size(), repro, Compare(center, minimal)));
    break;
  }
  MESSAGE(fmt::format("{} streams of {} steps compared; {} commands accepted; events: {}", compared,
                      kStepsPerStream, coverage.accepted_commands,
                      fmt::join(coverage.events, ", ")));
  // Every kind of decision and outcome was exercised.
  if (only < 0) {
    for (const char* kind :
         {" offer ", "no_answer", "rejected", "agent_logged_out", " abandoned", " completed",
          " wrap_up", " connected", " held", "interaction_routable", "agent_gains_capacity",
          "runner_up", "reserved_for_preferred_agent", "no_skilled_agent_logged_in",
          "no_agent_activated", "no_available_agent", "no_available_agent_for_media",
          "waiting_for_tier", "excluded"}) {
      INFO(std::string(kind));
      CHECK(coverage.events[kind] > 0);
    }
  }
}

}  // namespace
}  // namespace acd
