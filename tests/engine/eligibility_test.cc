// Eligibility (lib/engine/eligibility.h): Classify, the one definition of
// docs/design.md 3.3, checked against the reference router's rule and against each
// fast path that keeps a copy of it (the ready and room bitmaps, the
// arrival scan, the agent-freed walk, the decision records' counts), as
// properties over the states of random centers and command streams.

#include "lib/engine/eligibility.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "acd/engine.h"
#include "acd/format.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "tests/testing/engine_peer.h"
#include "tests/testing/random_streams.h"
#include "tests/testing/reference_router.h"

namespace acd {
namespace {

using internal::EnginePeer;
using internal::InteractionRecord;
using internal::Rule;
using internal::RuleName;
using internal::RuleSet;
using internal::TierPosition;
using testing::Chooser;
using testing::ReferenceRouter;
using testing::Step;

constexpr int kStreams = 300;
constexpr int kSteps = 120;

// Calls `check` on the engine's state whenever it records a decision (in
// the middle of a command, before the offer: the one moment an agent is
// eligible for a waiting interaction) and keeps the first complaint.
struct CheckingObserver : Observer {
  const EnginePeer* peer = nullptr;
  std::function<std::string(const EnginePeer&, const DecisionRecord&)> check;
  std::string complaint;
  int64_t records = 0;

  void OnDecision(const DecisionRecord& d) override {
    ++records;
    if (complaint.empty()) complaint = check(*peer, d);
  }
};

// Runs random streams through the engine and the reference router and calls
// check(peer, reference) after every step, and on_decision(peer, record)
// at every decision record, if given; returns the first complaint ("" when
// none), with the seed and step.
template <typename Check>
std::string OnRandomStates(
    Check check,
    std::function<std::string(const EnginePeer&, const DecisionRecord&)> on_decision = nullptr,
    int64_t* records = nullptr) {
  for (int seed = 1; seed <= kStreams; ++seed) {
    Chooser pick(static_cast<uint64_t>(seed));
    const CenterConfig center = testing::RandomCenter(pick);
    const std::vector<Step> steps = testing::MakeStream(pick, center, kSteps);
    auto engine = internal::CreateImpl(center);
    if (!engine.ok()) return engine.status().ToString();
    ReferenceRouter reference(center);
    const EnginePeer peer(**engine);
    CheckingObserver observer;
    observer.peer = &peer;
    observer.check = on_decision;
    if (on_decision) (*engine)->SetObserver(&observer);
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].advance) {
        (void)(*engine)->AdvanceTo(steps[i].time);
        (void)reference.AdvanceTo(steps[i].time);
      } else {
        (void)(*engine)->Apply(steps[i].command);
        (void)reference.Apply(steps[i].command);
      }
      std::string complaint = observer.complaint;
      if (complaint.empty()) complaint = check(peer, reference);
      if (!complaint.empty()) return fmt::format("seed {} step {}: {}", seed, i, complaint);
    }
    if (records != nullptr) *records += observer.records;
  }
  return "";
}

// Every rule in `seen` at least once but kNotMember, which no member
// fails, and kEligible unless `eligible` (between commands no agent is
// eligible for a waiting interaction: work conservation).
void CheckEveryRuleSeen(const std::map<std::string, int64_t>& seen, bool eligible) {
  const Rule last = eligible ? Rule::kEligible : Rule::kOutsideTier;
  for (int r = static_cast<int>(Rule::kNotLoggedIn); r <= static_cast<int>(last); ++r) {
    const std::string name(RuleName(static_cast<Rule>(r)));
    INFO(name);
    CHECK(seen.count(name) == 1);
  }
}

TEST_CASE("Classify gives the reference router's first failing rule for every member") {
  std::map<std::string, int64_t> seen;
  const std::string complaint =
      OnRandomStates([&](const EnginePeer& peer, const ReferenceRouter& reference) {
        const internal::Eligibility rules = peer.eligibility();
        for (const InteractionRecord* x : peer.Waiting()) {
          const TierPosition tier = peer.TierOf(*x);
          for (AgentId member : peer.center().workgroup_model(x->workgroup).members) {
            const std::string ours(RuleName(rules.Classify(member, *x, tier)));
            const auto theirs = reference.FirstFailureName(member, x->id);
            if (!theirs.ok() || *theirs != ours) {
              return fmt::format("agent {} for interaction {}: Classify says {}, the reference {}",
                                 member.value(), x->id.value(), ours,
                                 theirs.ok() ? *theirs : theirs.status().ToString());
            }
            ++seen[ours];
          }
        }
        return std::string();
      });
  CHECK_MESSAGE(complaint.empty(), complaint);
  CheckEveryRuleSeen(seen, /*eligible=*/false);
  CHECK(seen.count("eligible") == 0);
}

