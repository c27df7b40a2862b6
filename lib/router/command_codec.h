// lib/router/command_codec.h: acd::Command <-> acd.journal.Command (protobuf).
//
// Field for field; decoding checks what the wire cannot (a known media, a
// command present). Every encoder unpacks its command with a structured
// binding that names each field, so a field added to a command in
// acd/commands.h stops this file compiling until the journal carries it too;
// a command added to the variant trips the static_assert in the .cc.
//
// Thread safety: pure functions.

#ifndef ACD_LIB_ROUTER_COMMAND_CODEC_H_
#define ACD_LIB_ROUTER_COMMAND_CODEC_H_

#include "absl/status/statusor.h"
#include "acd/commands.h"
#include "acd/proto/journal.pb.h"

namespace acd::router_internal {

void EncodeCommand(const Command& command, journal::Command& out);

// InvalidArgument if no command is set or a value is out of its type's range.
absl::StatusOr<Command> DecodeCommand(const journal::Command& in);

}  // namespace acd::router_internal

#endif  // ACD_LIB_ROUTER_COMMAND_CODEC_H_
