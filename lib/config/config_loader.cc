#include "acd/config_loader.h"

#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "acd/proto/center.pb.h"
#include "acd/status_macros.h"

namespace acd {
namespace {

std::string Join(absl::string_view prefix, absl::string_view field) {
  return prefix.empty() ? std::string(field) : absl::StrCat(prefix, ".", field);
}

std::string Item(absl::string_view prefix, absl::string_view field, int i) {
  return absl::StrCat(Join(prefix, field), "[", i, "]");
}

// Names must be unique and non-empty within one list.
template <typename Message>
absl::Status CheckNames(const google::protobuf::RepeatedPtrField<Message>& items,
                        const TextProtoFile& file, absl::string_view prefix,
                        absl::string_view field) {
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < items.size(); ++i) {
    const std::string where = Item(prefix, field, i) + ".name";
    if (items[i].name().empty()) return file.Error(where, "must not be empty");
    if (!seen.insert(items[i].name()).second) {
      return file.Error(where, absl::StrCat("\"", items[i].name(), "\" is used twice"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<WorkgroupConfig> ConvertWorkgroup(const proto::Workgroup& m,
                                                 const TextProtoFile& file,
                                                 const std::string& where) {
  WorkgroupConfig wg{.name = m.name()};
  if (m.alert_timeout_s() != 0) {
    if (!(m.alert_timeout_s() >= 7)) {
      return file.Error(where + ".alert_timeout_s",
                        absl::StrCat(m.alert_timeout_s(), " is under the minimum of 7 s"));
    }
    wg.alert_timeout = SecondsF(m.alert_timeout_s());
  }
  if (!(m.wrap_up_s() >= 0 && m.wrap_up_s() <= 7200)) {
    return file.Error(where + ".wrap_up_s", absl::StrCat(m.wrap_up_s(), " is outside 0..7200"));
  }
  wg.wrap_up = SecondsF(m.wrap_up_s());
  return wg;
}

}  // namespace

absl::StatusOr<CenterConfig> CenterConfigFromProto(const proto::CenterConfig& message,
                                                   const TextProtoFile& file,
                                                   absl::string_view path) {
  CenterConfig config;
  ACD_RETURN_IF_ERROR(CheckNames(message.statuses(), file, path, "statuses"));
  ACD_RETURN_IF_ERROR(CheckNames(message.workgroups(), file, path, "workgroups"));
  ACD_RETURN_IF_ERROR(CheckNames(message.agents(), file, path, "agents"));

  for (const proto::Status& s : message.statuses()) {
    config.statuses.push_back({.name = s.name(),
                               .acd_available = s.acd_available(),
                               .dnd = s.dnd(),
                               .acw = s.acw(),
                               .selectable = s.has_selectable() ? s.selectable() : true,
                               .system = s.system()});
  }
  if (!message.available_status().empty()) {
    config.available_status = message.available_status();
  }

  absl::flat_hash_set<std::string> workgroup_names;
  for (int i = 0; i < message.workgroups_size(); ++i) {
    ACD_ASSIGN_OR_RETURN(WorkgroupConfig wg, ConvertWorkgroup(message.workgroups(i), file,
                                                              Item(path, "workgroups", i)));
    workgroup_names.insert(wg.name);
    config.workgroups.push_back(std::move(wg));
  }

  for (int a = 0; a < message.agents_size(); ++a) {
    const proto::Agent& m = message.agents(a);
    AgentConfig agent{.name = m.name(), .auto_answer = m.auto_answer()};
    for (int w = 0; w < m.workgroups_size(); ++w) {
      const proto::Membership& membership = m.workgroups(w);
      if (!workgroup_names.contains(membership.workgroup())) {
        return file.Error(absl::StrCat(Item(path, "agents", a), ".workgroups[", w, "].workgroup"),
                          absl::StrCat("unknown workgroup \"", membership.workgroup(), "\""));
      }
      agent.workgroups.push_back({.workgroup = membership.workgroup(),
                                  .active = membership.has_active() ? membership.active() : true});
    }
    config.agents.push_back(std::move(agent));
  }
  return config;
}

absl::StatusOr<CenterConfig> LoadCenterConfig(absl::string_view filename, absl::string_view text) {
  proto::CenterConfig message;
  ACD_ASSIGN_OR_RETURN(TextProtoFile file, TextProtoFile::Parse(filename, text, message));
  return CenterConfigFromProto(message, file, "");
}

absl::StatusOr<CenterConfig> LoadCenterConfigFile(const std::string& path) {
  proto::CenterConfig message;
  ACD_ASSIGN_OR_RETURN(TextProtoFile file, TextProtoFile::ParseFile(path, message));
  return CenterConfigFromProto(message, file, "");
}

}  // namespace acd
