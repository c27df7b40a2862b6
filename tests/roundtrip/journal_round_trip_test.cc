// Round trip through the journal (issue 13, item 4), on seeded random
// centers and command streams (tests/testing/random_streams.h): every
// command the engine accepts is journaled as the Router does, read back,
// written again to the same bytes, and replayed by Recover to the same
// state as the engine that ran the stream.

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "acd/engine.h"
#include "acd/journal.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "tests/roundtrip/round_trip_testing.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

using testing::Chooser;
using testing::Step;

constexpr int kStreams = 300;
constexpr int kStepsPerStream = 150;

// Writes `entries` to a fresh journal for an engine created with `center`;
// the bytes.
std::string Rewrite(const CenterConfig& center, const std::vector<JournalEntry>& entries) {
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  JournalWriter journal(std::move(sink), center);
  for (const JournalEntry& entry : entries) {
    if (const Command* command = std::get_if<Command>(&entry.value)) {
      REQUIRE(journal.AppendCommand(*command, CommandTime(*command)).ok());
    } else {
      const Time now = std::get<JournalAdvance>(entry.value).now;
      REQUIRE(journal.AppendAdvance(now, now).ok());
    }
  }
  REQUIRE(journal.Flush().ok());
  return bytes->bytes();
}

TEST_CASE("every accepted command survives journal encode, decode and replay to the same state") {
  int64_t accepted = 0, refused = 0;
  for (uint64_t seed = 1; seed <= kStreams; ++seed) {
    CAPTURE(seed);
    Chooser pick(seed);
    const CenterConfig center = testing::RandomCenter(pick);
    const std::vector<Step> steps = testing::MakeStream(pick, center, kStepsPerStream);
    std::unique_ptr<Engine> engine = std::move(Engine::Create(center)).value();
    auto sink = std::make_unique<StringJournalSink>();
    StringJournalSink* bytes = sink.get();
    JournalWriter journal(std::move(sink), center);
    for (const Step& step : steps) {
      if (step.advance) {
        REQUIRE(engine->AdvanceTo(step.time).ok());
        REQUIRE(journal.AppendAdvance(step.time, step.time).ok());
      } else if (engine->Apply(step.command).ok()) {
        REQUIRE(journal.AppendCommand(step.command, engine->now()).ok());
        ++accepted;
      } else {
        // A refused command still moved the clock (acd/journal.h).
        REQUIRE(journal.AppendAdvance(engine->now(), engine->now()).ok());
        ++refused;
      }
    }
    REQUIRE(journal.Flush().ok());

    absl::StatusOr<JournalContents> contents = ReadJournal(bytes->bytes());
    REQUIRE_MESSAGE(contents.ok(), contents.status().ToString());
    REQUIRE(contents->entries.size() == steps.size());
    CHECK(contents->tail_report.empty());
    // decode(encode(c)) encodes to the same bytes: nothing lost or changed.
    CHECK(Rewrite(center, contents->entries) == bytes->bytes());

    absl::StatusOr<Recovered> recovered = Recover(center, bytes->bytes());
    REQUIRE_MESSAGE(recovered.ok(), recovered.status().ToString());
    CHECK(recovered->records_replayed == static_cast<int64_t>(steps.size()));
    const std::string difference = roundtrip::StateDifference(*engine, *recovered->engine);
    CHECK_MESSAGE(difference.empty(), difference);
  }
  // Both kinds occur, in earnest numbers.
  CHECK(accepted > kStreams * kStepsPerStream / 4);
  CHECK(refused > 0);
  MESSAGE(fmt::format("{} commands accepted and replayed, {} refused", accepted, refused));
}

}  // namespace
}  // namespace acd
