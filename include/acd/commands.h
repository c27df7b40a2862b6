// acd/commands.h: everything a driver can tell the engine.
//
// Every input to the engine is one of these values, each stamped with the
// driver's `now`. Commands are plain data so that they can be queued across
// threads, written to a journal and replayed: replaying the same commands into
// an engine built from the same configuration gives the same decisions.
//
// Example:
//
//   engine.Apply(acd::LogIn{.now = t, .agent = ann});
//   engine.Apply(acd::Arrive{.now = t, .interaction = acd::InteractionId(7),
//                            .workgroup = support});
//
// Time never goes backwards: a command whose `now` is earlier than the
// engine's clock is rejected with InvalidArgument. Before a command takes
// effect, the engine fires every timer due at or before its `now`.

#ifndef ACD_COMMANDS_H_
#define ACD_COMMANDS_H_

#include <variant>
#include <vector>

#include "acd/config.h"
#include "acd/ids.h"
#include "acd/media.h"
#include "acd/time.h"

namespace acd {

// One skill an interaction needs (docs/design.md 3.3, 3.5).
struct SkillRequirement {
  SkillId skill;
  // The agent's proficiency must be within [min_proficiency, max_proficiency]
  // (1..100) and its desire to use at least `min_desire` (0..100).
  int min_proficiency = 1;
  int max_proficiency = 100;
  int min_desire = 0;
  // Weights of this skill's term in SkillScore; their sum must not be 0.
  double proficiency_weight = 1;
  double desire_weight = 0;
};

// The agent logs in. It takes `status` if valid, else the configured
// available status. FailedPrecondition if already logged in.
struct LogIn {
  Time now;
  AgentId agent;
  StatusId status;
};

// The agent logs out. An interaction alerting at the agent goes back to the
// queue at once; connected ones stay with the agent until they end; wrap-up
// ends. FailedPrecondition if not logged in.
struct LogOut {
  Time now;
  AgentId agent;
};

// The agent (or a supervisor, or the server) changes the agent's status.
// Interactions already alerting keep alerting. FailedPrecondition if not
// logged in.
struct SetStatus {
  Time now;
  AgentId agent;
  StatusId status;
};

// Activates or deactivates the agent in one of its workgroups.
// FailedPrecondition if the agent is not a member of the workgroup.
struct SetActivation {
  Time now;
  AgentId agent;
  WorkgroupId workgroup;
  bool active = true;
};

// A new interaction enters the workgroup's queue. The id is the caller's and
// must not be in use (AlreadyExists otherwise). If the workgroup has a queue
// capacity, its queue is full and no agent can take the interaction at
// once, the arrival is refused with ResourceExhausted (blocked) and changes
// nothing.
struct Arrive {
  Time now;
  InteractionId interaction;
  WorkgroupId workgroup;
  MediaType media = MediaType::kCall;
  // Larger is more urgent. Default 50, range 0..1000.
  int priority = 50;
  // Every requirement must hold for an agent to be eligible.
  std::vector<SkillRequirement> requirements;
  // Tiers for this interaction; empty means the workgroup's.
  std::vector<TierConfig> tiers;
  // Preferred (sticky, last) agent: for `preferred_window` from arrival only
  // this agent is eligible; afterwards everyone is. Invalid: none.
  AgentId preferred_agent;
  Duration preferred_window;
  // Work items: when the work is due. An interaction whose connected part
  // ends by then counts as completed on time (WorkgroupCounters). Infinite:
  // none.
  Time due = Time::Infinite();
};

// The alerted agent answers. FailedPrecondition unless the interaction is
// alerting.
struct Accept {
  Time now;
  InteractionId interaction;
};

// The alerted agent declines: the interaction goes back to the queue and
// the agent's status is unchanged. FailedPrecondition unless alerting.
struct Reject {
  Time now;
  InteractionId interaction;
};

// The agent puts a connected interaction on hold. In a workgroup that
// exempts held interactions, its share of the agent is given back (and the
// agent may take more work at once). FailedPrecondition unless connected.
struct Hold {
  Time now;
  InteractionId interaction;
};

// The agent takes a held interaction off hold. FailedPrecondition unless held.
struct Resume {
  Time now;
  InteractionId interaction;
};

// The interaction ends, whoever hung up. Waiting: the customer abandons.
// Alerting: the offer is revoked and the customer abandons. Connected: the
// interaction completes and its agent enters wrap-up (if the workgroup has
// any); so does a held one. Snoozed (a callback request): the request is
// withdrawn and counts as abandoned. FailedPrecondition if it is already in
// wrap-up.
struct Disconnect {
  Time now;
  InteractionId interaction;
};

// The agent ends all its wrap-ups before the workgroup's wrap-up time.
// FailedPrecondition if the agent is not in wrap-up.
struct EndWrapUp {
  Time now;
  AgentId agent;
};

// Blind transfer of a waiting, alerting, connected or held interaction, to
// exactly one of a workgroup or an agent. The agent it was with (if any) is
// free of it at once, without wrap-up, and its available time restarts; an
// alerting one's offer is withdrawn instead: no miss, no status change, and
// the alerting agent's available time is kept. A work item may be
// transferred new (alerting), waiting or held, not in progress (connected:
// FailedPrecondition; hold it first); every other media from any of the four.
//
//   * To a workgroup: the interaction leaves its workgroup (kTransferred
//     there; the old workgroup counts it transferred out, the new one
//     entered) and waits in the new one: its queue clock and tiers restart
//     from now, its time in system is kept, its priority becomes the new
//     workgroup's transfer priority if one is set, its requirements and own
//     tiers are kept, any preferred-agent window, exclusion and last
//     attempted agent are cleared. ResourceExhausted if it would have to
//     wait in a full queue (the transferring agent still counts as holding
//     it for that check). The same workgroup is allowed: it re-queues.
//   * To an agent: offered to that agent directly (alerting there, reason
//     kTransferred), whatever its membership, skills or status, provided
//     it is logged in and has capacity for the media under the
//     interaction's workgroup (FailedPrecondition otherwise, and for the
//     agent it is already with). A work item or generic object is delivered
//     whatever the status, do-not-disturb included; any other media to an
//     agent in a dnd status is refused (FailedPrecondition saying so): it
//     does not ring there, and the server sends it to the agent's voicemail.
//     The workgroup is unchanged; a no-answer returns it to that
//     workgroup's queue as usual.
// A work item or generic object once transferred has no pickup time limit
// any more. FailedPrecondition in any other state.
struct Transfer {
  Time now;
  InteractionId interaction;
  WorkgroupId workgroup;
  AgentId agent;
};

// What the agent reports after working a callback request (docs/design.md 3.8).
enum class CallbackOutcome : uint8_t {
  kComplete,       // reached the customer: ends like a disconnect
  kAttemptFailed,  // cannot be completed: ends as failed, after any wrap-up
  // Try again later: the request leaves the agent (free at once, without
  // wrap-up) and is snoozed for the workgroup's retry interval, then waits
  // again with its queue clock and tiers restarted; on the workgroup's
  // maximum attempt it ends as failed instead (after any wrap-up).
  kRetryLater,
};

// The agent reports the outcome of a connected (or held) callback. Every
// report counts one attempt. FailedPrecondition unless the interaction is a
// callback and connected or held.
struct ReportCallback {
  Time now;
  InteractionId interaction;
  CallbackOutcome outcome = CallbackOutcome::kComplete;
};

// Sets an interaction's priority (0..1000). A waiting one takes its new
// place at once, keeping its queue time, tier clock and tier, and may be
// offered in the same command; otherwise the new priority counts when it
// next waits. FailedPrecondition once it has ended (wrap-up).
struct SetPriority {
  Time now;
  InteractionId interaction;
  int priority = 50;
};

// Live reconfiguration of one agent: replaces its whole configuration
// (skills, memberships and their activation, utilization, auto-answer,
// cost, attributes); the name must stay. Validated as Engine::Create would
// (InvalidArgument naming the field). Takes effect at once: what the agent
// holds stays with it (even above its new capacity, or in a workgroup it
// left); it then takes what it now may, and the waiting interactions of
// its old and new workgroups are routed again, oldest in queue first.
// Waiting interactions keep their queue time, tier clock and priority.
// Costs a pass over the whole center: meant for administration, not for
// every call. Skill names new to the center are added to it (see AddAgent).
struct UpdateAgent {
  Time now;
  AgentId agent;
  AgentConfig config;
};

// Live reconfiguration of one workgroup: replaces its configuration
// (weights, tiers, utilization, timeouts, wrap-up, no-answer policy,
// capacity, ...); the name must stay. Validated as Engine::Create would.
// Waiting interactions of the workgroup are re-filed at once: their order
// follows the new weights, those without their own tiers take the new
// tiers counted from when they entered the queue, and the in-queue timeout
// is re-armed from the same moment; then all are routed again, oldest
// first. Interactions alerting, connected, held or in wrap-up keep the
// alert timeout, wrap-up, hold exemption and maximum hold they started
// with (a held one's limit runs out when it would have; what happens then
// is the new configuration's), and take the new tiers if they wait again.
// Costs a pass over the whole center.
struct UpdateWorkgroup {
  Time now;
  WorkgroupId workgroup;
  WorkgroupConfig config;
};

// The agent picks up an interaction itself (docs/design.md 3.8), as from a
// workgroup queue or My Interactions in PureConnect, and is connected to it
// at once: no offer, no alert, no decision record.
//
//   * Waiting: it leaves the queue and is answered by the agent (the
//     workgroup counts it answered, its queue wait ending now). Routing's
//     rules that choose among agents (status, activation, skills, tiers,
//     preferred-agent window, exclusion, round robin) do not apply: the
//     agent chose it. Any exclusion ends.
//   * Held by the agent itself: it comes off hold, exactly as Resume.
//   * Held by another agent: it moves to the picking agent, connected. The
//     agent it was with is free of it at once, without wrap-up, and its
//     available time restarts (as with Transfer). Not counted answered
//     again; the new agent's talk time starts now.
// The agent must be logged in (any status, DND included: statuses govern
// what the ACD offers and what rings, not what the agent takes itself)
// and a member of the interaction's workgroup
// (activated or not) unless the workgroup sets allow_pickup_by_non_members;
// unless resuming its own held interaction, it must have capacity for the
// media under that workgroup (utilization holds for work taken by hand as
// for work offered). FailedPrecondition otherwise, and unless the
// interaction is waiting or held; NotFound for an unknown agent or
// interaction.
struct Pickup {
  Time now;
  AgentId agent;
  InteractionId interaction;
};

// ---- Changing the roster while running (docs/design.md 3.13) ----
//
// Ids stay dense and are never reused: an added agent or workgroup takes
// the next id (config().agents.size() or config().workgroups.size() before
// the command), a removed one keeps its place in config() as an entry with
// an empty name, and its id answers NotFound from then on, in every command
// and query. Adding again a name that was removed gives a new id. A name in
// use by a live agent (workgroup) is refused with AlreadyExists; an empty
// name and anything else Engine::Create would refuse with InvalidArgument
// naming the field at the entry's new index (`agents[6].skills[0]: ...`).
// Skill names new to the center, in AddAgent, AddWorkgroup, UpdateAgent and
// UpdateWorkgroup, are added to the center's skills (new SkillIds, in the
// order they are listed; FindSkill finds them), so that Arrive may require
// them at once. Like UpdateAgent, each costs a pass over the whole center.

// A new agent, logged out, with its configured memberships and activation.
struct AddAgent {
  Time now;
  AgentConfig config;
};

// Removes an agent. If it is logged in, it is logged out first as LogOut
// does (its wrap-ups end, an interaction alerting at it goes back to the
// queue at once, reason kAgentLoggedOut); then its connected and held
// interactions go back to their workgroups' queues the same way, keeping
// their queue time and tiers, without exclusion or priority change (they
// count as answered again when answered again). Waiting interactions inside
// a preferred-agent window for it are routable to everyone at once. Then
// the waiting interactions of its workgroups and of those returned are
// routed again, oldest in queue first. NotFound if unknown or removed.
struct RemoveAgent {
  Time now;
  AgentId agent;
};

// A new workgroup, with no member and nothing waiting (agents join it with
// UpdateAgent). Its overflow workgroup, if any, must be a live one.
struct AddWorkgroup {
  Time now;
  WorkgroupConfig config;
};

// Removes a workgroup: refused with FailedPrecondition while it holds a live
// interaction (waiting, alerting, connected, held, in wrap-up or a snoozed
// callback) or while another workgroup overflows into it or sends it its
// interactions held too long (MaxHoldAction::kTransfer). Its memberships
// are dropped from its agents (their other memberships keep their
// activation), and the waiting interactions of those agents' other
// workgroups are routed again (inherited skills may have changed), oldest
// first. Its counters and statistics answer NotFound from then on.
struct RemoveWorkgroup {
  Time now;
  WorkgroupId workgroup;
};

using Command =
    std::variant<LogIn, LogOut, SetStatus, SetActivation, Arrive, Accept, Reject, Hold, Resume,
                 Disconnect, EndWrapUp, Transfer, ReportCallback, SetPriority, UpdateAgent,
                 UpdateWorkgroup, AddAgent, RemoveAgent, AddWorkgroup, RemoveWorkgroup, Pickup>;

// The `now` any command carries.
inline Time CommandTime(const Command& command) {
  return std::visit([](const auto& c) { return c.now; }, command);
}

}  // namespace acd

#endif  // ACD_COMMANDS_H_
