#include "acd/config_writer.h"

#include <memory>
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

// IceLib (Interaction Center Extension Library) reference: an offering
// timeout of 0 means the default, 15 s (docs/sources.md).
TEST_CASE("an alert timeout of 0 is written as the 15 s it means, and loads back as 15 s") {
  CenterConfig center;
  center.statuses = DefaultStatuses();  // as the engine fills them in
  center.workgroups.push_back({.name = "Support", .alert_timeout = Duration::Zero()});
  const proto::CenterConfig written = CenterConfigToProto(center);
  CHECK(written.workgroups(0).alert_timeout_s() == 15.0);
  absl::StatusOr<CenterConfig> loaded = LoadCenterConfig("written.txtpb", Text(written));
  REQUIRE(loaded.ok());
  CHECK(loaded->workgroups[0].alert_timeout == Seconds(15));
  // Written alike, the two forms are one configuration.
  center.workgroups[0].alert_timeout = Seconds(15);
  CHECK(Text(CenterConfigToProto(center)) == Text(written));
  // The engine stores it as it means it, so its configuration writes alike.
  center.workgroups[0].alert_timeout = Duration::Zero();
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(center);
  REQUIRE(engine.ok());
  CHECK((*engine)->config().workgroups[0].alert_timeout == Seconds(15));
  CHECK(Text(CenterConfigToProto((*engine)->config())) == Text(CenterConfigToProto(*loaded)));
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
