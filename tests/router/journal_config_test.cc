// The journal names the configuration it was written under (acd/journal.h,
// "Versions"): recovery with another one fails before any replay, an old
// journal without a header still recovers, and reconfiguration commands in
// the journal keep recovery exact.

#include <memory>
#include <string>
#include <vector>

#include "acd/journal.h"
#include "acd/proto/journal.pb.h"
#include "doctest/doctest.h"
#include "lib/router/crc32c.h"
#include "lib/router/journal_format.h"
#include "tests/router/router_testing.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::SimpleCenter;
using testing::StateText;

struct Written {
  std::string journal;
  std::string state;  // StateText of the engine that wrote it
  std::unique_ptr<Engine> engine;
};

// Runs `commands` on an engine created with `center`, journaling each one
// the engine accepts, as the Router does.
Written Write(const CenterConfig& center, const std::vector<Command>& commands) {
  Written out;
  out.engine = *Engine::Create(center);
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  {
    JournalWriter writer(std::move(sink), center);
    for (const Command& c : commands) {
      REQUIRE(out.engine->Apply(c).ok());
      REQUIRE(writer.AppendCommand(c, out.engine->now()).ok());
    }
    REQUIRE(writer.Flush().ok());
    out.journal = bytes->bytes();
  }
  out.state = StateText(*out.engine, 10);
  return out;
}

// A day with both kinds of reconfiguration in the middle: a0 leaves Sales,
// Support gets a wrap-up, then work flows under the new rules.
std::vector<Command> ReconfiguringDay(const CenterConfig& center) {
  AgentConfig ann = center.agents[0];
  ann.workgroups.pop_back();
  WorkgroupConfig support = center.workgroups[0];
  support.wrap_up = Seconds(20);
  return {
      LogIn{.now = At(0), .agent = AgentId(0), .status = StatusId(0)},
      LogIn{.now = At(1), .agent = AgentId(1), .status = StatusId(0)},
      UpdateAgent{.now = At(2), .agent = AgentId(0), .config = ann},
      UpdateWorkgroup{.now = At(3), .workgroup = WorkgroupId(0), .config = support},
      Arrive{.now = At(4), .interaction = InteractionId(1), .workgroup = WorkgroupId(1)},
      Arrive{.now = At(5), .interaction = InteractionId(2), .workgroup = WorkgroupId(0)},
      Accept{.now = At(6), .interaction = InteractionId(1)},
      Disconnect{.now = At(30), .interaction = InteractionId(1)},
  };
}

// The journal's bytes with the header record taken out: what a writer of
// format version 1 wrote.
std::string WithoutHeader(const std::string& journal) {
  const int64_t magic = static_cast<int64_t>(router_internal::kJournalMagic.size());
  const uint32_t length = router_internal::GetFixed32(absl::string_view(journal).substr(magic));
  return journal.substr(0, magic) +
         journal.substr(magic + router_internal::kRecordHeaderBytes + length);
}

// One framed record holding `record`.
std::string Framed(const journal::Record& record) {
  std::string payload = record.SerializeAsString();
  std::string out;
  router_internal::PutFixed32(out, static_cast<uint32_t>(payload.size()));
  router_internal::PutFixed32(out, router_internal::Crc32c(out));
  router_internal::PutFixed32(out, router_internal::Crc32c(payload));
  return out + payload;
}

TEST_CASE("the journal's first record names the format and the configuration") {
  const CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  const Written w = Write(center, ReconfiguringDay(center));
  absl::StatusOr<JournalContents> contents = ReadJournal(w.journal);
  REQUIRE(contents.ok());
  CHECK(contents->format_version == kJournalFormatVersion);
  CHECK(contents->config_fingerprint == ConfigFingerprint(center));
  // The header takes no sequence number.
  REQUIRE(contents->entries.size() == 8);
  CHECK(contents->entries[0].sequence == 0);
}

