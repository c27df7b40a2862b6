// acd/config_writer.h: a CenterConfig back into acd/proto/center.proto.
//
// The inverse of acd/config_loader.h: every field is written out, defaults
// included, so that loading the message gives back an equal configuration
// (durations are whole microseconds, written as seconds; an alert timeout of
// 0 is written as 15, the default it stands for). Used to journal
// reconfiguration commands and to snapshot an engine, and to save a
// configuration built in code as a text file.
//
// Example:
//
//   acd::proto::CenterConfig message = acd::CenterConfigToProto(engine->config());
//   std::string text;
//   google::protobuf::TextFormat::PrintToString(message, &text);
//
// Thread safety: pure functions.

#ifndef ACD_CONFIG_WRITER_H_
#define ACD_CONFIG_WRITER_H_

#include "acd/config.h"
#include "acd/media.h"
#include "acd/proto/center.pb.h"

namespace acd {

proto::CenterConfig CenterConfigToProto(const CenterConfig& config);
proto::Workgroup WorkgroupConfigToProto(const WorkgroupConfig& workgroup);
proto::Agent AgentConfigToProto(const AgentConfig& agent);

// The acd.proto.Media value of `media`.
proto::Media MediaToProto(MediaType media);

}  // namespace acd

#endif  // ACD_CONFIG_WRITER_H_
