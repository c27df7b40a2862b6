// The agent book: every agent's state, and the per-workgroup member indexes
// that let routing find agents without touching their records.
//
// The book is the only writer of agent state. Callers read an agent through
// `agent()` (const) and change it through the named methods below, each of
// which brings the member indexes up to date before it returns:
//
//   * bitmaps per workgroup, bit i for member i
//     (Center::workgroup_model(wg).members[i]): ready for work with room
//     left, logged in, available, activated, busy, wrapping up;
//   * room bitmaps: member i has room for one more interaction of each
//     media from this workgroup (HasCapacity), whatever its status; kept
//     only for the media the workgroup was asked to keep (WantRoom);
//   * a mirror of each member's available-since time;
//   * where the workgroup qualifies, the ready index (ready_index.h): the
//     ready members in AgentScore's order, by class of static terms;
//   * the roster version, which changes exactly when the set of logged-in
//     activated memberships (who counts for tiers) changes, and whenever the
//     center is rebuilt.
//
//   AgentBook book(center);              // sized from the center
//   book.LogIn(agent, status, now);      // ready bits set, roster bumped
//   book.Take(agent, id, media, 100);    // capacity charged, room bits off
//   book.Give(agent, id, media, 100, /*exempt=*/false);
//
// The book keeps a reference to the center; when the engine replaces it
// (a reconfiguration), it calls Rebuild() before any other method.
//
// Thread safety: none; owned by one Engine::Impl.

#ifndef ACD_LIB_ENGINE_AGENT_BOOK_H_
#define ACD_LIB_ENGINE_AGENT_BOOK_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "acd/engine_state.h"
#include "acd/ids.h"
#include "acd/media.h"
#include "acd/time.h"
#include "lib/engine/center.h"
#include "lib/engine/ready_index.h"

namespace acd::internal {

inline constexpr uint32_t kNoSlot = UINT32_MAX;

struct AgentState {
  bool logged_in = false;
  StatusId status;
  Time available_since;
  // Alerting or connected, in offer order; they hold capacity.
  std::vector<InteractionId> held;
  // In wrap-up with this agent.
  std::vector<InteractionId> wrapping;
  int used_percent = 0;
  std::array<int, kMediaTypeCount> count{};
  int misses = 0;
  // The no-answer delay: offered nothing before this time.
  Time blocked_until;
  bool delay_pending = false;
  // Activation per membership (Center::agent_model(a).workgroups order).
  std::vector<bool> active;
  // Slots of waiting interactions inside their window for this agent.
  std::vector<uint32_t> preferred;
  // The status to take again when the last wrap-up ends.
  StatusId status_after_wrap_up;
  // Since log-in, for the open-source agent orders.
  int64_t answered = 0;
  Duration talk_time;

  // Room for one more interaction of `media` taking share `u`.
  bool Fits(int media, const Utilization& u) const {
    return used_percent + u.percent <= 100 && count[media] < u.max_assign;
  }
};

// The bits of 64 members of a workgroup (bit j: member 64 * word + j),
// side by side, so that an update of one member's bits computes one
// address and touches one place.
struct MemberWord {
  // Ready for work (logged in, acd_available status, past any no-answer
  // delay), activated, and with room left (under 100 %, or some media takes
  // 0 % of it).
  uint64_t ready = 0;
  // For decision records and statistics: logged in; logged in with an
  // acd_available status and no no-answer delay; activated; holding an
  // alerting, connected or held interaction; in wrap-up and holding
  // nothing else.
  uint64_t logged_in = 0;
  uint64_t available = 0;
  uint64_t active = 0;
  uint64_t busy = 0;
  uint64_t wrapping = 0;
  // Bit j of room[m]: the member has room for one more interaction of
  // media m from this workgroup. Kept only for the media of
  // MemberBits::room_media (bit m: media m); the other words stay 0.
  std::array<uint64_t, kMediaTypeCount> room{};

  bool operator==(const MemberWord&) const = default;
};

// One workgroup's members as bitmaps (member i: bit i % 64 of words[i / 64]).
struct MemberBits {
  std::vector<MemberWord> words;
  uint8_t room_media = 0;
  // Member i's AgentState::available_since, where the arrival scan reads it
  // without touching the agent's state.
  std::vector<Time> since;
  // The ready members in AgentScore's order, when on (ready_index.h):
  // member i's ready bit set exactly when it is in it.
  ReadyIndex order;
};

class AgentBook {
 public:
  // Every agent logged out, with its configured activation. `center` must
  // outlive the book.
  explicit AgentBook(const Center& center);

  AgentBook(const AgentBook&) = delete;
  AgentBook& operator=(const AgentBook&) = delete;

  // ---- Reading ----
  size_t size() const { return agents_.size(); }
  const AgentState& agent(AgentId id) const { return agents_[id.value()]; }
  const AgentState& operator[](size_t i) const { return agents_[i]; }
  const MemberBits& members(WorkgroupId wg) const { return members_[wg.value()]; }
  uint64_t roster_version() const { return roster_version_; }
  // Logged in with an acd_available status and no no-answer delay pending.
  bool ReadyForWork(const AgentState& a) const;
  bool ReadyForWork(AgentId id) const { return ReadyForWork(agent(id)); }
  // Room for one more interaction of `media` from `wg`.
  bool HasCapacity(AgentId id, WorkgroupId wg, MediaType media) const;

