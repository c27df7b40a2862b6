#include "acd/config_loader.h"

#include <string>

#include "acd/engine.h"
#include "doctest/doctest.h"

namespace acd {
namespace {

constexpr char kCenter[] = R"(# A small center.
workgroups { name: "Sales" wrap_up_s: 30 }
workgroups { name: "Support" alert_timeout_s: 20 }
agents {
  name: "ann"
  workgroups { workgroup: "Sales" }
  workgroups { workgroup: "Support" active: false }
}
agents { name: "bob" auto_answer: true workgroups { workgroup: "Support" } }
)";

std::string ErrorOf(absl::string_view text) {
  return std::string(LoadCenterConfig("center.txtpb", text).status().message());
}

TEST_CASE("a center file loads with its values and defaults") {
  absl::StatusOr<CenterConfig> center = LoadCenterConfig("center.txtpb", kCenter);
  REQUIRE(center.ok());
  REQUIRE(center->workgroups.size() == 2);
  CHECK(center->workgroups[0].wrap_up == Seconds(30));
  CHECK(center->workgroups[0].alert_timeout == Seconds(15));
  CHECK(center->workgroups[1].alert_timeout == Seconds(20));
  REQUIRE(center->agents.size() == 2);
  CHECK(center->agents[0].workgroups[0].active);
  CHECK_FALSE(center->agents[0].workgroups[1].active);
  CHECK(center->agents[1].auto_answer);
  CHECK(center->available_status == "Available");
  CHECK(Engine::Create(*center).ok());
}

TEST_CASE("a syntax error is reported with file, line and column") {
  CHECK(ErrorOf("workgroups { name: \"Sales\" }\nworkgroups { name: }\n")
            .rfind("center.txtpb:2:20: ", 0) == 0);
}

TEST_CASE("an unknown field is an error with its position") {
  const std::string error = ErrorOf("workgroups {\n  name: \"Sales\"\n  colour: 3\n}\n");
  CHECK(error.rfind("center.txtpb:3:9: ", 0) == 0);  // protobuf points just past the name
  CHECK(error.find("colour") != std::string::npos);
}

TEST_CASE("a value of the wrong type is an error with its position") {
  CHECK(ErrorOf("workgroups { name: \"S\" wrap_up_s: \"long\" }")
            .rfind("center.txtpb:1:35: Expected double", 0) == 0);
}

TEST_CASE("range errors name the line and the field path") {
  CHECK(
      ErrorOf("workgroups { name: \"A\" }\nworkgroups {\n  name: \"B\"\n  wrap_up_s: 9000\n}\n") ==
      "center.txtpb:4:3: workgroups[1].wrap_up_s: 9000 s is outside 0..7200 s");
  CHECK(ErrorOf("workgroups { name: \"A\" alert_timeout_s: 5 }") ==
        "center.txtpb:1:24: workgroups[0].alert_timeout_s: 5 s is under the minimum of 7 s");
}

TEST_CASE("an unknown workgroup in a membership names the agent and membership") {
  CHECK(ErrorOf("workgroups { name: \"A\" }\nagents {\n  name: \"x\"\n  workgroups { workgroup: "
                "\"B\" }\n}\n") ==
        "center.txtpb:4:16: agents[0].workgroups[0].workgroup: unknown workgroup \"B\"");
}

TEST_CASE("a repeated name is reported at the second use") {
  CHECK(ErrorOf("workgroups { name: \"A\" }\nworkgroups { name: \"A\" }\n") ==
        "center.txtpb:2:14: workgroups[1].name: \"A\" repeats workgroups[0]");
}

TEST_CASE("a missing file is NotFound") {
  CHECK(LoadCenterConfigFile("/nonexistent/center.txtpb").status().code() ==
        absl::StatusCode::kNotFound);
}

constexpr char kFull[] = R"(skills: "windows"
skills: "unix"
workgroups {
  name: "Desk"
  wrap_up_status: "Follow Up"
  skills { skill: "unix" proficiency: 40 desire: 10 }
  utilization { media: MEDIA_CHAT percent: 25 max_assign: 4 }
  utilization { media: MEDIA_CALL }
  interaction_weights { priority: 2 time_in_queue: 0.5 }
  agent_weights { skill: 0 cost: -1 available: 1 available_interval_s: 60 attribute2: 3 }
  tiers { threshold: 70 duration_s: 20 }
  tiers { threshold: 30 duration_s: 40 }
  after_last_tier: AFTER_LAST_TIER_ANY_MEMBER max_hold_s: 1200 allow_pickup_by_non_members: true
  agent_order: AGENT_ORDER_ROUND_ROBIN max_hold_action: MAX_HOLD_ACTION_TRANSFER max_hold_workgroup: "Desk"
  no_answer { misses_before_status: 2 delay_s: 5 priority_bump: 10 exclusion_s: 60 }
}
agents {
  name: "ann"
  workgroups { workgroup: "Desk" }
  skills { skill: "windows" proficiency: 80 desire: 100 }
  utilization { media: MEDIA_EMAIL percent: 20 max_assign: 3 }
  auto_answer_media: MEDIA_CHAT
  cost: 12
  attribute1: 1
}
)";

