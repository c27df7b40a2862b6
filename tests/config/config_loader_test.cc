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
      "center.txtpb:4:3: workgroups[1].wrap_up_s: 9000 is outside 0..7200");
  CHECK(ErrorOf("workgroups { name: \"A\" alert_timeout_s: 5 }") ==
        "center.txtpb:1:24: workgroups[0].alert_timeout_s: 5 is under the minimum of 7 s");
}

TEST_CASE("an unknown workgroup in a membership names the agent and membership") {
  CHECK(ErrorOf("workgroups { name: \"A\" }\nagents {\n  name: \"x\"\n  workgroups { workgroup: "
                "\"B\" }\n}\n") ==
        "center.txtpb:4:16: agents[0].workgroups[0].workgroup: unknown workgroup \"B\"");
}

TEST_CASE("a repeated name is reported at the second use") {
  CHECK(ErrorOf("workgroups { name: \"A\" }\nworkgroups { name: \"A\" }\n") ==
        "center.txtpb:2:14: workgroups[1].name: \"A\" is used twice");
}

TEST_CASE("a missing file is NotFound") {
  CHECK(LoadCenterConfigFile("/nonexistent/center.txtpb").status().code() ==
        absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace acd
