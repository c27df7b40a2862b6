// The checks of a configuration's values that need no other part of it: the
// ranges of a workgroup's tiers, statistics and utilization, of an agent's
// utilization, and finite weights.
//
// Center::Build (center.cc) calls them while it reads each workgroup and
// agent, in field order, between the checks that resolve names; Engine's
// UpdateWorkgroup calls ValidateTiers on its own. Each returns
// InvalidArgument whose message starts with the field's path
// (docs/style.md 3).

#ifndef ACD_LIB_ENGINE_CONFIG_CHECKS_H_
#define ACD_LIB_ENGINE_CONFIG_CHECKS_H_

#include <array>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "acd/config.h"
#include "acd/media.h"
#include "lib/engine/center.h"

namespace acd::internal {

// InvalidArgument "<where>: <what>".
absl::Status InvalidField(absl::string_view where, absl::string_view what);

// InvalidArgument naming `where` unless `value` is finite.
absl::Status CheckFinite(double value, absl::string_view where);

// Reads a utilization list (`where`, e.g. "agents[2].utilization") into
// `out` by media: InvalidArgument unless each media is valid and listed at
// most once, with percent 0..100 and max assign 0..1000. Media not listed
// keep their value in `out`.
absl::Status CheckUtilization(const std::vector<MediaUtilization>& list, absl::string_view where,
                              std::array<std::optional<Utilization>, kMediaTypeCount>& out);

// InvalidArgument naming `path` (e.g. "tiers") unless the tiers are valid:
// at most five, thresholds 0..99 strictly decreasing, durations positive.
absl::Status ValidateTiers(const std::vector<TierConfig>& tiers, absl::string_view path);

// InvalidArgument naming `where` (e.g. "workgroups[1]") unless the
// workgroup's service-level thresholds (1..12, positive, strictly
// increasing) and statistics interval (positive) are valid.
absl::Status ValidateStatistics(const WorkgroupConfig& wg, absl::string_view where);

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_CONFIG_CHECKS_H_
