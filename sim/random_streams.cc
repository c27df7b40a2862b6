// The random streams of one replication (sim/random_streams.h); the layout
// is sim/replication.h's.

#include "sim/random_streams.h"

#include <cstdint>

namespace acd::sim {

ReplicationStreams::ReplicationStreams(const Scenario& scenario, int replication)
    : busyness(Mrg32k3a::Stream(
          Mrg32k3a::SeedFromInteger(scenario.seed),
          4 * scenario.contact_types.size() + 2 * scenario.agent_groups.size(), replication)) {
  const auto seed = Mrg32k3a::SeedFromInteger(scenario.seed);
  const uint64_t types = scenario.contact_types.size();
  const uint64_t groups = scenario.agent_groups.size();
  for (uint64_t k = 0; k < types; ++k) {
    arrival.push_back(Mrg32k3a::Stream(seed, 3 * k, replication));
    handle.push_back(Mrg32k3a::Stream(seed, 3 * k + 1, replication));
    patience.push_back(Mrg32k3a::Stream(seed, 3 * k + 2, replication));
  }
  for (uint64_t g = 0; g < groups; ++g) {
    answer.push_back(Mrg32k3a::Stream(seed, 3 * types + g, replication));
    behaviour.push_back(Mrg32k3a::Stream(seed, 3 * types + groups + g, replication));
  }
  for (uint64_t k = 0; k < types; ++k) {
    contact.push_back(Mrg32k3a::Stream(seed, 3 * types + 2 * groups + k, replication));
  }
  // Streams added later go after all of the above, so that older scenarios
  // keep their numbers: busyness at 4K+2G (above), then balking.
  const uint64_t later = 4 * types + 2 * groups;
  bool balks = false;
  for (const ContactType& ct : scenario.contact_types) balks = balks || ct.balk_probability > 0;
  for (uint64_t k = 0; balks && k < types; ++k) {
    balk.push_back(Mrg32k3a::Stream(seed, later + 1 + k, replication));
  }
}

}  // namespace acd::sim
