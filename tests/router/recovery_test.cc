// Recovery from the Router's journal (acd/journal.h): an engine recovered from
// any prefix of the journal, torn or whole, then fed what the original was
// fed afterwards, makes exactly the original's decisions.

#include <atomic>
#include <thread>
#include <utility>

#include "acd/clock.h"
#include "acd/journal.h"
#include "acd/router.h"
#include "doctest/doctest.h"
#include "tests/router/router_testing.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

using testing::StateText;
using testing::TextLog;

// Submits `command` to engine 0 and waits until its result has come back.
void SubmitAndWait(Router& router, const Command& command) {
  std::atomic<bool> done{false};
  REQUIRE(router
              .Submit(0, command,
                      [&done](const CommandResult&) {
                        // Release: the result's effects are visible once seen.
                        done.store(true, std::memory_order_release);
                      })
              .ok());
  while (!done.load(std::memory_order_acquire)) std::this_thread::yield();
}

// A Router run over a random center and random commands, one at a time, with
// a manual clock that moves between them so that timers fire.
struct OriginalRun {
  CenterConfig center;
  std::string journal;
  // Each event as "<journal sequence of the record that caused it>|<event>".
  std::vector<std::string> events;
  std::string final_state;
  // The engine's exported state at the end, serialized (ProtoStateCodec).
  std::string final_export;
  uint64_t max_id = 0;
  // Roster commands the engine accepted.
  int roster_changes = 0;
};

bool IsRosterCommand(const Command& c) {
  return std::holds_alternative<AddAgent>(c) || std::holds_alternative<RemoveAgent>(c) ||
         std::holds_alternative<AddWorkgroup>(c) || std::holds_alternative<RemoveWorkgroup>(c);
}

// With `roster`, one command in six adds or removes an agent or a workgroup
// (RandomRosterCommand), and the others address the ids they added.
OriginalRun RunThroughRouter(uint64_t seed, int commands, bool roster = false) {
  testing::Chooser pick(seed);
  OriginalRun run;
  run.center = testing::RandomCenter(pick);
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  JournalWriter journal(std::move(sink), run.center,
                        {.flush = FlushPolicy::kEveryN, .flush_every_records = 16});
  TextLog log([&journal] { return std::to_string(journal.next_sequence()) + "|"; });
  ManualClock clock;
  {
    std::vector<HostedEngine> engines;
    engines.push_back(
        {.engine = *Engine::Create(run.center), .observer = &log, .journal = &journal});
    auto router =
        Router::Create({.clock = &clock, .stats_interval = Duration::Zero()}, std::move(engines));
    REQUIRE(router.ok());
    uint64_t next_id = 1;
    CenterConfig picture = run.center;
    for (int i = 0; i < commands; ++i) {
      clock.Advance(Seconds(pick.Of({0, 0, 0, 1, 2, 5, 20})));
      (*router)->Wake();
      const Command command = roster && pick.OneIn(6)
                                  ? testing::RandomRosterCommand(pick, Time(), picture)
                                  : testing::RandomCommand(pick, Time(), picture, next_id);
      if (std::holds_alternative<Arrive>(command)) ++next_id;
      if (!IsRosterCommand(command)) {
        SubmitAndWait(**router, command);
        continue;
      }
      std::atomic<bool> accepted{false}, done{false};
      REQUIRE((*router)
                  ->Submit(0, command,
                           [&](const CommandResult& r) {
                             accepted.store(r.status.ok(), std::memory_order_relaxed);
                             // Release: `accepted` is visible once `done` is seen.
                             done.store(true, std::memory_order_release);
                           })
                  .ok());
      while (!done.load(std::memory_order_acquire)) std::this_thread::yield();
      run.roster_changes += accepted.load(std::memory_order_relaxed);
    }
    (*router)->Stop();
    run.max_id = next_id;
    run.final_state = StateText((*router)->engine(0), run.max_id);
    run.final_export = *ProtoStateCodec().Save((*router)->engine(0));
  }
  REQUIRE(journal.Flush().ok());
  run.journal = bytes->bytes();
  run.events = std::move(log.lines);
  return run;
}

