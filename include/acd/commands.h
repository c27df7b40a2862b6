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

#include "acd/ids.h"
#include "acd/media.h"
#include "acd/time.h"

namespace acd {

// The agent logs in. It takes `status` if valid, else the configured
// available status. FailedPrecondition if already logged in.
struct LogIn {
  Time now;
  AgentId agent;
  StatusId status;
};

// The agent logs out. FailedPrecondition if not logged in or if it still
// holds an alerting or connected interaction.
struct LogOut {
  Time now;
  AgentId agent;
};

// The agent changes status. FailedPrecondition if not logged in.
struct SetStatus {
  Time now;
  AgentId agent;
  StatusId status;
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
};

// The alerted agent answers. FailedPrecondition unless the interaction is
// alerting.
struct Accept {
  Time now;
  InteractionId interaction;
};

// The interaction ends, whoever hung up. Waiting: the customer abandons.
// Alerting: the offer is revoked and the customer abandons. Connected: the
// interaction completes and its agent enters wrap-up (if the workgroup has
// any). FailedPrecondition if the interaction is already in wrap-up.
struct Disconnect {
  Time now;
  InteractionId interaction;
};

// The agent ends its wrap-up before the workgroup's wrap-up time.
// FailedPrecondition if the agent is not in wrap-up.
struct EndWrapUp {
  Time now;
  AgentId agent;
};

using Command = std::variant<LogIn, LogOut, SetStatus, Arrive, Accept, Disconnect, EndWrapUp>;

// The `now` any command carries.
inline Time CommandTime(const Command& command) {
  return std::visit([](const auto& c) { return c.now; }, command);
}

}  // namespace acd

#endif  // ACD_COMMANDS_H_
