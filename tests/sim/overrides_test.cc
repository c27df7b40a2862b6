#include "sim/overrides.h"

#include <string>

#include "acd/proto/scenario.pb.h"
#include "doctest/doctest.h"
#include "sim/scenario_source.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

proto::Scenario Small() {
  absl::StatusOr<ParsedScenario> parsed = ParsedScenario::Parse("f.txtpb", testing::kSmallStudy);
  REQUIRE(parsed.ok());
  proto::Scenario message = parsed->message();
  // A membership and a skill level to address by key.
  proto::SkillLevel& skill = *message.mutable_agent_groups(0)->add_skills();
  skill.set_skill("billing");
  skill.set_proficiency(50);
  message.mutable_center()->add_skills("billing");
  return message;
}

// The error of applying `text` to the small study, which must fail and leave
// the message alone.
std::string ErrorOf(const std::string& text) {
  proto::Scenario message = Small();
  const std::string before = message.SerializeAsString();
  const absl::Status status = ApplyOverride(text, message);
  CHECK_MESSAGE(!status.ok(), text);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(message.SerializeAsString() == before);
  return std::string(status.message());
}

TEST_CASE("an override sets a top-level scalar") {
  proto::Scenario message = Small();
  REQUIRE(ApplyOverride("horizon_s=3600", message).ok());
  CHECK(message.horizon_s() == 3600);
  REQUIRE(ApplyOverride("seed=7", message).ok());
  CHECK(message.seed() == 7);
  REQUIRE(ApplyOverride("name=what if", message).ok());
  CHECK(message.name() == "what if");
}

TEST_CASE("repeated messages are addressed by name or by index") {
  proto::Scenario message = Small();
  REQUIRE(ApplyOverride("agent_groups[t].count=25", message).ok());
  CHECK(message.agent_groups(1).count() == 25);
  REQUIRE(ApplyOverride("agent_groups[0].count=4", message).ok());
  CHECK(message.agent_groups(0).count() == 4);
  REQUIRE(ApplyOverride("contact_types[support calls].handle_time.exponential.mean_s=90", message)
              .ok());
  CHECK(message.contact_types(1).handle_time().exponential().mean_s() == 90);
  REQUIRE(ApplyOverride("center.workgroups[Support].wrap_up_s=30", message).ok());
  CHECK(message.center().workgroups(1).wrap_up_s() == 30);
}

TEST_CASE("memberships and skill levels are keyed by workgroup and skill, utilization by media") {
  proto::Scenario message = Small();
  REQUIRE(ApplyOverride("agent_groups[s].workgroups[Sales].active=false", message).ok());
  CHECK(message.agent_groups(0).workgroups(0).has_active());
  CHECK(!message.agent_groups(0).workgroups(0).active());
  REQUIRE(ApplyOverride("agent_groups[s].skills[billing].proficiency=80", message).ok());
  CHECK(message.agent_groups(0).skills(0).proficiency() == 80);
  message.mutable_center()->mutable_workgroups(1)->add_utilization()->set_media(proto::MEDIA_CHAT);
  REQUIRE(ApplyOverride("center.workgroups[Support].utilization[MEDIA_CHAT].max_assign=3", message)
              .ok());
  CHECK(message.center().workgroups(1).utilization(0).max_assign() == 3);
}

TEST_CASE("repeated scalars take an index, enums a value name, bools true or false") {
  proto::Scenario message = Small();
  REQUIRE(
      ApplyOverride("contact_types[support calls].arrivals.poisson.rates_per_hour[3]=120", message)
          .ok());
  CHECK(message.contact_types(1).arrivals().poisson().rates_per_hour(3) == 120);
  CHECK(message.contact_types(1).arrivals().poisson().rates_per_hour(2) == 45);
  REQUIRE(ApplyOverride("contact_types[sales calls].media=MEDIA_EMAIL", message).ok());
  CHECK(message.contact_types(0).media() == proto::MEDIA_EMAIL);
  REQUIRE(ApplyOverride("agent_groups[s].auto_answer=true", message).ok());
  CHECK(message.agent_groups(0).auto_answer());
  REQUIRE(
      ApplyOverride("center.workgroups[Sales].agent_order=AGENT_ORDER_ROUND_ROBIN", message).ok());
  CHECK(message.center().workgroups(0).agent_order() == proto::AGENT_ORDER_ROUND_ROBIN);
}

