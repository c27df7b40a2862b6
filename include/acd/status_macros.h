// acd/status_macros.h: early-return helpers for absl::Status.
//
// Debian's Abseil (20220623) ships neither status macros nor absl/log, so acd
// defines the three it needs, once:
//
//   ACD_RETURN_IF_ERROR(expr);          // returns expr's Status if not ok
//   ACD_ASSIGN_OR_RETURN(lhs, expr);    // lhs = *expr, or returns its Status
//   ACD_CHECK(cond);                    // aborts with file:line if false
//
// Example:
//
//   absl::StatusOr<int> Parse(absl::string_view s);
//   absl::Status Use(absl::string_view s) {
//     ACD_ASSIGN_OR_RETURN(int n, Parse(s));
//     ACD_RETURN_IF_ERROR(Validate(n));
//     return absl::OkStatus();
//   }
//
// ACD_CHECK is for broken invariants of acd itself, never for bad input: bad
// input is an absl::Status error.

#ifndef ACD_STATUS_MACROS_H_
#define ACD_STATUS_MACROS_H_

#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ACD_STATUS_CONCAT_INNER_(a, b) a##b
#define ACD_STATUS_CONCAT_(a, b) ACD_STATUS_CONCAT_INNER_(a, b)

#define ACD_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::absl::Status acd_status_ = (expr);       \
    if (!acd_status_.ok()) return acd_status_; \
  } while (false)

#define ACD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return std::move(tmp).status();   \
  lhs = *std::move(tmp)

#define ACD_ASSIGN_OR_RETURN(lhs, expr) \
  ACD_ASSIGN_OR_RETURN_IMPL_(ACD_STATUS_CONCAT_(acd_statusor_, __LINE__), lhs, expr)

#define ACD_CHECK(cond)                                                                 \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: ACD_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (false)

#endif  // ACD_STATUS_MACROS_H_
