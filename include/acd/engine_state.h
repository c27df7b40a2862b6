// acd/engine_state.h: the whole state of an engine, as plain values.
//
// `Engine::ExportState` copies out everything an engine holds: the
// configuration in force (as changed by UpdateAgent and UpdateWorkgroup),
// the clock, every agent, every workgroup's running state and every live
// interaction with its pending timers. `Engine::Restore` builds an engine
// from such a state that makes, from then on, exactly the decisions the
// original would have made: the snapshots of a command journal (docs/design.md 3.1)
// are this state, serialized. Indexes are not part of it; they are rebuilt.
//
// Example:
//
//   acd::EngineState state = engine->ExportState();
//   ... write it, later read it back ...
//   absl::StatusOr<std::unique_ptr<acd::Engine>> again = acd::Engine::Restore(state);
//
// Restore checks the whole state before it builds anything: its
// configuration (as Engine::Create would), shape and cross-references (ids
// and enum values in range, every interaction held by the agent it names,
// states and lists agreeing, a waiting interaction's next tier boundary one
// its queue time and tiers give, a queue timeout only where there is an
// overflow workgroup), every time against the clock `now` (within
// +-kMaxTime; the moments recorded, such as entering the queue, being
// connected, becoming available or a statistics sample, not after `now`;
// every pending timer due within [now, now + kMaxDuration]; an
// interaction's times each by its kind and while it means something, as
// acd/interaction_fields.h lists them), counters and sums non-negative, at
// most 2^62 and conserved (docs/design.md 3.10). It
// answers DataLoss naming the first inconsistency, its object and its field
// (`interactions[1] (id 2).entered_queue: ... us is after the state's
// clock`), so that a damaged snapshot is refused rather than trusted.
//
// Times are the engine's; Time::Infinite() marks a timer that is not set.

#ifndef ACD_ENGINE_STATE_H_
#define ACD_ENGINE_STATE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "acd/commands.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "acd/ids.h"
#include "acd/interaction_fields.h"
#include "acd/media.h"
#include "acd/observer.h"
#include "acd/stats.h"
#include "acd/time.h"

namespace acd {

struct EngineState {
  struct Agent {
    bool logged_in = false;
    StatusId status;
    Time available_since;
    // Alerting, connected or held, in offer order; then those in wrap-up.
    std::vector<InteractionId> held;
    std::vector<InteractionId> wrapping;
    int misses = 0;
    // The no-answer delay, while `delay_pending`.
    Time blocked_until;
    bool delay_pending = false;
    // Activation per membership, in ascending workgroup order.
    std::vector<bool> active;
    // The status to take again when the last wrap-up ends; invalid if none.
    StatusId status_after_wrap_up;
    // Since log-in, for the open-source agent orders.
    int64_t answered = 0;
    Duration talk_time;
  };

  struct Workgroup {
    // The last agent offered one of its interactions through the queue.
    AgentId last_offered;
    WorkgroupCounters counters;
    // Live statistics (acd/stats.h): the interval `current` counts, the
    // counts since start, and the samples of the last 30 minutes (queue
    // waits of answered interactions, handle times of completed ones) in
    // time order, with all handle times since start.
    int64_t stats_interval = 0;
    PeriodCounts current;
    PeriodCounts total;
    std::vector<std::pair<Time, Duration>> answer_waits;
    std::vector<std::pair<Time, Duration>> handle_times;
    int64_t handled = 0;
    Duration handle_total;
  };

  // A live interaction: the fields of acd/interaction_fields.h, and the
  // requirements and tiers of the group it waits in. The engine's internal
  // indexes (its order in the queue, its tier bucket) are not part of it:
  // Restore derives them from these fields.
  struct Interaction : InteractionFields {
    std::vector<SkillRequirement> requirements;
    // Its own tiers (Arrive::tiers), when `own_tiers`; empty otherwise.
    std::vector<TierConfig> tiers;
  };

  // In force: after roster changes (acd/commands.h), with the removed
  // agents and workgroups as entries with an empty name, which Restore
  // accepts (a removed agent logged out and holding nothing, no
  // interaction in a removed workgroup).
  CenterConfig center;
  Time now;
  std::vector<Agent> agents;              // one per center.agents, in order
  std::vector<Workgroup> workgroups;      // one per center.workgroups, in order
  std::vector<Interaction> interactions;  // live ones, by ascending id
};

}  // namespace acd

#endif  // ACD_ENGINE_STATE_H_