// The events, tagged by record, that `entries` make on `engine`.
std::vector<std::string> Continue(Engine& engine, const std::vector<JournalEntry>& entries,
                                  size_t from) {
  uint64_t sequence = 0;
  TextLog log([&sequence] { return std::to_string(sequence) + "|"; });
  engine.SetObserver(&log);
  for (size_t i = from; i < entries.size(); ++i) {
    sequence = entries[i].sequence;
    const absl::Status status =
        std::holds_alternative<Command>(entries[i].value)
            ? engine.Apply(std::get<Command>(entries[i].value))
            : engine.AdvanceTo(std::get<JournalAdvance>(entries[i].value).now);
    REQUIRE(status.ok());
  }
  engine.SetObserver(nullptr);
  return std::move(log.lines);
}

std::string Untagged(const std::string& line) { return line.substr(line.find('|') + 1); }

void CheckRecoveryAtEveryCut(const OriginalRun& run) {
  absl::StatusOr<JournalContents> whole = ReadJournal(run.journal);
  REQUIRE(whole.ok());
  REQUIRE(whole->tail_report.empty());
  const std::vector<JournalEntry>& entries = whole->entries;
  REQUIRE(entries.size() > 50);
  for (size_t k = 0; k <= entries.size(); ++k) {
    const int64_t boundary =
        k < entries.size() ? entries[k].offset : static_cast<int64_t>(run.journal.size());
    // A crash exactly at the boundary, inside the next record's header, and
    // inside its payload, all recover the same k records.
    std::vector<int64_t> cuts = {boundary};
    if (k < entries.size()) cuts.insert(cuts.end(), {boundary + 5, boundary + 13});
    std::string recovered_state;
    for (int64_t cut : cuts) {
      CAPTURE(k);
      CAPTURE(cut);
      TextLog replayed;
      absl::StatusOr<Recovered> recovered = Recover(
          run.center, absl::string_view(run.journal).substr(0, cut), {.observer = &replayed});
      REQUIRE(recovered.ok());
      REQUIRE(recovered->records_replayed == static_cast<int64_t>(k));
      CHECK(recovered->valid_bytes == boundary);
      CHECK(recovered->next_sequence == k);
      CHECK(recovered->tail_report.empty() == (cut == boundary));
      if (cut != boundary) {
        CHECK(StateText(*recovered->engine, run.max_id) == recovered_state);
        continue;
      }
      recovered_state = StateText(*recovered->engine, run.max_id);
      // The replay makes the original's decisions up to the cut...
      size_t before = 0;
      while (before < run.events.size() &&
             std::stoull(run.events[before].substr(0, run.events[before].find('|'))) < k) {
        ++before;
      }
      REQUIRE(replayed.lines.size() == before);
      for (size_t i = 0; i < before; ++i) REQUIRE(replayed.lines[i] == Untagged(run.events[i]));
      // ...and, given what the original was given afterwards, the rest.
      const std::vector<std::string> after = Continue(*recovered->engine, entries, k);
      REQUIRE(after == std::vector<std::string>(run.events.begin() + static_cast<long>(before),
                                                run.events.end()));
      REQUIRE(StateText(*recovered->engine, run.max_id) == run.final_state);
    }
  }
}

TEST_CASE("an engine recovered at any record boundary or torn record decides as the original") {
  for (uint64_t seed : {1, 2, 3}) {
    CAPTURE(seed);
    const OriginalRun run = RunThroughRouter(seed, 150);
    CheckRecoveryAtEveryCut(run);
  }
}

TEST_CASE("a journal with roster changes recovers at any cut to the original's exact state") {
  for (uint64_t seed : {11, 12}) {
    CAPTURE(seed);
    const OriginalRun run = RunThroughRouter(seed, 150, /*roster=*/true);
    CHECK(run.roster_changes >= 5);
    CheckRecoveryAtEveryCut(run);
    // The whole journal, replayed after a crash (the Router dropped),
    // gives the original's exported state, byte for byte: configuration
    // (added entries, removed ones, grown skills), agents, interactions.
    absl::StatusOr<Recovered> recovered = Recover(run.center, run.journal);
    REQUIRE(recovered.ok());
    const std::string exported = *ProtoStateCodec().Save(*recovered->engine);
    CHECK(exported == run.final_export);
    CHECK(recovered->engine->config().agents.size() > run.center.agents.size());
  }
}

