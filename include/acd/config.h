// acd/config.h: what a contact center looks like to the engine.
//
// A `CenterConfig` lists the agent statuses, the workgroups (ACD queues) and
// the agents with their workgroup memberships. It is plain data: build it in
// C++, or load it from the text format of `acd/proto/center.proto` with
// `LoadCenterConfig` (acd/config_loader.h). `Engine::Create` validates it and
// numbers every entity densely in the order listed here: the first workgroup
// is `WorkgroupId(0)`, the first agent `AgentId(0)`.
//
// Example:
//
//   acd::CenterConfig center;
//   center.workgroups.push_back({.name = "Support", .wrap_up = acd::Seconds(30)});
//   center.agents.push_back({.name = "ann", .workgroups = {{.workgroup = "Support"}}});
//   auto engine = acd::Engine::Create(center);
//
// Units are in the types (`Duration`) or in field names. Every default below is
// PureConnect's unless said otherwise.

#ifndef ACD_CONFIG_H_
#define ACD_CONFIG_H_

#include <string>
#include <vector>

#include "acd/time.h"

namespace acd {

// An agent status and what it means to routing.
struct StatusConfig {
  std::string name;
  // The agent may receive ACD interactions while in this status.
  bool acd_available = false;
  // Do not disturb: no interactions of any kind.
  bool dnd = false;
  // After-call work (follow up).
  bool acw = false;
  // An agent may choose it; system statuses are set by the engine only.
  bool selectable = true;
  // Set by the engine (for example "ACD - Agent Not Answering").
  bool system = false;
};

// PureConnect's shipped statuses: Available, Available No ACD, Away From Desk,
// At Lunch, In a Meeting, At a Training Session, Do Not Disturb, Follow Up,
// ACD - Agent Not Answering, Gone Home. Only "Available" is acd_available.
std::vector<StatusConfig> DefaultStatuses();

// A workgroup: an ACD queue with members.
struct WorkgroupConfig {
  std::string name;
  // How long an offer rings before it counts as not answered. Default 15 s,
  // minimum 7 s.
  Duration alert_timeout = Seconds(15);
  // After-call work once an interaction ends: the agent takes no ACD work
  // for this long, or until it ends wrap-up itself. Default 0, at most 7200 s.
  Duration wrap_up = Duration::Zero();
};

// An agent's membership in one workgroup.
struct MembershipConfig {
  // The workgroup's name; must be one of CenterConfig::workgroups.
  std::string workgroup;
  // Only activated members receive the workgroup's interactions.
  bool active = true;
};

struct AgentConfig {
  std::string name;
  std::vector<MembershipConfig> workgroups;
  // Offers connect at once, without an Accept command.
  bool auto_answer = false;
};

struct CenterConfig {
  // Empty means DefaultStatuses().
  std::vector<StatusConfig> statuses;
  // The status an agent takes at log-in unless the command names one, and
  // after wrap-up. Must be acd_available.
  std::string available_status = "Available";
  std::vector<WorkgroupConfig> workgroups;
  std::vector<AgentConfig> agents;
};

}  // namespace acd

#endif  // ACD_CONFIG_H_
