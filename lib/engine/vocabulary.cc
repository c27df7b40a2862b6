// Names of the engine's enumerations and the shipped status set.

#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "acd/config.h"
#include "acd/media.h"
#include "acd/observer.h"

namespace acd {

absl::string_view MediaName(MediaType media) {
  switch (media) {
    case MediaType::kCall:
      return "call";
    case MediaType::kCallback:
      return "callback";
    case MediaType::kChat:
      return "chat";
    case MediaType::kEmail:
      return "email";
    case MediaType::kWorkItem:
      return "work_item";
    case MediaType::kGeneric:
      return "generic";
    case MediaType::kSocial:
      return "social";
    case MediaType::kSms:
      return "sms";
  }
  return "unknown";
}

std::optional<MediaType> ParseMediaType(absl::string_view name) {
  for (MediaType media : kAllMediaTypes) {
    if (MediaName(media) == name) return media;
  }
  return std::nullopt;
}

absl::string_view InteractionStateName(InteractionState state) {
  switch (state) {
    case InteractionState::kWaiting:
      return "waiting";
    case InteractionState::kAlerting:
      return "alerting";
    case InteractionState::kConnected:
      return "connected";
    case InteractionState::kHeld:
      return "held";
    case InteractionState::kWrapUp:
      return "wrap_up";
    case InteractionState::kCompleted:
      return "completed";
    case InteractionState::kAbandoned:
      return "abandoned";
    case InteractionState::kSnoozed:
      return "snoozed";
    case InteractionState::kTransferred:
      return "transferred";
    case InteractionState::kFailed:
      return "failed";
  }
  return "unknown";
}

absl::string_view RequeueReasonName(RequeueReason reason) {
  switch (reason) {
    case RequeueReason::kNone:
      return "none";
    case RequeueReason::kNoAnswer:
      return "no_answer";
    case RequeueReason::kRejected:
      return "rejected";
    case RequeueReason::kAgentLoggedOut:
      return "agent_logged_out";
    case RequeueReason::kPickupTimeout:
      return "pickup_timeout";
    case RequeueReason::kTransferred:
      return "transferred";
    case RequeueReason::kOverflow:
      return "overflow";
    case RequeueReason::kRetryLater:
      return "retry_later";
  }
  return "unknown";
}

absl::string_view AgentActivityName(AgentActivity activity) {
  switch (activity) {
    case AgentActivity::kLoggedOut:
      return "logged_out";
    case AgentActivity::kIdle:
      return "idle";
    case AgentActivity::kAlerting:
      return "alerting";
    case AgentActivity::kBusy:
      return "busy";
    case AgentActivity::kWrapUp:
      return "wrap_up";
  }
  return "unknown";
}

std::vector<StatusConfig> DefaultStatuses() {
  // PureConnect's sixteen default status values; the attributes and their
  // reasons: docs/design.md 3.2. The first ten keep the ids they had before
  // the last six were added, so journals and snapshots, which name a status
  // by id, keep their meaning.
  return {
      {.name = "Available", .acd_available = true},
      {.name = "Available, No ACD"},
      {.name = "Away From Desk", .dnd = true},
      {.name = "At Lunch", .dnd = true},
      {.name = "In a Meeting", .dnd = true},
      {.name = "At a Training Session", .dnd = true},
      {.name = "Do Not Disturb", .dnd = true},
      {.name = "Follow Up", .acw = true},
      {.name = "ACD - Agent Not Answering", .dnd = true, .selectable = false, .system = true},
      {.name = "Gone Home", .dnd = true},
      {.name = "Available, Follow-Me"},
      {.name = "Available, Forward"},
      {.name = "On Vacation", .dnd = true},
      {.name = "Out of the Office", .dnd = true},
      {.name = "Out of Town", .dnd = true},
      {.name = "Working at Home", .dnd = true},
  };
}

}  // namespace acd
