#include "lib/engine/config_checks.h"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/bounds.h"

namespace acd::internal {

absl::Status InvalidField(absl::string_view where, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(where, ": ", what));
}

absl::Status CheckFinite(double value, absl::string_view where) {
  if (!std::isfinite(value)) return InvalidField(where, "must be a finite number");
  return absl::OkStatus();
}

absl::Status CheckUtilization(const std::vector<MediaUtilization>& list, absl::string_view where,
                              std::array<std::optional<Utilization>, kMediaTypeCount>& out) {
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string at = absl::StrCat(where, "[", i, "]");
    const MediaUtilization& u = list[i];
    ACD_RETURN_IF_ERROR(CheckMedia(u.media, at + ".media"));
    if (u.percent < 0 || u.percent > 100) {
      return InvalidField(at + ".percent", absl::StrCat(u.percent, " is outside 0..100"));
    }
    if (u.max_assign < 0 || u.max_assign > 1000) {
      return InvalidField(at + ".max_assign", absl::StrCat(u.max_assign, " is outside 0..1000"));
    }
    auto& slot = out[MediaIndex(u.media)];
    if (slot)
      return InvalidField(at, absl::StrCat("media ", MediaName(u.media), " is listed twice"));
    slot = Utilization{u.percent, u.max_assign};
  }
  return absl::OkStatus();
}

absl::Status ValidateTiers(const std::vector<TierConfig>& tiers, absl::string_view path) {
  if (tiers.size() > 5) {
    return InvalidField(path, absl::StrCat(tiers.size(), " tiers; at most 5 are allowed"));
  }
  for (size_t k = 0; k < tiers.size(); ++k) {
    const std::string at = absl::StrCat(path, "[", k, "]");
    if (tiers[k].threshold < 0 || tiers[k].threshold > 99) {
      return InvalidField(at + ".threshold", absl::StrCat(tiers[k].threshold, " is outside 0..99"));
    }
    if (k > 0 && tiers[k].threshold >= tiers[k - 1].threshold) {
      return InvalidField(at + ".threshold", absl::StrCat(tiers[k].threshold, " is not below tier ",
                                                          k - 1, "'s ", tiers[k - 1].threshold));
    }
    if (tiers[k].duration <= Duration::Zero()) {
      return InvalidField(at + ".duration", "must be positive");
    }
    ACD_RETURN_IF_ERROR(CheckDuration(tiers[k].duration, Duration::Zero(), at + ".duration"));
  }
  return absl::OkStatus();
}

absl::Status ValidateStatistics(const WorkgroupConfig& wg, absl::string_view where) {
  const auto& thresholds = wg.service_level_thresholds;
  const std::string path = absl::StrCat(where, ".service_level_thresholds");
  if (thresholds.empty() || thresholds.size() > kMaxServiceLevelThresholds) {
    return InvalidField(path, absl::StrCat(thresholds.size(), " thresholds; 1..",
                                           kMaxServiceLevelThresholds, " are allowed"));
  }
  for (size_t i = 0; i < thresholds.size(); ++i) {
    if (thresholds[i] <= Duration::Zero()) {
      return InvalidField(absl::StrCat(path, "[", i, "]"), "must be positive");
    }
    ACD_RETURN_IF_ERROR(
        CheckDuration(thresholds[i], Duration::Zero(), absl::StrCat(path, "[", i, "]")));
    if (i > 0 && thresholds[i] <= thresholds[i - 1]) {
      return InvalidField(absl::StrCat(path, "[", i, "]"),
                          absl::StrCat(ToSeconds(thresholds[i]), " s is not above threshold ",
                                       i - 1, "'s ", ToSeconds(thresholds[i - 1]), " s"));
    }
  }
  if (wg.stats_interval <= Duration::Zero()) {
    return InvalidField(absl::StrCat(where, ".stats_interval"), "must be positive");
  }
  ACD_RETURN_IF_ERROR(
      CheckDuration(wg.stats_interval, Duration::Zero(), absl::StrCat(where, ".stats_interval")));
  return absl::OkStatus();
}

}  // namespace acd::internal
