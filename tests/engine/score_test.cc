// Score (lib/engine/scoring.h): each formula of docs/design.md 3.5 returns its terms
// and the sum that is compared; the sum is the sum of the terms, and the
// orders the engine keeps (the in-group key, its choices of agent and
// interaction) agree with it. Properties over random weights and values,
// and over the states and decisions of random centers and command streams.

#include <cmath>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "acd/format.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"
#include "tests/testing/engine_peer.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

using internal::AgentScoreTerms;
using internal::EnginePeer;
using internal::InteractionRecord;
using internal::InteractionScoreTerms;
using internal::Score;
using internal::ScoreAt;
using testing::Chooser;

// Weights and values on which double arithmetic is exact, zeros included.
double Weight(Chooser& pick) { return pick.Of({0.0, 0.0, 1.0, 2.0, 0.5, -1.0, 0.25, 3.0}); }
Duration WholeSeconds(Chooser& pick) { return Seconds(pick.Below(4000)); }

TEST_CASE("Score gives each term of docs/design.md 3.5 and their sum, on a worked example") {
  const InteractionScoreTerms i = Score(
      InteractionWeights{.skill = 2, .priority = 1, .time_in_queue = 0.5, .time_in_system = 0}, 80,
      50, Seconds(30), Seconds(100));
  CHECK(i.skill == 160);
  CHECK(i.priority == 50);
  CHECK(i.time_in_queue == 15);
  CHECK(i.time_in_system == 0);
  CHECK(i.sum == 225);
  const AgentScoreTerms a = Score(
      AgentWeights{
          .skill = 1, .cost = -1, .available = 2, .available_interval_s = 10, .attribute1 = 0.5},
      80, AgentConfig{.cost = 3, .attribute1 = 10}, Seconds(35));
  CHECK(a.skill == 80);
  CHECK(a.cost == -3);
  CHECK(a.available == 6);  // floor(35 / 10) * 2
  CHECK(a.attribute1 == 5);
  CHECK(a.attributes() == 5);
  CHECK(a.sum == 88);
}

TEST_CASE("Score's sum equals the sum of its terms for random weights and values") {
  int64_t nonzero = 0;
  for (uint64_t seed = 1; seed <= 20000; ++seed) {
    Chooser pick(seed);
    const InteractionWeights iw{.skill = Weight(pick),
                                .priority = Weight(pick),
                                .time_in_queue = Weight(pick),
                                .time_in_system = Weight(pick)};
    const double skill = pick.Below(101) + pick.Of({0.0, 0.5, 0.25});
    const InteractionScoreTerms i =
        Score(iw, skill, pick.Below(1001), WholeSeconds(pick), WholeSeconds(pick));
    INFO("seed ", seed);
    CHECK(i.sum == i.skill + i.priority + i.time_in_queue + i.time_in_system);
    const AgentWeights aw{.skill = Weight(pick),
                          .cost = Weight(pick),
                          .available = Weight(pick),
                          .available_interval_s = pick.Of({1.0, 10.0, 30.0}),
                          .attribute1 = Weight(pick),
                          .attribute2 = Weight(pick),
                          .attribute3 = Weight(pick)};
    const AgentConfig agent{.cost = Weight(pick) * pick.Below(10),
                            .attribute1 = static_cast<double>(pick.Below(20) - 5),
                            .attribute2 = static_cast<double>(pick.Below(20)),
                            .attribute3 = Weight(pick)};
    const AgentScoreTerms a = Score(aw, skill, agent, WholeSeconds(pick));
    // In the order the formula is written.
    CHECK(a.sum == a.skill + a.cost + a.available + a.attribute1 + a.attribute2 + a.attribute3);
    nonzero += i.sum != 0 && a.sum != 0;
  }
  CHECK(nonzero > 10000);
}

