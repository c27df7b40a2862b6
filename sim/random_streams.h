// sim/random_streams.h: the random streams of one replication.
//
// Every random source of a replication has its own MRG32k3a stream
// (sim/mrg32k3a.h), and replication r uses substream r of each. This is
// the one place that numbers them; the layout, and what each stream is
// drawn for, is written down in sim/replication.h and pinned by
// tests/sim/random_streams_test.cc.
//
// Example:
//
//   ReplicationStreams streams(scenario, /*replication=*/3);
//   Duration handle = type.handle_time.Sample(streams.handle[k]);
//
// Thread safety: none; one set per replication.

#ifndef ACD_SIM_RANDOM_STREAMS_H_
#define ACD_SIM_RANDOM_STREAMS_H_

#include <vector>

#include "sim/mrg32k3a.h"
#include "sim/scenario.h"

namespace acd::sim {

struct ReplicationStreams {
  ReplicationStreams(const Scenario& scenario, int replication);

  // Per contact type: inter-arrival times, handle times, patience.
  std::vector<Mrg32k3a> arrival, handle, patience;
  // Per agent group: answer delays, and its agents' other choices.
  std::vector<Mrg32k3a> answer, behaviour;
  // Per contact type: the contact's own choices.
  std::vector<Mrg32k3a> contact;
  // The busyness factors (used when the scenario has busyness).
  Mrg32k3a busyness;
  // Per contact type when some type balks (else empty): the balking draws.
  std::vector<Mrg32k3a> balk;
};

}  // namespace acd::sim

#endif  // ACD_SIM_RANDOM_STREAMS_H_
