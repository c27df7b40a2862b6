// ProtoStateCodec (acd/journal.h): engine snapshots as checksummed
// acd.proto.EngineState messages.

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/engine.h"
#include "acd/engine_state.h"
#include "acd/journal.h"
#include "acd/state_codec.h"
#include "acd/status_macros.h"
#include "lib/router/crc32c.h"

namespace acd {
namespace {

constexpr size_t kChecksumBytes = 4;

}  // namespace

absl::StatusOr<std::string> ProtoStateCodec::Save(const Engine& engine) {
  const std::string body = EngineStateToProto(engine.ExportState()).SerializeAsString();
  const uint32_t crc = router_internal::Crc32c(body);
  std::string out(kChecksumBytes, '\0');
  for (size_t i = 0; i < kChecksumBytes; ++i) out[i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
  return out + body;
}

absl::StatusOr<std::unique_ptr<Engine>> ProtoStateCodec::Load(const CenterConfig& /*config*/,
                                                              absl::string_view state) {
  if (state.size() < kChecksumBytes)
    return absl::DataLossError("snapshot: shorter than its header");
  uint32_t crc = 0;
  for (size_t i = 0; i < kChecksumBytes; ++i) {
    crc |= static_cast<uint32_t>(static_cast<unsigned char>(state[i])) << (8 * i);
  }
  const absl::string_view body = state.substr(kChecksumBytes);
  if (router_internal::Crc32c(body) != crc) {
    return absl::DataLossError("snapshot: checksum mismatch (the snapshot is damaged)");
  }
  proto::EngineState message;
  if (!message.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    return absl::DataLossError("snapshot: not an acd.proto.EngineState message");
  }
  ACD_ASSIGN_OR_RETURN(EngineState decoded, EngineStateFromProto(message, "snapshot"));
  return Engine::Restore(decoded);
}

}  // namespace acd
