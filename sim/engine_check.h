// sim/engine_check.h: the simulator's reading of an engine refusal.
//
// The simulator only sends commands it believes valid, so a refusal is a
// bug on one side or the other: Internal, with the engine's message.

#ifndef ACD_SIM_ENGINE_CHECK_H_
#define ACD_SIM_ENGINE_CHECK_H_

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace acd::sim {

inline absl::Status CheckEngine(absl::Status status) {
  if (status.ok()) return status;
  return absl::InternalError(
      absl::StrCat("simulator: the engine rejected a command: ", status.message()));
}

}  // namespace acd::sim

#endif  // ACD_SIM_ENGINE_CHECK_H_
