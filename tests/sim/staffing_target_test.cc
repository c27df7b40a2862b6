// The grammar of `acdsim staff --target` (sim/staffing_target.h).

#include "sim/staffing_target.h"

#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "sim/scenario.h"
#include "sim/staffing_scenario.h"

namespace acd::sim {
namespace {

Scenario Center() {
  absl::StatusOr<Scenario> s = LoadScenario("t.txtpb", R"(
center { workgroups { name: "Support" } }
agent_groups { name: "a" count: 3 workgroups { workgroup: "Support" } }
contact_types { name: "voice" workgroup: "Support"
  arrivals { poisson { rate_per_hour: 40 } } handle_time { exponential { mean_s: 180 } } }
contact_types { name: "chat:web" workgroup: "Support" media: MEDIA_CHAT
  arrivals { poisson { rate_per_hour: 10 } } handle_time { exponential { mean_s: 600 } } }
horizon_s: 3600
service_level_s: 30
)");
  REQUIRE(s.ok());
  return *s;
}

TEST_CASE("target specs name a slice, a KPI, a limit and a threshold") {
  const Scenario scenario = Center();
  absl::StatusOr<StaffingTarget> t = ParseStaffingTarget("voice:sl=0.8@20s", scenario);
  REQUIRE(t.ok());
  CHECK(t->slice == StaffingTarget::Slice::kContactType);
  CHECK(t->index == 0);
  CHECK(t->kpi_key == "service_level_ans");
  CHECK(t->limit == 0.8);
  CHECK(t->threshold_s == 20);
  CHECK(t->at_least());

  t = ParseStaffingTarget("chat:web:sl_off>=0.9", scenario);  // the last colon splits
  REQUIRE(t.ok());
  CHECK(t->index == 1);
  CHECK(t->kpi_key == "service_level_off");
  CHECK(t->threshold_s == 30);  // the scenario's

  t = ParseStaffingTarget("Support:sl_g1=0.75@60", scenario);
  REQUIRE(t.ok());
  CHECK(t->slice == StaffingTarget::Slice::kWorkgroup);
  CHECK(t->kpi_key == "service_level_g1");
  CHECK(t->threshold_s == 60);

  t = ParseStaffingTarget("voice:asa<=30s", scenario);
  REQUIRE(t.ok());
  CHECK(t->kpi_key == "asa_s");
  CHECK(t->limit == 30);
  CHECK_FALSE(t->at_least());
  CHECK(t->Meets(29.9));
  CHECK_FALSE(t->Meets(30.1));

  t = ParseStaffingTarget("total:abandon<=0.05", scenario);
  REQUIRE(t.ok());
  CHECK(t->slice == StaffingTarget::Slice::kTotal);
  CHECK(t->kpi_key == "abandon_rate");

  t = ParseStaffingTarget("Support:occupancy<=0.9", scenario);
  REQUIRE(t.ok());
  CHECK(t->kpi_key == "occupancy");
}

TEST_CASE("bad target specs are refused, saying what is wrong") {
  const Scenario scenario = Center();
  const auto error = [&](const std::string& spec) {
    absl::StatusOr<StaffingTarget> t = ParseStaffingTarget(spec, scenario);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
    return std::string(t.status().message());
  };
  CHECK(error("sl=0.8") == "--target 'sl=0.8': expected NAME:KPI, as in voice:sl=0.8@20s");
  CHECK(error("email:sl=0.8").find("\"email\" is not a contact type or workgroup") !=
        std::string::npos);
  CHECK(error("voice:sla=0.8").find("unknown KPI or operator in \"sla=0.8\"") != std::string::npos);
  CHECK(error("voice:asa>=30").find("unknown KPI or operator") != std::string::npos);
  CHECK(error("voice:sl=1.5@20s").find("value \"1.5\" is not a fraction in 0..1") !=
        std::string::npos);
  CHECK(error("voice:sl=0.8@soon").find("threshold \"soon\" is not a number of seconds") !=
        std::string::npos);
  CHECK(error("voice:asa<=-3").find("is not a number of seconds >= 0") != std::string::npos);
  CHECK(error("voice:occupancy<=0.9").find("occupancy is measured for a workgroup") !=
        std::string::npos);
}

TEST_CASE("the written scenario carries each target's threshold after the first ones") {
  Scenario scenario = Center();  // both types at the scenario's 30 s
  std::vector<StaffingTarget> targets;
  for (const char* spec : {"voice:sl=0.8@30s", "chat:web:sl=0.8@60s", "Support:sl_off=0.8@90s",
                           "voice:asa<=20s", "voice:sl_g1=0.9@60s"}) {
    absl::StatusOr<StaffingTarget> t = ParseStaffingTarget(spec, scenario);
    REQUIRE(t.ok());
    targets.push_back(*t);
  }
  absl::StatusOr<WrittenThresholds> w = PlanWrittenThresholds(scenario, targets);
  REQUIRE(w.ok());
  CHECK(w->added[0] == std::vector<double>{30, 90, 60});
  CHECK(w->added[1] == std::vector<double>{30, 60, 90});
  // The first threshold keeps the target's own KPI; Support's 90 s is the
  // third of voice but the second of chat: no single KPI.
  CHECK(w->run_keys == std::vector<std::string>{"service_level_ans", "service_level_t2", "",
                                                "asa_s", "service_level_t3"});

  // A fifth threshold is an error naming the contact type.
  scenario.contact_types[0].service_levels = {Seconds(10), Seconds(20), Seconds(30), Seconds(40)};
  absl::StatusOr<StaffingTarget> t = ParseStaffingTarget("voice:sl=0.8@50s", scenario);
  REQUIRE(t.ok());
  w = PlanWrittenThresholds(scenario, {*t});
  REQUIRE(!w.ok());
  CHECK(w.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(w.status().message()).find("contact type 'voice'") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
