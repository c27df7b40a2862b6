// The stream layout that sim/replication.h writes down
// (sim/random_streams.h).

#include "sim/random_streams.h"

#include <cstdint>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

// Whether `rng` is stream `stream`, substream `substream` of `seed`.
bool IsStream(Mrg32k3a rng, uint64_t seed, uint64_t stream, uint64_t substream) {
  Mrg32k3a expected = Mrg32k3a::Stream(Mrg32k3a::SeedFromInteger(seed), stream, substream);
  for (int i = 0; i < 3; ++i) {
    if (rng.NextDouble() != expected.NextDouble()) return false;
  }
  return true;
}

// K contact types and G agent groups.
Scenario Shape(int types, int groups, bool balks) {
  Scenario s;
  s.seed = 99;
  s.contact_types.resize(types);
  s.agent_groups.resize(groups);
  if (balks) s.contact_types.back().balk_probability = 0.5;
  return s;
}

TEST_CASE("each source of replication r draws from substream r of its documented stream") {
  constexpr int kTypes = 3, kGroups = 2, kReplication = 5;
  const ReplicationStreams streams(Shape(kTypes, kGroups, /*balks=*/true), kReplication);
  for (uint64_t k = 0; k < kTypes; ++k) {
    CAPTURE(k);
    CHECK(IsStream(streams.arrival[k], 99, 3 * k, kReplication));
    CHECK(IsStream(streams.handle[k], 99, 3 * k + 1, kReplication));
    CHECK(IsStream(streams.patience[k], 99, 3 * k + 2, kReplication));
    CHECK(IsStream(streams.contact[k], 99, 3 * kTypes + 2 * kGroups + k, kReplication));
    CHECK(IsStream(streams.balk[k], 99, 4 * kTypes + 2 * kGroups + 1 + k, kReplication));
  }
  for (uint64_t g = 0; g < kGroups; ++g) {
    CAPTURE(g);
    CHECK(IsStream(streams.answer[g], 99, 3 * kTypes + g, kReplication));
    CHECK(IsStream(streams.behaviour[g], 99, 3 * kTypes + kGroups + g, kReplication));
  }
  CHECK(IsStream(streams.busyness, 99, 4 * kTypes + 2 * kGroups, kReplication));
}

TEST_CASE("a scenario in which no contact type balks has no balking streams") {
  CHECK(ReplicationStreams(Shape(2, 1, /*balks=*/false), 0).balk.empty());
  CHECK(ReplicationStreams(Shape(2, 1, /*balks=*/true), 0).balk.size() == 2);
}

}  // namespace
}  // namespace acd::sim
