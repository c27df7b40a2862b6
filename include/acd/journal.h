// acd/journal.h: the command journal, and recovery from it.
//
// An engine is a deterministic function of its configuration and its inputs
// (docs/design.md 3.1), so a record of the inputs is a record of the state. The
// Router appends to a journal, from the engine's thread:
//   * every command the engine accepted, stamped with the time it was
//     applied at, and
//   * every advance of the engine's clock that is not implied by a command:
//     the timer firings the Router drives (AdvanceTo(NextDeadline())), and
//     the clock moved by a command the engine rejected (a rejected command
//     still lets time pass and timers fire, engine.h).
// `Recover` replays the records into a fresh engine built from the same
// configuration, which then makes the same decisions an uninterrupted engine
// would: same offers, same state, same timers.
//
// File format. An 8-byte header "ACDJRNL1", then records, each:
//
//   uint32 length     little-endian, bytes of payload
//   uint32 crc_head   CRC-32C of the 4 length bytes
//   uint32 crc_data   CRC-32C of the payload
//   payload           an acd.journal.Record (acd/proto/journal.proto)
//
// Records are numbered by `sequence`, 0, 1, 2, ... without gaps. The first
// record of a journal is a header (acd.journal.Header, unnumbered) naming
// the format version and the fingerprint of the center configuration the
// engine was created with (ConfigFingerprint), so that recovering with
// another configuration fails before replaying anything.
//
// Versions. Format 1 (journals written before the header existed) starts
// with a command or an advance; it is still read, and recovered without a
// configuration check (Recovered::config_checked is false). A header with
// a version above kJournalFormatVersion is refused (FailedPrecondition).
//
// Reading. A crash can leave the last record incomplete. `ReadJournal`
// accepts every whole record and cuts a torn tail, saying in
// `JournalContents::tail_report` what it cut and where: a file that ends
// inside a record's header or payload, a last record whose payload checksum
// fails and that ends exactly at the end of the file (a write that reached
// the file's size but not all its bytes), or a tail of zero bytes (a
// filesystem that extended the file before the data landed). Anything else
// is corruption in the middle: DataLoss naming the record's offset. After
// recovery, a server truncates the file to `valid_bytes` and appends from
// there (OpenJournalFile does both).
//
// Flushing. A JournalWriter buffers records in memory and hands them to its
// sink (write, then fdatasync for a file) by policy: after every record (the
// default: a command's result is reported only once it is durable), after
// every N records, or when a flush interval of the Router's clock has passed
// since the last flush. Records not yet flushed are lost in a crash, and
// with them the commands' effects: the recovered engine is the one that saw
// a prefix of the commands, which is a state that really existed.
//
// Snapshots. Replaying a long journal is slow, so a server periodically
// saves the engine's whole state (HostedEngine::snapshot_every_records in
// acd/router.h, with ProtoStateCodec) and recovery starts from the latest
// snapshot: `Recover` loads it and replays only the records from its
// sequence on. A snapshot is taken after flushing the journal, so it is
// never ahead of the records that follow it.
//
// Example:
//
//   // Starting: recover whatever the last run left, then keep appending.
//   ACD_ASSIGN_OR_RETURN(std::string bytes, acd::ReadFileToString("center.journal"));
//   ACD_ASSIGN_OR_RETURN(acd::Recovered r, acd::Recover(center, bytes));
//   if (!r.tail_report.empty()) Log(r.tail_report);
//   ACD_ASSIGN_OR_RETURN(auto sink, acd::OpenJournalFile("center.journal", r.valid_bytes));
//   acd::JournalWriter journal(std::move(sink), center, {}, r.next_sequence);
//   // Hand r.engine and &journal to the Router (acd/router.h).
//
// Thread safety: a JournalWriter and its sink belong to one thread at a time
// (the Router uses each from its engine's thread only). ReadJournal and
// Recover are pure functions of their arguments.

#ifndef ACD_JOURNAL_H_
#define ACD_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/commands.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "acd/observer.h"
#include "acd/time.h"

