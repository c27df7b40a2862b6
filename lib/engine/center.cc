#include "lib/engine/center.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "lib/engine/bounds.h"
#include "lib/engine/config_checks.h"

namespace acd::internal {
namespace {

constexpr Duration kMinAlertTimeout = Seconds(7);
constexpr Duration kMaxWrapUp = Seconds(7200);

// Fills `index` with name -> id, rejecting empty and repeated names.
// `suffix` is the name's field within an item (".name"), or "" when the
// items are the names.
// With `allow_empty`, an empty name (a removed entry) is skipped.
template <typename IdT, typename Item, typename NameOf>
absl::Status IndexNames(absl::string_view field, absl::string_view suffix,
                        const std::vector<Item>& items, NameOf name_of,
                        absl::flat_hash_map<std::string, IdT>& index, bool allow_empty = false) {
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& name = name_of(items[i]);
    const std::string where = absl::StrCat(field, "[", i, "]", suffix);
    if (name.empty() && allow_empty) continue;
    if (name.empty()) return InvalidField(where, "must not be empty");
    ACD_RETURN_IF_ERROR(CheckUtf8(name, where));
    auto [it, inserted] = index.emplace(name, IdT(static_cast<typename IdT::rep_type>(i)));
    if (!inserted) {
      return InvalidField(
          where, absl::StrCat("\"", name, "\" repeats ", field, "[", it->second.value(), "]"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

void AddNewSkills(const std::vector<SkillLevel>& levels, CenterConfig& config) {
  for (const SkillLevel& level : levels) {
    if (level.skill.empty()) continue;  // refused by Build, naming the field
    if (std::find(config.skills.begin(), config.skills.end(), level.skill) == config.skills.end()) {
      config.skills.push_back(level.skill);
    }
  }
}

absl::StatusOr<Center> Center::Build(const CenterConfig& config, bool allow_removed) {
  Center center;
  center.config_ = config;
  CenterConfig& c = center.config_;
  if (c.statuses.empty()) c.statuses = DefaultStatuses();
  if (allow_removed) {
    // Removed entries: stored in one form, so that a snapshot of them reads
    // the same on every run.
    for (WorkgroupConfig& wg : c.workgroups) {
      if (wg.name.empty()) wg = WorkgroupConfig{};
    }
    for (AgentConfig& agent : c.agents) {
      if (agent.name.empty()) agent = AgentConfig{};
    }
  }

  auto by_name = [](const auto& item) -> const std::string& { return item.name; };
  auto by_self = [](const std::string& s) -> const std::string& { return s; };
  ACD_RETURN_IF_ERROR(
      IndexNames("statuses", ".name", c.statuses, by_name, center.statuses_by_name_));
  ACD_RETURN_IF_ERROR(IndexNames("skills", "", c.skills, by_self, center.skills_by_name_));
  ACD_RETURN_IF_ERROR(IndexNames("workgroups", ".name", c.workgroups, by_name,
                                 center.workgroups_by_name_, allow_removed));
  ACD_RETURN_IF_ERROR(
      IndexNames("agents", ".name", c.agents, by_name, center.agents_by_name_, allow_removed));

  center.available_status_ = center.FindStatus(c.available_status);
  if (!center.available_status_.valid()) {
    return InvalidField("available_status",
                        absl::StrCat("unknown status \"", c.available_status, "\""));
  }
  if (!center.status(center.available_status_).acd_available) {
    return InvalidField("available_status",
                        absl::StrCat("status \"", c.available_status, "\" is not acd_available"));
  }
  ACD_RETURN_IF_ERROR(center.BuildWorkgroups());
  ACD_RETURN_IF_ERROR(center.BuildAgents());
  center.BuildColumns();
  return center;
}

absl::Status Center::BuildWorkgroups() {
  workgroup_models_.resize(config_.workgroups.size());
  for (size_t i = 0; i < config_.workgroups.size(); ++i) {
    WorkgroupConfig& wg = config_.workgroups[i];
    WorkgroupModel& model = workgroup_models_[i];
    if (wg.name.empty()) continue;  // removed (Build's allow_removed)
    const std::string where = absl::StrCat("workgroups[", i, "]");
    // 0 stands for PureConnect's default (acd/config.h); stored as what it
    // means, so that every later reader sees 15 s.
    if (wg.alert_timeout == Duration::Zero()) wg.alert_timeout = kDefaultAlertTimeout;
    if (wg.alert_timeout < kMinAlertTimeout) {
      return InvalidField(where + ".alert_timeout", absl::StrCat(ToSeconds(wg.alert_timeout),
                                                                 " s is under the minimum of 7 s"));
    }
    ACD_RETURN_IF_ERROR(
        CheckDuration(wg.alert_timeout, kMinAlertTimeout, where + ".alert_timeout"));
    ACD_RETURN_IF_ERROR(CheckWorkgroupEnums(wg, where));
    if (wg.wrap_up < Duration::Zero() || wg.wrap_up > kMaxWrapUp) {
      return InvalidField(where + ".wrap_up",
                          absl::StrCat(ToSeconds(wg.wrap_up), " s is outside 0..7200 s"));
    }
    model.wrap_up_status = FindStatus(wg.wrap_up_status);
    if (!model.wrap_up_status.valid() || !status(model.wrap_up_status).acw) {
      return InvalidField(where + ".wrap_up_status",
                          absl::StrCat("\"", wg.wrap_up_status, "\" is not an acw status"));
    }
    const NoAnswerConfig& na = wg.no_answer;
    model.no_answer_status = FindStatus(na.status);
    if (!model.no_answer_status.valid() || !status(model.no_answer_status).dnd) {
      return InvalidField(where + ".no_answer.status",
                          absl::StrCat("\"", na.status, "\" is not a dnd status"));
    }
    if (na.misses_before_status < 1 || na.misses_before_status > 100) {
      return InvalidField(where + ".no_answer.misses_before_status",
                          absl::StrCat(na.misses_before_status, " is outside 1..100"));
    }
    ACD_RETURN_IF_ERROR(CheckDuration(na.delay, Duration::Zero(), where + ".no_answer.delay"));
    ACD_RETURN_IF_ERROR(
        CheckDuration(na.exclusion, Duration::Zero(), where + ".no_answer.exclusion"));
    if (na.priority_bump < 0 || na.priority_bump > 1000) {
      return InvalidField(where + ".no_answer.priority_bump",
                          absl::StrCat(na.priority_bump, " is outside 0..1000"));
    }
    for (size_t s = 0; s < wg.skills.size(); ++s) {
      const std::string at = absl::StrCat(where, ".skills[", s, "]");
      const SkillLevel& level = wg.skills[s];
      if (!FindSkill(level.skill).valid()) {
        return InvalidField(at + ".skill", absl::StrCat("unknown skill \"", level.skill, "\""));
      }
      if (level.proficiency < 1 || level.proficiency > 100 || level.desire < 0 ||
          level.desire > 100) {
        return InvalidField(at, "proficiency must be 1..100 and desire 0..100");
      }
    }
    std::array<std::optional<Utilization>, kMediaTypeCount> utilization;
    ACD_RETURN_IF_ERROR(CheckUtilization(wg.utilization, where + ".utilization", utilization));
    for (int m = 0; m < kMediaTypeCount; ++m)
      model.utilization[m] = utilization[m].value_or(Utilization{});
    const InteractionWeights& iw = wg.interaction_weights;
    for (double w : {iw.skill, iw.priority, iw.time_in_queue, iw.time_in_system}) {
      ACD_RETURN_IF_ERROR(CheckFinite(w, where + ".interaction_weights"));
    }
    const AgentWeights& aw = wg.agent_weights;
    for (double w :
         {aw.skill, aw.cost, aw.available, aw.attribute1, aw.attribute2, aw.attribute3}) {
      ACD_RETURN_IF_ERROR(CheckFinite(w, where + ".agent_weights"));
    }
    if (!(aw.available_interval_s > 0) || !std::isfinite(aw.available_interval_s)) {
      return InvalidField(where + ".agent_weights.available_interval_s", "must be positive");
    }
    ACD_RETURN_IF_ERROR(ValidateTiers(wg.tiers, where + ".tiers"));
    if (wg.transfer_priority < -1 || wg.transfer_priority > 1000) {
      return InvalidField(
          where + ".transfer_priority",
          absl::StrCat(wg.transfer_priority, " is outside 0..1000 (or -1 to keep)"));
    }
    ACD_RETURN_IF_ERROR(
        CheckDuration(wg.queue_timeout, Duration::Zero(), where + ".queue_timeout"));
    if (wg.queue_timeout > Duration::Zero() || !wg.overflow_workgroup.empty()) {
      model.overflow = FindWorkgroup(wg.overflow_workgroup);
      if (!model.overflow.valid()) {
        return InvalidField(where + ".overflow_workgroup",
                            absl::StrCat("unknown workgroup \"", wg.overflow_workgroup,
                                         "\" (a queue timeout needs an overflow workgroup)"));
      }
      if (model.overflow == WorkgroupId(static_cast<uint32_t>(i))) {
        return InvalidField(where + ".overflow_workgroup", "is the workgroup itself");
      }
      if (wg.queue_timeout == Duration::Zero()) {
        return InvalidField(where + ".queue_timeout",
                            "must be positive with an overflow workgroup");
      }
    }
    ACD_RETURN_IF_ERROR(CheckDuration(wg.max_hold, Duration::Zero(), where + ".max_hold"));
    if (wg.max_hold_action != MaxHoldAction::kDisconnect &&
        wg.max_hold_action != MaxHoldAction::kTransfer) {
      return InvalidField(where + ".max_hold_action",
                          absl::StrCat("unknown action ", static_cast<int>(wg.max_hold_action)));
    }
    if (wg.max_hold_action == MaxHoldAction::kTransfer || !wg.max_hold_workgroup.empty()) {
      model.max_hold_target = FindWorkgroup(wg.max_hold_workgroup);
      if (!model.max_hold_target.valid()) {
        return InvalidField(where + ".max_hold_workgroup",
                            absl::StrCat("unknown workgroup \"", wg.max_hold_workgroup,
                                         "\" (the transfer action needs a workgroup)"));
      }
      if (wg.max_hold_action != MaxHoldAction::kTransfer) {
        return InvalidField(where + ".max_hold_workgroup",
                            "is set but the action is not a transfer");
      }
    }
    if (wg.queue_capacity < -1) {
      return InvalidField(where + ".queue_capacity",
                          absl::StrCat(wg.queue_capacity, " is negative (-1 means unlimited)"));
    }
    if (wg.callback_retry_interval <= Duration::Zero()) {
      return InvalidField(where + ".callback_retry_interval", "must be positive");
    }
    ACD_RETURN_IF_ERROR(CheckDuration(wg.callback_retry_interval, Duration::Zero(),
                                      where + ".callback_retry_interval"));
    if (wg.callback_max_attempts < 1 || wg.callback_max_attempts > 100) {
      return InvalidField(where + ".callback_max_attempts",
                          absl::StrCat(wg.callback_max_attempts, " is outside 1..100"));
    }
    ACD_RETURN_IF_ERROR(ValidateStatistics(wg, where));
  }
  return absl::OkStatus();
}

absl::Status Center::BuildAgents() {
  agent_models_.resize(config_.agents.size());
  for (size_t a = 0; a < config_.agents.size(); ++a) {
    const AgentConfig& agent = config_.agents[a];
    AgentModel& model = agent_models_[a];
    const std::string where = absl::StrCat("agents[", a, "]");
    std::vector<std::pair<WorkgroupId, bool>> memberships;
    for (size_t m = 0; m < agent.workgroups.size(); ++m) {
      const std::string at = absl::StrCat(where, ".workgroups[", m, "].workgroup");
      const WorkgroupId wg = FindWorkgroup(agent.workgroups[m].workgroup);
      if (!wg.valid()) {
        return InvalidField(
            at, absl::StrCat("unknown workgroup \"", agent.workgroups[m].workgroup, "\""));
      }
      for (const auto& [earlier, active] : memberships) {
        if (earlier == wg) {
          return InvalidField(at, absl::StrCat("workgroup \"", agent.workgroups[m].workgroup,
                                               "\" is listed twice"));
        }
      }
      memberships.emplace_back(wg, agent.workgroups[m].active);
      workgroup_models_[wg.value()].members.push_back(AgentId(static_cast<uint32_t>(a)));
    }
    std::sort(memberships.begin(), memberships.end());
    for (const auto& [wg, active] : memberships) {
      model.workgroups.push_back(wg);
      model.initially_active.push_back(active);
    }

    // Inherited skills: the highest proficiency any membership gives (the
    // first workgroup on a tie); own levels override.
    model.skills.assign(config_.skills.size(), SkillValue{});
    for (WorkgroupId wg : model.workgroups) {
      for (const SkillLevel& level : workgroup(wg).skills) {
        SkillValue& value = model.skills[FindSkill(level.skill).value()];
        if (level.proficiency > value.proficiency) {
          value = {static_cast<uint8_t>(level.proficiency), static_cast<uint8_t>(level.desire)};
        }
      }
    }
    std::vector<bool> own(config_.skills.size(), false);
    for (size_t s = 0; s < agent.skills.size(); ++s) {
      const std::string at = absl::StrCat(where, ".skills[", s, "]");
      const SkillLevel& level = agent.skills[s];
      const SkillId skill = FindSkill(level.skill);
      if (!skill.valid()) {
        return InvalidField(at + ".skill", absl::StrCat("unknown skill \"", level.skill, "\""));
      }
      if (own[skill.value()]) {
        return InvalidField(at, absl::StrCat("skill \"", level.skill, "\" is listed twice"));
      }
      if (level.proficiency < 1 || level.proficiency > 100 || level.desire < 1 ||
          level.desire > 100) {
        return InvalidField(at, "proficiency and desire must be 1..100");
      }
      own[skill.value()] = true;
      model.skills[skill.value()] = {static_cast<uint8_t>(level.proficiency),
                                     static_cast<uint8_t>(level.desire)};
    }

    ACD_RETURN_IF_ERROR(
        CheckUtilization(agent.utilization, where + ".utilization", model.utilization));
    for (WorkgroupId wg : model.workgroups) {
      const auto& members = workgroup_models_[wg.value()].members;
      model.member_index.push_back(static_cast<uint32_t>(
          std::lower_bound(members.begin(), members.end(), AgentId(static_cast<uint32_t>(a))) -
          members.begin()));
      for (const Utilization& u : workgroup_models_[wg.value()].utilization) {
        model.takes_zero_percent = model.takes_zero_percent || u.percent == 0;
      }
    }
    for (const auto& u : model.utilization) {
      model.takes_zero_percent = model.takes_zero_percent || (u && u->percent == 0);
    }
    for (WorkgroupId wg : model.workgroups) {
      auto& shares = model.shares.emplace_back(workgroup_models_[wg.value()].utilization);
      for (int media = 0; media < kMediaTypeCount; ++media) {
        if (model.utilization[media]) shares[media] = *model.utilization[media];
      }
    }
    for (double v : {agent.cost, agent.attribute1, agent.attribute2, agent.attribute3}) {
      ACD_RETURN_IF_ERROR(CheckFinite(v, where + ".cost"));
    }
    for (int m = 0; m < kMediaTypeCount; ++m) model.auto_answer[m] = agent.auto_answer;
    for (size_t i = 0; i < agent.auto_answer_media.size(); ++i) {
      const MediaType media = agent.auto_answer_media[i];
      ACD_RETURN_IF_ERROR(CheckMedia(media, absl::StrCat(where, ".auto_answer_media[", i, "]")));
      model.auto_answer[MediaIndex(media)] = true;
    }
  }
  return absl::OkStatus();
}

void Center::BuildColumns() {
  for (WorkgroupModel& wg : workgroup_models_) {
    std::vector<bool> held(config_.skills.size(), false);
    for (AgentId member : wg.members) {
      const std::vector<SkillValue>& skills = agent_models_[member.value()].skills;
      for (size_t s = 0; s < skills.size(); ++s) {
        held[s] = held[s] || skills[s].proficiency != 0 || skills[s].desire != 0;
      }
    }
    for (size_t s = 0; s < held.size(); ++s) {
      if (held[s]) wg.column_skills.push_back(SkillId(static_cast<uint32_t>(s)));
    }
    const size_t n = wg.members.size();
    const size_t words = (n + 63) / 64;
    wg.columns.assign(wg.column_skills.size() * n, SkillValue{});
    wg.column_bits.assign(wg.column_skills.size() * words, 0);
    for (size_t c = 0; c < wg.column_skills.size(); ++c) {
      for (size_t i = 0; i < n; ++i) {
        const SkillValue v =
            agent_models_[wg.members[i].value()].skills[wg.column_skills[c].value()];
        wg.columns[c * n + i] = v;
        if (v.proficiency != 0) wg.column_bits[c * words + i / 64] |= uint64_t{1} << (i % 64);
      }
    }
  }
}

const uint64_t* WorkgroupModel::ColumnBits(SkillId skill) const {
  const auto it = std::lower_bound(column_skills.begin(), column_skills.end(), skill);
  if (it == column_skills.end() || *it != skill) return nullptr;
  return column_bits.data() +
         static_cast<size_t>(it - column_skills.begin()) * ((members.size() + 63) / 64);
}

const SkillValue* WorkgroupModel::Column(SkillId skill) const {
  const auto it = std::lower_bound(column_skills.begin(), column_skills.end(), skill);
  if (it == column_skills.end() || *it != skill) return nullptr;
  return columns.data() + static_cast<size_t>(it - column_skills.begin()) * members.size();
}

int Center::MembershipIndex(AgentId agent, WorkgroupId wg) const {
  const std::vector<WorkgroupId>& list = agent_models_[agent.value()].workgroups;
  auto it = std::lower_bound(list.begin(), list.end(), wg);
  return it != list.end() && *it == wg ? static_cast<int>(it - list.begin()) : -1;
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

SkillId Center::FindSkill(absl::string_view name) const {
  auto it = skills_by_name_.find(name);
  return it == skills_by_name_.end() ? SkillId() : it->second;
}

}  // namespace acd::internal

namespace acd {

absl::Status ValidateCenterConfig(const CenterConfig& config) {
  return internal::Center::Build(config).status();
}

}  // namespace acd
