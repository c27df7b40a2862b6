#include "sim/scenario_source.h"

#include <utility>

#include "acd/proto/scenario.pb.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "lib/common/fnv1a.h"
#include "sim/input_file.h"

namespace acd::sim {

struct ParsedScenario::Rep {
  proto::Scenario message;
  TextProtoFile file = TextProtoFile::Unlocated("");
};

ParsedScenario::ParsedScenario(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
ParsedScenario::ParsedScenario(ParsedScenario&&) noexcept = default;
ParsedScenario& ParsedScenario::operator=(ParsedScenario&&) noexcept = default;
ParsedScenario::~ParsedScenario() = default;

absl::StatusOr<ParsedScenario> ParsedScenario::Parse(absl::string_view filename,
                                                     absl::string_view text) {
  auto rep = std::make_unique<Rep>();
  ACD_ASSIGN_OR_RETURN(rep->file, TextProtoFile::Parse(filename, text, rep->message));
  return ParsedScenario(std::move(rep));
}

absl::StatusOr<ParsedScenario> ParsedScenario::ParseFile(const std::string& path) {
  auto rep = std::make_unique<Rep>();
  ACD_ASSIGN_OR_RETURN(std::string text, ReadInputFile(path, "scenario", kMaxScenarioBytes));
  ACD_ASSIGN_OR_RETURN(rep->file, TextProtoFile::Parse(path, text, rep->message));
  return ParsedScenario(std::move(rep));
}

proto::Scenario& ParsedScenario::message() { return rep_->message; }

std::string ParsedScenario::Fingerprint() const {
  proto::Scenario canonical = rep_->message;
  canonical.clear_seed();
  canonical.clear_replications();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    canonical.SerializeToCodedStream(&coded);
  }
  return fmt::format("fnv1a64:{:016x}", Fnv1a64(bytes));
}

absl::StatusOr<Scenario> ParsedScenario::Convert() const {
  return ConvertScenario(rep_->message, rep_->file);
}

}  // namespace acd::sim