TEST_CASE("a configuration fingerprint is stable and changes with any field") {
  const CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  const std::string fingerprint = ConfigFingerprint(center);
  CHECK(fingerprint.size() == 8 + 16);
  CHECK(fingerprint.rfind("fnv1a64:", 0) == 0);
  CHECK(ConfigFingerprint(SimpleCenter(2, {"Support", "Sales"})) == fingerprint);
  CenterConfig renamed = center;
  renamed.agents[1].name += "x";
  CenterConfig wrap_up = center;
  wrap_up.workgroups[1].wrap_up = Seconds(1);
  CHECK(ConfigFingerprint(renamed) != fingerprint);
  CHECK(ConfigFingerprint(wrap_up) != fingerprint);
  CHECK(ConfigFingerprint(SimpleCenter(3, {"Support", "Sales"})) != fingerprint);
  // Pinned: a journal written by one build recovers in another only if the
  // encoding (acd.proto.CenterConfig, deterministic) stays the same; a change
  // here needs a new format version.
  CHECK(ConfigFingerprint(SimpleCenter(1)) == "fnv1a64:88fd7dbed6aed231");
}

TEST_CASE("recovering with another configuration fails before any replay, naming both") {
  const CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  const Written w = Write(center, ReconfiguringDay(center));
  // The configuration in force at the end is not the one the journal was
  // started with.
  const CenterConfig now_in_force = w.engine->config();
  REQUIRE(ConfigFingerprint(now_in_force) != ConfigFingerprint(center));
  for (const CenterConfig& other : {now_in_force, SimpleCenter(2, {"Support", "Sales", "Billing"}),
                                    SimpleCenter(2, {"Sales", "Support"})}) {
    testing::TextLog replayed;
    absl::StatusOr<Recovered> recovered = Recover(other, w.journal, {.observer = &replayed});
    REQUIRE(recovered.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(replayed.lines.empty());
    const std::string message(recovered.status().message());
    CHECK(message.find(ConfigFingerprint(center)) != std::string::npos);
    CHECK(message.find(ConfigFingerprint(other)) != std::string::npos);
  }
  // With a snapshot too: the journal still names the configuration it was
  // started with.
  ProtoStateCodec codec;
  const EngineSnapshot snapshot{.next_sequence = 8, .state = *codec.Save(*w.engine)};
  CHECK(
      Recover(now_in_force, w.journal, {.snapshot = &snapshot, .codec = &codec}).status().code() ==
      absl::StatusCode::kFailedPrecondition);
  absl::StatusOr<Recovered> from_snapshot =
      Recover(center, w.journal, {.snapshot = &snapshot, .codec = &codec});
  REQUIRE(from_snapshot.ok());
  CHECK(from_snapshot->config_checked);
  CHECK(StateText(*from_snapshot->engine, 10) == w.state);
}

TEST_CASE("reconfiguration commands in the journal keep recovery exact") {
  const CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  const Written w = Write(center, ReconfiguringDay(center));
  absl::StatusOr<Recovered> recovered = Recover(center, w.journal);
  REQUIRE(recovered.ok());
  CHECK(recovered->config_checked);
  CHECK(recovered->records_replayed == 8);
  CHECK(StateText(*recovered->engine, 10) == w.state);
  CHECK(ConfigFingerprint(recovered->engine->config()) == ConfigFingerprint(w.engine->config()));
  CHECK(recovered->engine->config().workgroups[0].wrap_up == Seconds(20));
}

// IceLib (Interaction Center Extension Library) reference: an offering
// timeout of 0 means the default, 15 s (docs/sources.md).
TEST_CASE("an alert timeout of 0 is journaled and recovered as the 15 s it means") {
  CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  center.workgroups[1].alert_timeout = Duration::Zero();
  WorkgroupConfig support = center.workgroups[0];
  support.alert_timeout = Duration::Zero();
  const Written w = Write(
      center, {LogIn{.now = At(0), .agent = AgentId(0), .status = StatusId(0)},
               UpdateWorkgroup{.now = At(1), .workgroup = WorkgroupId(0), .config = support},
               Arrive{.now = At(2), .interaction = InteractionId(1), .workgroup = WorkgroupId(0)}});
  CHECK(w.engine->NextDeadline() == At(17));
  // The configuration saying 15 s is the same configuration.
  CenterConfig said_15 = center;
  said_15.workgroups[1].alert_timeout = Seconds(15);
  for (const CenterConfig& given : {center, said_15}) {
    absl::StatusOr<Recovered> recovered = Recover(given, w.journal);
    REQUIRE(recovered.ok());
    CHECK(recovered->config_checked);
    CHECK(StateText(*recovered->engine, 10) == w.state);
    CHECK(recovered->engine->NextDeadline() == At(17));
    for (const WorkgroupConfig& wg : recovered->engine->config().workgroups) {
      CHECK(wg.alert_timeout == Seconds(15));
    }
  }
}

TEST_CASE("a journal without a header (format 1) still recovers, unchecked") {
  const CenterConfig center = SimpleCenter(2, {"Support", "Sales"});
  const Written w = Write(center, ReconfiguringDay(center));
  const std::string old = WithoutHeader(w.journal);
  absl::StatusOr<JournalContents> contents = ReadJournal(old);
  REQUIRE(contents.ok());
  CHECK(contents->format_version == 1);
  CHECK(contents->config_fingerprint.empty());
  absl::StatusOr<Recovered> recovered = Recover(center, old);
  REQUIRE(recovered.ok());
  CHECK_FALSE(recovered->config_checked);
  CHECK(StateText(*recovered->engine, 10) == w.state);
  // Continuing it adds no header in the middle.
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* bytes = sink.get();
  REQUIRE(sink->Append(old).ok());
  JournalWriter writer(std::move(sink), center, {}, recovered->next_sequence);
  REQUIRE(writer.AppendAdvance(At(60), At(60)).ok());
  contents = ReadJournal(bytes->bytes());
  REQUIRE(contents.ok());
  CHECK(contents->entries.size() == 9);
}

TEST_CASE("a torn header is cut, and the writer that continues writes it again") {
  const CenterConfig center = SimpleCenter(1);
  std::string bytes;
  {
    auto sink = std::make_unique<StringJournalSink>();
    StringJournalSink* raw = sink.get();
    JournalWriter writer(std::move(sink), center);
    REQUIRE(writer.Flush().ok());
    bytes = raw->bytes();
  }
  const std::string torn = bytes.substr(0, bytes.size() - 2);
  absl::StatusOr<JournalContents> contents = ReadJournal(torn);
  REQUIRE(contents.ok());
  CHECK(contents->valid_bytes == 8);
  CHECK_FALSE(contents->tail_report.empty());
  absl::StatusOr<Recovered> recovered = Recover(center, torn);
  REQUIRE(recovered.ok());
  CHECK_FALSE(recovered->config_checked);
  auto sink = std::make_unique<StringJournalSink>();
  StringJournalSink* raw = sink.get();
  REQUIRE(sink->Append(torn.substr(0, 8)).ok());  // truncated to valid_bytes
  JournalWriter writer(std::move(sink), center, {}, recovered->next_sequence);
  REQUIRE(writer.AppendAdvance(At(1), At(1)).ok());
  contents = ReadJournal(raw->bytes());
  REQUIRE(contents.ok());
  CHECK(contents->config_fingerprint == ConfigFingerprint(center));
  CHECK(contents->entries.size() == 1);
}

TEST_CASE("a header out of place or from a newer format is refused") {
  const CenterConfig center = SimpleCenter(1);
  const std::string magic(router_internal::kJournalMagic);
  journal::Record header;
  header.mutable_header()->set_format_version(kJournalFormatVersion);
  header.mutable_header()->set_config_fingerprint(ConfigFingerprint(center));
  journal::Record advance;
  advance.mutable_advance()->set_now_us(1'000'000);

  absl::StatusOr<JournalContents> second = ReadJournal(magic + Framed(advance) + Framed(header));
  CHECK(second.status().code() == absl::StatusCode::kDataLoss);
  CHECK(second.status().message().find("header record after") != absl::string_view::npos);

  journal::Record newer = header;
  newer.mutable_header()->set_format_version(kJournalFormatVersion + 1);
  absl::StatusOr<Recovered> recovered = Recover(center, magic + Framed(newer) + Framed(advance));
  CHECK(recovered.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(recovered.status().message().find("newer than this library's") != absl::string_view::npos);

  journal::Record zero = header;
  zero.mutable_header()->set_format_version(0);
  CHECK(ReadJournal(magic + Framed(zero)).status().code() == absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace acd
