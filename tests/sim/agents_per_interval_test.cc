// AgentGroup.agents_per_interval: loading, who is logged in when, and what
// happens to an agent who must log out while busy.

#include <string>

#include "doctest/doctest.h"
#include "fmt/format.h"
#include "sim/replication.h"
#include "sim/scenario.h"

namespace acd::sim {
namespace {

// One group of 4 in workgroup Q; `group` adds to the group, `arrivals` is
// the contact type's arrivals block.
std::string Text(const std::string& group, const std::string& arrivals,
                 const std::string& extra = "") {
  return fmt::format(R"(
center {{ workgroups {{ name: "Q" }} }}
agent_groups {{ name: "a" count: 4 workgroups {{ workgroup: "Q" }} {} }}
contact_types {{
  name: "calls" workgroup: "Q"
  arrivals {{ {} }}
  handle_time {{ constant_s: 300 }}
  {}
}}
horizon_s: 7200
interval_s: 1800
)",
                     group, arrivals, extra);
}

std::string ErrorOf(const std::string& text) {
  return std::string(LoadScenario("bad.txtpb", text).status().message());
}

TEST_CASE("agents_per_interval loads, and bad counts name file, line and field") {
  absl::StatusOr<Scenario> s = LoadScenario(
      "t.txtpb", Text("staffable: true agents_per_interval: [1, 4, 0]", "listed { times_s: 10 }"));
  REQUIRE(s.ok());
  CHECK(s->agent_groups[0].staffable);
  CHECK(s->agent_groups[0].agents_per_interval == std::vector<int>{1, 4, 0});
  const std::string above = ErrorOf(Text("agents_per_interval: [1, 5]", "listed { times_s: 10 }"));
  CHECK(above.find("bad.txtpb:3:") == 0);
  CHECK(above.find("agent_groups[0].agents_per_interval[1]") != std::string::npos);
  CHECK(above.find("5 is outside 0..count (4)") != std::string::npos);
  CHECK(ErrorOf(Text("agents_per_interval: [-1]", "listed { times_s: 10 }"))
            .find("agents_per_interval[0]: -1 is outside") != std::string::npos);
  CHECK(ErrorOf(Text("agents_per_interval: [1] shifts { start_s: 0 end_s: 100 }",
                     "listed { times_s: 10 }"))
            .find("agent_groups[0].agents_per_interval: cannot be used with shifts") !=
        std::string::npos);
}

TEST_CASE("agents 1..n_i are logged in during interval i, the last count holding after") {
  // The only arrival comes after the horizon: agents stay idle, so logged-in
  // time is exactly head count x interval.
  absl::StatusOr<Scenario> s =
      LoadScenario("t.txtpb", Text("agents_per_interval: [2, 4, 1]", "listed { times_s: 9000 }"));
  REQUIRE(s.ok());
  absl::StatusOr<ReplicationResult> r = RunReplication(*s, 0);
  REQUIRE(r.ok());
  REQUIRE(r->total_intervals.size() == 4);
  CHECK(r->total_intervals[0].staffed_s == 2 * 1800.0);
  CHECK(r->total_intervals[1].staffed_s == 4 * 1800.0);
  CHECK(r->total_intervals[2].staffed_s == 1 * 1800.0);
  CHECK(r->total_intervals[3].staffed_s == 1 * 1800.0);
}

TEST_CASE("an agent due to log out while busy finishes the contact but takes no new one") {
  // One agent in interval 0, none after. A call at 1700 s is answered and
  // talks past the log-out at 1800 s to 2000 s; a call at 1900 s finds
  // nobody.
  absl::StatusOr<Scenario> s = LoadScenario(
      "t.txtpb", Text("agents_per_interval: [1, 0]", "listed { times_s: [1700, 1900] }"));
  REQUIRE(s.ok());
  absl::StatusOr<ReplicationResult> r = RunReplication(*s, 0);
  REQUIRE(r.ok());
  CHECK(r->total.offered == 2);
  CHECK(r->total.answered == 1);
  CHECK(r->total.handled == 1);
  CHECK(r->total.handle_s == doctest::Approx(300));
  CHECK(r->total.offered - r->total.answered - r->total.abandoned == 1);  // still waiting
}

TEST_CASE("head counts equal to the pool give the same results as no head counts") {
  // Same random streams: staffing per interval draws no random numbers.
  const std::string arrivals = "poisson { rate_per_hour: 40 }";
  const std::string patience = "patience { exponential { mean_s: 100 } }";
  absl::StatusOr<Scenario> plain = LoadScenario("t.txtpb", Text("", arrivals, patience));
  absl::StatusOr<Scenario> staffed =
      LoadScenario("t.txtpb", Text("agents_per_interval: [4]", arrivals, patience));
  REQUIRE(plain.ok());
  REQUIRE(staffed.ok());
  for (int rep = 0; rep < 3; ++rep) {
    absl::StatusOr<ReplicationResult> a = RunReplication(*plain, rep);
    absl::StatusOr<ReplicationResult> b = RunReplication(*staffed, rep);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->total.offered == b->total.offered);
    CHECK(a->total.answered_within == b->total.answered_within);
    CHECK(a->total.wait_answered_s == b->total.wait_answered_s);
    CHECK(a->total.busy_s == b->total.busy_s);
  }
}

}  // namespace
}  // namespace acd::sim
