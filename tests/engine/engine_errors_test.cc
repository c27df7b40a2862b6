// Bad commands and bad configuration: a clear error, and nothing changes.

#include <string>

#include "acd/engine.h"
#include "doctest/doctest.h"
#include "tests/testing/engine_fixture.h"

namespace acd {
namespace {

using testing::At;
using testing::EngineUnderTest;
using testing::SimpleCenter;

const WorkgroupId kSupport(0);

bool StartsWith(absl::string_view s, absl::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// An engine with agent 0 alerting on interaction 1, agent 1 connected to 2,
// interaction 3 waiting, and a wrap-up timer pending for agent 2.
struct BusyCenter {
  BusyCenter() : e(Center()) {
    for (uint32_t a = 0; a < 3; ++a) e.Do(LogIn{.now = At(0), .agent = AgentId(a)});
    e.Do(Arrive{.now = At(1), .interaction = InteractionId(9), .workgroup = kSupport});
    e.Do(Accept{.now = At(1), .interaction = InteractionId(9)});
    e.Do(Disconnect{.now = At(2), .interaction = InteractionId(9)});  // agent 0 wraps up
    e.Do(Arrive{.now = At(3), .interaction = InteractionId(1), .workgroup = kSupport});
    e.Do(Arrive{.now = At(3), .interaction = InteractionId(2), .workgroup = kSupport});
    e.Do(Accept{.now = At(4), .interaction = InteractionId(2)});
    e.Do(Arrive{.now = At(5), .interaction = InteractionId(3), .workgroup = kSupport});
    e.observer.Clear();
  }

  static CenterConfig Center() {
    CenterConfig center = SimpleCenter(3);
    center.workgroups[0].wrap_up = Seconds(100);
    return center;
  }

  std::string Snapshot() { return e.Snapshot({1, 2, 3, 9}); }

  // Applies a command that must fail with `code`, and checks that nothing
  // observable changed and nothing was reported.
  std::string Rejects(const Command& command, absl::StatusCode code) {
    const std::string before = Snapshot();
    absl::Status status = e->Apply(command);
    CHECK(status.code() == code);
    CHECK(Snapshot() == before);
    CHECK(e.observer.log.empty());
    return std::string(status.message());
  }

  EngineUnderTest e;
};

TEST_CASE("the busy center starts in the states the error tests rely on") {
  BusyCenter c;
  CHECK(c.e.Interaction(9).state == InteractionState::kWrapUp);
  CHECK(c.e.Interaction(1).state == InteractionState::kAlerting);
  CHECK(c.e.Interaction(2).state == InteractionState::kConnected);
  CHECK(c.e.Interaction(3).state == InteractionState::kWaiting);
}

TEST_CASE("accepting an interaction that is not alerting fails and changes nothing") {
  BusyCenter c;
  CHECK(c.Rejects(Accept{.now = At(5), .interaction = InteractionId(3)},
                  absl::StatusCode::kFailedPrecondition) ==
        "interaction 3: is waiting, not alerting");
  c.Rejects(Accept{.now = At(5), .interaction = InteractionId(2)},
            absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("logging in an agent who is logged in fails and changes nothing") {
  BusyCenter c;
  CHECK(c.Rejects(LogIn{.now = At(5), .agent = AgentId(1)},
                  absl::StatusCode::kFailedPrecondition) == "agent a1: already logged in");
}

TEST_CASE("logging out an agent who is not logged in fails and changes nothing") {
  BusyCenter c;
  REQUIRE(c.e->Apply(LogOut{.now = At(5), .agent = AgentId(1)}).ok());
  c.e.observer.Clear();
  CHECK(c.Rejects(LogOut{.now = At(5), .agent = AgentId(1)},
                  absl::StatusCode::kFailedPrecondition) == "agent a1: not logged in");
}

TEST_CASE("ending wrap-up for an agent not in wrap-up fails and changes nothing") {
  BusyCenter c;
  c.Rejects(EndWrapUp{.now = At(5), .agent = AgentId(1)}, absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("disconnecting an interaction in wrap-up fails and changes nothing") {
  BusyCenter c;
  c.Rejects(Disconnect{.now = At(5), .interaction = InteractionId(9)},
            absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("unknown agents, statuses, workgroups and interactions are NotFound") {
  BusyCenter c;
  c.Rejects(LogIn{.now = At(5), .agent = AgentId(17)}, absl::StatusCode::kNotFound);
  c.Rejects(SetStatus{.now = At(5), .agent = AgentId(1), .status = StatusId(99)},
            absl::StatusCode::kNotFound);
  c.Rejects(Arrive{.now = At(5), .interaction = InteractionId(50), .workgroup = WorkgroupId(4)},
            absl::StatusCode::kNotFound);
  c.Rejects(Accept{.now = At(5), .interaction = InteractionId(404)}, absl::StatusCode::kNotFound);
  CHECK(c.e->FindAgent("nobody").status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("an interaction id already in use is AlreadyExists") {
  BusyCenter c;
  c.Rejects(Arrive{.now = At(5), .interaction = InteractionId(3), .workgroup = kSupport},
            absl::StatusCode::kAlreadyExists);
}

TEST_CASE("a priority outside 0..1000 is InvalidArgument") {
  BusyCenter c;
  c.Rejects(
      Arrive{
          .now = At(5), .interaction = InteractionId(50), .workgroup = kSupport, .priority = 1001},
      absl::StatusCode::kInvalidArgument);
}

TEST_CASE("a command dated before the engine's clock is InvalidArgument and changes nothing") {
  BusyCenter c;
  CHECK(StartsWith(
      c.Rejects(Arrive{.now = At(4), .interaction = InteractionId(50), .workgroup = kSupport},
                absl::StatusCode::kInvalidArgument),
      "now: 4 s is before"));
  CHECK(c.e->AdvanceTo(At(1)).code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("an observer that calls back into the engine is refused") {
  struct Reentrant : Observer {
    Engine* engine = nullptr;
    absl::Status seen;
    void OnOffer(const OfferEvent& offer) override {
      seen = engine->Apply(Accept{.now = offer.now, .interaction = offer.interaction});
    }
  };
  auto engine = *Engine::Create(SimpleCenter(1));
  Reentrant observer;
  observer.engine = engine.get();
  engine->SetObserver(&observer);
  REQUIRE(engine->Apply(LogIn{.now = At(0), .agent = AgentId(0)}).ok());
  REQUIRE(
      engine->Apply(Arrive{.now = At(1), .interaction = InteractionId(1), .workgroup = kSupport})
          .ok());
  CHECK(observer.seen.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(engine->GetInteraction(InteractionId(1))->state == InteractionState::kAlerting);
}

absl::Status CreateError(const CenterConfig& center) { return Engine::Create(center).status(); }

TEST_CASE("configuration errors name the offending field") {
  CenterConfig center = SimpleCenter(2);
  center.agents[1].workgroups[0].workgroup = "Sales";
  CHECK(std::string(CreateError(center).message()) ==
        "agents[1].workgroups[0].workgroup: unknown workgroup \"Sales\"");

  center = SimpleCenter(2);
  center.agents[1].name = "a0";
  CHECK(std::string(CreateError(center).message()) == "agents[1].name: \"a0\" repeats agents[0]");

  center = SimpleCenter(1);
  center.workgroups[0].alert_timeout = Seconds(5);
  CHECK(StartsWith(CreateError(center).message(), "workgroups[0].alert_timeout: 5 s is under"));

  center = SimpleCenter(1);
  center.workgroups[0].wrap_up = Seconds(7201);
  CHECK(StartsWith(CreateError(center).message(), "workgroups[0].wrap_up: 7201 s is outside"));

  center = SimpleCenter(1);
  center.available_status = "Away From Desk";
  CHECK(CreateError(center).code() == absl::StatusCode::kInvalidArgument);

  center = SimpleCenter(1);
  center.agents[0].workgroups.push_back({.workgroup = "Support"});
  CHECK(StartsWith(CreateError(center).message(), "agents[0].workgroups[1].workgroup: workgroup"));
}

}  // namespace
}  // namespace acd
