// The same-time order of a replication's events (sim/sim_event.h).

#include "sim/sim_event.h"

#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/replication.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

using K = SimEventKind;

// The order sim/sim_event.h and sim/replication.h write down.
const std::vector<K> kDocumentedOrder = {
    K::kShiftStart, K::kHangUp,  K::kEndWrapUp,    K::kAnswer,   K::kReject,
    K::kAbandon,    K::kArrival, K::kAgentReturns, K::kBreakEnd, K::kBreakStart,
    K::kShiftEnd,   K::kHold,    K::kResume};

std::vector<K> DrainKinds(SimEventQueue& events) {
  std::vector<K> kinds;
  while (!events.empty()) kinds.push_back(events.Pop().payload.kind);
  return kinds;
}

TEST_CASE("simulator events at one time run in the documented order of their kinds") {
  SimEventQueue events;
  // Scheduled in the reverse order, so that only the kinds order them.
  for (auto k = kDocumentedOrder.rbegin(); k != kDocumentedOrder.rend(); ++k) {
    Schedule(events, Time() + Seconds(7), {*k, 0});
  }
  CHECK(DrainKinds(events) == kDocumentedOrder);
}

TEST_CASE("events of one kind at one time run in the order they were scheduled") {
  SimEventQueue events;
  for (uint64_t target = 0; target < 5; ++target) {
    Schedule(events, Time() + Seconds(3), {K::kArrival, 4 - target});
  }
  std::vector<uint64_t> targets;
  while (!events.empty()) targets.push_back(events.Pop().payload.target);
  CHECK(targets == std::vector<uint64_t>{4, 3, 2, 1, 0});
}

TEST_CASE("an earlier event runs first whatever its kind") {
  SimEventQueue events;
  Schedule(events, Time() + Seconds(2), {K::kShiftStart, 0});
  Schedule(events, Time() + Seconds(1), {K::kResume, 0});
  CHECK(DrainKinds(events) == std::vector<K>{K::kResume, K::kShiftStart});
}

TEST_CASE("agent events are the ones whose target is an agent") {
  for (K k : kDocumentedOrder) {
    const bool agent = k == K::kShiftStart || k == K::kEndWrapUp || k == K::kAgentReturns ||
                       k == K::kBreakEnd || k == K::kBreakStart || k == K::kShiftEnd;
    CHECK(IsAgentEvent(k) == agent);
  }
}

// One agent; a first call at 0 s that the agent answers at once and that
// ends at `handle_s`; workgroup wrap-up `wrap_up_s` (an engine timer); a
// second call at `second_s`. Returns how many calls found no agent free.
int64_t CallsThatWaited(int handle_s, int wrap_up_s, int second_s) {
  const std::string text = fmt::format(R"(
center {{ workgroups {{ name: "Q" wrap_up_s: {} }} }}
agent_groups {{ name: "a" count: 1 workgroups {{ workgroup: "Q" }} answer_delay {{ constant_s: 0 }} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ listed {{ times_s: [0, {}] }} }}
  handle_time {{ constant_s: {} }}
}}
horizon_s: 600
warmup_s: 0
)",
                                       wrap_up_s, second_s, handle_s);
  absl::StatusOr<Scenario> scenario = LoadScenario("order.txtpb", text);
  REQUIRE_MESSAGE(scenario.ok(), scenario.status().ToString());
  absl::StatusOr<ReplicationResult> result = RunReplication(*scenario, 0);
  REQUIRE_MESSAGE(result.ok(), result.status().ToString());
  REQUIRE(result->contact_types[0].answered == 2);
  return result->contact_types[0].waited;
}

TEST_CASE("an engine timer runs before a simulator event at the same time") {
  // The wrap-up ends (engine timer) at 60 s, when the second call arrives:
  // the agent is free for it.
  CHECK(CallsThatWaited(/*handle_s=*/50, /*wrap_up_s=*/10, /*second_s=*/60) == 0);
  // A second more of wrap-up, and it is not.
  CHECK(CallsThatWaited(50, 11, 60) == 1);
}

TEST_CASE("a hang-up runs before an arrival at the same time") {
  CHECK(CallsThatWaited(/*handle_s=*/60, /*wrap_up_s=*/0, /*second_s=*/60) == 0);
  CHECK(CallsThatWaited(61, 0, 60) == 1);
}

}  // namespace
}  // namespace acd::sim