TEST_CASE("the ready and room bitmaps hold what Classify says of rules 1 to 3") {
  int64_t full = 0, ready = 0, kept = 0;
  const auto check = [&](const EnginePeer& peer) -> std::string {
    const internal::Eligibility rules = peer.eligibility();
    for (int w = 0; w < peer.center().workgroup_count(); ++w) {
      const WorkgroupId wg(static_cast<uint32_t>(w));
      const auto& members = peer.center().workgroup_model(wg).members;
      for (uint32_t i = 0; i < members.size(); ++i) {
        const internal::AgentState& a = peer.agent(members[i]);
        const bool has_some_room =
            a.used_percent < 100 || peer.center().agent_model(members[i]).takes_zero_percent;
        bool ready_by_rules = false;
        for (int m = 0; m < kMediaTypeCount; ++m) {
          // Rules 1 to 3 read no requirement: any tier position will do.
          InteractionRecord probe;
          probe.workgroup = wg;
          probe.media = static_cast<MediaType>(m);
          const RuleSet failed = rules.Failures(members[i], probe, {TierPosition::kAnyMember, 0});
          ready_by_rules = !failed.Has(Rule::kNotLoggedIn) && !failed.Has(Rule::kNotAvailable) &&
                           !failed.Has(Rule::kNotActivated);
          // Room bits are kept for the media the workgroup has seen.
          if (peer.RoomKept(wg, probe.media)) {
            ++kept;
            if (peer.RoomBit(wg, i, probe.media) == failed.Has(Rule::kNoCapacity)) {
              return fmt::format("room bit of member {} of workgroup {} for media {}", i, w, m);
            }
          }
          // The full ones, out of the ready bitmap, have room for nothing.
          if (ready_by_rules && !has_some_room && !failed.Has(Rule::kNoCapacity)) {
            return fmt::format("member {} of workgroup {} is full yet has room", i, w);
          }
        }
        if (peer.ReadyBit(wg, i) != (ready_by_rules && has_some_room)) {
          return fmt::format("ready bit of member {} of workgroup {}", i, w);
        }
        ready += ready_by_rules && has_some_room;
        full += ready_by_rules && !has_some_room;
      }
    }
    return "";
  };
  const std::string complaint =
      OnRandomStates([&](const EnginePeer& peer, const ReferenceRouter&) { return check(peer); },
                     [&](const EnginePeer& peer, const DecisionRecord&) { return check(peer); });
  CHECK_MESSAGE(complaint.empty(), complaint);
  CHECK(ready > 0);
  CHECK(full > 0);
  CHECK(kept > 0);
}

TEST_CASE("the arrival scan passes over each member by the rule Classify gives") {
  std::map<std::string, int64_t> seen;
  const auto check = [&](const EnginePeer& peer) -> std::string {
    const internal::Eligibility rules = peer.eligibility();
    const internal::Center& center = peer.center();
    for (const InteractionRecord* x : peer.Waiting()) {
      const internal::Group& group = peer.group(*x);
      const TierPosition tier = peer.TierOf(*x);
      const internal::WorkgroupModel& model = center.workgroup_model(x->workgroup);
      absl::InlinedVector<const internal::SkillValue*, 4> columns;
      for (const SkillRequirement& r : group.requirements) columns.push_back(model.Column(r.skill));
      const int64_t only =
          x->preference_open ? center.MemberIndex(x->preferred_agent, x->workgroup) : -1;
      const int64_t excluded = internal::ExclusionOpen(*x, peer.now())
                                   ? center.MemberIndex(x->excluded, x->workgroup)
                                   : -1;
      for (uint32_t i = 0; i < model.members.size(); ++i) {
        const Rule rule = rules.Classify(model.members[i], *x, tier);
        ++seen[std::string(RuleName(rule))];
        if (!peer.ReadyBit(x->workgroup, i)) {
          // CountUnready's share: the first three rules, or full.
          if (rule == Rule::kEligible || rule == Rule::kSkills || rule == Rule::kOutsideTier) {
            return fmt::format("member {} is out of the ready bitmap but {} for interaction {}", i,
                               RuleName(rule), x->id.value());
          }
          continue;
        }
        Rule fast = Rule::kEligible;
        if (x->preference_open && i != only) {
          fast = Rule::kPreferredWindow;
        } else if (i == excluded) {
          fast = Rule::kExcluded;
        } else if (!peer.RoomBit(x->workgroup, i, x->media)) {
          fast = Rule::kNoCapacity;
        } else {
          fast = internal::SkillRule(internal::MemberSkillsOf{columns.data(), i}, group, tier);
        }
        if (fast != rule) {
          return fmt::format("member {} for interaction {}: the scan says {}, Classify {}", i,
                             x->id.value(), RuleName(fast), RuleName(rule));
        }
      }
    }
    return "";
  };
  const std::string complaint =
      OnRandomStates([&](const EnginePeer& peer, const ReferenceRouter&) { return check(peer); },
                     [&](const EnginePeer& peer, const DecisionRecord&) { return check(peer); });
  CHECK_MESSAGE(complaint.empty(), complaint);
  CheckEveryRuleSeen(seen, /*eligible=*/true);
}