// Every `step`-th record: the engine recovered up to it is saved as a
// snapshot, and recovery from that snapshot plus the rest of the journal
// ends where the original ended (with `whole_export`, byte for byte in the
// codec's form too).
void CheckRecoveryFromSnapshots(const OriginalRun& run, size_t step, bool whole_export) {
  const JournalContents whole = *ReadJournal(run.journal);
  ProtoStateCodec codec;
  for (size_t k = 0; k <= whole.entries.size(); k += step) {
    CAPTURE(k);
    const int64_t boundary = k < whole.entries.size() ? whole.entries[k].offset
                                                      : static_cast<int64_t>(run.journal.size());
    absl::StatusOr<Recovered> prefix =
        Recover(run.center, absl::string_view(run.journal).substr(0, boundary));
    REQUIRE(prefix.ok());
    absl::StatusOr<std::string> saved = codec.Save(*prefix->engine);
    REQUIRE(saved.ok());
    const EngineSnapshot snapshot{.next_sequence = k, .state = *saved};
    absl::StatusOr<Recovered> recovered =
        Recover(run.center, run.journal, {.snapshot = &snapshot, .codec = &codec});
    INFO(recovered.status().ToString());
    REQUIRE(recovered.ok());
    CHECK(recovered->records_replayed == static_cast<int64_t>(whole.entries.size() - k));
    REQUIRE(StateText(*recovered->engine, run.max_id) == run.final_state);
    if (whole_export) REQUIRE(*codec.Save(*recovered->engine) == run.final_export);
  }
}

TEST_CASE("snapshots taken after roster changes restore them, and the journal goes on exactly") {
  const OriginalRun run = RunThroughRouter(13, 150, /*roster=*/true);
  REQUIRE(run.roster_changes >= 5);
  // The snapshot carries the configuration in force at its record.
  CheckRecoveryFromSnapshots(run, 2, /*whole_export=*/true);
}

TEST_CASE("corruption before the last record fails recovery naming the offset; in it, cuts it") {
  const OriginalRun run = RunThroughRouter(4, 60);
  const JournalContents whole = *ReadJournal(run.journal);
  const size_t n = whole.entries.size();
  for (size_t k = 0; k < n; ++k) {
    CAPTURE(k);
    std::string damaged = run.journal;
    damaged[static_cast<size_t>(whole.entries[k].offset) + 10] ^= 0x20;  // a payload checksum byte
    absl::StatusOr<Recovered> recovered = Recover(run.center, damaged);
    if (k + 1 < n) {
      REQUIRE(recovered.status().code() == absl::StatusCode::kDataLoss);
      CHECK(recovered.status().message().find(
                "offset " + std::to_string(whole.entries[k].offset)) != absl::string_view::npos);
    } else {
      REQUIRE(recovered.ok());
      CHECK(recovered->records_replayed == static_cast<int64_t>(n - 1));
      CHECK_FALSE(recovered->tail_report.empty());
    }
  }
}

