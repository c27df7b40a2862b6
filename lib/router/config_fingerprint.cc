// ConfigFingerprint (acd/journal.h).

#include <string>

#include "acd/config_writer.h"
#include "acd/journal.h"
#include "acd/proto/center.pb.h"
#include "fmt/format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "lib/common/fnv1a.h"

namespace acd {

std::string ConfigFingerprint(const CenterConfig& config) {
  const proto::CenterConfig message = CenterConfigToProto(config);
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    // The same bytes in every process: map entries in key order.
    out.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&out);
  }
  return fmt::format("fnv1a64:{:016x}", Fnv1a64(bytes));
}

}  // namespace acd