namespace acd {

// The journal format this library writes (the header's format_version).
inline constexpr int kJournalFormatVersion = 2;

// "fnv1a64:" and 16 hex digits: the 64-bit FNV-1a hash of the
// configuration's deterministic protobuf encoding (acd.proto.CenterConfig,
// acd/config_writer.h). Equal configurations give equal fingerprints, in
// every process and on every machine; any change to a skill, status, agent
// or workgroup changes it (up to hash collisions, about 1 in 2^64).
std::string ConfigFingerprint(const CenterConfig& config);

// Where a journal's bytes go.
class JournalSink {
 public:
  virtual ~JournalSink() = default;
  // Appends `bytes` at the end.
  virtual absl::Status Append(absl::string_view bytes) = 0;
  // Makes everything appended so far durable.
  virtual absl::Status Sync() = 0;
  // Bytes in the sink, including what it held when opened.
  virtual int64_t size() const = 0;
};

// Opens (creating if missing) the file at `path` for appending, after
// truncating it to `keep_bytes` (pass Recovered::valid_bytes; -1 keeps it
// whole). Sync is fdatasync. Errors name the path and the failing call.
absl::StatusOr<std::unique_ptr<JournalSink>> OpenJournalFile(const std::string& path,
                                                             int64_t keep_bytes = -1);

// The whole file at `path`; NotFound if it does not exist (an empty journal
// for Recover's purposes is the empty string).
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

// Keeps everything in memory; for tests and for servers that ship journals
// elsewhere. `bytes()` is the journal so far.
class StringJournalSink : public JournalSink {
 public:
  absl::Status Append(absl::string_view bytes) override;
  absl::Status Sync() override;
  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
  const std::string& bytes() const { return bytes_; }
  int64_t syncs() const { return syncs_; }

 private:
  std::string bytes_;
  int64_t syncs_ = 0;
};

enum class FlushPolicy : uint8_t {
  kEveryRecord,  // flush (and sync) after each record
  kEveryN,       // after every `flush_every_records` records
  kOnTimer,      // when `flush_interval` has passed since the last flush
};

struct JournalOptions {
  FlushPolicy flush = FlushPolicy::kEveryRecord;
  // For kEveryN. >= 1. Default 64.
  int flush_every_records = 64;
  // For kOnTimer, measured on the Router's clock (the `now` passed to the
  // writer). > 0. Default 10 ms.
  Duration flush_interval = Milliseconds(10);
  // Call the sink's Sync after writing a flush's bytes. Default true.
  bool sync = true;
};

// Appends records to a sink. Not thread-safe: one thread at a time.
class JournalWriter {
 public:
  // Starts the journal if `sink` holds nothing of it yet (empty, or only the
  // 8-byte file header that a recovery kept from a torn first record): the
  // file header, then the header record naming `config`, the configuration
  // the journaled engine was created with (not the one in force after
  // UpdateAgent, UpdateWorkgroup or a roster command: those commands are
  // journaled). Records
  // are numbered from `next_sequence` (Recovered::next_sequence when
  // continuing a journal).
  JournalWriter(std::unique_ptr<JournalSink> sink, const CenterConfig& config,
                JournalOptions options = {}, uint64_t next_sequence = 0);
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  // Flushes what is buffered (errors are lost: call Flush first to see them).
  ~JournalWriter();

  // Appends a command the engine accepted, as applied (its `now` is the time
  // the engine saw). `clock_now` drives the kOnTimer policy. An error from
  // the sink is returned and kept: every later call returns it too (a
  // journal with a hole would recover a state that never existed).
  absl::Status AppendCommand(const Command& command, Time clock_now);
  // Appends Engine::AdvanceTo(to).
  absl::Status AppendAdvance(Time to, Time clock_now);
  // For kOnTimer: flushes if the interval has passed. Cheap otherwise.
  absl::Status MaybeFlush(Time clock_now);
  // Hands every buffered record to the sink (and syncs, per options).
  absl::Status Flush();

