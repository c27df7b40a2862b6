#include "acd/state_codec.h"

#include <memory>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "acd/engine_state.h"
#include "doctest/doctest.h"
#include "google/protobuf/text_format.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

std::string Text(const proto::EngineState& message) {
  std::string text;
  REQUIRE(google::protobuf::TextFormat::PrintToString(message, &text));
  return text;
}

TEST_CASE(
    "an engine's state survives the trip through bytes, and the restored engine goes on "
    "alike") {
  int restored = 0;
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    testing::Chooser pick(seed);
    const CenterConfig center = testing::RandomCenter(pick);
    const std::vector<testing::Step> steps = testing::MakeStream(pick, center, 90);
    auto engine = std::move(Engine::Create(center)).value();
    const size_t cut = 60;
    for (size_t i = 0; i <= cut; ++i) {
      (void)(steps[i].advance ? engine->AdvanceTo(steps[i].time) : engine->Apply(steps[i].command));
    }
    const proto::EngineState written = EngineStateToProto(engine->ExportState());
    proto::EngineState read;
    REQUIRE(read.ParseFromString(written.SerializeAsString()));
    absl::StatusOr<EngineState> state = EngineStateFromProto(read, "snapshot");
    INFO("seed ", seed, ": ", state.status().ToString());
    REQUIRE(state.ok());
    absl::StatusOr<std::unique_ptr<Engine>> again = Engine::Restore(*state);
    REQUIRE(again.ok());
    ++restored;
    // The rest of the stream leaves both in the same state.
    for (size_t i = cut + 1; i < steps.size(); ++i) {
      const auto run = [&](Engine& e) {
        return steps[i].advance ? e.AdvanceTo(steps[i].time) : e.Apply(steps[i].command);
      };
      CHECK(run(*engine).code() == run(**again).code());
    }
    CHECK(Text(EngineStateToProto((*again)->ExportState())) ==
          Text(EngineStateToProto(engine->ExportState())));
  }
  CHECK(restored == 150);
}

TEST_CASE("a snapshot with an impossible value is refused, naming it") {
  CenterConfig center;
  center.workgroups.push_back({.name = "Support"});
  auto engine = std::move(Engine::Create(center)).value();
  REQUIRE(engine->Apply(Arrive{.interaction = InteractionId(1), .workgroup = WorkgroupId(0)}).ok());
  proto::EngineState message = EngineStateToProto(engine->ExportState());
  message.mutable_interactions(0)->set_state(42);
  CHECK(EngineStateFromProto(message, "snapshot@7").status().message() ==
        "snapshot@7: interactions[0].state: unknown state 42");
  message = EngineStateToProto(engine->ExportState());
  message.mutable_interactions(0)->set_workgroup(9);
  absl::StatusOr<EngineState> state = EngineStateFromProto(message, "snapshot@7");
  REQUIRE(state.ok());
  CHECK(Engine::Restore(*state).status().code() == absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace acd
