// acd/config.h: what a contact center looks like to the engine.
//
// A `CenterConfig` lists the agent statuses, the skills, the workgroups (ACD
// queues, with their utilization, scoring weights, tiers and no-answer
// policy) and the agents with their memberships and skill levels. It is
// plain data: build it in
// C++, or load it from the text format of `acd/proto/center.proto` with
// `LoadCenterConfig` (acd/config_loader.h). `Engine::Create` validates it and
// numbers every entity densely in the order listed here: the first workgroup
// is `WorkgroupId(0)`, the first agent `AgentId(0)`.
//
// Example:
//
//   acd::CenterConfig center;
//   center.skills = {"spanish"};
//   center.workgroups.push_back({.name = "Support", .wrap_up = acd::Seconds(30)});
//   center.agents.push_back({.name = "ann",
//                            .workgroups = {{.workgroup = "Support"}},
//                            .skills = {{.skill = "spanish", .proficiency = 80}}});
//   auto engine = acd::Engine::Create(center);
//
// Units are in the types (`Duration`) or in field names. Defaults follow
// PureConnect where it documents one (statuses, alert timeout, wrap-up and
// no-answer statuses, utilization, score weights); the others (exclusion,
// callback retries, statistics interval, ...) are this project's choices
// (docs/sources.md).

#ifndef ACD_CONFIG_H_
#define ACD_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "acd/media.h"
#include "acd/time.h"