  // Turns on the ready index of `wg` where it qualifies (ReadyIndex::Build)
  // and stays on through rebuilds. It is on from the start where W_skill
  // is 0; with a skill weight only interactions without requirements can
  // use it, so the router asks for it when the first one arrives, and
  // workgroups that never see one pay nothing to keep it.
  void WantOrder(WorkgroupId wg);
  // Keeps `wg`'s room bits of `media` from now on (and through rebuilds),
  // filled at once. Only the media a workgroup receives are ever read (the
  // waiting index asks as it makes a group of the workgroup and media), so
  // a change of load rewrites their words alone.
  void WantRoom(WorkgroupId wg, MediaType media);

  // ---- Presence ----
  // Logs in with `status`: misses, answered and talk time start over, and
  // it counts as available since `now`. REQUIRES: logged out.
  void LogIn(AgentId id, StatusId status, Time now);
  // REQUIRES: logged in and nothing in wrap-up.
  void LogOut(AgentId id);
  void SetStatus(AgentId id, StatusId status);
  // Activation of membership `m`; false if it already was `active`.
  bool SetActive(AgentId id, int m, bool active);
  // The agent counts as available since `now`, for AgentScore's available
  // term and the ties between agents.
  void SetAvailableSince(AgentId id, Time now);

  // ---- Capacity ----
  // Charges an interaction offered to the agent: its `percent` and one of
  // `media`, at the end of the held list.
  void Take(AgentId id, InteractionId x, MediaType media, int percent);
  // Takes it off the agent again; `exempt`: its share was already given
  // back by Exempt while held.
  void Give(AgentId id, InteractionId x, MediaType media, int percent, bool exempt);
  // A held interaction gives its share back while held (exempt_held), and
  // takes it again on resume.
  void Exempt(AgentId id, MediaType media, int percent);
  void Unexempt(AgentId id, MediaType media, int percent);

  // ---- Outcomes ----
  // An offer answered: the miss count starts over, one more answered.
  void Answered(AgentId id) {
    AgentState& a = agents_[id.value()];
    a.misses = 0;
    ++a.answered;
  }
  // An offer missed; true, and the count starts over, when it is the
  // `limit`-th in a row.
  bool Missed(AgentId id, int limit);
  // The no-answer delay: not ready until `until` (then Unblock).
  void Block(AgentId id, Time until);
  void Unblock(AgentId id);
  void AddTalkTime(AgentId id, Duration talk) { agents_[id.value()].talk_time += talk; }
  // Wrap-up of `x` begins: the agent will return to its current status
  // when the last wrap-up ends, unless that status is after-call work.
  void StartWrapUp(AgentId id, InteractionId x);
  // Wrap-up of `x` ends. REQUIRES: x in the agent's wrap-up list.
  void EndWrapUp(AgentId id, InteractionId x);

  // ---- Preferred-agent windows ----
  // Adds a waiting interaction's slot to the agent's list; returns its
  // position there.
  uint32_t AddPreferred(AgentId id, uint32_t slot);
  // Removes the slot at `position`; returns the slot that moved into
  // `position` (whose recorded position the caller updates), or kNoSlot.
  uint32_t RemovePreferred(AgentId id, uint32_t position);

  // ---- Reconfiguration and snapshots ----
  // After the center gave the agent new memberships: their activation.
  // Rebuild() must follow before any other call.
  void ResetActivation(AgentId id, std::vector<bool> active);
  // Resizes and recomputes every index from the agents' state and the
  // current center; the roster version changes. Agents the center added
  // (AddAgent) start logged out with their configured activation.
  void Rebuild();
  // RemoveAgent: the agent's state starts over (logged out, no
  // memberships). REQUIRES: it holds nothing and has no preferred slots.
  // Rebuild() must follow.
  void Remove(AgentId id);
  // The agent's state for a snapshot (without what Restore rebuilds).
  EngineState::Agent Export(AgentId id) const;
  // The agent's state from a snapshot, without capacity (ChargeRestored)
  // or preferred lists (AddPreferred); Rebuild() must follow.
  void Restore(AgentId id, const EngineState::Agent& in);
  // Capacity of a restored held interaction (already in the held list).
  void ChargeRestored(AgentId id, MediaType media, int percent);

 private:
  // Brings the agent's bits in each of its workgroups up to date; bumps the
  // roster version if a logged-in activated membership appeared or went.
  void UpdateIndexes(AgentId id);
  // The same after a change of capacity alone (used share, counts, held
  // list): the ready, busy, wrap-up and room bits; nothing else can differ.
  void UpdateCapacity(AgentId id);
  // The room bits of member `bit` of `word`, for the media of `kept` (bit
  // m: media m), from the agent's load and its shares in that workgroup.
  static void SetRoom(const AgentState& a, const std::array<Utilization, kMediaTypeCount>& shares,
                      unsigned kept, MemberWord& word, uint64_t bit);
  void RosterChanged() { ++roster_version_; }
  // Builds `wg`'s ready index from the ready bits, or leaves it off.
  void BuildOrder(int wg);

  const Center& center_;
  std::vector<AgentState> agents_;
  std::vector<MemberBits> members_;
  // By workgroup: WantOrder was called.
  std::vector<bool> order_wanted_;
  uint64_t roster_version_ = 0;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_AGENT_BOOK_H_
