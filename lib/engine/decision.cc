// Decision records (acd/decision.h): the filter counts that the ready
// bitmaps give without a scan, and the score terms of the winner and the
// runner-up, as Score (scoring.h) gives them to the choice.

#include <bit>

#include "lib/engine/eligibility.h"
#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"

namespace acd {

using internal::Score;
using internal::ScoreAt;
using internal::SkillScore;

absl::string_view DecisionDirectionName(DecisionDirection direction) {
  switch (direction) {
    case DecisionDirection::kInteractionRoutable:
      return "interaction_routable";
    case DecisionDirection::kAgentGainsCapacity:
      return "agent_gains_capacity";
  }
  return "?";
}

absl::string_view DecidedByName(DecidedBy decided_by) {
  switch (decided_by) {
    case DecidedBy::kOnlyCandidate:
      return "only_candidate";
    case DecidedBy::kAgentScore:
      return "agent_score";
    case DecidedBy::kAgentOrder:
      return "agent_order";
    case DecidedBy::kInteractionScore:
      return "interaction_score";
    case DecidedBy::kLongestAvailable:
      return "longest_available";
    case DecidedBy::kLongestInQueue:
      return "longest_in_queue";
    case DecidedBy::kLowestId:
      return "lowest_id";
  }
  return "?";
}

void Engine::Impl::BeginDecision(DecisionDirection direction) {
  decision_.direction = direction;
  decision_.eligible = 0;
  decision_.filtered = DecisionFilters{};
  decision_.has_runner_up = false;
  decision_.runner_up = DecisionCandidate{};
}

// The members Eligibility::Classify stops at kNotLoggedIn, kNotAvailable or
// kNotActivated, counted from the bitmaps (eligibility.h says what each
// holds); the full ones (ready but for their room) go to the first rule
// after those that keeps them out, as Classify would.
void Engine::Impl::CountUnready(const InteractionRecord& x) {
  const internal::MemberBits& wg = agents_.members(x.workgroup);
  int32_t logged_in = 0, available = 0, activated = 0, ready = 0;
  for (const internal::MemberWord& word : wg.words) {
    logged_in += std::popcount(word.logged_in);
    available += std::popcount(word.available);
    activated += std::popcount(word.available & word.active);
    ready += std::popcount(word.ready);
  }
  DecisionFilters& f = decision_.filtered;
  const auto members = static_cast<int32_t>(center_.workgroup_model(x.workgroup).members.size());
  f.not_logged_in = members - logged_in;
  f.not_available = logged_in - available;
  f.not_activated = available - activated;
  // Available and activated but full: the rules before capacity claim some.
  int32_t full = activated - ready;
  const auto is_full = [&](AgentId agent) {
    const int64_t i = agent.valid() ? center_.MemberIndex(agent, x.workgroup) : -1;
    if (i < 0) return false;
    const internal::MemberWord& word = wg.words[i / 64];
    return ((word.available & word.active & ~word.ready) >> (i % 64) & 1) != 0;
  };
  const bool exclusion = internal::ExclusionOpen(x, now_);
  if (full > 0 && x.preference_open) {
    const bool preferred_full = is_full(x.preferred_agent);
    f.preferred_window += full - preferred_full;
    full = preferred_full;
    if (full > 0 && exclusion && x.excluded == x.preferred_agent) {
      ++f.excluded;
      full = 0;
    }
  } else if (full > 0 && exclusion && is_full(x.excluded)) {
    ++f.excluded;
    --full;
  }
  f.no_capacity += full;
}

void Engine::Impl::CountReservedForOthers(AgentId agent, WorkgroupId wg) {
  int32_t own = 0;
  for (uint32_t slot : agents_[agent.value()].preferred) {
    own += interactions_.record(slot).workgroup == wg;
  }
  decision_.filtered.preferred_window +=
      static_cast<int32_t>(interactions_.queue(wg).reserved.size()) - own;
}

internal::TierPosition Engine::Impl::TierOf(const InteractionRecord& x) {
  return PositionOf(x.group, x.bucket);
}

// The terms of both scores, as Score gives them: the sums are the ones the
// choice compared.
ScoreTerms Engine::Impl::TermsOf(const InteractionRecord& x, AgentId agent) const {
  const WorkgroupConfig& config = center_.workgroup(x.workgroup);
  const double skill =
      SkillScore(center_.agent_model(agent).skills, interactions_.group(x.group).requirements);
  const internal::InteractionScoreTerms i = ScoreAt(config.interaction_weights, skill, x, now_);
  const internal::AgentScoreTerms a = Score(config.agent_weights, skill, center_.agent(agent),
                                            now_ - agents_[agent.value()].available_since);
  return ScoreTerms{.skill_score = skill,
                    .interaction_skill = i.skill,
                    .priority = i.priority,
                    .time_in_queue = i.time_in_queue,
                    .time_in_system = i.time_in_system,
                    .interaction_score = i.sum,
                    .agent_skill = a.skill,
                    .cost = a.cost,
                    .available = a.available,
                    .attributes = a.attributes(),
                    .agent_score = a.sum};
}

void Engine::Impl::EmitDecision(const InteractionRecord& won, DecidedBy by_score) {
  DecisionRecord& d = decision_;
  d.now = now_;
  d.workgroup = won.workgroup;
  d.agent_order = center_.workgroup(won.workgroup).agent_order;
  const internal::TierPosition tier = TierOf(won);
  d.tier = tier.mode == internal::TierPosition::kTier ? tier.tier + 1 : 0;
  d.any_member = tier.mode == internal::TierPosition::kAnyMember;
  const bool routable = d.direction == DecisionDirection::kInteractionRoutable;
  if (!d.has_runner_up) {
    d.decided_by = DecidedBy::kOnlyCandidate;
  } else if (d.winner.terms.order_key != d.runner_up.terms.order_key) {
    d.decided_by = by_score;
  } else if (routable && d.winner.available_since != d.runner_up.available_since) {
    d.decided_by = DecidedBy::kLongestAvailable;
  } else if (!routable && d.winner.entered_queue != d.runner_up.entered_queue) {
    d.decided_by = DecidedBy::kLongestInQueue;
  } else {
    d.decided_by = DecidedBy::kLowestId;
  }
  observer_->OnDecision(d);
}

DecisionCandidate Engine::Impl::CandidateOf(const InteractionRecord& x, AgentId agent) const {
  return DecisionCandidate{.interaction = x.id,
                           .agent = agent,
                           .available_since = agents_[agent.value()].available_since,
                           .entered_queue = x.entered_queue,
                           .terms = TermsOf(x, agent)};
}

void Engine::Impl::EmitAgentChoice(InteractionRecord& x, const internal::AgentChoice& best,
                                   const internal::AgentChoice* runner_up) {
  decision_.winner = CandidateOf(x, best.agent);
  decision_.winner.terms.order_key = best.score;
  if (runner_up != nullptr) {
    decision_.has_runner_up = true;
    decision_.runner_up = CandidateOf(x, runner_up->agent);
    decision_.runner_up.terms.order_key = runner_up->score;
  }
  EmitDecision(x, center_.workgroup(x.workgroup).agent_order == AgentOrder::kScore
                      ? DecidedBy::kAgentScore
                      : DecidedBy::kAgentOrder);
}

void Engine::Impl::EmitInteractionChoice(AgentId agent, InteractionRecord& best,
                                         const InteractionRecord* runner_up) {
  decision_.winner = CandidateOf(best, agent);
  decision_.winner.terms.order_key = decision_.winner.terms.interaction_score;
  if (runner_up != nullptr) {
    decision_.has_runner_up = true;
    decision_.runner_up = CandidateOf(*runner_up, agent);
    decision_.runner_up.terms.order_key = decision_.runner_up.terms.interaction_score;
  }
  EmitDecision(best, DecidedBy::kInteractionScore);
}

}  // namespace acd