TEST_CASE("an unset message along the path is created, and an unset oneof takes the member") {
  proto::Scenario message = Small();
  REQUIRE(!message.contact_types(2).has_patience());
  REQUIRE(
      ApplyOverride("contact_types[support chats].patience.exponential.mean_s=600", message).ok());
  CHECK(message.contact_types(2).patience().exponential().mean_s() == 600);
}

TEST_CASE("overrides apply in order, the later winning, and all or nothing") {
  proto::Scenario message = Small();
  REQUIRE(ApplyOverrides({"agent_groups[s].count=5", "agent_groups[s].count=6"}, message).ok());
  CHECK(message.agent_groups(0).count() == 6);
  const absl::Status status =
      ApplyOverrides({"agent_groups[s].count=9", "agent_groups[s].cnt=1"}, message);
  CHECK(!status.ok());
  CHECK(message.agent_groups(0).count() == 6);
}

TEST_CASE("errors name the whole override and the failing path component") {
  CHECK(ErrorOf("horizon_s") == "--set 'horizon_s': not PATH=VALUE (no '=')");
  CHECK(ErrorOf("=5") == "--set '=5': no PATH before '='");
  CHECK(ErrorOf("horizon=5") ==
        "--set 'horizon=5': horizon: acd.proto.Scenario has no field 'horizon' (its fields: "
        "name, center, agent_groups, contact_types, horizon_s, warmup_s, replications, seed, "
        "service_level_s, interval_s, day_start, busyness, closing_s)");
  CHECK(ErrorOf("agent_groups[xx].count=25") ==
        "--set 'agent_groups[xx].count=25': agent_groups[xx]: no agent_groups element has name "
        "\"xx\" (there are: \"s\", \"t\")");
  CHECK(ErrorOf("agent_groups[2].count=25") ==
        "--set 'agent_groups[2].count=25': agent_groups[2]: index 2 is out of range: "
        "agent_groups has 2 elements (0..1)");
  CHECK(ErrorOf("agent_groups[t].cont=25")
            .find("agent_groups[t].cont: acd.proto.AgentGroup has no field 'cont'") !=
        std::string::npos);
  CHECK(ErrorOf("agent_groups[t].count=many") ==
        "--set 'agent_groups[t].count=many': agent_groups[t].count: 'many' is not a whole "
        "number that fits an int32");
  CHECK(ErrorOf("agent_groups[t].count=3000000000").find("fits an int32") != std::string::npos);
  CHECK(ErrorOf("horizon_s=nan") ==
        "--set 'horizon_s=nan': horizon_s: 'nan' is not a finite number");
  CHECK(ErrorOf("horizon_s=") == "--set 'horizon_s=': horizon_s: '' is not a finite number");
  CHECK(ErrorOf("agent_groups[t].auto_answer=yes") ==
        "--set 'agent_groups[t].auto_answer=yes': agent_groups[t].auto_answer: 'yes' is not true "
        "or false");
  CHECK(ErrorOf("contact_types[0].media=CHAT")
            .find("contact_types[0].media: 'CHAT' is not a value of Media (MEDIA_UNSPECIFIED, "
                  "MEDIA_CALL,") != std::string::npos);
}

TEST_CASE("a message, a list without a subscript, or a scalar with a tail is refused") {
  CHECK(ErrorOf("center=1") ==
        "--set 'center=1': center: a message (CenterConfig), not a value: name one of its fields "
        "(statuses, available_status, workgroups, agents, skills)");
  CHECK(ErrorOf("agent_groups[t]=1").find("agent_groups[t]: a message (AgentGroup)") !=
        std::string::npos);
  CHECK(ErrorOf("agent_groups.count=1") ==
        "--set 'agent_groups.count=1': agent_groups: a list; say which element: "
        "agent_groups[name] or agent_groups[INDEX]");
  CHECK(ErrorOf("contact_types[1].arrivals.poisson.rates_per_hour=5") ==
        "--set 'contact_types[1].arrivals.poisson.rates_per_hour=5': "
        "contact_types[1].arrivals.poisson.rates_per_hour: a list; say which element: "
        "rates_per_hour[INDEX]");
  CHECK(ErrorOf("contact_types[1].arrivals.poisson.rates_per_hour[4]=5") ==
        "--set 'contact_types[1].arrivals.poisson.rates_per_hour[4]=5': "
        "contact_types[1].arrivals.poisson.rates_per_hour[4]: index 4 is out of range: "
        "rates_per_hour has 4 elements (0..3)");
  CHECK(ErrorOf("contact_types[1].arrivals.poisson.rates_per_hour[peak]=5") ==
        "--set 'contact_types[1].arrivals.poisson.rates_per_hour[peak]=5': "
        "contact_types[1].arrivals.poisson.rates_per_hour[peak]: rates_per_hour's elements have "
        "no name to look up: give an index (0..3)");
  CHECK(ErrorOf("horizon_s[0]=1") ==
        "--set 'horizon_s[0]=1': horizon_s[0]: horizon_s is not a list: no [...] after it");
  CHECK(ErrorOf("horizon_s.x=1") ==
        "--set 'horizon_s.x=1': horizon_s: a value, not a message: nothing can follow it");
}

