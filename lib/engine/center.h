// The validated, numbered form of a CenterConfig that the engine works from.
//
// `Center::Build` checks a CenterConfig once (unique names, known
// references, ranges) and resolves every name to a dense id, so that routing
// never looks up a string.

#ifndef ACD_LIB_ENGINE_CENTER_H_
#define ACD_LIB_ENGINE_CENTER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/config.h"
#include "acd/ids.h"

namespace acd::internal {

class Center {
 public:
  // InvalidArgument, naming the field, if `config` is not valid.
  static absl::StatusOr<Center> Build(const CenterConfig& config);

  const CenterConfig& config() const { return config_; }
  int agent_count() const { return static_cast<int>(config_.agents.size()); }
  int workgroup_count() const { return static_cast<int>(config_.workgroups.size()); }
  int status_count() const { return static_cast<int>(config_.statuses.size()); }

  const StatusConfig& status(StatusId id) const { return config_.statuses[id.value()]; }
  const WorkgroupConfig& workgroup(WorkgroupId id) const { return config_.workgroups[id.value()]; }
  const AgentConfig& agent(AgentId id) const { return config_.agents[id.value()]; }
  // The workgroups in which the agent is an activated member, ascending.
  const std::vector<WorkgroupId>& active_workgroups(AgentId id) const {
    return active_workgroups_[id.value()];
  }
  StatusId available_status() const { return available_status_; }

  // Invalid ids when the name is unknown.
  AgentId FindAgent(absl::string_view name) const;
  WorkgroupId FindWorkgroup(absl::string_view name) const;
  StatusId FindStatus(absl::string_view name) const;

 private:
  CenterConfig config_;
  std::vector<std::vector<WorkgroupId>> active_workgroups_;
  StatusId available_status_;
  absl::flat_hash_map<std::string, AgentId> agents_by_name_;
  absl::flat_hash_map<std::string, WorkgroupId> workgroups_by_name_;
  absl::flat_hash_map<std::string, StatusId> statuses_by_name_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_CENTER_H_
