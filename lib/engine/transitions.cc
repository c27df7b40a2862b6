// State changes of interactions and agents, the waiting-group index and the
// engine's timers. The rules that choose who gets what are in routing.cc.

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/hash/hash.h"
#include "lib/engine/engine_impl.h"

namespace acd {

using internal::BucketOrder;
using internal::Group;
using internal::kNoSlot;
using internal::MediaIndex;
using internal::Utilization;

// ---- Records --------------------------------------------------------------------

const internal::InteractionRecord* Engine::Impl::FindRecord(InteractionId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &slab_[it->second];
}

uint32_t Engine::Impl::NewRecord(InteractionId id) {
  uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<uint32_t>(slab_.size());
    slab_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slab_[slot] = InteractionRecord{};
  }
  slab_[slot].id = id;
  index_.emplace(id, slot);
  return slot;
}

void Engine::Impl::DeleteRecord(InteractionRecord& x) {
  index_.erase(x.id);
  free_slots_.push_back(SlotOf(x));
  x.id = InteractionId();
}

namespace {

uint64_t GroupHash(const Arrive& c, const std::vector<TierConfig>& tiers) {
  uint64_t h = absl::HashOf(c.workgroup.value(), static_cast<int>(c.media));
  for (const SkillRequirement& r : c.requirements) {
    h = absl::HashOf(h, r.skill.value(), r.min_proficiency, r.max_proficiency, r.min_desire,
                     r.proficiency_weight, r.desire_weight);
  }
  for (const TierConfig& t : tiers) h = absl::HashOf(h, t.threshold, t.duration.microseconds());
  return h;
}

bool SameRequirements(const std::vector<SkillRequirement>& a,
                      const std::vector<SkillRequirement>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const SkillRequirement& x, const SkillRequirement& y) {
                      return x.skill == y.skill && x.min_proficiency == y.min_proficiency &&
                             x.max_proficiency == y.max_proficiency &&
                             x.min_desire == y.min_desire &&
                             x.proficiency_weight == y.proficiency_weight &&
                             x.desire_weight == y.desire_weight;
                    });
}

bool SameTiers(const std::vector<TierConfig>& a, const std::vector<TierConfig>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const TierConfig& x, const TierConfig& y) {
                      return x.threshold == y.threshold && x.duration == y.duration;
                    });
}

}  // namespace

uint32_t Engine::Impl::GroupFor(const Arrive& c) {
  const std::vector<TierConfig>& tiers =
      c.tiers.empty() ? center_.workgroup(c.workgroup).tiers : c.tiers;
  std::vector<uint32_t>& candidates = groups_by_hash_[GroupHash(c, tiers)];
  for (uint32_t g : candidates) {
    const Group& group = groups_[g];
    if (group.workgroup == c.workgroup && group.media == c.media &&
        SameRequirements(group.requirements, c.requirements) && SameTiers(group.tiers, tiers)) {
      return g;
    }
  }
  Group group{
      .workgroup = c.workgroup, .media = c.media, .requirements = c.requirements, .tiers = tiers};
  group.buckets.resize(tiers.size() + 1);
  groups_.push_back(std::move(group));
  candidates.push_back(static_cast<uint32_t>(groups_.size() - 1));
  return static_cast<uint32_t>(groups_.size() - 1);
}

// ---- The waiting index ------------------------------------------------------------

void Engine::Impl::EnterQueue(InteractionRecord& x) {
  x.state = InteractionState::kWaiting;
  x.agent = AgentId();
  const InteractionWeights& w = center_.workgroup(x.workgroup).interaction_weights;
  const auto seconds = [](Time t) { return static_cast<double>(t.microseconds()) / 1e6; };
  x.order_key = x.priority * w.priority - seconds(x.entered_queue) * w.time_in_queue -
                seconds(x.entered_system) * w.time_in_system;
  x.bucket = ScheduleTierBoundary(x);
  File(x);
  ++workgroups_[x.workgroup.value()].counters.waiting;
}

namespace {

// Appends `slot` to `list`, recording where.
void AddToList(std::vector<uint32_t>& list, uint32_t slot, uint32_t& position) {
  position = static_cast<uint32_t>(list.size());
  list.push_back(slot);
}

// Removes the slot at `position` by moving the last one there.
template <typename PositionOf>
void RemoveFromList(std::vector<uint32_t>& list, uint32_t position, PositionOf position_of) {
  list[position] = list.back();
  position_of(list[position]) = position;
  list.pop_back();
}

}  // namespace

