// The field list of acd/interaction_fields.h against the snapshot message
// acd.proto.InteractionState: every listed field is a proto field of the
// type its kind says, every proto field is listed, written apart or
// ignored; and a field added since the first format reads as its default
// from an older snapshot.

#include "acd/interaction_fields.h"

#include <memory>
#include <set>
#include <string>

#include "acd/engine.h"
#include "acd/engine_state.h"
#include "acd/state_codec.h"
#include "doctest/doctest.h"
#include "google/protobuf/descriptor.h"

namespace acd {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

#define ACD_FIELD_STRING(x) ACD_FIELD_STRING_I(x)
#define ACD_FIELD_STRING_I(x) #x

// The C++ type of the proto field that holds a field of `kind`.
FieldDescriptor::CppType ProtoType(FieldKind kind) {
  switch (kind) {
    case FieldKind::kId:
      return FieldDescriptor::CPPTYPE_UINT64;
    case FieldKind::kWorkgroup:
    case FieldKind::kAgent:
      return FieldDescriptor::CPPTYPE_UINT32;
    case FieldKind::kMedia:
      return FieldDescriptor::CPPTYPE_ENUM;
    case FieldKind::kState:
    case FieldKind::kInt:
    case FieldKind::kCount:
      return FieldDescriptor::CPPTYPE_INT32;
    case FieldKind::kBool:
      return FieldDescriptor::CPPTYPE_BOOL;
    case FieldKind::kMoment:
    case FieldKind::kTimer:
    case FieldKind::kDeadline:
    case FieldKind::kTime:
      return FieldDescriptor::CPPTYPE_INT64;
  }
  return FieldDescriptor::CPPTYPE_MESSAGE;
}

// Proto fields that are not in the list: the group's requirements and tiers
// (written apart), and the engine's old indexes (ignored on read, not
// written; Restore derives them).
const std::set<std::string> kWrittenApart = {"requirements", "tiers"};
const std::set<std::string> kIgnored = {"static_tier", "order_key"};
// The last field number of the first snapshot format; every later field is
// `optional`, so that an older snapshot reads it as its default.
constexpr int kFirstFormatFields = 31;

TEST_CASE("every listed interaction field is a proto field of its kind's type, and back") {
  const Descriptor* message = proto::InteractionState::descriptor();
  std::set<std::string> listed;
  const auto expect = [&](FieldKind kind, const std::string& name) {
    INFO("field ", name);
    listed.insert(name);
    const FieldDescriptor* field = message->FindFieldByName(name);
    REQUIRE(field != nullptr);
    CHECK(!field->is_repeated());
    CHECK(field->cpp_type() == ProtoType(kind));
    if (field->number() > kFirstFormatFields) CHECK(field->has_presence());
  };
#define ACD_EXPECT_FIELD(kind, type, name, default_value, live, view) \
  expect(FieldKind::kind, ACD_FIELD_STRING(ACD_INTERACTION_PROTO_NAME(kind, name)));
  ACD_INTERACTION_FIELDS(ACD_EXPECT_FIELD)
#undef ACD_EXPECT_FIELD
  CHECK(listed.count("agent_plus_one") == 1);
  CHECK(listed.count("last_held_us") == 1);
  for (int i = 0; i < message->field_count(); ++i) {
    const std::string name = message->field(i)->name();
    INFO("proto field ", name);
    CHECK(listed.count(name) + kWrittenApart.count(name) + kIgnored.count(name) == 1);
  }
}

TEST_CASE("the ignored proto fields are not written, and reading them changes nothing") {
  CenterConfig center;
  center.workgroups.push_back(
      {.name = "Support", .tiers = {{.threshold = 50, .duration = Seconds(10)}}});
  auto engine = std::move(Engine::Create(center)).value();
  REQUIRE(engine
              ->Apply(Arrive{.now = Time() + Seconds(1),
                             .interaction = InteractionId(1),
                             .workgroup = WorkgroupId(0),
                             .priority = 70})
              .ok());
  REQUIRE(engine->AdvanceTo(Time() + Seconds(30)).ok());
  proto::EngineState message = EngineStateToProto(engine->ExportState());
  REQUIRE(message.interactions_size() == 1);
  proto::InteractionState& x = *message.mutable_interactions(0);
  CHECK(x.static_tier() == 0);
  CHECK(x.order_key() == 0);
  const EngineState written = *EngineStateFromProto(message, "snapshot");
  x.set_static_tier(3);
  x.set_order_key(-1e9);
  const EngineState read = *EngineStateFromProto(message, "snapshot");
  auto restored = Engine::Restore(read);
  REQUIRE(restored.ok());
  CHECK(EngineStateToProto((*restored)->ExportState()).SerializeAsString() ==
        EngineStateToProto(written).SerializeAsString());
}

TEST_CASE("a snapshot from before a field was added reads it as the field's default") {
  CenterConfig center;
  center.workgroups.push_back({.name = "Support"});
  center.agents.push_back({.name = "a0", .workgroups = {{.workgroup = "Support"}}});
  auto engine = std::move(Engine::Create(center)).value();
  const Time start;
  REQUIRE(engine->Apply(LogIn{.now = start, .agent = AgentId(0)}).ok());
  REQUIRE(engine
              ->Apply(Arrive{.now = start + Seconds(1),
                             .interaction = InteractionId(1),
                             .workgroup = WorkgroupId(0)})
              .ok());
  REQUIRE(engine->Apply(Accept{.now = start + Seconds(2), .interaction = InteractionId(1)}).ok());
  REQUIRE(engine->Apply(Hold{.now = start + Seconds(3), .interaction = InteractionId(1)}).ok());
  proto::EngineState message = EngineStateToProto(engine->ExportState());
  REQUIRE(message.interactions_size() == 1);
  CHECK(message.interactions(0).last_held_us() == (start + Seconds(3)).microseconds());
  absl::StatusOr<EngineState> state = EngineStateFromProto(message, "snapshot");
  REQUIRE(state.ok());
  CHECK(state->interactions[0].last_held == start + Seconds(3));
  // Written before last_held existed: absent, not time zero.
  message.mutable_interactions(0)->clear_last_held_us();
  state = EngineStateFromProto(message, "snapshot");
  REQUIRE(state.ok());
  CHECK(state->interactions[0].last_held == Time::Infinite());
  CHECK(Engine::Restore(*state).ok());
}

}  // namespace
}  // namespace acd