namespace acd {

// An agent status and what it means to routing.
struct StatusConfig {
  std::string name;
  // The agent may receive ACD interactions while in this status.
  bool acd_available = false;
  // A DND-type status (PureConnect divides statuses into DND and forms of
  // Available): an interaction of any media but a work item or a generic
  // object, transferred to the agent, does not ring it (acd/commands.h
  // Transfer); the server sends it to the agent's voicemail.
  bool dnd = false;
  // After-call work (follow up).
  bool acw = false;
  // An agent may choose it; system statuses are set by the engine only.
  bool selectable = true;
  // Set by the engine (for example "ACD - Agent Not Answering").
  bool system = false;
};

// PureConnect's sixteen default statuses (docs/design.md 3.2 gives each one's
// attributes): Available, "Available, No ACD", Away From Desk, At Lunch, In a
// Meeting, At a Training Session, Do Not Disturb, Follow Up, ACD - Agent Not
// Answering, Gone Home, "Available, Follow-Me", "Available, Forward", On
// Vacation, Out of the Office, Out of Town, Working at Home. Only "Available"
// is acd_available; the four forms of Available are not dnd, nor is Follow Up
// (acw); every other one is.
std::vector<StatusConfig> DefaultStatuses();

// A skill with the agent's level in it. Proficiency and desire to use are
// both 1..100 for an agent; a workgroup's inherited skills allow desire 0.
struct SkillLevel {
  std::string skill;
  int proficiency = 1;
  int desire = 1;
};

// How much of an agent one interaction of `media` takes (docs/design.md 3.4): an
// agent can take one more when its used percent plus `percent` is at most
// 100 and it holds fewer than `max_assign` of that media.
struct MediaUtilization {
  MediaType media = MediaType::kCall;
  // 0..100. Default 100: the interaction takes the whole agent.
  int percent = 100;
  // 0..1000. Default 1.
  int max_assign = 1;
};

// InteractionScore weights (docs/design.md 3.5): which waiting interaction an agent
// takes. Defaults: highest priority first, ties to the longest in queue.
struct InteractionWeights {
  double skill = 0;
  double priority = 1;
  // Per second in queue. Positive values are priority tuning: a priority gap
  // dp is overtaken after dp * priority / time_in_queue seconds.
  double time_in_queue = 0;
  // Per second since the interaction entered the system.
  double time_in_system = 0;
};

// AgentScore weights (docs/design.md 3.5): which available agent an interaction goes
// to. Defaults: highest skill score, ties to the longest available.
struct AgentWeights {
  double skill = 1;
  double cost = 0;
  // Per whole `available_interval_s` the agent has been available.
  double available = 0;
  // Seconds; > 0. Default 1.
  double available_interval_s = 1;
  double attribute1 = 0;
  double attribute2 = 0;
  double attribute3 = 0;
};

// One tier of targeting (docs/design.md 3.6): agents whose proficiency is strictly
// greater than `threshold` in every required skill, for `duration` (counted
// in sequence from the moment the interaction entered the queue).
struct TierConfig {
  int threshold = 0;
  Duration duration;
};

// How the eligible agents for an interaction are ordered. kScore is
// PureConnect's AgentScore; the others are the familiar open-source orders,
// offered as options (ties in each go to the longest available, then the
// lowest id). Counters run from the agent's log-in.
enum class AgentOrder : uint8_t {
  kScore,               // highest AgentScore (docs/design.md 3.5)
  kFewestInteractions,  // fewest interactions answered
  kLeastTalkTime,       // least time connected, over finished interactions
  kRoundRobin,          // the next member after the last one offered one
};

enum class AfterLastTier : uint8_t {
  // Keep waiting for an agent of the last tier.
  kWaitForever,
  // Any activated member may take it, skills and tiers aside.
  kAnyMember,
};

// What happens when an offer is not answered in time (RONA, docs/design.md 3.7).
struct NoAnswerConfig {
  // The status a missing agent is set to; must be a dnd status. Applies
  // across all the agent's workgroups.
  std::string status = "ACD - Agent Not Answering";
  // Consecutive misses before the status change. >= 1. Default 1.
  int misses_before_status = 1;
  // After a miss that does not change the status, the agent is offered
  // nothing for this long. Default 0.
  Duration delay = Duration::Zero();
  // Added to the interaction's priority on each no-answer. Default 0.
  int priority_bump = 0;
  // After a no-answer or a reject, the agent is not offered the same
  // interaction again until it was offered to someone else or this long has
  // passed. Default 30 s.
  Duration exclusion = Seconds(30);
};

// PureConnect's default alert timeout (its offering timeout), which an
// `alert_timeout` of 0 stands for.
inline constexpr Duration kDefaultAlertTimeout = Seconds(15);

// What happens to an interaction held longer than its workgroup's
// `max_hold` (WorkgroupConfig).
enum class MaxHoldAction : uint8_t {
  kDisconnect,  // it ends, as a Disconnect of the held interaction
  kTransfer,    // blind transfer to `max_hold_workgroup`, as Transfer
};

// PureConnect's default maximum time on hold.
inline constexpr Duration kDefaultMaxHold = Seconds(900);

// A workgroup: an ACD queue with members.
struct WorkgroupConfig {
  std::string name;
  // How long an offer rings before it counts as not answered. Default 15 s;
  // 0 means the default, 15 s, as in PureConnect (docs/design.md 3.7);
  // otherwise at least 7 s and at most kMaxDuration. The engine stores 0 as
  // 15 s (Engine::config() and ExportState show 15 s, UpdateWorkgroup
  // alike), and CenterConfigToProto (acd/config_writer.h) writes 0 as 15, so
  // a configuration written and loaded again, or journaled and recovered,
  // means the same.
  Duration alert_timeout = kDefaultAlertTimeout;
  // After-call work once an interaction ends: the agent is in
  // `wrap_up_status` for this long, or until it ends wrap-up itself.
  // Default 0 (none), at most 7200 s.
  Duration wrap_up = Duration::Zero();
  // Must be an acw status. Default "Follow Up".
  std::string wrap_up_status = "Follow Up";
  // Skills every member inherits; an agent's own level of a skill overrides.
  std::vector<SkillLevel> skills;
  // Per media; a media not listed takes 100 % with max assign 1.
  std::vector<MediaUtilization> utilization;
  // A held interaction of this workgroup gives its share back while held
  // ("exempt held interactions"); resuming takes it again, even when that
  // puts the agent above 100 % or a max assign. Default false.
  bool exempt_held = false;
  // Maximum time on hold (docs/design.md 3.8): an interaction of this
  // workgroup still held `max_hold` after it was put on hold is
  // disconnected, or with MaxHoldAction::kTransfer transferred to
  // `max_hold_workgroup` (which must then name a workgroup; it may be this
  // one). Default 15 min, as in PureConnect; zero turns it off; at most
  // kMaxDuration. A hold keeps the limit in force when it started.
  Duration max_hold = kDefaultMaxHold;
  MaxHoldAction max_hold_action = MaxHoldAction::kDisconnect;
  std::string max_hold_workgroup;
  // Pickup (acd/commands.h) by an agent that is not a member of this
  // workgroup. Default false: members only.
  bool allow_pickup_by_non_members = false;
  InteractionWeights interaction_weights;
  AgentWeights agent_weights;
  AgentOrder agent_order = AgentOrder::kScore;
  // Up to five, thresholds strictly decreasing. Empty: no targeting.
  std::vector<TierConfig> tiers;
  AfterLastTier after_last_tier = AfterLastTier::kWaitForever;
  NoAnswerConfig no_answer;
  // An interaction transferred into this workgroup takes this priority
  // (0..1000); -1 (the default) keeps its own.
  int transfer_priority = -1;
  // In-queue timeout: an interaction that has waited this long in this
  // workgroup's queue (counted from entering it) moves to
  // `overflow_workgroup`. Zero (the default) means never; when set,
  // `overflow_workgroup` must name another workgroup.
  Duration queue_timeout = Duration::Zero();
  std::string overflow_workgroup;
  // The most interactions that may wait in the queue; an arrival or transfer
  // that would have to wait beyond it is refused (ResourceExhausted). -1
  // (the default) means unlimited; 0 means nothing waits (Erlang B).
  int queue_capacity = -1;
  // Callbacks (media kCallback): Retry Later snoozes the request for
  // `callback_retry_interval` (default 10 min, > 0); the attempt that
  // reaches `callback_max_attempts` (default 3, >= 1) ends it as failed.
  Duration callback_retry_interval = Seconds(600);
  int callback_max_attempts = 3;
  // Service-level thresholds for the live statistics (acd/stats.h): an
  // interaction answered within a threshold of entering the queue meets it.
  // 1..12 entries, each > 0 and strictly increasing. Default one of 20 s.
  std::vector<Duration> service_level_thresholds = {Seconds(20)};
  // Length of a statistics interval; intervals are aligned to whole
  // multiples of it from time 0. > 0. Default 30 min.
  Duration stats_interval = Seconds(1800);
};

// An agent's membership in one workgroup.
struct MembershipConfig {
  // The workgroup's name; must be one of CenterConfig::workgroups.
  std::string workgroup;
  // Only activated members receive the workgroup's interactions. Changes at
  // run time with the SetActivation command.
  bool active = true;
};

struct AgentConfig {
  std::string name;
  std::vector<MembershipConfig> workgroups;
  // Own skill levels, 1..100 each; they override inherited ones.
  std::vector<SkillLevel> skills;
  // Per-media overrides of the workgroups' utilization.
  std::vector<MediaUtilization> utilization;
  // Offers of every media connect at once, without an Accept command.
  bool auto_answer = false;
  // Offers of these media connect at once (in addition to `auto_answer`).
  std::vector<MediaType> auto_answer_media;
  // Terms of AgentScore.
  double cost = 0;
  double attribute1 = 0;
  double attribute2 = 0;
  double attribute3 = 0;
};

struct CenterConfig {
  // Empty means DefaultStatuses().
  std::vector<StatusConfig> statuses;
  // The status an agent takes at log-in unless the command names one, and
  // after wrap-up. Must be acd_available.
  std::string available_status = "Available";
  // Skill names; requirements and levels refer to these.
  std::vector<std::string> skills;
  std::vector<WorkgroupConfig> workgroups;
  std::vector<AgentConfig> agents;
};

// InvalidArgument naming the offending field ("workgroups[2].tiers[1]:
// threshold 70 is not below tier 0's 60") unless `config` is valid: unique
// non-empty names, known references, values in their documented ranges.
// Engine::Create runs the same check.
absl::Status ValidateCenterConfig(const CenterConfig& config);

}  // namespace acd

#endif  // ACD_CONFIG_H_
