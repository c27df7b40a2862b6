// A mutated state (issue 13, item 4): states exported from seeded random
// streams, with one field changed by protobuf reflection to a hostile value
// (an id, count or time off by one, zero, negative or at its type's limit, a
// repeated entry dropped), are either refused by EngineStateFromProto or
// Engine::Restore with a message, or restore to an engine that passes its
// invariant check (this test links the checked engine: every command and
// timer ends with the check, which aborts on a broken invariant) and runs
// its timers. Each mutated state is tried in a child process, so that a
// crash, an abort or a hang is counted and reported with the mutation;
// ACD_MUTATED_STATE_DIR=DIR also writes each such state there, as the
// `state` fuzz target reads it (tests/fuzz/); ACD_MUTATED_STATE_SEEDS=N
// tries the streams of seeds 1..N (60 by default, ten mutations each).
//
// Restore checks every cross-reference, counter and time of the state
// (issue 13); the last two mutations that broke the engine (a waiting
// interaction's entered_queue_us at 2^62, seed 5; a workgroup's
// answer_waits[0].at_us at the lowest int64, seed 59, under
// UndefinedBehaviorSanitizer) are refused now, and kept as regressions of
// the `state` fuzz target.

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "acd/engine.h"
#include "acd/proto/engine_state.pb.h"
#include "acd/state_codec.h"
#include "doctest/doctest.h"
#include "fmt/format.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/reflection.h"
#include "tests/testing/random_streams.h"

namespace acd {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using testing::Chooser;

constexpr uint64_t kStreams = 60;
constexpr int kMutationsPerState = 10;

// One scalar slot of a message tree: the message, the field, the index (-1
// for a singular field), and its path for reports.
struct Slot {
  Message* message;
  const FieldDescriptor* field;
  int index;
  std::string path;
};

void CollectSlots(Message& message, const std::string& path, std::vector<Slot>& out) {
  const google::protobuf::Descriptor* d = message.GetDescriptor();
  const google::protobuf::Reflection* r = message.GetReflection();
  for (int f = 0; f < d->field_count(); ++f) {
    const FieldDescriptor* field = d->field(f);
    const std::string name = path + "." + std::string(field->name());
    if (field->is_repeated()) {
      const int n = r->FieldSize(message, field);
      // Index n - 1 with a negative index means "drop the last entry".
      if (n > 0) out.push_back({&message, field, -2, name + "[last dropped]"});
      for (int k = 0; k < n; ++k) {
        if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          CollectSlots(*r->MutableRepeatedMessage(&message, field, k),
                       fmt::format("{}[{}]", name, k), out);
        } else {
          out.push_back({&message, field, k, fmt::format("{}[{}]", name, k)});
        }
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (r->HasField(message, field)) CollectSlots(*r->MutableMessage(&message, field), name, out);
    } else {
      out.push_back({&message, field, -1, name});
    }
  }
}

// value * mul + add, wrapping around for integers (no signed overflow).
template <typename T>
T Shifted(T value, int mul, int add) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(value) * static_cast<U>(mul) + static_cast<U>(add));
  } else {
    return static_cast<T>(value * mul + add);
  }
}

template <typename T>
T Hostile(Chooser& pick, T value) {
  using L = std::numeric_limits<T>;
  const T choices[] = {T(0),     T(1),     Shifted(value, 1, 1), Shifted(value, 1, -1),
                       L::max(), L::min(), T(L::max() / 2 + 1),  Shifted(value, 2, 7)};
  return choices[pick.Below(8)];
}

