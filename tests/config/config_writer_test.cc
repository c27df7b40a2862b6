#include "acd/config_writer.h"

#include <string>

#include "acd/config_loader.h"
#include "acd/engine.h"
#include "doctest/doctest.h"
#include "google/protobuf/text_format.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

std::string Text(const proto::CenterConfig& message) {
  std::string text;
  REQUIRE(google::protobuf::TextFormat::PrintToString(message, &text));
  return text;
}

TEST_CASE("a configuration written out and loaded again is the same configuration") {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    testing::Chooser pick(seed);
    CenterConfig center = testing::RandomCenter(pick);
    center.statuses = DefaultStatuses();
    center.workgroups[0].queue_capacity = static_cast<int>(seed % 3) - 1;
    const proto::CenterConfig written = CenterConfigToProto(center);
    // Through the text format, as a file would hold it.
    absl::StatusOr<CenterConfig> loaded = LoadCenterConfig("written.txtpb", Text(written));
    INFO("seed ", seed, ": ", loaded.status().ToString());
    REQUIRE(loaded.ok());
    CHECK(Text(CenterConfigToProto(*loaded)) == Text(written));
    // The engine built from either makes no difference it could show.
    CHECK(Engine::Create(*loaded).ok());
  }
}

TEST_CASE("one workgroup or agent converts alone, errors naming the source") {
  CenterConfig center;
  center.workgroups.push_back({.name = "Support", .queue_timeout = Seconds(30)});
  const TextProtoFile record = TextProtoFile::Unlocated("journal@128");
  absl::StatusOr<WorkgroupConfig> wg =
      WorkgroupConfigFromProto(WorkgroupConfigToProto(center.workgroups[0]), record, "config");
  REQUIRE(wg.ok());
  CHECK(wg->queue_timeout == Seconds(30));
  proto::Agent agent = AgentConfigToProto({.name = "ann"});
  agent.add_auto_answer_media(static_cast<proto::Media>(99));
  absl::Status bad = AgentConfigFromProto(agent, record, "config").status();
  CHECK(bad.message() == "journal@128: config.auto_answer_media[0]: unknown media 99");
}

}  // namespace
}  // namespace acd