void Engine::Impl::File(InteractionRecord& x) {
  const uint32_t slot = SlotOf(x);
  if (x.preference_open) {
    x.reserved = true;
    AddToList(workgroups_[x.workgroup.value()].reserved, slot, x.reserved_position);
    AddToList(agents_[x.preferred_agent.value()].preferred, slot, x.preferred_position);
    return;
  }
  x.reserved = false;
  Group& group = groups_[x.group];
  BucketOrder order{slab_};
  group.buckets[x.bucket].Push(slot, order);
  if (group.waiting++ == 0) {
    auto& list = workgroups_[x.workgroup.value()].nonempty_groups;
    group.nonempty_position = static_cast<int64_t>(list.size());
    list.push_back(x.group);
  }
}

void Engine::Impl::Unfile(InteractionRecord& x) {
  if (x.reserved) {
    RemoveFromList(workgroups_[x.workgroup.value()].reserved, x.reserved_position,
                   [this](uint32_t s) -> uint32_t& { return slab_[s].reserved_position; });
    RemoveFromList(agents_[x.preferred_agent.value()].preferred, x.preferred_position,
                   [this](uint32_t s) -> uint32_t& { return slab_[s].preferred_position; });
    x.reserved = false;
    return;
  }
  Group& group = groups_[x.group];
  BucketOrder order{slab_};
  group.buckets[x.bucket].Remove(SlotOf(x), order);
  if (--group.waiting == 0) {
    auto& list = workgroups_[x.workgroup.value()].nonempty_groups;
    const size_t at = static_cast<size_t>(group.nonempty_position);
    list[at] = list.back();
    groups_[list[at]].nonempty_position = static_cast<int64_t>(at);
    list.pop_back();
    group.nonempty_position = -1;
  }
}

uint32_t Engine::Impl::ScheduleTierBoundary(InteractionRecord& x) {
  uint32_t passed = 0;
  Time boundary = x.entered_queue;
  x.tier_due = Time::Infinite();
  for (const TierConfig& tier : groups_[x.group].tiers) {
    boundary += tier.duration;
    if (boundary > now_) {
      x.tier_due = boundary;
      timers_.Schedule(boundary, TimerKind::kTierBoundary, x.id.value());
      break;
    }
    ++passed;
  }
  return passed;
}

void Engine::Impl::LeaveQueue(InteractionRecord& x) {
  Unfile(x);
  x.tier_due = Time::Infinite();
  --workgroups_[x.workgroup.value()].counters.waiting;
}

void Engine::Impl::MoveBucket(InteractionRecord& x, uint32_t bucket) {
  if (x.reserved) {
    x.bucket = bucket;
    return;
  }
  Group& group = groups_[x.group];
  BucketOrder order{slab_};
  group.buckets[x.bucket].Remove(SlotOf(x), order);
  x.bucket = bucket;
  group.buckets[bucket].Push(SlotOf(x), order);
}

// ---- Readiness ----------------------------------------------------------------------

// The bitmaps hold agents ready for work with some room left: an agent at
// 100 % can take nothing (unless some media takes 0 %), so an interaction
// looking for an agent passes it over without a look.
void Engine::Impl::UpdateReady(AgentId agent) {
  const AgentState& a = agents_[agent.value()];
  const auto& model = center_.agent_model(agent);
  const bool available = ReadyForWork(a);
  const bool ready = available && (a.used_percent < 100 || model.takes_zero_percent);
  const bool busy = !a.held.empty();
  const bool wrapping = !busy && !a.wrapping.empty();
  for (size_t m = 0; m < model.workgroups.size(); ++m) {
    const uint32_t i = model.member_index[m];
    const uint32_t word = i / 64;
    const uint64_t bit = uint64_t{1} << (i % 64);
    const auto set = [word, bit](std::vector<uint64_t>& bits, bool on) {
      bits[word] = (bits[word] & ~bit) | (on ? bit : 0);
    };
    internal::WorkgroupState& wg = workgroups_[model.workgroups[m].value()];
    const bool active = a.active[m];
    set(wg.ready, ready && active);
    set(wg.logged_in, a.logged_in);
    set(wg.available, available);
    set(wg.active, active);
    set(wg.busy, busy);
    set(wg.wrapping, wrapping);
  }
}

// ---- Transitions ------------------------------------------------------------------

void Engine::Impl::ClearExclusion(InteractionRecord& x) {
  x.excluded = AgentId();
  x.excluded_until = Time();
}

