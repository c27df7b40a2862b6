// What every fuzz target does when an input breaks a promise that is not a
// crash by itself: print what broke and abort, so that libFuzzer (or the
// replaying main) reports the input as a finding.

#ifndef ACD_TESTS_FUZZ_FUZZ_CHECK_H_
#define ACD_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/status/status.h"

namespace acd::fuzz {

[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::abort();
}

// A refusal must say what is wrong: a non-empty message, and not Internal
// (which the library reserves for its own bugs).
inline void ExpectClearError(const absl::Status& status, const char* call) {
  if (status.ok()) return;
  if (status.message().empty()) Fail(std::string(call) + " failed without a message");
  if (status.code() == absl::StatusCode::kInternal) {
    Fail(std::string(call) + " reported an internal error: " + status.ToString());
  }
}

}  // namespace acd::fuzz

#endif  // ACD_TESTS_FUZZ_FUZZ_CHECK_H_
