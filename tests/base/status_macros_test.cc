#include "acd/status_macros.h"

#include <type_traits>

#include "absl/status/statusor.h"
#include "acd/ids.h"
#include "doctest/doctest.h"

namespace acd {
namespace {

absl::StatusOr<int> Half(int x) {
  if (x % 2 != 0) return absl::InvalidArgumentError("odd");
  return x / 2;
}

absl::StatusOr<int> Quarter(int x) {
  ACD_ASSIGN_OR_RETURN(int half, Half(x));
  ACD_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

absl::Status CheckEven(int x) {
  ACD_RETURN_IF_ERROR(Half(x).status());
  return absl::OkStatus();
}

TEST_CASE("ACD_ASSIGN_OR_RETURN passes values through and returns the first error") {
  CHECK(*Quarter(8) == 2);
  CHECK(Quarter(6).status().message() == "odd");
  CHECK(Quarter(7).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("ACD_RETURN_IF_ERROR returns a failed status and continues on success") {
  CHECK(CheckEven(4).ok());
  CHECK(CheckEven(5).message() == "odd");
}

TEST_CASE("ids of different kinds are distinct types with an invalid default") {
  AgentId a;
  CHECK_FALSE(a.valid());
  CHECK(AgentId(3).valid());
  CHECK(AgentId(3) < AgentId(4));
  static_assert(!std::is_convertible_v<AgentId, WorkgroupId>);
}

}  // namespace
}  // namespace acd