TEST_CASE("the in-group key orders two interactions as InteractionScore does at any later time") {
  for (uint64_t seed = 1; seed <= 20000; ++seed) {
    Chooser pick(seed);
    const InteractionWeights w{.skill = Weight(pick),
                               .priority = Weight(pick),
                               .time_in_queue = Weight(pick),
                               .time_in_system = Weight(pick)};
    struct Waiting {
      int priority;
      Time entered_queue;
      Time entered_system;
    };
    const auto make = [&pick] {
      const Time system = Time() + WholeSeconds(pick);
      return Waiting{pick.Below(1001), system + WholeSeconds(pick), system};
    };
    const Waiting x = make(), y = make();
    const double kx = internal::InGroupKey(w, x.priority, x.entered_queue, x.entered_system);
    const double ky = internal::InGroupKey(w, y.priority, y.entered_queue, y.entered_system);
    const Time now = std::max(x.entered_queue, y.entered_queue) + WholeSeconds(pick);
    // A group shares its requirements, so its members' skill scores.
    const double skill = pick.Below(101);
    const double sx =
        Score(w, skill, x.priority, now - x.entered_queue, now - x.entered_system).sum;
    const double sy =
        Score(w, skill, y.priority, now - y.entered_queue, now - y.entered_system).sum;
    INFO("seed ", seed);
    CHECK((kx > ky) == (sx > sy));
    CHECK((kx == ky) == (sx == sy));
  }
}

// Checks, at every decision record of random streams, that the engine
// compared Score's sums, and that waiting interactions of one group stand
// in ComesFirst's order as their scores order them now.
struct OrderChecker : Observer {
  const EnginePeer* peer = nullptr;
  std::string complaint;
  int64_t decided_by_score = 0;

  void OnDecision(const DecisionRecord& d) override {
    if (!complaint.empty()) return;
    const ScoreTerms& w = d.winner.terms;
    if (w.interaction_score !=
        w.interaction_skill + w.priority + w.time_in_queue + w.time_in_system) {
      complaint = "the interaction score is not the sum of its terms";
    }
    const bool by_interaction = d.direction == DecisionDirection::kAgentGainsCapacity;
    if (by_interaction && w.order_key != w.interaction_score) {
      complaint = "the agent compared something else than InteractionScore";
    }
    if (!by_interaction && d.agent_order == AgentOrder::kScore && w.order_key != w.agent_score) {
      complaint = "the interaction compared something else than AgentScore";
    }
    if (!d.has_runner_up) return;
    const ScoreTerms& r = d.runner_up.terms;
    if (w.order_key < r.order_key) complaint = "the runner-up scored higher than the winner";
    if (w.order_key > r.order_key) ++decided_by_score;
    if (w.order_key == r.order_key &&
        (by_interaction ? d.winner.entered_queue > d.runner_up.entered_queue
                        : d.winner.available_since > d.runner_up.available_since)) {
      complaint = "a tie went against the tie-break";
    }
  }

  void CheckGroups() {
    const std::vector<const InteractionRecord*> waiting = peer->Waiting();
    for (const InteractionRecord* x : waiting) {
      for (const InteractionRecord* y : waiting) {
        if (x->group != y->group || x == y) continue;
        const InteractionWeights& w = peer->center().workgroup(x->workgroup).interaction_weights;
        const double sx = ScoreAt(w, 0, *x, peer->now()).sum;
        const double sy = ScoreAt(w, 0, *y, peer->now()).sum;
        const bool by_score =
            sx > sy || (sx == sy && (x->entered_queue < y->entered_queue ||
                                     (x->entered_queue == y->entered_queue && x->id < y->id)));
        if (internal::ComesFirst(*x, *y) != by_score) {
          complaint = fmt::format("interactions {} and {}: ComesFirst disagrees with Score",
                                  x->id.value(), y->id.value());
        }
      }
    }
  }
};

TEST_CASE("the engine's choices and queue order agree with Score on random streams") {
  int64_t decided_by_score = 0;
  for (int seed = 1; seed <= 300; ++seed) {
    Chooser pick(static_cast<uint64_t>(seed));
    const CenterConfig center = testing::RandomCenter(pick);
    const std::vector<testing::Step> steps = testing::MakeStream(pick, center, 120);
    auto engine = internal::CreateImpl(center);
    REQUIRE(engine.ok());
    const EnginePeer peer(**engine);
    OrderChecker checker;
    checker.peer = &peer;
    (*engine)->SetObserver(&checker);
    for (const testing::Step& step : steps) {
      (void)(step.advance ? (*engine)->AdvanceTo(step.time) : (*engine)->Apply(step.command));
      checker.CheckGroups();
    }
    INFO("seed ", seed);
    REQUIRE_MESSAGE(checker.complaint.empty(), checker.complaint);
    decided_by_score += checker.decided_by_score;
  }
  CHECK(decided_by_score > 100);
}

}  // namespace
}  // namespace acd
