// Fuzz target: center configuration text -> LoadCenterConfig ->
// Engine::Create. A center that loads and builds must also export a state
// that survives the snapshot encoding (protobuf, which refuses non-UTF-8
// strings) and restores.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "acd/config_loader.h"
#include "acd/engine.h"
#include "acd/proto/engine_state.pb.h"
#include "acd/state_codec.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Real centers are a few kilobytes; larger inputs only slow the search.
  if (size > 64 * 1024) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<acd::CenterConfig> config = acd::LoadCenterConfig("fuzz_center.txtpb", text);
  if (!config.ok()) {
    acd::fuzz::ExpectClearError(config.status(), "LoadCenterConfig");
    return 0;
  }
  absl::StatusOr<std::unique_ptr<acd::Engine>> engine = acd::Engine::Create(*config);
  if (!engine.ok()) {
    acd::fuzz::ExpectClearError(engine.status(), "Engine::Create");
    return 0;
  }
  const acd::proto::EngineState message = acd::EngineStateToProto((*engine)->ExportState());
  std::string bytes;
  if (!message.SerializeToString(&bytes)) acd::fuzz::Fail("the state of a new engine does not encode");
  acd::proto::EngineState parsed;
  if (!parsed.ParseFromString(bytes)) {
    acd::fuzz::Fail("the state of a new engine does not parse back (a non-UTF-8 name?)");
  }
  absl::StatusOr<acd::EngineState> state = acd::EngineStateFromProto(parsed, "fuzz");
  if (!state.ok()) acd::fuzz::Fail("a new engine's state does not decode: " + state.status().ToString());
  absl::StatusOr<std::unique_ptr<acd::Engine>> restored = acd::Engine::Restore(*state);
  if (!restored.ok()) {
    acd::fuzz::Fail("a new engine's state does not restore: " + restored.status().ToString());
  }
  return 0;
}
