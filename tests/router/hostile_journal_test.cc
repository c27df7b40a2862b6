// Hostile journals (issue 13): a journal holding a command the engine must
// refuse makes Recover fail cleanly, and every command the engine accepts,
// however extreme its values, replays.

#include <memory>
#include <string>
#include <utility>

#include "acd/journal.h"
#include "doctest/doctest.h"
#include "tests/router/router_testing.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::SimpleCenter;

// A journal holding exactly `commands`, written as the Router would for an
// engine created with `center`.
std::string JournalOf(const CenterConfig& center, const std::vector<Command>& commands) {
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  {
    JournalWriter writer(std::move(sink), center);
    for (const Command& c : commands) REQUIRE(writer.AppendCommand(c, Time()).ok());
    REQUIRE(writer.Flush().ok());
    return bytes->bytes();
  }
}

TEST_CASE("a short journal whose LogIn names status 2^31 fails recovery instead of crashing") {
  const std::string journal = JournalOf(
      SimpleCenter(1),
      {LogIn{.now = At(0), .agent = AgentId(0), .status = StatusId(uint32_t{1} << 31)}});
  // The fuzzer's was 36 bytes, before journals began with a header record.
  CHECK(journal.size() < 128);
  absl::StatusOr<Recovered> recovered = Recover(SimpleCenter(1), journal);
  REQUIRE_FALSE(recovered.ok());
  CHECK(recovered.status().message().find("status 2147483648: no such status") !=
        absl::string_view::npos);
}

TEST_CASE("the engine and the journal agree on the longest alert timeout") {
  const CenterConfig center = SimpleCenter(1);
  auto engine = *Engine::Create(center);
  WorkgroupConfig longest = center.workgroups[0];
  longest.alert_timeout = kMaxDuration;
  WorkgroupConfig over = longest;
  over.alert_timeout = kMaxDuration + Seconds(1);
  // The engine refuses what the journal could not hold...
  CHECK(engine->Apply(UpdateWorkgroup{.now = At(0), .workgroup = WorkgroupId(0), .config = over})
            .code() == absl::StatusCode::kInvalidArgument);
  // ... and what it accepts replays.
  const Command accepted =
      UpdateWorkgroup{.now = At(0), .workgroup = WorkgroupId(0), .config = longest};
  REQUIRE(engine->Apply(accepted).ok());
  absl::StatusOr<Recovered> recovered = Recover(center, JournalOf(center, {accepted}));
  INFO(recovered.status().ToString());
  REQUIRE(recovered.ok());
  CHECK(recovered->engine->config().workgroups[0].alert_timeout == kMaxDuration);
}

}  // namespace
}  // namespace acd
