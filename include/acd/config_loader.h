// acd/config_loader.h: reading a CenterConfig from a text file.
//
// The file format is the protobuf text format of `acd/proto/center.proto`.
// Loading checks the file's syntax and the values' ranges; errors name the
// file, line, column and field:
//
//   center.txtpb:9:3: workgroups[1].wrap_up_s: 9000 is outside 0..7200
//
// Example:
//
//   absl::StatusOr<acd::CenterConfig> center = acd::LoadCenterConfigFile("center.txtpb");
//   if (!center.ok()) { fmt::print(stderr, "{}\n", center.status().message()); return 1; }
//   auto engine = acd::Engine::Create(*center);
//
// Every check of ValidateCenterConfig runs here, and its error is reported at
// the position of the offending field in the file.

#ifndef ACD_CONFIG_LOADER_H_
#define ACD_CONFIG_LOADER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/config.h"
#include "acd/media.h"
#include "acd/text_proto.h"

namespace google::protobuf {
template <typename T>
class RepeatedPtrField;
}  // namespace google::protobuf

namespace acd {

namespace proto {
class Agent;
class CenterConfig;
class MediaUtilization;
class Workgroup;
}  // namespace proto

// Parses `text`; `filename` only labels errors.
absl::StatusOr<CenterConfig> LoadCenterConfig(absl::string_view filename, absl::string_view text);

// Reads and parses the file at `path`; NotFound if it cannot be read.
absl::StatusOr<CenterConfig> LoadCenterConfigFile(const std::string& path);

// Converts a message already parsed from `file`, where it sits at field path
// `path` ("" for the root, "center" inside a scenario); errors are located
// through `file`. For loaders of formats that embed a center (scenarios).
absl::StatusOr<CenterConfig> CenterConfigFromProto(const proto::CenterConfig& message,
                                                   const TextProtoFile& file,
                                                   absl::string_view path);

// As CenterConfigFromProto, for the configuration inside an engine state
// (acd/engine_state.h): an agent or workgroup with an empty name is one
// removed at run time (acd/commands.h), accepted as such; the others must
// be valid on their own. (An error's index then counts live entries only.)
absl::StatusOr<CenterConfig> StateCenterConfigFromProto(const proto::CenterConfig& message,
                                                        const TextProtoFile& file,
                                                        absl::string_view path);

// One workgroup's or agent's message at `path` of `file`, converted without
// the checks of ValidateCenterConfig (which need the whole center; the
// engine's UpdateWorkgroup and UpdateAgent run them). For formats that carry
// one (the command journal).
absl::StatusOr<WorkgroupConfig> WorkgroupConfigFromProto(const proto::Workgroup& message,
                                                         const TextProtoFile& file,
                                                         absl::string_view path);
absl::StatusOr<AgentConfig> AgentConfigFromProto(const proto::Agent& message,
                                                 const TextProtoFile& file, absl::string_view path);

// Per-media utilization entries as the center schema writes them (unset
// percent 100, unset max assign 1); InvalidArgument at `path`[i].media for an
// unknown media. For loaders of formats that reuse the message (scenarios).
absl::StatusOr<std::vector<MediaUtilization>> UtilizationFromProto(
    const google::protobuf::RepeatedPtrField<proto::MediaUtilization>& entries,
    const TextProtoFile& file, absl::string_view path);

// The MediaType of a value of the proto enum acd.proto.Media
// (MEDIA_UNSPECIFIED reads as a call), or nullopt for an unknown value.
std::optional<MediaType> MediaFromProto(int value);

}  // namespace acd

#endif  // ACD_CONFIG_LOADER_H_
