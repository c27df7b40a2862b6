// The agent book (agent_book.h): agent state and its member indexes.

#include "lib/engine/agent_book.h"

#include <algorithm>
#include <bit>
#include <utility>

#include "lib/engine/eligibility.h"

namespace acd::internal {

AgentBook::AgentBook(const Center& center)
    : center_(center), agents_(center.agent_count()), members_(center.workgroup_count()) {
  for (int a = 0; a < center_.agent_count(); ++a) {
    agents_[a].active = center_.agent_model(AgentId(a)).initially_active;
    // Room for a few interactions at once, so that offers do not allocate.
    agents_[a].held.reserve(4);
    agents_[a].wrapping.reserve(4);
  }
  Rebuild();  // sized bitmaps, with the activation bits set
}

// Rules 1 and 3 of eligibility.h, where they are defined.
bool AgentBook::ReadyForWork(const AgentState& a) const {
  return internal::ReadyForWork(center_, a);
}

bool AgentBook::HasCapacity(AgentId id, WorkgroupId wg, MediaType media) const {
  return internal::HasRoom(center_, agent(id), id, wg, media);
}

// ---- Presence ------------------------------------------------------------------

void AgentBook::LogIn(AgentId id, StatusId status, Time now) {
  AgentState& a = agents_[id.value()];
  a.logged_in = true;
  a.status = status;
  a.misses = 0;
  a.answered = 0;
  a.talk_time = Duration::Zero();
  SetAvailableSince(id, now);
  UpdateIndexes(id);
}

void AgentBook::LogOut(AgentId id) {
  agents_[id.value()].logged_in = false;
  UpdateIndexes(id);
}

void AgentBook::SetStatus(AgentId id, StatusId status) {
  agents_[id.value()].status = status;
  UpdateIndexes(id);
}

bool AgentBook::SetActive(AgentId id, int m, bool active) {
  AgentState& a = agents_[id.value()];
  if (a.active[m] == active) return false;
  a.active[m] = active;
  UpdateIndexes(id);
  return true;
}

void AgentBook::SetAvailableSince(AgentId id, Time now) {
  agents_[id.value()].available_since = now;
  const AgentModel& model = center_.agent_model(id);
  for (size_t m = 0; m < model.workgroups.size(); ++m) {
    MemberBits& index = members_[model.workgroups[m].value()];
    index.since[model.member_index[m]] = now;
    index.order.Moved(model.member_index[m], index.since);
  }
}

// ---- Capacity ------------------------------------------------------------------

void AgentBook::Take(AgentId id, InteractionId x, MediaType media, int percent) {
  AgentState& a = agents_[id.value()];
  a.used_percent += percent;
  ++a.count[MediaIndex(media)];
  a.held.push_back(x);
  UpdateCapacity(id);
}

void AgentBook::Give(AgentId id, InteractionId x, MediaType media, int percent, bool exempt) {
  AgentState& a = agents_[id.value()];
  if (!exempt) {
    a.used_percent -= percent;
    --a.count[MediaIndex(media)];
  }
  a.held.erase(std::find(a.held.begin(), a.held.end(), x));
  UpdateCapacity(id);
}

void AgentBook::Exempt(AgentId id, MediaType media, int percent) {
  AgentState& a = agents_[id.value()];
  a.used_percent -= percent;
  --a.count[MediaIndex(media)];
  UpdateCapacity(id);
}

void AgentBook::Unexempt(AgentId id, MediaType media, int percent) {
  AgentState& a = agents_[id.value()];
  a.used_percent += percent;
  ++a.count[MediaIndex(media)];
  UpdateCapacity(id);
}

// ---- Outcomes ------------------------------------------------------------------

bool AgentBook::Missed(AgentId id, int limit) {
  AgentState& a = agents_[id.value()];
  if (++a.misses < limit) return false;
  a.misses = 0;
  return true;
}

void AgentBook::Block(AgentId id, Time until) {
  AgentState& a = agents_[id.value()];
  a.blocked_until = until;
  a.delay_pending = true;
  UpdateIndexes(id);
}

void AgentBook::Unblock(AgentId id) {
  agents_[id.value()].delay_pending = false;
  UpdateIndexes(id);
}

void AgentBook::StartWrapUp(AgentId id, InteractionId x) {
  AgentState& a = agents_[id.value()];
  a.wrapping.push_back(x);
  // The status the agent had (or chose during the interaction), unless it
  // is already in after-call work.
  if (!center_.status(a.status).acw) a.status_after_wrap_up = a.status;
  UpdateIndexes(id);
}

void AgentBook::EndWrapUp(AgentId id, InteractionId x) {
  AgentState& a = agents_[id.value()];
  a.wrapping.erase(std::find(a.wrapping.begin(), a.wrapping.end(), x));
  UpdateIndexes(id);
}

// ---- Preferred-agent windows -----------------------------------------------------

uint32_t AgentBook::AddPreferred(AgentId id, uint32_t slot) {
  std::vector<uint32_t>& list = agents_[id.value()].preferred;
  list.push_back(slot);
  return static_cast<uint32_t>(list.size() - 1);
}

uint32_t AgentBook::RemovePreferred(AgentId id, uint32_t position) {
  std::vector<uint32_t>& list = agents_[id.value()].preferred;
  const uint32_t moved = list.back();
  list[position] = moved;
  list.pop_back();
  return position < list.size() ? moved : kNoSlot;
}

// ---- Reconfiguration and snapshots ---------------------------------------------

void AgentBook::ResetActivation(AgentId id, std::vector<bool> active) {
  agents_[id.value()].active = std::move(active);
}

void AgentBook::Remove(AgentId id) { agents_[id.value()] = AgentState{}; }

void AgentBook::Rebuild() {
  // The roster commands only ever append agents and workgroups.
  for (size_t a = agents_.size(); a < static_cast<size_t>(center_.agent_count()); ++a) {
    agents_.emplace_back().active = center_.agent_model(AgentId(a)).initially_active;
  }
  members_.resize(static_cast<size_t>(center_.workgroup_count()));
  order_wanted_.resize(members_.size());
  for (int w = 0; w < center_.workgroup_count(); ++w) {
    const std::vector<AgentId>& list = center_.workgroup_model(WorkgroupId(w)).members;
    const size_t words = (list.size() + 63) / 64;
    MemberBits& index = members_[w];
    index.words.assign(words, MemberWord{});
    index.since.resize(list.size());
    for (size_t i = 0; i < list.size(); ++i) index.since[i] = agent(list[i]).available_since;
    index.order.Clear();  // filled as UpdateIndexes sets the ready bits
    const WorkgroupConfig& config = center_.workgroup(WorkgroupId(w));
    if (config.agent_weights.skill == 0 || order_wanted_[w]) BuildOrder(w);
  }
  for (int a = 0; a < center_.agent_count(); ++a) UpdateIndexes(AgentId(a));
  // Memberships, skills or tiers may differ even where no bit did.
  RosterChanged();
}

EngineState::Agent AgentBook::Export(AgentId id) const {
  const AgentState& a = agent(id);
  return {.logged_in = a.logged_in,
          .status = a.status,
          .available_since = a.available_since,
          .held = a.held,
          .wrapping = a.wrapping,
          .misses = a.misses,
          .blocked_until = a.blocked_until,
          .delay_pending = a.delay_pending,
          .active = a.active,
          .status_after_wrap_up = a.status_after_wrap_up,
          .answered = a.answered,
          .talk_time = a.talk_time};
}

void AgentBook::Restore(AgentId id, const EngineState::Agent& in) {
  AgentState& out = agents_[id.value()];
  out.logged_in = in.logged_in;
  out.status = in.status;
  out.available_since = in.available_since;
  out.held = in.held;
  out.wrapping = in.wrapping;
  out.misses = in.misses;
  out.blocked_until = in.blocked_until;
  out.delay_pending = in.delay_pending;
  out.active = in.active;
  out.status_after_wrap_up = in.status_after_wrap_up;
  out.answered = in.answered;
  out.talk_time = in.talk_time;
}

void AgentBook::ChargeRestored(AgentId id, MediaType media, int percent) {
  AgentState& a = agents_[id.value()];
  a.used_percent += percent;
  ++a.count[MediaIndex(media)];
}

// ---- Indexes ---------------------------------------------------------------------

void AgentBook::WantOrder(WorkgroupId wg) {
  if (order_wanted_[wg.value()]) return;
  order_wanted_[wg.value()] = true;
  BuildOrder(static_cast<int>(wg.value()));
}

void AgentBook::WantRoom(WorkgroupId wg, MediaType media) {
  MemberBits& index = members_[wg.value()];
  const unsigned media_bit = 1u << MediaIndex(media);
  if ((index.room_media & media_bit) != 0) return;
  index.room_media |= media_bit;
  const std::vector<AgentId>& list = center_.workgroup_model(wg).members;
  for (size_t i = 0; i < list.size(); ++i) {
    const int m = center_.MembershipIndex(list[i], wg);
    SetRoom(agent(list[i]), center_.agent_model(list[i]).shares[m], media_bit, index.words[i / 64],
            uint64_t{1} << (i % 64));
  }
}

void AgentBook::BuildOrder(int wg) {
  const std::vector<AgentId>& list = center_.workgroup_model(WorkgroupId(wg)).members;
  std::vector<const AgentConfig*> configs(list.size());
  for (size_t i = 0; i < list.size(); ++i) configs[i] = &center_.agent(list[i]);
  MemberBits& index = members_[wg];
  index.order.Build(center_.workgroup(WorkgroupId(wg)), configs);
  for (size_t word = 0; word < index.words.size(); ++word) {
    for (uint64_t bits = index.words[word].ready; bits != 0; bits &= bits - 1) {
      index.order.Insert(static_cast<uint32_t>(word * 64 + std::countr_zero(bits)), index.since);
    }
  }
}

// The ready bitmaps hold agents ready for work with some room left: an agent
// at 100 % can take nothing (unless some media takes 0 %), so an interaction
// looking for an agent passes it over without a look.
void AgentBook::UpdateIndexes(AgentId id) {
  const AgentState& a = agents_[id.value()];
  const AgentModel& model = center_.agent_model(id);
  const bool available = ReadyForWork(a);
  const bool ready = available && (a.used_percent < 100 || model.takes_zero_percent);
  const bool busy = !a.held.empty();
  const bool wrapping = !busy && !a.wrapping.empty();
  bool roster_changed = false;
  for (size_t m = 0; m < model.workgroups.size(); ++m) {
    const uint32_t i = model.member_index[m];
    const uint64_t bit = uint64_t{1} << (i % 64);
    const auto set = [bit](uint64_t& bits, bool on) { bits = (bits & ~bit) | (on ? bit : 0); };
    MemberBits& index = members_[model.workgroups[m].value()];
    MemberWord& word = index.words[i / 64];
    const bool active = a.active[m];
    const bool counted = (word.logged_in & word.active & bit) != 0;
    roster_changed = roster_changed || counted != (a.logged_in && active);
    const bool was_ready = (word.ready & bit) != 0;
    set(word.ready, ready && active);
    if (was_ready != (ready && active)) {
      if (was_ready) {
        index.order.Remove(i, index.since);
      } else {
        index.order.Insert(i, index.since);
      }
    }
    set(word.logged_in, a.logged_in);
    set(word.available, available);
    set(word.active, active);
    set(word.busy, busy);
    set(word.wrapping, wrapping);
    SetRoom(a, model.shares[m], index.room_media, word, bit);
  }
  if (roster_changed) RosterChanged();
}

// Capacity changes only what depends on the agent's load: its presence,
// status, activation and delay are as the bits already say, so readiness
// is read from them rather than from the center and the activation list.
void AgentBook::UpdateCapacity(AgentId id) {
  const AgentState& a = agents_[id.value()];
  const AgentModel& model = center_.agent_model(id);
  const bool room_left = a.used_percent < 100 || model.takes_zero_percent;
  const bool busy = !a.held.empty();
  const bool wrapping = !busy && !a.wrapping.empty();
  for (size_t m = 0; m < model.workgroups.size(); ++m) {
    const uint32_t i = model.member_index[m];
    const uint64_t bit = uint64_t{1} << (i % 64);
    MemberBits& index = members_[model.workgroups[m].value()];
    MemberWord& word = index.words[i / 64];
    const uint64_t was_ready = word.ready & bit;
    const uint64_t ready = room_left ? word.available & word.active & bit : 0;
    if (was_ready != ready) {
      word.ready ^= bit;
      if (was_ready != 0) {
        index.order.Remove(i, index.since);
      } else {
        index.order.Insert(i, index.since);
      }
    }
    word.busy = (word.busy & ~bit) | (busy ? bit : 0);
    word.wrapping = (word.wrapping & ~bit) | (wrapping ? bit : 0);
    SetRoom(a, model.shares[m], index.room_media, word, bit);
  }
}

// Only the kept media: the others' words are never read.
void AgentBook::SetRoom(const AgentState& a, const std::array<Utilization, kMediaTypeCount>& shares,
                        unsigned kept, MemberWord& word, uint64_t bit) {
  for (; kept != 0; kept &= kept - 1) {
    const int media = std::countr_zero(kept);
    uint64_t& room = word.room[media];
    room = (room & ~bit) | (a.Fits(media, shares[media]) ? bit : 0);
  }
}

}  // namespace acd::internal
