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

// One skill an interaction needs (DESIGN 3.3, 3.5).
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
// must not be in use (AlreadyExists otherwise).
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
// any); so does a held one. FailedPrecondition if it is already in wrap-up.
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

using Command = std::variant<LogIn, LogOut, SetStatus, SetActivation, Arrive, Accept, Reject, Hold,
                             Resume, Disconnect, EndWrapUp>;

// The `now` any command carries.
inline Time CommandTime(const Command& command) {
  return std::visit([](const auto& c) { return c.now; }, command);
}

}  // namespace acd

#endif  // ACD_COMMANDS_H_