// Stands in for the engine's future state serialization: the "state" is the
// journal prefix that produced it, and loading replays it.
class ReplayingCodec : public EngineStateCodec {
 public:
  absl::StatusOr<std::string> Save(const Engine&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<std::unique_ptr<Engine>> Load(const CenterConfig& config,
                                               absl::string_view state) override {
    absl::StatusOr<Recovered> r = Recover(config, state);
    if (!r.ok()) return r.status();
    return std::move(r->engine);
  }
};

TEST_CASE("recovery from a snapshot replays only the records after it") {
  const OriginalRun run = RunThroughRouter(5, 80);
  const JournalContents whole = *ReadJournal(run.journal);
  ReplayingCodec codec;
  const size_t k = whole.entries.size() / 2;
  const EngineSnapshot snapshot{
      .next_sequence = k,
      .state = run.journal.substr(0, static_cast<size_t>(whole.entries[k].offset))};
  absl::StatusOr<Recovered> recovered =
      Recover(run.center, run.journal, {.snapshot = &snapshot, .codec = &codec});
  REQUIRE(recovered.ok());
  CHECK(recovered->records_replayed == static_cast<int64_t>(whole.entries.size() - k));
  CHECK(StateText(*recovered->engine, run.max_id) == run.final_state);
  CHECK(Recover(run.center, run.journal, {.snapshot = &snapshot}).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("recovery from the engine's own snapshot at any record goes on exactly as the original") {
  const OriginalRun run = RunThroughRouter(6, 120);
  CheckRecoveryFromSnapshots(run, 3, /*whole_export=*/false);
  const JournalContents whole = *ReadJournal(run.journal);
  ProtoStateCodec codec;
  // A damaged snapshot is refused, not trusted.
  absl::StatusOr<Recovered> prefix = Recover(run.center, run.journal);
  std::string damaged = *codec.Save(*prefix->engine);
  damaged[damaged.size() / 2] ^= 0x01;
  const EngineSnapshot bad{.next_sequence = whole.entries.size(), .state = damaged};
  CHECK(Recover(run.center, run.journal, {.snapshot = &bad, .codec = &codec}).status().code() ==
        absl::StatusCode::kDataLoss);
}

TEST_CASE("the Router takes periodic snapshots from which the journal recovers the engine") {
  testing::Chooser pick(7);
  const CenterConfig center = testing::RandomCenter(pick);
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  JournalWriter journal(std::move(sink), center,
                        {.flush = FlushPolicy::kEveryN, .flush_every_records = 8});
  ProtoStateCodec codec;
  std::vector<EngineSnapshot> snapshots;
  ManualClock clock;
  std::string final_state;
  uint64_t next_id = 1;
  {
    std::vector<HostedEngine> engines;
    engines.push_back(
        {.engine = *Engine::Create(center),
         .journal = &journal,
         .snapshot_every_records = 25,
         .snapshot_codec = &codec,
         .on_snapshot = [&snapshots](EngineSnapshot s) { snapshots.push_back(std::move(s)); }});
    auto router =
        Router::Create({.clock = &clock, .stats_interval = Duration::Zero()}, std::move(engines));
    REQUIRE(router.ok());
    for (int i = 0; i < 200; ++i) {
      clock.Advance(Seconds(pick.Of({0, 1, 2, 5})));
      const Command command = testing::RandomCommand(pick, Time(), center, next_id);
      if (std::holds_alternative<Arrive>(command)) ++next_id;
      SubmitAndWait(**router, command);
    }
    (*router)->Stop();
    final_state = StateText((*router)->engine(0), next_id);
  }
  REQUIRE(journal.Flush().ok());
  REQUIRE(snapshots.size() >= 4);
  for (const EngineSnapshot& snapshot : snapshots) {
    CAPTURE(snapshot.next_sequence);
    REQUIRE_FALSE(snapshot.state.empty());
    absl::StatusOr<Recovered> recovered =
        Recover(center, bytes->bytes(), {.snapshot = &snapshot, .codec = &codec});
    REQUIRE(recovered.ok());
    CHECK(StateText(*recovered->engine, next_id) == final_state);
  }
}

TEST_CASE("a journal recovered with another center's configuration is refused") {
  const OriginalRun run = RunThroughRouter(6, 60);
  CenterConfig empty;
  empty.workgroups.push_back({.name = "other"});
  // The header names the configuration: refused before any replay.
  absl::StatusOr<Recovered> recovered = Recover(empty, run.journal);
  CHECK(recovered.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(recovered.status().message().find(ConfigFingerprint(run.center)) !=
        absl::string_view::npos);
  // A journal without the header (format 1) is caught only when the engine
  // refuses a record: Internal, naming it.
  absl::StatusOr<JournalContents> whole = ReadJournal(run.journal);
  REQUIRE(whole.ok());
  REQUIRE_FALSE(whole->entries.empty());
  const std::string format1 =
      run.journal.substr(0, 8) + run.journal.substr(static_cast<size_t>(whole->entries[0].offset));
  recovered = Recover(empty, format1);
  REQUIRE_FALSE(recovered.ok());
  CHECK(recovered.status().code() == absl::StatusCode::kInternal);
  CHECK(recovered.status().message().find("offset") != absl::string_view::npos);
}

}  // namespace
}  // namespace acd
