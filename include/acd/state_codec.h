// acd/state_codec.h: an engine's state (acd/engine_state.h) as the protobuf
// message acd.proto.EngineState (acd/proto/engine_state.proto), for
// snapshots.
//
// Example:
//
//   std::string bytes = acd::EngineStateToProto(engine->ExportState()).SerializeAsString();
//   acd::proto::EngineState message;
//   if (!message.ParseFromString(bytes)) return absl::DataLossError("snapshot");
//   ACD_ASSIGN_OR_RETURN(acd::EngineState state, acd::EngineStateFromProto(message, "snapshot"));
//   ACD_ASSIGN_OR_RETURN(auto engine, acd::Engine::Restore(state));
//
// Decoding checks only what the conversion needs (known media, a state
// value in range); Engine::Restore checks the rest.
//
// Thread safety: pure functions.

#ifndef ACD_STATE_CODEC_H_
#define ACD_STATE_CODEC_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/engine_state.h"
#include "acd/proto/engine_state.pb.h"

namespace acd {

proto::EngineState EngineStateToProto(const EngineState& state);

// InvalidArgument "<source>: <field path>: ..." when a value cannot be
// converted.
absl::StatusOr<EngineState> EngineStateFromProto(const proto::EngineState& message,
                                                 absl::string_view source);

}  // namespace acd

#endif  // ACD_STATE_CODEC_H_
