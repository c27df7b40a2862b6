// Queries on a waiting interaction (acd/stats.h): wait reason, position
// and the wait estimates (PureConnect's, signed and floored, and the
// staffing-aware one). Each scans the interaction's workgroup (its
// members or its queue) once: queries are rare next to decisions. Then
// the listings of live interactions and agents, in id order.

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/eligibility.h"
#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"

namespace acd {

using internal::Rule;
using internal::RuleSet;
using internal::ScoreAt;
using internal::TierPosition;

absl::string_view WaitReasonName(WaitReasonCode code) {
  switch (code) {
    case WaitReasonCode::kNone:
      return "none";
    case WaitReasonCode::kSnoozed:
      return "snoozed";
    case WaitReasonCode::kReservedForPreferredAgent:
      return "reserved_for_preferred_agent";
    case WaitReasonCode::kNoSkilledAgentLoggedIn:
      return "no_skilled_agent_logged_in";
    case WaitReasonCode::kNoAgentActivated:
      return "no_agent_activated";
    case WaitReasonCode::kNoAvailableAgent:
      return "no_available_agent";
    case WaitReasonCode::kNoAvailableAgentForMedia:
      return "no_available_agent_for_media";
    case WaitReasonCode::kWaitingForTier:
      return "waiting_for_tier";
    case WaitReasonCode::kExcluded:
      return "excluded";
  }
  return "?";
}

absl::StatusOr<const internal::InteractionRecord*> Engine::Impl::FindWaiting(
    InteractionId id) const {
  const InteractionRecord* x = FindRecord(id);
  if (x == nullptr) {
    return NoSuchInteraction(id);
  }
  if (x->state != InteractionState::kWaiting) return WrongState(*x, "waiting");
  return x;
}

TierPosition Engine::Impl::TierAt(const InteractionRecord& x, uint32_t bucket) const {
  return PositionIn(x.group, bucket);
}

absl::StatusOr<WaitReason> Engine::Impl::GetWaitReason(InteractionId id) const {
  if (const InteractionRecord* snoozed = FindRecord(id);
      snoozed != nullptr && snoozed->state == InteractionState::kSnoozed) {
    return WaitReason{.code = WaitReasonCode::kSnoozed, .until = snoozed->snooze_due};
  }
  ACD_ASSIGN_OR_RETURN(const InteractionRecord* found, FindWaiting(id));
  const InteractionRecord& x = *found;
  if (x.preference_open) {
    return WaitReason{.code = WaitReasonCode::kReservedForPreferredAgent,
                      .until = x.preferred_until,
                      .agent = x.preferred_agent};
  }
  const TierPosition tier = TierAt(x, x.bucket);
  const internal::Eligibility rules = eligibility();
  // How far the logged-in members get through the rules, in the order of
  // the codes (outside the window, rule 7 holds for every one).
  bool skilled = false, activated = false, available = false, room = false, in_tier = false;
  for (AgentId member : center_.workgroup_model(x.workgroup).members) {
    const RuleSet failed = rules.Failures(member, x, tier);
    if (failed.Has(Rule::kNotLoggedIn) || failed.Has(Rule::kSkills)) continue;
    skilled = true;
    if (failed.Has(Rule::kNotActivated)) continue;
    activated = true;
    if (failed.Has(Rule::kNotAvailable)) continue;
    available = true;
    if (failed.Has(Rule::kNoCapacity)) continue;
    room = true;
    if (failed.Has(Rule::kOutsideTier)) continue;
    in_tier = true;
    if (failed.Has(Rule::kExcluded)) continue;
    return WaitReason{};
  }
  if (!skilled) return WaitReason{.code = WaitReasonCode::kNoSkilledAgentLoggedIn};
  if (!activated) return WaitReason{.code = WaitReasonCode::kNoAgentActivated};
  if (!available) return WaitReason{.code = WaitReasonCode::kNoAvailableAgent};
  if (!room) return WaitReason{.code = WaitReasonCode::kNoAvailableAgentForMedia};
  if (!in_tier) {
    return WaitReason{
        .code = WaitReasonCode::kWaitingForTier, .tier = tier.tier + 1, .until = x.tier_due};
  }
  return WaitReason{
      .code = WaitReasonCode::kExcluded, .until = x.excluded_until, .agent = x.excluded};
}

absl::StatusOr<int64_t> Engine::Impl::GetPosition(InteractionId id) const {
  const InteractionRecord* found = FindRecord(id);
  if (found == nullptr) {
    return NoSuchInteraction(id);
  }
  // Live but not in the queue: PureConnect's -1 (acd/engine.h).
  if (found->state != InteractionState::kWaiting) return -1;
  const InteractionRecord& x = *found;
  const InteractionWeights& weights = center_.workgroup(x.workgroup).interaction_weights;
  const auto score = [&](const InteractionRecord& y) { return ScoreAt(weights, 0, y, now_).sum; };
  const double own = score(x);
  int64_t ahead = 0;
  interactions_.ForEachWaiting(x.workgroup, [&](uint32_t slot) {
    const InteractionRecord& y = interactions_.record(slot);
    const double other = score(y);
    ahead += other > own ||
             (other == own && std::tie(y.entered_queue, y.id) < std::tie(x.entered_queue, x.id));
  });
  return ahead + 1;
}

absl::StatusOr<Duration> Engine::Impl::EstimateWaitPureConnectSigned(InteractionId id) const {
  ACD_ASSIGN_OR_RETURN(const InteractionRecord* x, FindWaiting(id));
  const internal::WorkgroupStatsState& s = stats_.stats(x->workgroup);
  const int64_t answered = s.answer_waits.CountAt(now_);
  const Duration mean =
      answered == 0 ? Duration::Zero()
                    : Duration::Microseconds(s.answer_waits.SumAt(now_).microseconds() / answered);
  return mean - (now_ - x->entered_queue);
}

absl::StatusOr<Duration> Engine::Impl::EstimateWaitPureConnect(InteractionId id) const {
  ACD_ASSIGN_OR_RETURN(const Duration signed_estimate, EstimateWaitPureConnectSigned(id));
  return std::max(Duration::Zero(), signed_estimate);
}

// How many interactions like x the members serving tier position `tier`
// can hold at once, and how many more they could take right now.
internal::Serving Engine::Impl::ServingCapacity(const InteractionRecord& x,
                                                TierPosition tier) const {
  internal::Serving serving;
  const internal::Eligibility rules = eligibility();
  for (AgentId member : center_.workgroup_model(x.workgroup).members) {
    const AgentState& a = agents_[member.value()];
    // Serving: logged in, activated, available or in wrap-up, skilled and
    // inside the tier; free: eligible but for the window and exclusion.
    const RuleSet failed = rules.Failures(member, x, tier);
    if (failed.Has(Rule::kNotLoggedIn) || failed.Has(Rule::kNotActivated)) continue;
    if (!center_.status(a.status).acd_available && a.wrapping.empty()) continue;
    if (failed.Has(Rule::kSkills) || failed.Has(Rule::kOutsideTier)) continue;
    const internal::Utilization u = center_.UtilizationFor(member, x.workgroup, x.media);
    serving.capacity += u.percent == 0 ? u.max_assign : std::min(u.max_assign, 100 / u.percent);
    if (!failed.Has(Rule::kNotAvailable) && !failed.Has(Rule::kNoCapacity)) {
      const int by_count = u.max_assign - a.count[internal::MediaIndex(x.media)];
      serving.free +=
          u.percent == 0 ? by_count : std::min(by_count, (100 - a.used_percent) / u.percent);
    }
  }
  return serving;
}

absl::StatusOr<Duration> Engine::Impl::EstimateWait(InteractionId id) const {
  ACD_ASSIGN_OR_RETURN(const InteractionRecord* found, FindWaiting(id));
  const InteractionRecord& x = *found;
  const internal::WorkgroupStatsState& s = stats_.stats(x.workgroup);
  Duration handle;
  if (const int64_t recent = s.handle_times.CountAt(now_); recent > 0) {
    handle = Duration::Microseconds(s.handle_times.SumAt(now_).microseconds() / recent);
  } else if (s.handled > 0) {
    handle = Duration::Microseconds(s.handle_total.microseconds() / s.handled);
  } else {
    return EstimateWaitPureConnect(id);
  }
  ACD_ASSIGN_OR_RETURN(const int64_t position, GetPosition(id));
  // The best over the current static tier and those after it: waiting until
  // the tier starts, then for the completions that free a place once the
  // free places are taken by those ahead.
  const std::vector<TierConfig>& tiers = interactions_.group(x.group).tiers;
  Duration best = Duration::Infinite();
  Time from = x.entered_queue;
  for (uint32_t k = 0; k <= tiers.size(); ++k) {
    if (k >= x.bucket) {
      const internal::Serving serving = ServingCapacity(x, TierAt(x, k));
      const int64_t short_by = position - serving.free;
      if (short_by <= 0 || serving.capacity > 0) {
        const Duration completions =
            short_by <= 0
                ? Duration::Zero()
                : Duration::Microseconds(handle.microseconds() * short_by / serving.capacity);
        best = std::min(best, std::max(Duration::Zero(), from - now_) + completions);
      }
    }
    if (k < tiers.size()) from += tiers[k].duration;
  }
  return best;
}

// ---- Listings ----------------------------------------------------------------

std::vector<InteractionView> Engine::ListInteractions() const {
  std::vector<InteractionView> views;
  const std::vector<InteractionId> ids = impl_->LiveIds();
  views.reserve(ids.size());
  for (InteractionId id : ids) views.push_back(*impl_->GetInteraction(id));
  return views;
}

absl::StatusOr<std::vector<InteractionView>> Engine::ListInteractions(WorkgroupId id) const {
  ACD_RETURN_IF_ERROR(impl_->GetWorkgroupCounters(id).status());
  std::vector<InteractionView> views;
  for (InteractionId live : impl_->LiveIds()) {
    InteractionView view = *impl_->GetInteraction(live);
    if (view.workgroup == id) views.push_back(std::move(view));
  }
  return views;
}

std::vector<AgentView> Engine::ListAgents() const {
  std::vector<AgentView> views;
  const size_t n = impl_->center().config().agents.size();
  views.reserve(n);
  for (size_t a = 0; a < n; ++a) {
    const AgentId id(static_cast<uint32_t>(a));
    if (impl_->center().removed(id)) continue;  // RemoveAgent
    views.push_back(*impl_->GetAgent(id));
  }
  return views;
}

}  // namespace acd
