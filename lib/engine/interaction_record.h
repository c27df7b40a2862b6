// The internal record of one live interaction: what the engine knows of
// it (its persisted fields) and where the indexes keep it (group, bucket,
// heap and list positions, the order key). Only the engine's components
// write it: the waiting index its positions, the command layer the rest.

#ifndef ACD_LIB_ENGINE_INTERACTION_RECORD_H_
#define ACD_LIB_ENGINE_INTERACTION_RECORD_H_

#include <cstdint>

#include "acd/ids.h"
#include "acd/media.h"
#include "acd/observer.h"
#include "acd/time.h"

namespace acd {
namespace internal {

struct InteractionRecord {
  InteractionId id;
  WorkgroupId workgroup;
  MediaType media = MediaType::kCall;
  int priority = 0;
  uint32_t group = 0;
  InteractionState state = InteractionState::kWaiting;
  AgentId agent;
  Time entered_system;
  Time entered_queue;
  Time connected_at;
  // The utilization percent it holds while alerting or connected.
  int percent = 0;
  // Held with its share given back (exempt held).
  bool exempt = false;
  // While waiting: its static tier (bucket) and place in that bucket's heap,
  // and the in-group order key (higher first).
  uint32_t bucket = 0;
  uint32_t heap_position = 0;
  double order_key = 0;
  // Pending timers; Time::Infinite() when none.
  Time alert_due = Time::Infinite();
  Time wrap_up_due = Time::Infinite();
  Time tier_due = Time::Infinite();
  AgentId last_attempted;
  AgentId excluded;
  Time excluded_until;
  // While `reserved`, the preferred-agent window is open: the interaction
  // waits outside its group, in its workgroup's and its agent's reserved
  // lists, at these positions.
  AgentId preferred_agent;
  Time preferred_until;
  bool preference_open = false;
  bool reserved = false;
  uint32_t reserved_position = 0;
  uint32_t preferred_position = 0;
  // Its tiers are its own (Arrive::tiers), not its workgroup's.
  bool own_tiers = false;
  // Transferred at least once: a work item's pickup limit no longer applies.
  bool transferred = false;
  // Callbacks: outcomes reported; ends as kFailed rather than kCompleted.
  int attempts = 0;
  bool failed = false;
  Time due = Time::Infinite();
  Time snooze_due = Time::Infinite();
  // When the workgroup's in-queue timeout moves it; Infinite when none.
  Time overflow_due = Time::Infinite();
};

}  // namespace internal
}  // namespace acd

#endif  // ACD_LIB_ENGINE_INTERACTION_RECORD_H_
