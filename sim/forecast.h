// sim/forecast.h: a forecast from a live state (`acdsim forecast`).
//
// Every replication of a forecast starts from one saved engine state (a
// snapshot: Engine::ExportState through ProtoStateCodec, acd/journal.h, as
// the Router writes it, or `acdsim run --snapshot-at`), restored with
// Engine::Restore, and plays the scenario's traffic from the state's clock T
// to T + horizon through the engine's public API, as a replication of `acdsim
// run` does from time zero (sim/replication.h). Its KPIs are those of `run`
// over the window [T, T + horizon): contacts arriving in it (by the
// scenario's intervals), queue lengths and agent time within it.
//
// Example:
//
//   ACD_ASSIGN_OR_RETURN(acd::EngineState state, acd::sim::DecodeSnapshot(bytes, "state.pb"));
//   ACD_ASSIGN_OR_RETURN(acd::sim::Forecast forecast,
//                        acd::sim::PrepareForecast(scenario, std::move(state),
//                        acd::Seconds(3600)));
//   ACD_ASSIGN_OR_RETURN(acd::sim::Aggregate aggregate, acd::sim::RunForecast(forecast, options));
//
// What is decided, and how:
//
// - Time. The snapshot's clock is read on the scenario's time axis: time 0
//   is the scenario's start (its day_start_s clock time), so a snapshot
//   taken at 10:30 of a day whose scenario starts at 08:00 has T = 9000 s.
//   The forecast's scenario is the given one with warm-up T and horizon
//   T + horizon; arrival rates, shifts and breaks keep their times. A
//   scenario's busyness factors (sim/busyness.h) are drawn afresh in each
//   replication: the forecast does not condition them on the traffic seen
//   before T.
//
// - Matching. The routing configuration is the snapshot's (the one in force,
//   as changed at run time); the scenario gives the traffic, the agents'
//   behaviour and schedule, and is matched to it by name. Every workgroup of
//   one must be a workgroup of the other, every agent of the snapshot an
//   agent of the scenario (expanded names, "<group>-<k>"), every skill and
//   status the scenario's contact types and breaks use one of the
//   snapshot's; otherwise InvalidArgument naming the field
//   ("snapshot: agents[3] \"es-4\" is not an agent of the scenario").
//   An agent removed while running (RemoveAgent; its place kept, nameless)
//   stays logged out, in no agent group. A state with a workgroup removed
//   while running is refused: its place would be a nameless workgroup in
//   every per-workgroup KPI.
//   Scenario agents the snapshot lacks are added to the state, logged out,
//   with the scenario's configuration: the what-if of more staff
//   (`--set agent_groups[es].count=12` when the snapshot has 10 "es" agents
//   adds es-11 and es-12). A `--set` of the scenario's center would not
//   apply (the snapshot's routing configuration is used), so `acdsim
//   forecast` refuses it.
//
// - Agents. Each agent starts as the snapshot has it (logged in or out, its
//   status, its offers, calls and wrap-ups). From T on the scenario's
//   schedule applies: shift starts and ends, break starts and ends, and
//   head-count changes at interval starts, at or after T (an agent already
//   in, or already out, stays so). An agent the snapshot lacks logs in at T
//   when its schedule has it in at T, and follows the schedule after: so two
//   agents added by `--set` come in at once, "off the break now".
//
// - Contacts already there. Each live interaction becomes a contact of the
//   first contact type of its workgroup and media (a callback request: whose
//   callbacks queue in its workgroup; else of its workgroup, else of its
//   media; none: InvalidArgument). What is left of it is drawn
//   afresh from that type's distributions at T: the rest of a connected
//   call's handle time, the rest of a waiting or ringing customer's patience
//   (none once connected), the rest of a hold, the agent's answer delay of
//   a ringing offer, the rest of a wrap-up whose length the agent group
//   sets (the engine's own wrap-up and alert timers carry on exactly). For
//   exponential distributions this is exact in distribution (memoryless);
//   for others it assumes the time already spent says nothing of the time
//   left. These contacts arrived before T: they take agents and queue
//   places, and count in queue lengths and agent time, but not in any
//   contact KPI (offered, service level, abandonment, ASA).
//
// - Randomness. Replication r uses substream r of the scenario's streams
//   (sim/replication.h), with --seed to change it; the fresh draws for the
//   contacts already there come first, in interaction id order, from their
//   type's handle, patience and choice streams, then the lengths of the
//   wrap-ups in progress (by agent), then the answer delays of the ringing
//   offers. Same snapshot, scenario and seed:
//   the same report byte for byte, on any number of threads.
//
// Untrusted input: a snapshot that does not decode or that Engine::Restore
// refuses is DataLoss naming the file; a mismatch is InvalidArgument.
//
// Thread safety: the functions are; a Forecast is read-only once prepared.

#ifndef ACD_SIM_FORECAST_H_
#define ACD_SIM_FORECAST_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/engine.h"
#include "acd/engine_state.h"
#include "acd/time.h"
#include "sim/aggregate.h"
#include "sim/replication.h"
#include "sim/runner.h"
#include "sim/scenario.h"

namespace acd::sim {

// Documented size limit of a snapshot file.
inline constexpr int64_t kMaxSnapshotBytes = int64_t{256} << 20;

struct Forecast {
  // The scenario matched to the snapshot: the snapshot's center (with the
  // added agents), warm-up T, horizon T + horizon.
  Scenario scenario;
  // The snapshot, its interaction ids renumbered 0..n-1 in id order, with
  // the added agents.
  EngineState state;
  // Agents from this index on were added from the scenario.
  size_t first_added = 0;
};

// A snapshot's bytes (ProtoStateCodec: a CRC-32C and an
// acd.proto.EngineState) as a state Engine::Restore accepts; DataLoss
// "<source>: ..." otherwise.
absl::StatusOr<EngineState> DecodeSnapshot(absl::string_view bytes, absl::string_view source);
// The engine's state as such bytes.
absl::StatusOr<std::string> EncodeSnapshot(const Engine& engine);

// Matches `scenario` to `state` (see above). `horizon` is in (0, 1e9] s and
// T + horizon at most 1e9 s.
absl::StatusOr<Forecast> PrepareForecast(Scenario scenario, EngineState state, Duration horizon);

// One replication of the forecast.
absl::StatusOr<ReplicationResult> RunForecastReplication(const Forecast& forecast, int replication,
                                                         std::string* trace = nullptr);

// The forecast's replications (options as RunStudy's).
absl::StatusOr<Aggregate> RunForecast(const Forecast& forecast, RunOptions options);

// A duration for --horizon: seconds ("5400", "5400s"), minutes ("90m") or
// hours ("1.5h", "1h"); InvalidArgument "'<text>' is not ..." otherwise.
absl::StatusOr<Duration> ParseForecastDuration(absl::string_view text);

// A time on `scenario`'s axis for --snapshot-at: seconds from its start
// ("9000"), or a clock time ("10:30") when it has a day_start_s.
absl::StatusOr<Time> ParseScenarioTime(absl::string_view text, const Scenario& scenario);

// Replication `replication` of `scenario`, as RunReplication, that also
// writes to `snapshot` the engine's state at `at` (every event before `at`
// run; EncodeSnapshot's bytes). `at` is within [0, horizon].
absl::StatusOr<ReplicationResult> RunReplicationWithSnapshot(const Scenario& scenario,
                                                             int replication, Time at,
                                                             std::string* snapshot,
                                                             std::string* trace = nullptr);

}  // namespace acd::sim

#endif  // ACD_SIM_FORECAST_H_
