// Fuzz target: bytes -> Recover, the way a server reads its journal back
// after a crash. Whatever the bytes, Recover returns an engine or an error
// with a message; a recovered engine then takes commands (in the fuzz build
// every engine checks its invariants after each one).

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/strings/string_view.h"
#include "acd/engine.h"
#include "acd/journal.h"
#include "tests/fuzz/fuzz_center.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  static const acd::CenterConfig* const center = new acd::CenterConfig(acd::fuzz::FuzzCenter());
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<acd::Recovered> recovered = acd::Recover(*center, bytes);
  if (!recovered.ok()) {
    // Internal is Recover's documented answer to a record the engine
    // refuses; only an empty message is a finding here.
    if (recovered.status().message().empty()) acd::fuzz::Fail("Recover failed without a message");
    return 0;
  }
  acd::Engine& engine = *recovered->engine;
  // A refused command still runs the invariant check of a checked engine.
  (void)engine.Apply(acd::LogOut{.now = engine.now(), .agent = acd::AgentId()});
  for (int k = 0; k < 16; ++k) {
    const acd::Time due = engine.NextDeadline();
    if (due == acd::Time::Infinite()) break;
    if (!engine.AdvanceTo(due).ok()) acd::fuzz::Fail("AdvanceTo(NextDeadline()) refused");
  }
  return 0;
}