TEST_CASE("a oneof keeps its member: an override does not switch a distribution's kind") {
  CHECK(ErrorOf("contact_types[support chats].handle_time.exponential.mean_s=60") ==
        "--set 'contact_types[support chats].handle_time.exponential.mean_s=60': "
        "contact_types[support chats].handle_time.exponential: the kind here is constant_s, not "
        "exponential (an override changes a value; it does not switch kind)");
  CHECK(ErrorOf("contact_types[0].patience.constant_s=5")
            .find("the kind here is exponential, not constant_s") != std::string::npos);
}

TEST_CASE("a quoted subscript is a name even when it is all digits") {
  proto::Scenario message = Small();
  message.mutable_agent_groups(1)->set_name("7");
  REQUIRE(ApplyOverride("agent_groups[\"7\"].count=9", message).ok());
  CHECK(message.agent_groups(1).count() == 9);
  REQUIRE(ApplyOverride("agent_groups[\"s\"].count=8", message).ok());
  CHECK(message.agent_groups(0).count() == 8);
  CHECK(!ApplyOverride("agent_groups[7].count=9", message).ok());
}

TEST_CASE("a name shared by two elements, or looked up in an empty list, is refused") {
  proto::Scenario message = Small();
  message.mutable_agent_groups(1)->set_name("s");
  const std::string before = message.SerializeAsString();
  const absl::Status twice = ApplyOverride("agent_groups[s].count=1", message);
  CHECK(std::string(twice.message()) ==
        "--set 'agent_groups[s].count=1': agent_groups[s]: elements 0 and 1 of agent_groups both "
        "have name \"s\": give an index");
  CHECK(message.SerializeAsString() == before);
  CHECK(ErrorOf("center.agents[ann].cost=1") ==
        "--set 'center.agents[ann].cost=1': center.agents[ann]: no agents element has name "
        "\"ann\" (agents is empty)");
}

TEST_CASE("paths that do not parse are refused with the part that does not") {
  CHECK(ErrorOf("agent_groups[t.count=1") ==
        "--set 'agent_groups[t.count=1': agent_groups[t.count: '[' without a closing ']'");
  CHECK(ErrorOf("agent_groups[].count=1") ==
        "--set 'agent_groups[].count=1': agent_groups[]: empty [] (give a name or an index)");
  CHECK(ErrorOf("agent_groups[t]count=1") ==
        "--set 'agent_groups[t]count=1': agent_groups[t]c: expected '.' or the end after ']', "
        "not 'c'");
  CHECK(ErrorOf("center..skills[0]=x") ==
        "--set 'center..skills[0]=x': center.: '' is not a field name (letters, digits and '_', "
        "not starting with a digit)");
  CHECK(ErrorOf("horizon_s.=1") == "--set 'horizon_s.=1': horizon_s.: nothing after the last '.'");
}

TEST_CASE("an override that makes the scenario invalid gets the loader's error") {
  absl::StatusOr<ParsedScenario> parsed = ParsedScenario::Parse("f.txtpb", testing::kSmallStudy);
  REQUIRE(parsed.ok());
  REQUIRE(ApplyOverride("agent_groups[t].count=-3", parsed->message()).ok());
  const absl::Status status = parsed->Convert().status();
  CHECK(!status.ok());
  CHECK(std::string(status.message()).find("agent_groups[1].count") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