void Engine::Impl::Offer(InteractionRecord& x, AgentId agent) {
  LeaveQueue(x);
  const auto& members = center_.workgroup_model(x.workgroup).members;
  workgroups_[x.workgroup.value()].last_offered =
      std::lower_bound(members.begin(), members.end(), agent) - members.begin();
  if (x.excluded.valid() && x.excluded != agent) ClearExclusion(x);
  AgentState& a = agents_[agent.value()];
  const Utilization u = center_.UtilizationFor(agent, x.workgroup, x.media);
  x.state = InteractionState::kAlerting;
  x.agent = agent;
  x.percent = u.percent;
  a.used_percent += u.percent;
  ++a.count[MediaIndex(x.media)];
  a.held.push_back(x.id);
  UpdateReady(agent);
  const bool auto_answer = center_.agent_model(agent).auto_answer[MediaIndex(x.media)];
  if (observer_ != nullptr) {
    observer_->OnOffer({.now = now_,
                        .interaction = x.id,
                        .agent = agent,
                        .workgroup = x.workgroup,
                        .auto_answered = auto_answer});
  }
  ReportInteraction(x, agent);
  if (auto_answer) {
    Connect(x);
    return;
  }
  x.alert_due = now_ + center_.workgroup(x.workgroup).alert_timeout;
  timers_.Schedule(x.alert_due, TimerKind::kAlertTimeout, x.id.value());
  ReportAgent(agent);
}

void Engine::Impl::Connect(InteractionRecord& x) {
  x.alert_due = Time::Infinite();
  x.state = InteractionState::kConnected;
  x.connected_at = now_;
  ++workgroups_[x.workgroup.value()].counters.answered;
  CountAnswered(x);
  AgentState& a = agents_[x.agent.value()];
  a.misses = 0;
  ++a.answered;
  ReportInteraction(x, x.agent);
  ReportAgent(x.agent);
}

void Engine::Impl::ReleaseCapacity(InteractionRecord& x) {
  AgentState& a = agents_[x.agent.value()];
  if (!x.exempt) {
    a.used_percent -= x.percent;
    --a.count[MediaIndex(x.media)];
  }
  x.exempt = false;
  a.held.erase(std::find(a.held.begin(), a.held.end(), x.id));
  UpdateReady(x.agent);
  x.percent = 0;
}

void Engine::Impl::Requeue(InteractionRecord& x, RequeueReason reason, bool exclude) {
  const AgentId agent = x.agent;
  x.alert_due = Time::Infinite();
  x.last_attempted = agent;
  ReleaseCapacity(x);
  ClearExclusion(x);
  const Duration exclusion = center_.workgroup(x.workgroup).no_answer.exclusion;
  if (exclude && exclusion > Duration::Zero()) {
    x.excluded = agent;
    x.excluded_until = now_ + exclusion;
    timers_.Schedule(x.excluded_until, TimerKind::kExclusionEnd, x.id.value());
  }
  EnterQueue(x);
  ReportInteraction(x, agent, reason);
  ReportAgent(agent);
}

void Engine::Impl::NoAnswer(InteractionRecord& x) {
  const AgentId agent = x.agent;
  const NoAnswerConfig& policy = center_.workgroup(x.workgroup).no_answer;
  x.priority += policy.priority_bump;
  Requeue(x, RequeueReason::kNoAnswer, /*exclude=*/true);
  AgentState& a = agents_[agent.value()];
  if (++a.misses >= policy.misses_before_status) {
    a.misses = 0;
    SetAgentStatus(agent, center_.workgroup_model(x.workgroup).no_answer_status);
  } else if (policy.delay > Duration::Zero()) {
    a.blocked_until = now_ + policy.delay;
    a.delay_pending = true;
    timers_.Schedule(a.blocked_until, TimerKind::kDelayEnd, agent.value());
    UpdateReady(agent);
  }
  RouteInteraction(x);
  FillAgent(agent);
}

void Engine::Impl::Abandon(InteractionRecord& x) {
  x.state = InteractionState::kAbandoned;
  ClearExclusion(x);
  ++workgroups_[x.workgroup.value()].counters.abandoned;
  CountAbandoned(x);
  ReportInteraction(x, x.agent);
  DeleteRecord(x);
}

void Engine::Impl::EndConnected(InteractionRecord& x) {
  const AgentId agent = x.agent;
  const WorkgroupId wg = x.workgroup;
  ReleaseCapacity(x);
  const Duration wrap_up = center_.workgroup(wg).wrap_up;
  AgentState& a = agents_[agent.value()];
  a.talk_time += now_ - x.connected_at;
  if (wrap_up == Duration::Zero()) {
    Complete(x);
    a.available_since = now_;
    ReportAgent(agent);
    FillAgent(agent);
    return;
  }
  x.state = InteractionState::kWrapUp;
  x.wrap_up_due = now_ + wrap_up;
  timers_.Schedule(x.wrap_up_due, TimerKind::kWrapUpEnd, x.id.value());
  a.wrapping.push_back(x.id);
  ReportInteraction(x, agent);
  // Remember the status to return to: the one the agent had (or chose during
  // the interaction), unless it is already in after-call work.
  if (!center_.status(a.status).acw) a.status_after_wrap_up = a.status;
  SetAgentStatus(agent, center_.workgroup_model(wg).wrap_up_status);
}

