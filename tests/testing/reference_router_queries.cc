// The reference router's decision records and queries on waiting
// interactions, computed by scanning every agent or interaction; the rules
// are in reference_router.cc.

#include <algorithm>
#include <cmath>
#include <tuple>

#include "tests/testing/reference_router.h"

namespace acd::testing {
namespace {

double Secs(Duration d) { return static_cast<double>(d.microseconds()) / 1e6; }

void SetTier(int mode_tier, bool tiered, bool any, DecisionRecord& d) {
  d.tier = tiered ? mode_tier + 1 : 0;
  d.any_member = any;
}

}  // namespace

// ---- Decision records --------------------------------------------------------------

ScoreTerms ReferenceRouter::Terms(const Interaction& x, AgentId a) const {
  const WorkgroupConfig& wg = config_.workgroups[x.workgroup.value()];
  const InteractionWeights& iw = wg.interaction_weights;
  const AgentWeights& aw = wg.agent_weights;
  const AgentConfig& ac = config_.agents[a.value()];
  ScoreTerms t;
  t.skill_score = SkillScore(a, x);
  t.interaction_skill = t.skill_score * iw.skill;
  t.priority = x.priority * iw.priority;
  t.time_in_queue = Secs(now_ - x.entered_queue) * iw.time_in_queue;
  t.time_in_system = Secs(now_ - x.entered_system) * iw.time_in_system;
  t.interaction_score = t.interaction_skill + t.priority + t.time_in_queue + t.time_in_system;
  t.agent_skill = t.skill_score * aw.skill;
  t.cost = ac.cost * aw.cost;
  t.available =
      std::floor(Secs(now_ - agents_[a.value()].available_since) / aw.available_interval_s) *
      aw.available;
  t.attributes =
      ac.attribute1 * aw.attribute1 + ac.attribute2 * aw.attribute2 + ac.attribute3 * aw.attribute3;
  t.agent_score = t.agent_skill + t.cost + t.available + ac.attribute1 * aw.attribute1 +
                  ac.attribute2 * aw.attribute2 + ac.attribute3 * aw.attribute3;
  return t;
}

void ReferenceRouter::RecordAgentChoice(const Interaction& x, AgentId best, double best_score,
                                        AgentId second, double second_score) {
  if (observer_ == nullptr) return;
  DecisionRecord d{.now = now_,
                   .direction = DecisionDirection::kInteractionRoutable,
                   .workgroup = x.workgroup,
                   .agent_order = config_.workgroups[x.workgroup.value()].agent_order};
  const Position p = PositionOf(x);
  SetTier(p.tier, p.mode == Position::kTier, p.mode == Position::kAny, d);
  for (size_t i = 0; i < agents_.size(); ++i) {
    const AgentId a(static_cast<uint32_t>(i));
    if (agents_[i].active.count(x.workgroup.value()) == 0) continue;
    DecisionFilters& f = d.filtered;
    switch (FirstFailure(a, x, p)) {
      case Rule::kNotLoggedIn:
        ++f.not_logged_in;
        break;
      case Rule::kNotAvailable:
        ++f.not_available;
        break;
      case Rule::kNotActivated:
        ++f.not_activated;
        break;
      case Rule::kPreferredWindow:
        ++f.preferred_window;
        break;
      case Rule::kExcluded:
        ++f.excluded;
        break;
      case Rule::kNoCapacity:
        ++f.no_capacity;
        break;
      case Rule::kSkills:
        ++f.skills;
        break;
      case Rule::kOutsideTier:
        ++f.outside_tier;
        break;
      case Rule::kEligible:
        ++d.eligible;
        break;
    }
  }
  const auto candidate = [&](AgentId a, double score) {
    DecisionCandidate c{.interaction = x.id,
                        .agent = a,
                        .available_since = agents_[a.value()].available_since,
                        .entered_queue = x.entered_queue,
                        .terms = Terms(x, a)};
    c.terms.order_key = score;
    return c;
  };
  d.winner = candidate(best, best_score);
  if (second.valid()) {
    d.has_runner_up = true;
    d.runner_up = candidate(second, second_score);
    if (best_score != second_score) {
      d.decided_by =
          d.agent_order == AgentOrder::kScore ? DecidedBy::kAgentScore : DecidedBy::kAgentOrder;
    } else if (d.winner.available_since != d.runner_up.available_since) {
      d.decided_by = DecidedBy::kLongestAvailable;
    } else {
      d.decided_by = DecidedBy::kLowestId;
    }
  }
  observer_->OnDecision(d);
}

void ReferenceRouter::RecordInteractionChoice(AgentId a, const Interaction& best,
                                              const Interaction* second) {
  if (observer_ == nullptr) return;
  DecisionRecord d{.now = now_,
                   .direction = DecisionDirection::kAgentGainsCapacity,
                   .workgroup = best.workgroup,
                   .agent_order = config_.workgroups[best.workgroup.value()].agent_order};
  const Position p = PositionOf(best);
  SetTier(p.tier, p.mode == Position::kTier, p.mode == Position::kAny, d);
  // Only the counts that do not depend on how interactions are indexed.
  for (const auto& [id, x] : interactions_) {
    if (x.state != InteractionState::kWaiting) continue;
    if (agents_[a.value()].active.count(x.workgroup.value()) == 0) continue;
    if (!Active(a, x.workgroup)) {
      ++d.filtered.not_activated;
    } else if (x.preference_open && x.preferred_agent != a) {
      ++d.filtered.preferred_window;
    } else if (!HasRoom(a, x)) {
      ++d.filtered.no_capacity;
    }
  }
  const auto candidate = [&](const Interaction& x) {
    DecisionCandidate c{.interaction = x.id,
                        .agent = a,
                        .available_since = agents_[a.value()].available_since,
                        .entered_queue = x.entered_queue,
                        .terms = Terms(x, a)};
    c.terms.order_key = c.terms.interaction_score;
    return c;
  };
  d.winner = candidate(best);
  if (second != nullptr) {
    d.has_runner_up = true;
    d.runner_up = candidate(*second);
    if (d.winner.terms.interaction_score != d.runner_up.terms.interaction_score) {
      d.decided_by = DecidedBy::kInteractionScore;
    } else if (best.entered_queue != second->entered_queue) {
      d.decided_by = DecidedBy::kLongestInQueue;
    } else {
      d.decided_by = DecidedBy::kLowestId;
    }
  }
  observer_->OnDecision(d);
}

// ---- Queries ---------------------------------------------------------------------------

absl::StatusOr<WaitReason> ReferenceRouter::GetWaitReason(InteractionId id) const {
  auto it = interactions_.find(id.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  const Interaction& x = it->second;
  if (x.state == InteractionState::kSnoozed) {
    return WaitReason{.code = WaitReasonCode::kSnoozed, .until = x.snooze_due};
  }
  if (x.state != InteractionState::kWaiting) return absl::FailedPreconditionError("not waiting");
  if (x.preference_open) {
    return WaitReason{.code = WaitReasonCode::kReservedForPreferredAgent,
                      .until = x.preferred_until,
                      .agent = x.preferred_agent};
  }
  // How many of the rules (skills, activation, status, room, tier,
  // exclusion) the member that gets furthest passes.
  const Position p = PositionOf(x);
  int furthest = 0;
  for (size_t i = 0; i < agents_.size(); ++i) {
    const AgentId a(static_cast<uint32_t>(i));
    if (agents_[i].active.count(x.workgroup.value()) == 0 || !agents_[i].logged_in) continue;
    const bool passes[] = {
        p.mode == Position::kAny || HasSkills(a, x),
        Active(a, x.workgroup),
        Ready(a),
        HasRoom(a, x),
        p.mode != Position::kTier || Above(a, x, x.tiers[p.tier].threshold),
        x.excluded != a || now_ >= x.excluded_until,
    };
    int passed = 0;
    while (passed < 6 && passes[passed]) ++passed;
    furthest = std::max(furthest, passed);
  }
  static constexpr WaitReasonCode kStuckAt[] = {WaitReasonCode::kNoSkilledAgentLoggedIn,
                                                WaitReasonCode::kNoAgentActivated,
                                                WaitReasonCode::kNoAvailableAgent,
                                                WaitReasonCode::kNoAvailableAgentForMedia,
                                                WaitReasonCode::kWaitingForTier,
                                                WaitReasonCode::kExcluded,
                                                WaitReasonCode::kNone};
  WaitReason why{.code = kStuckAt[furthest]};
  if (why.code == WaitReasonCode::kWaitingForTier) {
    why.tier = p.tier + 1;
    why.until = x.tier_due;
  } else if (why.code == WaitReasonCode::kExcluded) {
    why.agent = x.excluded;
    why.until = x.excluded_until;
  }
  return why;
}

absl::StatusOr<std::string> ReferenceRouter::FirstFailureName(AgentId a, InteractionId id) const {
  auto it = interactions_.find(id.value());
  if (it == interactions_.end() || it->second.state != InteractionState::kWaiting) {
    return absl::NotFoundError("no such waiting interaction");
  }
  switch (FirstFailure(a, it->second, PositionOf(it->second))) {
    case Rule::kNotLoggedIn:
      return "not_logged_in";
    case Rule::kNotAvailable:
      return "not_available";
    case Rule::kNotActivated:
      return "not_activated";
    case Rule::kPreferredWindow:
      return "preferred_window";
    case Rule::kExcluded:
      return "excluded";
    case Rule::kNoCapacity:
      return "no_capacity";
    case Rule::kSkills:
      return "skills";
    case Rule::kOutsideTier:
      return "outside_tier";
    case Rule::kEligible:
      return "eligible";
  }
  return "?";
}

absl::StatusOr<int64_t> ReferenceRouter::GetPosition(InteractionId id) const {
  auto it = interactions_.find(id.value());
  if (it == interactions_.end()) return absl::NotFoundError("interaction");
  const Interaction& x = it->second;
  // Live but not in the queue (alerting, connected, held, wrap-up,
  // snoozed): PureConnect's -1.
  if (x.state != InteractionState::kWaiting) return -1;
  const InteractionWeights& w = config_.workgroups[x.workgroup.value()].interaction_weights;
  const auto score = [&](const Interaction& y) {
    return y.priority * w.priority + Secs(now_ - y.entered_queue) * w.time_in_queue +
           Secs(now_ - y.entered_system) * w.time_in_system;
  };
  int64_t position = 1;
  for (const auto& [other_id, y] : interactions_) {
    if (y.state != InteractionState::kWaiting || y.workgroup != x.workgroup) continue;
    const bool earlier =
        std::make_tuple(y.entered_queue, other_id) < std::make_tuple(x.entered_queue, id.value());
    if (score(y) > score(x) || (score(y) == score(x) && earlier)) {
      ++position;
    }
  }
  return position;
}

}  // namespace acd::testing
