// What the differential and snapshot tests compare between two routers (the
// engine, the reference router, a restored engine): a one-line log of every
// offer and interaction event, and everything their views show.

#ifndef ACD_TESTS_TESTING_ROUTER_VIEWS_H_
#define ACD_TESTS_TESTING_ROUTER_VIEWS_H_

#include <algorithm>
#include <string>
#include <vector>

#include "acd/config.h"
#include "acd/decision.h"
#include "acd/engine.h"
#include "acd/format.h"
#include "acd/observer.h"
#include "acd/stats.h"
#include "fmt/format.h"
#include "fmt/ranges.h"

namespace acd::testing {

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

// Everything a router shows through its views, for interactions 1..max_id,
// the agents and workgroups of `center` and, after roster changes, up to
// `agents` and `workgroups` ids (those it does not know, or removed, show
// the error code).
template <typename Router>
std::string State(const Router& r, const CenterConfig& center, uint64_t max_id, size_t agents = 0,
                  size_t workgroups = 0) {
  std::string out = fmt::format("now={} deadline={}\n", r.now(), r.NextDeadline().microseconds());
  for (size_t a = 0; a < std::max(agents, center.agents.size()); ++a) {
    const absl::StatusOr<AgentView> found = r.GetAgent(AgentId(a));
    if (!found.ok()) {
      out += fmt::format("agent {}: {}\n", a, static_cast<int>(found.status().code()));
      continue;
    }
    const AgentView& v = *found;
    out += fmt::format("agent {} in={} status={} {} since={} holds=[{}] used={} misses={} act=[", a,
                       v.logged_in, v.status.valid() ? int64_t(v.status.value()) : -1,
                       AgentActivityName(v.activity), v.available_since,
                       fmt::join(v.interactions, ","), v.used_percent, v.misses);
    for (const auto& [wg, active] : v.memberships) out += fmt::format("{}:{} ", wg, active);
    out += "]\n";
  }
  for (size_t w = 0; w < std::max(workgroups, center.workgroups.size()); ++w) {
    const absl::StatusOr<WorkgroupCounters> found = r.GetWorkgroupCounters(WorkgroupId(w));
    if (!found.ok()) {
      out += fmt::format("wg {}: {}\n", w, static_cast<int>(found.status().code()));
      continue;
    }
    const WorkgroupCounters& c = *found;
    out += fmt::format("wg {} {} {} {} {} {} failed={} out={} on_time={}/{}\n", w, c.entered,
                       c.answered, c.abandoned, c.completed, c.waiting, c.failed, c.transferred_out,
                       c.completed_on_time, c.completed_late);
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
    out +=
        fmt::format("  prefers={}@{} wg={} due={} attempts={} snoozed={} transferred={} held={}\n",
                    x->preferred_agent.valid() ? int64_t(x->preferred_agent.value()) : -1,
                    x->preferred_until, x->workgroup, x->due.microseconds(), x->attempts,
                    x->snoozed_until.microseconds(), x->transferred, x->last_held.microseconds());
    const absl::StatusOr<WaitReason> why = r.GetWaitReason(InteractionId(id));
    const absl::StatusOr<int64_t> position = r.GetPosition(InteractionId(id));
    if (why.ok()) {
      out += fmt::format("  waits: {} tier={} until={} agent={}", WaitReasonName(why->code),
                         why->tier, why->until.microseconds(),
                         why->agent.valid() ? int64_t(why->agent.value()) : -1);
    } else {
      out += fmt::format("  not waiting: {}", static_cast<int>(why.status().code()));
    }
    out += position.ok()
               ? fmt::format(" position={}\n", *position)
               : fmt::format(" no position: {}\n", static_cast<int>(position.status().code()));
  }
  return out;
}

}  // namespace acd::testing

#endif  // ACD_TESTS_TESTING_ROUTER_VIEWS_H_