void Engine::Impl::Complete(InteractionRecord& x) {
  x.state = InteractionState::kCompleted;
  ++workgroups_[x.workgroup.value()].counters.completed;
  CountCompleted(x);
  ReportInteraction(x, x.agent);
  DeleteRecord(x);
}

void Engine::Impl::FinishWrapUp(AgentId agent, InteractionId id) {
  AgentState& a = agents_[agent.value()];
  a.wrapping.erase(std::find(a.wrapping.begin(), a.wrapping.end(), id));
  UpdateReady(agent);
  Complete(Record(id));
  a.available_since = now_;
  if (a.wrapping.empty() && a.logged_in && center_.status(a.status).acw) {
    SetAgentStatus(agent, a.status_after_wrap_up.valid() ? a.status_after_wrap_up
                                                         : center_.available_status());
  } else {
    ReportAgent(agent);
  }
}

void Engine::Impl::SetAgentStatus(AgentId agent, StatusId status) {
  agents_[agent.value()].status = status;
  UpdateReady(agent);
  ReportAgent(agent);
}

// ---- Timers ---------------------------------------------------------------------

bool Engine::Impl::TimerLive(const Timer& timer) const {
  if (timer.kind == TimerKind::kDelayEnd) {
    const AgentState& a = agents_[timer.target];
    return a.delay_pending && a.blocked_until == timer.due;
  }
  const InteractionRecord* x = FindRecord(InteractionId(timer.target));
  if (x == nullptr) return false;
  switch (timer.kind) {
    case TimerKind::kAlertTimeout:
      return x->state == InteractionState::kAlerting && x->alert_due == timer.due;
    case TimerKind::kWrapUpEnd:
      return x->state == InteractionState::kWrapUp && x->wrap_up_due == timer.due;
    case TimerKind::kExclusionEnd:
      return x->excluded.valid() && x->excluded_until == timer.due;
    case TimerKind::kTierBoundary:
      return x->state == InteractionState::kWaiting && x->tier_due == timer.due;
    case TimerKind::kPreferenceEnd:
      return x->preference_open && x->preferred_until == timer.due;
    case TimerKind::kDelayEnd:
      break;
  }
  return false;
}

void Engine::Impl::Fire(const Timer& timer) {
  switch (timer.kind) {
    case TimerKind::kAlertTimeout:
      NoAnswer(Record(InteractionId(timer.target)));
      return;
    case TimerKind::kWrapUpEnd: {
      const AgentId agent = Record(InteractionId(timer.target)).agent;
      FinishWrapUp(agent, InteractionId(timer.target));
      FillAgent(agent);
      return;
    }
    case TimerKind::kDelayEnd: {
      const AgentId agent(static_cast<AgentId::rep_type>(timer.target));
      agents_[agent.value()].delay_pending = false;
      UpdateReady(agent);
      FillAgent(agent);
      return;
    }
    case TimerKind::kExclusionEnd: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      ClearExclusion(x);
      RouteInteraction(x);
      return;
    }
    case TimerKind::kTierBoundary: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      ScheduleTierBoundary(x);
      MoveBucket(x, x.bucket + 1);
      RouteInteraction(x);
      return;
    }
    case TimerKind::kPreferenceEnd: {
      InteractionRecord& x = Record(InteractionId(timer.target));
      const bool waiting = x.state == InteractionState::kWaiting;
      if (waiting) Unfile(x);
      x.preference_open = false;
      if (waiting) {
        File(x);
        RouteInteraction(x);
      }
      return;
    }
  }
}

// ---- Reporting --------------------------------------------------------------------

AgentActivity Engine::Impl::ActivityOf(const AgentState& a) const {
  bool connected = false;
  for (InteractionId id : a.held) {
    const InteractionState state = FindRecord(id)->state;
    if (state == InteractionState::kAlerting) return AgentActivity::kAlerting;
    connected =
        connected || state == InteractionState::kConnected || state == InteractionState::kHeld;
  }
  if (connected) return AgentActivity::kBusy;
  if (!a.wrapping.empty()) return AgentActivity::kWrapUp;
  return a.logged_in ? AgentActivity::kIdle : AgentActivity::kLoggedOut;
}

void Engine::Impl::ReportInteraction(const InteractionRecord& x, AgentId agent,
                                     RequeueReason reason) {
  if (observer_ == nullptr) return;
  observer_->OnInteraction({.now = now_,
                            .interaction = x.id,
                            .state = x.state,
                            .workgroup = x.workgroup,
                            .agent = agent,
                            .reason = reason});
}

void Engine::Impl::ReportAgent(AgentId agent) {
  if (observer_ == nullptr) return;
  const AgentState& a = agents_[agent.value()];
  observer_->OnAgent({.now = now_, .agent = agent, .activity = ActivityOf(a), .status = a.status});
}

}  // namespace acd
