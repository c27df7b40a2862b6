// Fuzz target: bytes -> acd.proto.EngineState -> EngineStateFromProto ->
// Engine::Restore, the way a snapshot comes back from disk or another
// machine (ProtoStateCodec::Load after its checksum). A state that restores
// must give an engine that passes its invariant check (the fuzz build's
// engines check after every command and timer), that runs its timers, and
// whose own state survives the same round trip.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "acd/engine.h"
#include "acd/proto/engine_state.pb.h"
#include "acd/state_codec.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

std::string Encode(const acd::Engine& engine) {
  std::string bytes;
  if (!acd::EngineStateToProto(engine.ExportState()).SerializeToString(&bytes)) {
    acd::fuzz::Fail("a restored engine's state does not encode");
  }
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  acd::proto::EngineState message;
  if (!message.ParseFromArray(data, static_cast<int>(size))) return 0;
  absl::StatusOr<acd::EngineState> state = acd::EngineStateFromProto(message, "fuzz");
  if (!state.ok()) {
    acd::fuzz::ExpectClearError(state.status(), "EngineStateFromProto");
    return 0;
  }
  absl::StatusOr<std::unique_ptr<acd::Engine>> engine = acd::Engine::Restore(*state);
  if (!engine.ok()) {
    acd::fuzz::ExpectClearError(engine.status(), "Engine::Restore");
    return 0;
  }
  // The restored state exports, encodes, decodes and restores again to the
  // same state.
  const std::string first = Encode(**engine);
  acd::proto::EngineState again;
  if (!again.ParseFromString(first)) acd::fuzz::Fail("a restored engine's state does not parse");
  absl::StatusOr<acd::EngineState> decoded = acd::EngineStateFromProto(again, "fuzz again");
  if (!decoded.ok()) acd::fuzz::Fail("re-exported state refused: " + decoded.status().ToString());
  absl::StatusOr<std::unique_ptr<acd::Engine>> twice = acd::Engine::Restore(*decoded);
  if (!twice.ok()) acd::fuzz::Fail("re-exported state not restored: " + twice.status().ToString());
  if (Encode(**twice) != first) acd::fuzz::Fail("state changed in a second round trip");

  acd::Engine& e = **engine;
  (void)e.Apply(acd::LogOut{.now = e.now(), .agent = acd::AgentId()});
  for (int k = 0; k < 32; ++k) {
    const acd::Time due = e.NextDeadline();
    if (due == acd::Time::Infinite()) break;
    if (!e.AdvanceTo(due).ok()) acd::fuzz::Fail("AdvanceTo(NextDeadline()) refused");
  }
  return 0;
}