  // The sequence number the next record will get.
  uint64_t next_sequence() const;
  // Records buffered and not yet flushed.
  int buffered_records() const;
  JournalSink& sink();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// One record read back.
struct JournalAdvance {
  Time now;
};
struct JournalEntry {
  uint64_t sequence = 0;
  // Byte offset of the record's header in the journal.
  int64_t offset = 0;
  std::variant<Command, JournalAdvance> value;
};

struct JournalContents {
  // The header's; 1 and empty for a journal without a header (format 1),
  // or one with no whole record.
  int format_version = 1;
  std::string config_fingerprint;
  std::vector<JournalEntry> entries;
  // Bytes from the start to the end of the last whole record (or of the
  // file header); what a writer should keep.
  int64_t valid_bytes = 0;
  // Empty when the journal ended on a record boundary; otherwise one line
  // saying what was cut, from which offset, and why.
  std::string tail_report;
};

// Parses a whole journal. InvalidArgument if it does not start with the
// file header; DataLoss naming the offset for a corrupt record before the
// last, a record that does not parse, a header record anywhere but first, or
// a gap in the sequence numbers.
absl::StatusOr<JournalContents> ReadJournal(absl::string_view bytes);

// How a whole engine's state is saved for a snapshot and loaded again.
// ProtoStateCodec is the engine's own; the interface lets a server store
// snapshots its own way.
class EngineStateCodec {
 public:
  virtual ~EngineStateCodec() = default;
  virtual absl::StatusOr<std::string> Save(const Engine& engine) = 0;
  virtual absl::StatusOr<std::unique_ptr<Engine>> Load(const CenterConfig& config,
                                                       absl::string_view state) = 0;
};

// The engine's state (Engine::ExportState) as the protobuf message
// acd.proto.EngineState, behind a 4-byte little-endian CRC-32C of it. Load
// gives DataLoss for a checksum or parse failure and for a state
// Engine::Restore refuses. The configuration in force is the
// snapshot's own (it may differ from `config` after UpdateAgent,
// UpdateWorkgroup or a roster command, removed entries included);
// `config` is not used.
class ProtoStateCodec : public EngineStateCodec {
 public:
  absl::StatusOr<std::string> Save(const Engine& engine) override;
  absl::StatusOr<std::unique_ptr<Engine>> Load(const CenterConfig& config,
                                               absl::string_view state) override;
};

// A saved engine state and the first journal record it does not include.
struct EngineSnapshot {
  uint64_t next_sequence = 0;
  std::string state;
};

struct RecoverOptions {
  // The `start` the original engine was created with.
  Time start;
  // Replay from a snapshot (with the codec that wrote it) instead of from
  // an empty engine; both or neither.
  const EngineSnapshot* snapshot = nullptr;
  EngineStateCodec* codec = nullptr;
  // Receives the decisions made again during replay (usually nobody wants
  // them twice); set your own observer on the result afterwards.
  Observer* observer = nullptr;
};

struct Recovered {
  std::unique_ptr<Engine> engine;
  // Continue the journal with these (JournalWriter, OpenJournalFile).
  uint64_t next_sequence = 0;
  int64_t valid_bytes = 0;
  int64_t records_replayed = 0;
  // As JournalContents::tail_report.
  std::string tail_report;
  // Whether the journal named its configuration and it matched; false for
  // a format-1 journal or an empty one (nothing to check).
  bool config_checked = false;
};

// Rebuilds the engine: from the snapshot if given, else Engine::Create(config,
// options.start), then every journal record from the snapshot's sequence on.
// `config` is the configuration the journal was started with (as given to
// JournalWriter), also when recovering from a snapshot.
// Errors: ReadJournal's; FailedPrecondition, before anything is replayed or
// loaded, if the journal's header names another configuration (both
// fingerprints in the message) or a newer format; InvalidArgument for a
// snapshot without a codec;
// DataLoss if the journal starts after the snapshot's sequence; Internal,
// naming the record's offset and sequence, if the engine rejects a replayed
// record (a format-1 journal from another configuration, or a determinism
// bug).
absl::StatusOr<Recovered> Recover(const CenterConfig& config, absl::string_view journal,
                                  const RecoverOptions& options = {});

}  // namespace acd

#endif  // ACD_JOURNAL_H_