TEST_CASE("the agent-freed walk admits the interactions Classify finds eligible") {
  int64_t eligible = 0, refused = 0;
  const auto check = [&](const EnginePeer& peer) -> std::string {
    const internal::Eligibility rules = peer.eligibility();
    const internal::Center& center = peer.center();
    for (const InteractionRecord* x : peer.Waiting()) {
      if (x->preference_open) continue;  // classified in full (ChooseAmongPreferred)
      for (AgentId agent : center.workgroup_model(x->workgroup).members) {
        const internal::AgentState& a = peer.agent(agent);
        // FillAgent: ready for work; FillOnce: activated.
        if (!internal::ReadyForWork(center, a) ||
            !a.active[center.MembershipIndex(agent, x->workgroup)]) {
          continue;
        }
        // ChooseInWorkgroup: room per media; VisitBucket: skills and tier
        // per bucket; ConsiderBucket: exclusion per interaction.
        const internal::SkillsOf skills{center.agent_model(agent).skills,
                                        peer.group(*x).requirements};
        Rule walk = Rule::kEligible;
        if (!internal::HasRoom(center, a, agent, x->workgroup, x->media)) {
          walk = Rule::kNoCapacity;
        } else if (const Rule r = internal::SkillRule(skills, peer.group(*x), peer.TierOf(*x));
                   r != Rule::kEligible) {
          walk = r;
        } else if (internal::Excludes(*x, agent, peer.now())) {
          walk = Rule::kExcluded;
        }
        const RuleSet failed = rules.Failures(agent, *x, peer.TierOf(*x));
        if ((walk == Rule::kEligible) != failed.empty() ||
            (walk != Rule::kEligible && !failed.Has(walk))) {
          return fmt::format("agent {} for interaction {}: the walk says {}, Classify {}",
                             agent.value(), x->id.value(), RuleName(walk),
                             RuleName(failed.First()));
        }
        ++(walk == Rule::kEligible ? eligible : refused);
      }
    }
    return "";
  };
  const std::string complaint =
      OnRandomStates([&](const EnginePeer& peer, const ReferenceRouter&) { return check(peer); },
                     [&](const EnginePeer& peer, const DecisionRecord&) { return check(peer); });
  CHECK_MESSAGE(complaint.empty(), complaint);
  CHECK(eligible > 0);
  CHECK(refused > 0);
}

TEST_CASE("a decision record counts each member under the rule Classify gives") {
  int64_t records = 0;
  const auto tally = [](const EnginePeer& peer, const DecisionRecord& d) -> std::string {
    if (d.direction != DecisionDirection::kInteractionRoutable) return "";
    const InteractionRecord* x = peer.interaction(d.winner.interaction);
    const internal::Eligibility rules = peer.eligibility();
    std::map<Rule, int32_t> counted;
    for (AgentId member : peer.center().workgroup_model(x->workgroup).members) {
      ++counted[rules.Classify(member, *x, peer.TierOf(*x))];
    }
    const DecisionFilters& f = d.filtered;
    const std::vector<std::pair<Rule, int32_t>> recorded = {
        {Rule::kNotLoggedIn, f.not_logged_in},
        {Rule::kNotAvailable, f.not_available},
        {Rule::kNotActivated, f.not_activated},
        {Rule::kPreferredWindow, f.preferred_window},
        {Rule::kExcluded, f.excluded},
        {Rule::kNoCapacity, f.no_capacity},
        {Rule::kSkills, f.skills},
        {Rule::kOutsideTier, f.outside_tier},
        {Rule::kEligible, d.eligible}};
    for (const auto& [rule, count] : recorded) {
      if (counted[rule] != count) {
        return fmt::format("interaction {}: the record counts {} {}, Classify {}", x->id.value(),
                           count, RuleName(rule), counted[rule]);
      }
    }
    return "";
  };
  const std::string complaint = OnRandomStates(
      [](const EnginePeer&, const ReferenceRouter&) { return std::string(); }, tally, &records);
  CHECK_MESSAGE(complaint.empty(), complaint);
  CHECK(records > 0);
}

}  // namespace
}  // namespace acd