// Changes `slot` to a hostile value; a description of the change.
std::string Mutate(const Slot& slot, Chooser& pick) {
  Message& m = *slot.message;
  const google::protobuf::Reflection* r = m.GetReflection();
  const FieldDescriptor* f = slot.field;
  if (slot.index == -2) {
    r->RemoveLast(&m, f);
    return slot.path;
  }
  const bool rep = slot.index >= 0;
  const int k = slot.index;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32: {
      const int32_t v = Hostile(pick, rep ? r->GetRepeatedInt32(m, f, k) : r->GetInt32(m, f));
      rep ? r->SetRepeatedInt32(&m, f, k, v) : r->SetInt32(&m, f, v);
      return fmt::format("{} = {}", slot.path, v);
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      const int64_t v = Hostile(pick, rep ? r->GetRepeatedInt64(m, f, k) : r->GetInt64(m, f));
      rep ? r->SetRepeatedInt64(&m, f, k, v) : r->SetInt64(&m, f, v);
      return fmt::format("{} = {}", slot.path, v);
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      const uint32_t v = Hostile(pick, rep ? r->GetRepeatedUInt32(m, f, k) : r->GetUInt32(m, f));
      rep ? r->SetRepeatedUInt32(&m, f, k, v) : r->SetUInt32(&m, f, v);
      return fmt::format("{} = {}", slot.path, v);
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      const uint64_t v = Hostile(pick, rep ? r->GetRepeatedUInt64(m, f, k) : r->GetUInt64(m, f));
      rep ? r->SetRepeatedUInt64(&m, f, k, v) : r->SetUInt64(&m, f, v);
      return fmt::format("{} = {}", slot.path, v);
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const double v = pick.Of({-1.0, 0.0, 1e300, -1e300, std::nan(""),
                                std::numeric_limits<double>::infinity()});
      rep ? r->SetRepeatedDouble(&m, f, k, v) : r->SetDouble(&m, f, v);
      return fmt::format("{} = {}", slot.path, v);
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      const bool v = !(rep ? r->GetRepeatedBool(m, f, k) : r->GetBool(m, f));
      rep ? r->SetRepeatedBool(&m, f, k, v) : r->SetBool(&m, f, v);
      return fmt::format("{} = {}", slot.path, v);
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int v = pick.Of({-1, 1, 2, 99});
      rep ? r->SetRepeatedEnumValue(&m, f, k, v) : r->SetEnumValue(&m, f, v);
      return fmt::format("{} = {}", slot.path, v);
    }
    default:
      return slot.path + " (not changed)";
  }
}

// In a child process: decode, restore and exercise the state; exits 0
// (refused or fine), or dies.
[[noreturn]] void TryInChild(const proto::EngineState& message) {
  alarm(10);
  // The engine's own diagnostics would drown the report.
  if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(5);
  absl::StatusOr<EngineState> state = EngineStateFromProto(message, "mutated");
  if (!state.ok()) _exit(state.status().message().empty() ? 3 : 0);
  absl::StatusOr<std::unique_ptr<Engine>> engine = Engine::Restore(*state);
  if (!engine.ok()) _exit(engine.status().message().empty() ? 3 : 0);
  Engine& e = **engine;
  // A refused command still ends with the invariant check.
  (void)e.Apply(LogOut{.now = e.now(), .agent = AgentId()});
  for (int k = 0; k < 32; ++k) {
    const Time due = e.NextDeadline();
    if (due == Time::Infinite()) break;
    if (!e.AdvanceTo(due).ok()) _exit(4);
  }
  _exit(0);
}

TEST_CASE("a mutated state is refused or restores to an engine that passes its invariant check") {
  const char* dir = std::getenv("ACD_MUTATED_STATE_DIR");
  const char* seeds = std::getenv("ACD_MUTATED_STATE_SEEDS");
  const uint64_t streams = seeds != nullptr ? std::strtoull(seeds, nullptr, 10) : kStreams;
  REQUIRE_MESSAGE(streams > 0, "ACD_MUTATED_STATE_SEEDS must be a positive number");
  int tried = 0;
  std::vector<std::string> broken;
  for (uint64_t seed = 1; seed <= streams; ++seed) {
    Chooser pick(seed);
    const CenterConfig center = testing::RandomCenter(pick);
    std::unique_ptr<Engine> engine = std::move(Engine::Create(center)).value();
    for (const testing::Step& step : testing::MakeStream(pick, center, 40 + pick.Below(80))) {
      (void)(step.advance ? engine->AdvanceTo(step.time) : engine->Apply(step.command));
    }
    const proto::EngineState original = EngineStateToProto(engine->ExportState());
    for (int m = 0; m < kMutationsPerState; ++m) {
      proto::EngineState mutated = original;
      std::vector<Slot> slots;
      CollectSlots(mutated, "state", slots);
      REQUIRE(!slots.empty());
      const std::string change = Mutate(slots[pick.Below(static_cast<int>(slots.size()))], pick);
      ++tried;
      std::cout.flush();
      std::cerr.flush();
      std::fflush(nullptr);
      const pid_t child = fork();
      REQUIRE(child >= 0);
      if (child == 0) TryInChild(mutated);
      int status = 0;
      REQUIRE(waitpid(child, &status, 0) == child);
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
      if (dir != nullptr) {
        std::ofstream(fmt::format("{}/mutated-{}-{}.pb", dir, seed, m), std::ios::binary)
            << mutated.SerializeAsString();
      }
      broken.push_back(fmt::format(
          "seed {}: {}: {}", seed, change,
          WIFSIGNALED(status) ? fmt::format("killed by signal {}", WTERMSIG(status))
                              : fmt::format("exit {}", WEXITSTATUS(status))));
    }
  }
  MESSAGE(fmt::format("{} mutated states tried, {} broke the engine", tried, broken.size()));
  for (const std::string& b : broken) MESSAGE(b);
  CHECK(broken.empty());
}

}  // namespace
}  // namespace acd
