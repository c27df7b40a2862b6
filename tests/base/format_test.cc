#include "acd/format.h"

#include "doctest/doctest.h"
#include "fmt/format.h"

namespace acd {
namespace {

TEST_CASE("fmt prints absl::string_view and absl::Status") {
  CHECK(fmt::format("[{}]", absl::string_view("queue")) == "[queue]");
  CHECK(fmt::format("{:>6}", absl::string_view("ab")) == "    ab");
  CHECK(fmt::format("{}", absl::NotFoundError("agent 3")) == "NOT_FOUND: agent 3");
  CHECK(fmt::format("{}", absl::OkStatus()) == "OK");
}

TEST_CASE("fmt prints ids as numbers and times as seconds") {
  CHECK(fmt::format("{}", AgentId(4)) == "4");
  CHECK(fmt::format("{}", InteractionId(1234567890123)) == "1234567890123");
  CHECK(fmt::format("{}", Milliseconds(1500)) == "1.5s");
  CHECK(fmt::format("{}", Time() + Seconds(2)) == "2s");
}

}  // namespace
}  // namespace acd
