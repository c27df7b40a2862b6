// The validated, numbered form of a CenterConfig that the engine works from.
//
// `Center::Build` checks a CenterConfig once (unique names, known
// references, ranges: those that need no names are in config_checks.h) and
// resolves every name to a dense id, so that routing never looks up a
// string. It also flattens each agent's skills (own levels over inherited
// ones) into a table indexed by SkillId, and each workgroup's utilization
// into a table indexed by media.

#ifndef ACD_LIB_ENGINE_CENTER_H_
#define ACD_LIB_ENGINE_CENTER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/config.h"
#include "acd/ids.h"
#include "acd/media.h"
#include "acd/stats.h"

namespace acd::internal {

inline int MediaIndex(MediaType media) { return static_cast<int>(media); }

// Work items and generic objects: the alert timeout is a pickup time limit,
// whose expiry re-routes the item without penalizing the agent.
inline bool HasPickupLimit(MediaType media) {
  return media == MediaType::kWorkItem || media == MediaType::kGeneric;
}

// Work items and generic objects transferred to an agent are delivered
// whatever its status, do-not-disturb included (docs/design.md 3.8).
inline bool TransferIgnoresStatus(MediaType media) { return HasPickupLimit(media); }

struct Utilization {
  int percent = 100;
  int max_assign = 1;
};

// An agent's level in one skill; proficiency 0 means the agent lacks it.
// Two bytes, so that an agent's table over every skill stays small.
struct SkillValue {
  uint8_t proficiency = 0;
  uint8_t desire = 0;
};

struct WorkgroupModel {
  StatusId wrap_up_status;
  StatusId no_answer_status;
  // Where the in-queue timeout moves interactions; invalid without one.
  WorkgroupId overflow;
  // Where an interaction held too long is transferred (MaxHoldAction::
  // kTransfer); invalid otherwise.
  WorkgroupId max_hold_target;
  std::array<Utilization, kMediaTypeCount> utilization;
  // All members, active or not, ascending.
  std::vector<AgentId> members;
  // The members' skills by skill, so that a scan over members reads one
  // short contiguous column per required skill: for each skill some member
  // has (ascending), the members' values by member index, column c at
  // columns[c * members.size()].
  std::vector<SkillId> column_skills;
  std::vector<SkillValue> columns;
  // Per column, the members with a nonzero proficiency in its skill as a
  // bitmap (bit i of word i / 64), column c at column_bits[c * words]: a
  // member outside it fails any requirement of the skill (rule 4), so that
  // a scan drops them a word at a time.
  std::vector<uint64_t> column_bits;

  // Members' values of `skill` by member index; nullptr when every member's
  // value is zero.
  const SkillValue* Column(SkillId skill) const;
  // The bitmap of `skill`'s column (column_bits); nullptr when every
  // member's value is zero.
  const uint64_t* ColumnBits(SkillId skill) const;
};

struct AgentModel {
  // Memberships, ascending by workgroup, with their configured activation.
  std::vector<WorkgroupId> workgroups;
  std::vector<bool> initially_active;
  // The agent's position in each of those workgroups' member lists.
  std::vector<uint32_t> member_index;
  // Some media takes 0 % of this agent, so even a fully used agent may take
  // more.
  bool takes_zero_percent = false;
  // Indexed by SkillId.
  std::vector<SkillValue> skills;
  std::array<std::optional<Utilization>, kMediaTypeCount> utilization;
  // Per membership, the share each media takes (UtilizationFor).
  std::vector<std::array<Utilization, kMediaTypeCount>> shares;
  std::array<bool, kMediaTypeCount> auto_answer{};
};

// Appends to `config.skills` the skill names of `levels` it does not list
// yet, in order: the roster commands grow the skill vocabulary.
void AddNewSkills(const std::vector<SkillLevel>& levels, CenterConfig& config);

class Center {
 public:
  // InvalidArgument, naming the field, if `config` is not valid. With
  // `allow_removed` (a configuration changed by the roster commands of
  // acd/commands.h, or restored from a snapshot), an agent or workgroup
  // with an empty name is a removed one: it is not checked, it has no
  // memberships, no member and no name, and it is stored as a default
  // entry with an empty name.
  static absl::StatusOr<Center> Build(const CenterConfig& config, bool allow_removed = false);

  const CenterConfig& config() const { return config_; }
  int agent_count() const { return static_cast<int>(config_.agents.size()); }
  int workgroup_count() const { return static_cast<int>(config_.workgroups.size()); }
  int status_count() const { return static_cast<int>(config_.statuses.size()); }
  int skill_count() const { return static_cast<int>(config_.skills.size()); }

  const StatusConfig& status(StatusId id) const { return config_.statuses[id.value()]; }
  const WorkgroupConfig& workgroup(WorkgroupId id) const { return config_.workgroups[id.value()]; }
  const WorkgroupModel& workgroup_model(WorkgroupId id) const {
    return workgroup_models_[id.value()];
  }
  const AgentConfig& agent(AgentId id) const { return config_.agents[id.value()]; }
  const AgentModel& agent_model(AgentId id) const { return agent_models_[id.value()]; }
  // Removed by RemoveAgent / RemoveWorkgroup (an entry with an empty name).
  bool removed(AgentId id) const { return config_.agents[id.value()].name.empty(); }
  bool removed(WorkgroupId id) const { return config_.workgroups[id.value()].name.empty(); }
  StatusId available_status() const { return available_status_; }

  // The share an interaction of `media` from workgroup `wg` takes of `agent`.
  Utilization UtilizationFor(AgentId agent, WorkgroupId wg, MediaType media) const {
    const auto& own = agent_models_[agent.value()].utilization[MediaIndex(media)];
    return own ? *own : workgroup_models_[wg.value()].utilization[MediaIndex(media)];
  }

  // Index of `wg` among the agent's memberships, or -1.
  int MembershipIndex(AgentId agent, WorkgroupId wg) const;
  // The agent's index in `wg`'s member list, or -1 if it is no member.
  int64_t MemberIndex(AgentId agent, WorkgroupId wg) const {
    const int m = MembershipIndex(agent, wg);
    return m < 0 ? -1 : static_cast<int64_t>(agent_models_[agent.value()].member_index[m]);
  }

  // Invalid ids when the name is unknown.
  AgentId FindAgent(absl::string_view name) const;
  WorkgroupId FindWorkgroup(absl::string_view name) const;
  StatusId FindStatus(absl::string_view name) const;
  SkillId FindSkill(absl::string_view name) const;

 private:
  absl::Status BuildWorkgroups();
  absl::Status BuildAgents();
  void BuildColumns();

  CenterConfig config_;
  std::vector<WorkgroupModel> workgroup_models_;
  std::vector<AgentModel> agent_models_;
  StatusId available_status_;
  absl::flat_hash_map<std::string, AgentId> agents_by_name_;
  absl::flat_hash_map<std::string, WorkgroupId> workgroups_by_name_;
  absl::flat_hash_map<std::string, StatusId> statuses_by_name_;
  absl::flat_hash_map<std::string, SkillId> skills_by_name_;
};

}  // namespace acd::internal

#endif  // ACD_LIB_ENGINE_CENTER_H_