TEST_CASE("every routing field of a center file reaches the configuration") {
  absl::StatusOr<CenterConfig> center = LoadCenterConfig("full.txtpb", kFull);
  REQUIRE_MESSAGE(center.ok(), center.status().ToString());
  CHECK(center->skills == std::vector<std::string>{"windows", "unix"});
  const WorkgroupConfig& wg = center->workgroups[0];
  CHECK(wg.skills[0].skill == "unix");
  CHECK(wg.skills[0].desire == 10);
  REQUIRE(wg.utilization.size() == 2);
  CHECK(wg.utilization[0].media == MediaType::kChat);
  CHECK(wg.utilization[0].percent == 25);
  CHECK(wg.utilization[1].percent == 100);  // defaults
  CHECK(wg.utilization[1].max_assign == 1);
  CHECK(wg.interaction_weights.priority == 2);
  CHECK(wg.interaction_weights.time_in_queue == 0.5);
  CHECK(wg.agent_weights.skill == 0);
  CHECK(wg.agent_weights.cost == -1);
  CHECK(wg.agent_weights.available_interval_s == 60);
  CHECK(wg.agent_weights.attribute2 == 3);
  REQUIRE(wg.tiers.size() == 2);
  CHECK(wg.tiers[1].threshold == 30);
  CHECK(wg.tiers[1].duration == Seconds(40));
  CHECK(wg.after_last_tier == AfterLastTier::kAnyMember);
  CHECK(wg.agent_order == AgentOrder::kRoundRobin);
  CHECK(wg.no_answer.misses_before_status == 2);
  CHECK(wg.no_answer.delay == Seconds(5));
  CHECK(wg.no_answer.priority_bump == 10);
  CHECK(wg.no_answer.exclusion == Seconds(60));
  CHECK(wg.no_answer.status == "ACD - Agent Not Answering");
  CHECK(wg.max_hold == Seconds(1200));
  CHECK(wg.max_hold_action == MaxHoldAction::kTransfer);
  CHECK(wg.max_hold_workgroup == "Desk");
  CHECK(wg.allow_pickup_by_non_members);
  const AgentConfig& ann = center->agents[0];
  CHECK(ann.skills[0].proficiency == 80);
  CHECK(ann.utilization[0].media == MediaType::kEmail);
  CHECK(ann.auto_answer_media == std::vector<MediaType>{MediaType::kChat});
  CHECK(ann.cost == 12);
  CHECK(ann.attribute1 == 1);
}

TEST_CASE("defaults apply when the routing fields are left out") {
  absl::StatusOr<CenterConfig> center = LoadCenterConfig("c.txtpb", kCenter);
  REQUIRE(center.ok());
  const WorkgroupConfig& wg = center->workgroups[0];
  CHECK(wg.interaction_weights.priority == 1);
  CHECK(wg.agent_weights.skill == 1);
  CHECK(wg.agent_weights.available_interval_s == 1);
  CHECK(wg.no_answer.misses_before_status == 1);
  CHECK(wg.no_answer.exclusion == Seconds(30));
  CHECK(wg.after_last_tier == AfterLastTier::kWaitForever);
  REQUIRE(wg.service_level_thresholds.size() == 1);
  CHECK(wg.service_level_thresholds[0] == Seconds(20));
  CHECK(wg.stats_interval == Seconds(1800));
  // PureConnect's maximum time on hold: 15 min, then disconnect.
  CHECK(wg.max_hold == Seconds(900));
  CHECK(wg.max_hold_action == MaxHoldAction::kDisconnect);
  CHECK(wg.max_hold_workgroup.empty());
  CHECK_FALSE(wg.allow_pickup_by_non_members);
}

constexpr char kStatistics[] = R"(workgroups {
  name: "Sales"
  service_level_thresholds_s: [10, 20.5, 60]
  stats_interval_s: 900
}
)";

TEST_CASE("service-level thresholds and the statistics interval load in seconds") {
  absl::StatusOr<CenterConfig> center = LoadCenterConfig("c.txtpb", kStatistics);
  REQUIRE(center.ok());
  const WorkgroupConfig& wg = center->workgroups[0];
  CHECK(wg.service_level_thresholds ==
        std::vector<Duration>{Seconds(10), Milliseconds(20500), Seconds(60)});
  CHECK(wg.stats_interval == Seconds(900));
}

TEST_CASE("service-level thresholds out of order are reported at their line") {
  std::string text = kStatistics;
  text.replace(text.find("[10, 20.5, 60]"), 14, "10\n  service_level_thresholds_s: 5");
  CHECK(ErrorOf(text) ==
        "center.txtpb:4:3: workgroups[0].service_level_thresholds_s[1]: 5 s is not above "
        "threshold 0's 10 s");
}

std::string FullWith(const std::string& from, const std::string& to) {
  std::string text = kFull;
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("a tier threshold that does not decrease is reported at its line") {
  CHECK(ErrorOf(FullWith("threshold: 30", "threshold: 75")) ==
        "center.txtpb:12:11: workgroups[0].tiers[1].threshold: 75 is not below tier 0's 70");
}

TEST_CASE("an unknown skill is reported at its line") {
  CHECK(ErrorOf(FullWith("skill: \"windows\" proficiency", "skill: \"linux\" proficiency")) ==
        "center.txtpb:20:12: agents[0].skills[0].skill: unknown skill \"linux\"");
}

TEST_CASE("a utilization percent over 100 is reported at its line") {
  CHECK(ErrorOf(FullWith("percent: 25", "percent: 125")) ==
        "center.txtpb:7:35: workgroups[0].utilization[0].percent: 125 is outside 0..100");
}

TEST_CASE("a no-answer status that is not do-not-disturb is rejected") {
  CHECK(ErrorOf(FullWith("misses_before_status: 2", "status: \"Available\"")) ==
        "center.txtpb:15:15: workgroups[0].no_answer.status: \"Available\" is not a dnd status");
}

}  // namespace
}  // namespace acd
