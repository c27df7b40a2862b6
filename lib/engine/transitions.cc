// State changes of interactions and agents, the waiting-group index and the
// engine's timers. The rules that choose who gets what are in routing.cc.

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/hash/hash.h"
#include "lib/engine/engine_impl.h"
#include "lib/engine/scoring.h"

namespace acd {

using internal::BucketOrder;
using internal::Group;
using internal::HasPickupLimit;
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

uint64_t GroupHash(WorkgroupId wg, MediaType media,
                   const std::vector<SkillRequirement>& requirements,
                   const std::vector<TierConfig>& tiers) {
  uint64_t h = absl::HashOf(wg.value(), static_cast<int>(media));
  for (const SkillRequirement& r : requirements) {
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

uint32_t Engine::Impl::GroupFor(WorkgroupId wg, MediaType media,
                                const std::vector<SkillRequirement>& requirements,
                                const std::vector<TierConfig>& tiers) {
  std::vector<uint32_t>& candidates = groups_by_hash_[GroupHash(wg, media, requirements, tiers)];
  for (uint32_t g : candidates) {
    const Group& group = groups_[g];
    if (group.workgroup == wg && group.media == media &&
        SameRequirements(group.requirements, requirements) && SameTiers(group.tiers, tiers)) {
      return g;
    }
  }
  // Built (copying the requirements and tiers) before groups_ may grow:
  // they may be another group's.
  Group group{.workgroup = wg, .media = media, .requirements = requirements, .tiers = tiers};
  group.buckets.resize(tiers.size() + 1);
  group.top_position.resize(tiers.size() + 1);
  groups_.push_back(std::move(group));
  candidates.push_back(static_cast<uint32_t>(groups_.size() - 1));
  return static_cast<uint32_t>(groups_.size() - 1);
}

uint32_t Engine::Impl::GroupIn(const InteractionRecord& x, WorkgroupId wg) {
  const Group& group = groups_[x.group];
  return GroupFor(wg, x.media, group.requirements,
                  x.own_tiers ? group.tiers : center_.workgroup(wg).tiers);
}

// ---- The waiting index ------------------------------------------------------------

void Engine::Impl::EnterQueue(InteractionRecord& x) {
  x.state = InteractionState::kWaiting;
  x.agent = AgentId();
  Key(x);
  File(x);
  ++workgroups_[x.workgroup.value()].counters.waiting;
}

double Engine::Impl::OrderKey(const InteractionRecord& x) const {
  return internal::InGroupKey(center_.workgroup(x.workgroup).interaction_weights, x.priority,
                              x.entered_queue, x.entered_system);
}

void Engine::Impl::Key(InteractionRecord& x) {
  const WorkgroupConfig& config = center_.workgroup(x.workgroup);
  x.order_key = OrderKey(x);
  x.bucket = ScheduleTierBoundary(x);
  // Back in the queue after its timeout passed (a no-answer, say): it
  // overflows when the timer fires, at the next AdvanceTo or command.
  x.overflow_due = Time::Infinite();
  if (config.queue_timeout > Duration::Zero()) {
    x.overflow_due = std::max(now_, x.entered_queue + config.queue_timeout);
    timers_.Schedule(x.overflow_due, TimerKind::kQueueTimeout, x.id.value());
  }
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
  PushToBucket(x, x.bucket);
  Group& group = groups_[x.group];
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
  RemoveFromBucket(x);
  Group& group = groups_[x.group];
  if (--group.waiting == 0) {
    auto& list = workgroups_[x.workgroup.value()].nonempty_groups;
    const size_t at = static_cast<size_t>(group.nonempty_position);
    list[at] = list.back();
    groups_[list[at]].nonempty_position = static_cast<int64_t>(at);
    list.pop_back();
    group.nonempty_position = -1;
  }
}

uint32_t Engine::Impl::StaticTier(const InteractionRecord& x, Time& next) const {
  uint32_t passed = 0;
  Time boundary = x.entered_queue;
  next = Time::Infinite();
  for (const TierConfig& tier : groups_[x.group].tiers) {
    boundary += tier.duration;
    if (boundary > now_) {
      next = boundary;
      break;
    }
    ++passed;
  }
  return passed;
}

uint32_t Engine::Impl::ScheduleTierBoundary(InteractionRecord& x) {
  const uint32_t passed = StaticTier(x, x.tier_due);
  if (x.tier_due != Time::Infinite()) {
    timers_.Schedule(x.tier_due, TimerKind::kTierBoundary, x.id.value());
  }
  return passed;
}

void Engine::Impl::LeaveQueue(InteractionRecord& x) {
  Unfile(x);
  x.tier_due = Time::Infinite();
  x.overflow_due = Time::Infinite();
  --workgroups_[x.workgroup.value()].counters.waiting;
}

void Engine::Impl::MoveBucket(InteractionRecord& x, uint32_t bucket) {
  if (x.reserved) {
    x.bucket = bucket;
    return;
  }
  RemoveFromBucket(x);
  PushToBucket(x, bucket);
}

void Engine::Impl::PushToBucket(InteractionRecord& x, uint32_t bucket) {
  internal::SlotHeap& heap = groups_[x.group].buckets[bucket];
  const uint32_t old_top = heap.empty() ? internal::kNoSlot : heap.top();
  BucketOrder order{slab_};
  heap.Push(SlotOf(x), order);
  x.bucket = bucket;
  internal::WorkgroupState& wg = workgroups_[x.workgroup.value()];
  const int media = MediaIndex(x.media);
  ++wg.filed[media];
  internal::TopOrder tops{groups_, slab_};
  const uint32_t ref = internal::BucketRef(x.group, bucket);
  if (old_top == internal::kNoSlot) {
    wg.tops[media].Push(ref, tops);
  } else if (heap.top() != old_top) {
    wg.tops[media].Update(ref, tops);
  }
}

void Engine::Impl::RemoveFromBucket(InteractionRecord& x) {
  internal::SlotHeap& heap = groups_[x.group].buckets[x.bucket];
  const uint32_t slot = SlotOf(x);
  const bool was_top = heap.top() == slot;
  BucketOrder order{slab_};
  heap.Remove(slot, order);
  internal::WorkgroupState& wg = workgroups_[x.workgroup.value()];
  const int media = MediaIndex(x.media);
  --wg.filed[media];
  internal::TopOrder tops{groups_, slab_};
  const uint32_t ref = internal::BucketRef(x.group, x.bucket);
  if (heap.empty()) {
    wg.tops[media].Remove(ref, tops);
  } else if (was_top) {
    wg.tops[media].Update(ref, tops);
  }
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
    // HasCapacity for each media.
    uint64_t* room = wg.room.data() + word * kMediaTypeCount;
    for (int media = 0; media < kMediaTypeCount; ++media) {
      room[media] = (room[media] & ~bit) | (a.Fits(media, model.shares[m][media]) ? bit : 0);
    }
  }
}

void Engine::Impl::SetAvailableSince(AgentId agent) {
  agents_[agent.value()].available_since = now_;
  const auto& model = center_.agent_model(agent);
  for (size_t m = 0; m < model.workgroups.size(); ++m) {
    workgroups_[model.workgroups[m].value()].since[model.member_index[m]] = now_;
  }
}

void Engine::Impl::RebuildReady() {
  for (int w = 0; w < center_.workgroup_count(); ++w) {
    const size_t words = (center_.workgroup_model(WorkgroupId(w)).members.size() + 63) / 64;
    internal::WorkgroupState& wg = workgroups_[w];
    for (auto* bits :
         {&wg.ready, &wg.logged_in, &wg.available, &wg.active, &wg.busy, &wg.wrapping}) {
      bits->assign(words, 0);
    }
    wg.room.assign(words * kMediaTypeCount, 0);
    // The available-since mirror, kept afterwards by SetAvailableSince.
    const auto& members = center_.workgroup_model(WorkgroupId(w)).members;
    wg.since.resize(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      wg.since[i] = agents_[members[i].value()].available_since;
    }
  }
  for (int a = 0; a < center_.agent_count(); ++a) UpdateReady(AgentId(a));
}

// ---- Transitions ------------------------------------------------------------------

void Engine::Impl::ClearExclusion(InteractionRecord& x) {
  x.excluded = AgentId();
  x.excluded_until = Time();
}

void Engine::Impl::Offer(InteractionRecord& x, AgentId agent, bool direct, RequeueReason reason) {
  if (x.state == InteractionState::kWaiting) LeaveQueue(x);
  if (!direct) workgroups_[x.workgroup.value()].last_offered = agent;
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
  ReportInteraction(x, agent, reason);
  if (auto_answer) {
    Connect(x);
    return;
  }
  // A work item transferred is being handled: it rings until picked up.
  if (!(x.transferred && HasPickupLimit(x.media))) {
    x.alert_due = now_ + center_.workgroup(x.workgroup).alert_timeout;
    timers_.Schedule(x.alert_due, TimerKind::kAlertTimeout, x.id.value());
  }
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

void Engine::Impl::ReturnToQueue(InteractionRecord& x, RequeueReason reason) {
  const AgentId agent = x.agent;
  Requeue(x, reason, /*exclude=*/true);
  RouteInteraction(x);
  FillAgent(agent);
}

AgentId Engine::Impl::Detach(InteractionRecord& x) {
  const AgentId agent = x.agent;
  AgentState& a = agents_[agent.value()];
  ReleaseCapacity(x);
  a.talk_time += now_ - x.connected_at;
  SetAvailableSince(agent);
  x.agent = AgentId();
  return agent;
}

void Engine::Impl::MoveToWorkgroup(InteractionRecord& x, WorkgroupId wg, RequeueReason reason,
                                   AgentId from) {
  x.state = InteractionState::kTransferred;
  ++workgroups_[x.workgroup.value()].counters.transferred_out;
  ReportInteraction(x, from, reason);
  x.group = GroupIn(x, wg);
  x.workgroup = wg;
  ++workgroups_[wg.value()].counters.entered;
  CountEntered(x);
  const int transfer_priority = center_.workgroup(wg).transfer_priority;
  if (reason == RequeueReason::kTransferred && transfer_priority >= 0) {
    x.priority = transfer_priority;
  }
  x.entered_queue = now_;
  x.preference_open = false;
  x.last_attempted = AgentId();
  ClearExclusion(x);
  EnterQueue(x);
  ReportInteraction(x, AgentId(), reason);
}

void Engine::Impl::Snooze(InteractionRecord& x) {
  const AgentId agent = Detach(x);
  ClearExclusion(x);
  x.state = InteractionState::kSnoozed;
  x.snooze_due = now_ + center_.workgroup(x.workgroup).callback_retry_interval;
  timers_.Schedule(x.snooze_due, TimerKind::kSnoozeEnd, x.id.value());
  ReportInteraction(x, agent, RequeueReason::kRetryLater);
  ReportAgent(agent);
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
  if (x.due != Time::Infinite()) {
    ++(now_ <= x.due ? workgroups_[wg.value()].counters.completed_on_time
                     : workgroups_[wg.value()].counters.completed_late);
  }
  if (wrap_up == Duration::Zero()) {
    Complete(x);
    SetAvailableSince(agent);
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
  x.state = x.failed ? InteractionState::kFailed : InteractionState::kCompleted;
  WorkgroupCounters& counters = workgroups_[x.workgroup.value()].counters;
  ++(x.failed ? counters.failed : counters.completed);
  CountCompleted(x);
  ReportInteraction(x, x.agent);
  DeleteRecord(x);
}

void Engine::Impl::FinishWrapUp(AgentId agent, InteractionId id) {
  AgentState& a = agents_[agent.value()];
  a.wrapping.erase(std::find(a.wrapping.begin(), a.wrapping.end(), id));
  UpdateReady(agent);
  Complete(Record(id));
  SetAvailableSince(agent);
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
