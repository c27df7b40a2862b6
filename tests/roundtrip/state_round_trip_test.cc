// Round trips of the engine's state (issue 13, item 4), on seeded random
// centers and command streams: a state saved at a random step survives
// encode (ProtoStateCodec), decode and Restore to an engine that decides
// as the one that ran through, command for command.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "acd/engine.h"
#include "acd/journal.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "fmt/ranges.h"
#include "tests/roundtrip/round_trip_testing.h"
#include "tests/testing/random_streams.h"
#include "tests/testing/recording_observer.h"

namespace acd {
namespace {

using testing::Chooser;
using testing::RecordingObserver;
using testing::Step;

constexpr int kStreams = 300;
constexpr int kStepsPerStream = 150;

absl::Status Run(Engine& engine, const Step& step) {
  return step.advance ? engine.AdvanceTo(step.time) : engine.Apply(step.command);
}

TEST_CASE("every exported state survives encode, decode and Restore and then decides identically") {
  int64_t compared_steps = 0;
  for (uint64_t seed = 1; seed <= kStreams; ++seed) {
    CAPTURE(seed);
    Chooser pick(seed);
    const CenterConfig center = testing::RandomCenter(pick);
    const std::vector<Step> steps = testing::MakeStream(pick, center, kStepsPerStream);
    const size_t cut = static_cast<size_t>(pick.Below(kStepsPerStream));
    std::unique_ptr<Engine> through = std::move(Engine::Create(center)).value();
    for (size_t i = 0; i <= cut; ++i) (void)Run(*through, steps[i]);

    ProtoStateCodec codec;
    absl::StatusOr<std::string> saved = codec.Save(*through);
    REQUIRE_MESSAGE(saved.ok(), saved.status().ToString());
    absl::StatusOr<std::unique_ptr<Engine>> loaded = codec.Load(center, *saved);
    REQUIRE_MESSAGE(loaded.ok(), loaded.status().ToString());
    Engine& restored = **loaded;
    {
      const std::string difference = roundtrip::StateDifference(*through, restored);
      REQUIRE_MESSAGE(difference.empty(), fmt::format("right after the cut at {}: {}", cut, difference));
    }
    RecordingObserver through_log, restored_log;
    through->SetObserver(&through_log);
    restored.SetObserver(&restored_log);
    for (size_t i = cut + 1; i < steps.size(); ++i) {
      CAPTURE(i);
      const absl::Status a = Run(*through, steps[i]);
      const absl::Status b = Run(restored, steps[i]);
      REQUIRE_MESSAGE(a.code() == b.code(), a.ToString(), " vs ", b.ToString());
      REQUIRE_MESSAGE(through_log.log == restored_log.log,
                      fmt::format("events differ:\n  {}\nvs\n  {}", fmt::join(through_log.log, "\n  "),
                                  fmt::join(restored_log.log, "\n  ")));
      through_log.Clear();
      restored_log.Clear();
      ++compared_steps;
    }
    const std::string difference = roundtrip::StateDifference(*through, restored);
    CHECK_MESSAGE(difference.empty(), difference);
  }
  MESSAGE(fmt::format("{} steps compared after a restore", compared_steps));
}

}  // namespace
}  // namespace acd
