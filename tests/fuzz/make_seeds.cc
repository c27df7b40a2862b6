// Writes the generated seed corpora of the fuzz targets (tests/fuzz/
// README.md): `fuzz_make_seeds DIR` fills DIR/center, DIR/journal,
// DIR/state and DIR/commands from seeded random centers and command streams
// (tests/testing/random_streams.h), the same files on every run.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <variant>

#include "acd/config_writer.h"
#include "acd/engine.h"
#include "acd/journal.h"
#include "acd/proto/center.pb.h"
#include "acd/proto/engine_state.pb.h"
#include "acd/state_codec.h"
#include "fmt/format.h"
#include "google/protobuf/text_format.h"
#include "tests/fuzz/fuzz_center.h"
#include "tests/testing/random_streams.h"

namespace {

using acd::testing::Chooser;

void Write(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) {
    std::fprintf(stderr, "fuzz_make_seeds: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

// Runs a stream over `center`, journaling as the Router does; returns the
// journal, and the engine's state after each quarter of the stream in
// `states`.
std::string RunStream(const acd::CenterConfig& center, uint64_t seed, int steps,
                      std::vector<std::string>* states, bool roster = false) {
  Chooser pick(seed);
  std::unique_ptr<acd::Engine> engine = *acd::Engine::Create(center);
  auto sink = std::make_unique<acd::StringJournalSink>();
  acd::StringJournalSink* bytes = sink.get();
  acd::JournalWriter journal(std::move(sink), center);
  const std::vector<acd::testing::Step> stream =
      acd::testing::MakeStream(pick, center, steps, roster);
  for (size_t i = 0; i < stream.size(); ++i) {
    const acd::testing::Step& step = stream[i];
    if (step.advance) {
      if (engine->AdvanceTo(step.time).ok()) (void)journal.AppendAdvance(step.time, step.time);
    } else if (engine->Apply(step.command).ok()) {
      (void)journal.AppendCommand(step.command, engine->now());
    } else {
      (void)journal.AppendAdvance(engine->now(), engine->now());
    }
    if (states != nullptr && (i + 1) % (stream.size() / 4) == 0) {
      states->push_back(acd::EngineStateToProto(engine->ExportState()).SerializeAsString());
    }
  }
  (void)journal.Flush();
  return bytes->bytes();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds DIR\n");
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  // Centers as text, as a user writes them.
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    Chooser pick(seed);
    const acd::CenterConfig center = acd::testing::RandomCenter(pick);
    std::string text;
    google::protobuf::TextFormat::PrintToString(acd::CenterConfigToProto(center), &text);
    Write(dir / "center" / fmt::format("random-{}.txtpb", seed), text);
  }
  // Journals and snapshots of the journal target's center.
  const acd::CenterConfig center = acd::fuzz::FuzzCenter();
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    std::vector<std::string> states;
    Write(dir / "journal" / fmt::format("stream-{}.journal", seed),
          RunStream(center, seed, 40 * static_cast<int>(seed), &states));
    for (size_t k = 0; k < states.size(); ++k) {
      Write(dir / "state" / fmt::format("stream-{}-{}.pb", seed, k), states[k]);
    }
  }
  // With roster changes (AddAgent, RemoveAgent, ...): journals of the four
  // commands, and states with removed entries and grown skills.
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    std::vector<std::string> states;
    Write(dir / "journal" / fmt::format("roster-{}.journal", seed),
          RunStream(center, 100 + seed, 160, &states, /*roster=*/true));
    for (size_t k = 0; k < states.size(); ++k) {
      Write(dir / "state" / fmt::format("roster-{}-{}.pb", seed, k), states[k]);
    }
  }
  // Command streams: a center byte, then 10-byte steps (commands_fuzz.cc),
  // without hostile steps (op % 8 == 1): the fuzzer makes those. (Seed 6
  // meets a known finding: tests/fuzz/known_findings/commands/.)
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    Chooser pick(seed * 7919);
    std::string bytes(1, static_cast<char>(seed));
    for (int i = 0; i < 60 * static_cast<int>(seed); ++i) {
      char byte = static_cast<char>(pick.Next());
      if (i % 10 == 0 && static_cast<unsigned char>(byte) % 8 == 1) byte = 2;
      bytes += byte;
    }
    Write(dir / "commands" / fmt::format("random-{}.bin", seed), bytes);
  }
  // Command streams with a roster command (op 15) every fifth step.
  for (uint64_t seed = 1; seed <= 2; ++seed) {
    Chooser pick(seed * 104729);
    std::string bytes(1, static_cast<char>(seed + 10));
    for (int i = 0; i < 400; ++i) {
      char byte = static_cast<char>(pick.Next());
      if (i % 10 == 0 && static_cast<unsigned char>(byte) % 8 == 1) byte = 2;
      if (i % 50 == 0) byte = 15;
      bytes += byte;
    }
    Write(dir / "commands" / fmt::format("roster-{}.bin", seed), bytes);
  }
  std::printf("fuzz_make_seeds: wrote %s\n", dir.c_str());
  return 0;
}
