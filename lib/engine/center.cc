#include "lib/engine/center.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"

namespace acd::internal {
namespace {

constexpr Duration kMinAlertTimeout = Seconds(7);
constexpr Duration kMaxWrapUp = Seconds(7200);

// Fills `index` with name -> id, rejecting empty and repeated names.
template <typename IdT, typename Item>
absl::Status IndexNames(absl::string_view field, const std::vector<Item>& items,
                        absl::flat_hash_map<std::string, IdT>& index) {
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& name = items[i].name;
    if (name.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(field, "[", i, "].name: must not be empty"));
    }
    auto [it, inserted] = index.emplace(name, IdT(static_cast<typename IdT::rep_type>(i)));
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, "[", i, "].name: \"", name, "\" repeats ", field, "[", it->second.value(), "]"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckWorkgroup(size_t i, const WorkgroupConfig& wg) {
  const std::string where = absl::StrCat("workgroups[", i, "]");
  if (wg.alert_timeout < kMinAlertTimeout) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ".alert_timeout: ", ToSeconds(wg.alert_timeout), " s is under the minimum of 7 s"));
  }
  if (wg.wrap_up < Duration::Zero() || wg.wrap_up > kMaxWrapUp) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ".wrap_up: ", ToSeconds(wg.wrap_up), " s is outside 0..7200 s"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Center> Center::Build(const CenterConfig& config) {
  Center center;
  center.config_ = config;
  CenterConfig& c = center.config_;
  if (c.statuses.empty()) c.statuses = DefaultStatuses();

  ACD_RETURN_IF_ERROR(IndexNames("statuses", c.statuses, center.statuses_by_name_));
  ACD_RETURN_IF_ERROR(IndexNames("workgroups", c.workgroups, center.workgroups_by_name_));
  ACD_RETURN_IF_ERROR(IndexNames("agents", c.agents, center.agents_by_name_));

  center.available_status_ = center.FindStatus(c.available_status);
  if (!center.available_status_.valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat("available_status: unknown status \"", c.available_status, "\""));
  }
  if (!center.status(center.available_status_).acd_available) {
    return absl::InvalidArgumentError(
        absl::StrCat("available_status: status \"", c.available_status, "\" is not acd_available"));
  }

  for (size_t i = 0; i < c.workgroups.size(); ++i) {
    ACD_RETURN_IF_ERROR(CheckWorkgroup(i, c.workgroups[i]));
  }

  center.active_workgroups_.resize(c.agents.size());
  for (size_t a = 0; a < c.agents.size(); ++a) {
    std::vector<WorkgroupId>& active = center.active_workgroups_[a];
    const auto& memberships = c.agents[a].workgroups;
    for (size_t m = 0; m < memberships.size(); ++m) {
      const std::string where = absl::StrCat("agents[", a, "].workgroups[", m, "]");
      WorkgroupId wg = center.FindWorkgroup(memberships[m].workgroup);
      if (!wg.valid()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": unknown workgroup \"", memberships[m].workgroup, "\""));
      }
      for (size_t earlier = 0; earlier < m; ++earlier) {
        if (memberships[earlier].workgroup == memberships[m].workgroup) {
          return absl::InvalidArgumentError(absl::StrCat(
              where, ": workgroup \"", memberships[m].workgroup, "\" is listed twice"));
        }
      }
      if (memberships[m].active) active.push_back(wg);
    }
    std::sort(active.begin(), active.end());
  }
  return center;
}

AgentId Center::FindAgent(absl::string_view name) const {
  auto it = agents_by_name_.find(name);
  return it == agents_by_name_.end() ? AgentId() : it->second;
}

WorkgroupId Center::FindWorkgroup(absl::string_view name) const {
  auto it = workgroups_by_name_.find(name);
  return it == workgroups_by_name_.end() ? WorkgroupId() : it->second;
}

StatusId Center::FindStatus(absl::string_view name) const {
  auto it = statuses_by_name_.find(name);
  return it == statuses_by_name_.end() ? StatusId() : it->second;
}

}  // namespace acd::internal
