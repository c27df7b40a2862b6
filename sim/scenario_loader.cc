// Scenario text -> validated Scenario. With sim/distribution_loader.cc,
// sim/scenario_planning.cc and sim/scenario_source.cc, the only files of the
// simulator that see the generated protobuf classes of scenario.proto.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "acd/config_loader.h"
#include "acd/engine.h"
#include "acd/proto/scenario.pb.h"
#include "acd/status_macros.h"
#include "acd/text_proto.h"
#include "sim/arrival_trace.h"
#include "sim/distribution_loader.h"
#include "sim/input_file.h"
#include "sim/scenario.h"
#include "sim/scenario_planning.h"
#include "sim/scenario_source.h"
#include "sim/scenario_totals.h"
#include "sim/scenario_warnings.h"

namespace acd::sim {
namespace {

constexpr double kMaxSeconds = 1e9;  // about 31 years; keeps microseconds in range

bool InRange(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

// Answer behaviour and shifts of one agent group.
absl::Status ConvertBehaviour(const proto::AgentGroup& group, const TextProtoFile& file,
                              const std::string& where, const Scenario& scenario, AgentGroup& out) {
  const double p_miss = group.no_answer_probability();
  const double p_reject = group.reject_probability();
  if (!InRange(p_miss, 0, 1)) {
    return file.Error(where + ".no_answer_probability", absl::StrCat(p_miss, " is outside 0..1"));
  }
  if (!InRange(p_reject, 0, 1) || p_miss + p_reject > 1) {
    return file.Error(where + ".reject_probability",
                      absl::StrCat(p_reject,
                                   " is outside 0..1 or, with the no-answer "
                                   "probability, above 1"));
  }
  out.no_answer_probability = p_miss;
  out.reject_probability = p_reject;
  if (group.has_not_ready_after_no_answer()) {
    ACD_ASSIGN_OR_RETURN(out.not_ready_after_no_answer,
                         ConvertDistribution(group.not_ready_after_no_answer(), file,
                                             where + ".not_ready_after_no_answer"));
  }
  if (group.has_wrap_up()) {
    ACD_ASSIGN_OR_RETURN(out.wrap_up,
                         ConvertDistribution(group.wrap_up(), file, where + ".wrap_up"));
  }
  const std::vector<StatusConfig> defaults = DefaultStatuses();
  const std::vector<StatusConfig>& statuses =
      scenario.center.statuses.empty() ? defaults : scenario.center.statuses;
  for (int s = 0; s < group.shifts_size(); ++s) {
    const proto::Shift& shift = group.shifts(s);
    const std::string at = absl::StrCat(where, ".shifts[", s, "]");
    if (!InRange(shift.start_s(), 0, kMaxSeconds) || !InRange(shift.end_s(), 0, kMaxSeconds) ||
        shift.start_s() >= shift.end_s()) {
      return file.Error(at, absl::StrCat("needs 0 <= start_s < end_s, got ", shift.start_s(),
                                         " and ", shift.end_s()));
    }
    const int days = shift.repeat_days() == 0 ? 1 : shift.repeat_days();
    if (days < 1 || days > 3660) {
      return file.Error(at + ".repeat_days", absl::StrCat(days, " is outside 1..3660"));
    }
    std::vector<Break> breaks;
    for (int b = 0; b < shift.breaks_size(); ++b) {
      const proto::Break& br = shift.breaks(b);
      const std::string bat = absl::StrCat(at, ".breaks[", b, "]");
      if (!(br.start_s() >= shift.start_s() && br.duration_s() > 0 &&
            br.start_s() + br.duration_s() <= shift.end_s())) {
        return file.Error(bat, "must start and end inside its shift, with a positive duration");
      }
      const double window = br.stagger_window_s();
      if (!InRange(window, 0, kMaxSeconds) ||
          br.start_s() + window + br.duration_s() > shift.end_s()) {
        return file.Error(bat + ".stagger_window_s",
                          absl::StrCat(window,
                                       " must be 0..1e9 seconds, with start_s + stagger_window_s "
                                       "+ duration_s inside the shift"));
      }
      const std::string status = br.status().empty() ? "At Lunch" : br.status();
      auto found = std::find_if(statuses.begin(), statuses.end(),
                                [&](const StatusConfig& c) { return c.name == status; });
      if (found == statuses.end()) {
        return file.Error(bat + ".status", absl::StrCat("unknown status \"", status, "\""));
      }
      if (found->acd_available) {
        return file.Error(bat + ".status", absl::StrCat("\"", status, "\" is acd_available"));
      }
      breaks.push_back({.start = Time() + SecondsF(br.start_s()),
                        .end = Time() + SecondsF(br.start_s() + br.duration_s()),
                        .status = status,
                        .stagger_window = SecondsF(window)});
    }
    for (int d = 0; d < days; ++d) {
      const Duration offset = Seconds(86400) * d;
      Shift day{.start = Time() + SecondsF(shift.start_s()) + offset,
                .end = Time() + SecondsF(shift.end_s()) + offset};
      for (const Break& br : breaks) {
        day.breaks.push_back({.start = br.start + offset,
                              .end = br.end + offset,
                              .status = br.status,
                              .stagger_window = br.stagger_window});
      }
      out.shifts.push_back(std::move(day));
    }
  }
  out.staffable = group.staffable();
  if (!group.agents_per_interval().empty()) {
    if (group.shifts_size() > 0) {
      return file.Error(where + ".agents_per_interval", "cannot be used with shifts");
    }
    for (int i = 0; i < group.agents_per_interval_size(); ++i) {
      const int n = group.agents_per_interval(i);
      if (n < 0 || n > group.count()) {
        return file.Error(absl::StrCat(where, ".agents_per_interval[", i, "]"),
                          absl::StrCat(n, " is outside 0..count (", group.count(), ")"));
      }
      out.agents_per_interval.push_back(n);
    }
  }
  std::sort(out.shifts.begin(), out.shifts.end(),
            [](const Shift& a, const Shift& b) { return a.start < b.start; });
  for (size_t s = 1; s < out.shifts.size(); ++s) {
    if (out.shifts[s].start < out.shifts[s - 1].end) {
      return file.Error(where + ".shifts", "shifts overlap");
    }
  }
  return absl::OkStatus();
}

// Appends each agent group's agents to `scenario.center.agents`.
absl::Status ExpandAgentGroups(const proto::Scenario& m, const TextProtoFile& file,
                               Scenario& scenario) {
  absl::flat_hash_set<std::string> agent_names;
  for (const AgentConfig& agent : scenario.center.agents) agent_names.insert(agent.name);
  scenario.agent_group.assign(scenario.center.agents.size(), -1);
  absl::flat_hash_set<std::string> group_names;
  for (int g = 0; g < m.agent_groups_size(); ++g) {
    const proto::AgentGroup& group = m.agent_groups(g);
    const std::string where = absl::StrCat("agent_groups[", g, "]");
    if (group.name().empty()) return file.Error(where + ".name", "must not be empty");
    if (!group_names.insert(group.name()).second) {
      return file.Error(where + ".name", absl::StrCat("\"", group.name(), "\" is used twice"));
    }
    if (group.count() < 1 || group.count() > 1'000'000) {
      return file.Error(where + ".count", absl::StrCat(group.count(), " is outside 1..1000000"));
    }
    AgentConfig prototype{.name = "",
                          .auto_answer = group.auto_answer(),
                          .cost = group.cost(),
                          .attribute1 = group.attribute1(),
                          .attribute2 = group.attribute2(),
                          .attribute3 = group.attribute3()};
    for (int k = 0; k < group.skills_size(); ++k) {
      const proto::SkillLevel& level = group.skills(k);
      const std::string at = absl::StrCat(where, ".skills[", k, "]");
      const auto& names = scenario.center.skills;
      if (std::find(names.begin(), names.end(), level.skill()) == names.end()) {
        return file.Error(at + ".skill", absl::StrCat("unknown skill \"", level.skill(), "\""));
      }
      if (level.proficiency() < 1 || level.proficiency() > 100 || level.desire() < 1 ||
          level.desire() > 100) {
        return file.Error(at, "proficiency and desire must be 1..100");
      }
      prototype.skills.push_back(
          {.skill = level.skill(), .proficiency = level.proficiency(), .desire = level.desire()});
    }
    ACD_ASSIGN_OR_RETURN(prototype.utilization,
                         UtilizationFromProto(group.utilization(), file, where + ".utilization"));
    for (int i = 0; i < group.auto_answer_media_size(); ++i) {
      std::optional<MediaType> media = MediaFromProto(group.auto_answer_media(i));
      if (!media) {
        return file.Error(absl::StrCat(where, ".auto_answer_media[", i, "]"), "unknown media");
      }
      prototype.auto_answer_media.push_back(*media);
    }
    absl::flat_hash_set<std::string> member_of;
    for (int w = 0; w < group.workgroups_size(); ++w) {
      const proto::Membership& membership = group.workgroups(w);
      const std::string at = absl::StrCat(where, ".workgroups[", w, "].workgroup");
      bool known = false;
      for (const WorkgroupConfig& wg : scenario.center.workgroups) {
        known = known || wg.name == membership.workgroup();
      }
      if (!known) {
        return file.Error(at, absl::StrCat("unknown workgroup \"", membership.workgroup(), "\""));
      }
      if (!member_of.insert(membership.workgroup()).second) {
        return file.Error(
            at, absl::StrCat("workgroup \"", membership.workgroup(), "\" is listed twice"));
      }
      prototype.workgroups.push_back(
          {.workgroup = membership.workgroup(),
           .active = membership.has_active() ? membership.active() : true});
    }
    AgentGroup out{.name = group.name(), .count = group.count()};
    if (group.has_answer_delay()) {
      ACD_ASSIGN_OR_RETURN(out.answer_delay, ConvertDistribution(group.answer_delay(), file,
                                                                 where + ".answer_delay"));
    }
    ACD_RETURN_IF_ERROR(ConvertBehaviour(group, file, where, scenario, out));
    for (int k = 1; k <= group.count(); ++k) {
      AgentConfig agent = prototype;
      agent.name = absl::StrCat(group.name(), "-", k);
      if (!agent_names.insert(agent.name).second) {
        return file.Error(where + ".name",
                          absl::StrCat("agent name \"", agent.name, "\" is already taken"));
      }
      scenario.center.agents.push_back(std::move(agent));
      scenario.agent_group.push_back(g);
    }
    scenario.agent_groups.push_back(std::move(out));
  }
  return absl::OkStatus();
}

// Poisson rates, listed times or a trace file, into `out`.
absl::Status ConvertArrivals(const proto::Scenario& m, const proto::Arrivals& arrivals,
                             const TextProtoFile& file, const std::string& where,
                             ContactType& out) {
  switch (arrivals.kind_case()) {
    case proto::Arrivals::kPoisson: {
      const proto::Poisson& poisson = arrivals.poisson();
      if (poisson.rates_per_hour().empty()) {
        const double rate = poisson.rate_per_hour();
        if (!(InRange(rate, 0, 1e9) && rate > 0)) {
          return file.Error(where + ".poisson.rate_per_hour",
                            absl::StrCat(rate, " must be positive and at most 1e9"));
        }
        out.rates_per_hour = {rate};
        return absl::OkStatus();
      }
      if (poisson.rate_per_hour() != 0) {
        return file.Error(where + ".poisson", "set rate_per_hour or rates_per_hour, not both");
      }
      bool any = false;
      for (int i = 0; i < poisson.rates_per_hour_size(); ++i) {
        const double rate = poisson.rates_per_hour(i);
        if (!InRange(rate, 0, 1e9)) {
          return file.Error(absl::StrCat(where, ".poisson.rates_per_hour[", i, "]"),
                            absl::StrCat(rate, " is outside 0..1e9"));
        }
        any = any || rate > 0;
      }
      if (!any) return file.Error(where + ".poisson.rates_per_hour", "are all zero");
      out.rates_per_hour.assign(poisson.rates_per_hour().begin(), poisson.rates_per_hour().end());
      return absl::OkStatus();
    }
    case proto::Arrivals::kListed: {
      const auto& times = arrivals.listed().times_s();  // counted by CheckScenarioTotals
      if (times.empty()) return file.Error(where + ".listed.times_s", "at least one is required");
      for (int i = 0; i < times.size(); ++i) {
        if (!InRange(times[i], 0, kMaxSeconds)) {
          return file.Error(absl::StrCat(where, ".listed.times_s[", i, "]"),
                            absl::StrCat(times[i], " is outside 0..1e9 seconds"));
        }
        out.listed.push_back({.time = Time() + SecondsF(times[i])});
      }
      break;
    }
    case proto::Arrivals::kTrace: {
      std::filesystem::path path = arrivals.trace().path();
      if (path.empty()) return file.Error(where + ".trace.path", "is required");
      if (path.is_relative()) path = std::filesystem::path(file.filename()).parent_path() / path;
      absl::StatusOr<std::vector<TraceRow>> rows = ReadArrivalTrace(path.string());
      if (!rows.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(file.Where(where + ".trace.path"), ": ",
                                                       where,
                                                       ".trace.path: ", rows.status().message()));
      }
      for (const TraceRow& row : *rows) {
        bool known = false;
        for (const proto::ContactType& other : m.contact_types()) {
          known = known || other.name() == row.contact_type;
        }
        if (!known) {
          return file.Error(
              where + ".trace.path",
              absl::StrCat(path.string(), ": unknown contact type \"", row.contact_type, "\""));
        }
        if (row.contact_type != out.name) continue;
        out.listed.push_back({.time = row.time, .handle = row.handle, .patience = row.patience});
      }
      if (out.listed.empty()) {
        return file.Error(where + ".trace.path",
                          absl::StrCat(path.string(), ": no arrivals of contact type \"", out.name,
                                       "\" (", rows->size(), " rows, none of this type)"));
      }
      break;
    }
    case proto::Arrivals::KIND_NOT_SET:
      return file.Error(where, "no arrival process is set (poisson, listed, trace)");
  }
  std::stable_sort(
      out.listed.begin(), out.listed.end(),
      [](const ContactType::Listed& a, const ContactType::Listed& b) { return a.time < b.time; });
  return absl::OkStatus();
}

// A probability field: InvalidArgument unless 0..1.
absl::Status CheckProbability(double p, const TextProtoFile& file, const std::string& where) {
  if (!InRange(p, 0, 1)) return file.Error(where, absl::StrCat(p, " is outside 0..1"));
  return absl::OkStatus();
}

// Callback offers, transfers, due times and holds.
absl::Status ConvertContactOptions(const proto::ContactType& ct,
                                   const absl::flat_hash_map<std::string, int>& workgroups,
                                   const TextProtoFile& file, const std::string& where,
                                   ContactType& out) {
  const auto workgroup = [&](const std::string& name,
                             const std::string& at) -> absl::StatusOr<int> {
    auto it = workgroups.find(name);
    if (it == workgroups.end()) {
      return file.Error(at, absl::StrCat("unknown workgroup \"", name, "\""));
    }
    return it->second;
  };
  if (ct.has_callback()) {
    const proto::CallbackOffer& cb = ct.callback();
    const std::string at = where + ".callback";
    ContactType::Callback callback;
    if (cb.queue_threshold() < 0) {
      return file.Error(at + ".queue_threshold",
                        absl::StrCat(cb.queue_threshold(), " is negative"));
    }
    callback.queue_threshold = cb.queue_threshold();
    ACD_RETURN_IF_ERROR(
        CheckProbability(cb.accept_probability(), file, at + ".accept_probability"));
    callback.accept_probability = cb.accept_probability();
    callback.workgroup = out.workgroup;
    if (!cb.workgroup().empty()) {
      ACD_ASSIGN_OR_RETURN(callback.workgroup, workgroup(cb.workgroup(), at + ".workgroup"));
    }
    if (cb.has_reach_probability()) {
      ACD_RETURN_IF_ERROR(
          CheckProbability(cb.reach_probability(), file, at + ".reach_probability"));
      callback.reach_probability = cb.reach_probability();
    }
    if (cb.has_attempt_time()) {
      ACD_ASSIGN_OR_RETURN(callback.attempt_time,
                           ConvertDistribution(cb.attempt_time(), file, at + ".attempt_time"));
    }
    out.callback = callback;
  }
  if (ct.has_transfer()) {
    const proto::TransferLeg& t = ct.transfer();
    const std::string at = where + ".transfer";
    ContactType::Transfer transfer;
    ACD_RETURN_IF_ERROR(CheckProbability(t.fraction(), file, at + ".fraction"));
    transfer.fraction = t.fraction();
    if (t.workgroup().empty()) return file.Error(at + ".workgroup", "is required");
    ACD_ASSIGN_OR_RETURN(transfer.workgroup, workgroup(t.workgroup(), at + ".workgroup"));
    if (!t.has_handle_time()) return file.Error(at + ".handle_time", "is required");
    ACD_ASSIGN_OR_RETURN(transfer.handle_time,
                         ConvertDistribution(t.handle_time(), file, at + ".handle_time"));
    out.transfer = transfer;
  }
  if (ct.has_due()) {
    ACD_ASSIGN_OR_RETURN(out.due, ConvertDistribution(ct.due(), file, where + ".due"));
  }
  ACD_RETURN_IF_ERROR(CheckProbability(ct.hold_probability(), file, where + ".hold_probability"));
  out.hold_probability = ct.hold_probability();
  if (out.hold_probability > 0) {
    if (!ct.has_hold_time()) return file.Error(where + ".hold_time", "is required with holds");
    ACD_ASSIGN_OR_RETURN(out.hold_time,
                         ConvertDistribution(ct.hold_time(), file, where + ".hold_time"));
  }
  if (ct.has_preferred_agent()) {
    const std::string at = where + ".preferred_agent";
    ACD_RETURN_IF_ERROR(CheckProbability(ct.preferred_agent().fraction(), file, at + ".fraction"));
    out.preferred_fraction = ct.preferred_agent().fraction();
    const double window = ct.preferred_agent().window_s();
    if (!(InRange(window, 0, kMaxSeconds) && window > 0)) {
      return file.Error(at + ".window_s", absl::StrCat(window, " must be in (0, 1e9] seconds"));
    }
    out.preferred_window = SecondsF(window);
  }
  return absl::OkStatus();
}

absl::Status ConvertContactTypes(const proto::Scenario& m, const TextProtoFile& file,
                                 Scenario& scenario) {
  if (m.contact_types().empty()) return file.Error("contact_types", "at least one is required");
  absl::flat_hash_map<std::string, int> workgroups;
  for (size_t i = 0; i < scenario.center.workgroups.size(); ++i) {
    workgroups.emplace(scenario.center.workgroups[i].name, static_cast<int>(i));
  }
  absl::flat_hash_set<std::string> names;
  int64_t listed = 0;
  for (int i = 0; i < m.contact_types_size(); ++i) {
    const proto::ContactType& ct = m.contact_types(i);
    const std::string where = absl::StrCat("contact_types[", i, "]");
    ContactType out{.name = ct.name()};
    if (ct.name().empty()) return file.Error(where + ".name", "must not be empty");
    if (!names.insert(ct.name()).second) {
      return file.Error(where + ".name", absl::StrCat("\"", ct.name(), "\" is used twice"));
    }
    auto wg = workgroups.find(ct.workgroup());
    if (wg == workgroups.end()) {
      return file.Error(where + ".workgroup",
                        absl::StrCat("unknown workgroup \"", ct.workgroup(), "\""));
    }
    out.workgroup = wg->second;
    std::optional<MediaType> media = MediaFromProto(ct.media());
    if (!media) return file.Error(where + ".media", "unknown media");
    out.media = *media;
    if (ct.has_priority()) {
      if (ct.priority() < 0 || ct.priority() > 1000) {
        return file.Error(where + ".priority", absl::StrCat(ct.priority(), " is outside 0..1000"));
      }
      out.priority = ct.priority();
    }
    for (int r = 0; r < ct.requirements_size(); ++r) {
      const proto::Requirement& req = ct.requirements(r);
      const std::string at = absl::StrCat(where, ".requirements[", r, "]");
      int skill = -1;
      for (size_t k = 0; k < scenario.center.skills.size(); ++k) {
        if (scenario.center.skills[k] == req.skill()) skill = static_cast<int>(k);
      }
      if (skill < 0) {
        return file.Error(at + ".skill", absl::StrCat("unknown skill \"", req.skill(), "\""));
      }
      SkillRequirement out_req{
          .skill = SkillId(static_cast<uint32_t>(skill)),
          .min_proficiency = req.has_min_proficiency() ? req.min_proficiency() : 1,
          .max_proficiency = req.has_max_proficiency() ? req.max_proficiency() : 100,
          .min_desire = req.min_desire(),
          .proficiency_weight = req.has_proficiency_weight() ? req.proficiency_weight() : 1.0,
          .desire_weight = req.desire_weight()};
      if (out_req.min_proficiency < 1 || out_req.min_proficiency > out_req.max_proficiency ||
          out_req.max_proficiency > 100 || out_req.min_desire < 0 || out_req.min_desire > 100) {
        return file.Error(at,
                          "needs 1 <= min_proficiency <= max_proficiency <= 100 and "
                          "min_desire 0..100");
      }
      if (!std::isfinite(out_req.proficiency_weight) || !std::isfinite(out_req.desire_weight) ||
          out_req.proficiency_weight + out_req.desire_weight == 0) {
        return file.Error(at, "weights must be finite with a non-zero sum");
      }
      out.requirements.push_back(out_req);
    }
    ACD_RETURN_IF_ERROR(ConvertArrivals(m, ct.arrivals(), file, where + ".arrivals", out));
    listed += static_cast<int64_t>(out.listed.size());
    ACD_RETURN_IF_ERROR(CheckListedTotal(listed, file, where + ".arrivals"));
    if (!ct.has_handle_time()) return file.Error(where + ".handle_time", "is required");
    ACD_ASSIGN_OR_RETURN(out.handle_time,
                         ConvertDistribution(ct.handle_time(), file, where + ".handle_time"));
    if (ct.has_patience()) {
      ACD_ASSIGN_OR_RETURN(out.patience,
                           ConvertDistribution(ct.patience(), file, where + ".patience"));
    }
    ACD_RETURN_IF_ERROR(ConvertContactOptions(ct, workgroups, file, where, out));
    scenario.contact_types.push_back(std::move(out));
  }
  return absl::OkStatus();
}

absl::Status ConvertRunShape(const proto::Scenario& m, const TextProtoFile& file,
                             Scenario& scenario) {
  if (!(InRange(m.horizon_s(), 0, kMaxSeconds) && m.horizon_s() > 0)) {
    return file.Error("horizon_s", absl::StrCat(m.horizon_s(), " must be in (0, 1e9] seconds"));
  }
  if (!(InRange(m.warmup_s(), 0, kMaxSeconds) && m.warmup_s() < m.horizon_s())) {
    return file.Error("warmup_s",
                      absl::StrCat(m.warmup_s(), " must be at least 0 and below horizon_s"));
  }
  scenario.horizon = SecondsF(m.horizon_s());
  scenario.warmup = SecondsF(m.warmup_s());
  if (m.replications() != 0) {
    if (m.replications() < 1 || m.replications() > 100000) {
      return file.Error("replications", absl::StrCat(m.replications(), " is outside 1..100000"));
    }
    scenario.replications = m.replications();
  }
  if (m.has_seed()) scenario.seed = m.seed();
  const double sl = m.has_service_level_s() ? m.service_level_s() : 20.0;
  if (!InRange(sl, 0, kMaxSeconds)) {
    return file.Error("service_level_s", absl::StrCat(sl, " is outside 0..1e9 seconds"));
  }
  scenario.service_level = SecondsF(sl);
  if (m.has_interval_s()) {
    if (!(InRange(m.interval_s(), 1, kMaxSeconds))) {
      return file.Error("interval_s", absl::StrCat(m.interval_s(), " must be in [1, 1e9] seconds"));
    }
    scenario.interval = SecondsF(m.interval_s());
  }
  return absl::OkStatus();
}

absl::StatusOr<Scenario> Convert(const proto::Scenario& m, const TextProtoFile& file) {
  Scenario scenario;
  scenario.name = m.name().empty() ? file.filename() : m.name();
  ACD_RETURN_IF_ERROR(CheckScenarioTotals(m, file));
  ACD_ASSIGN_OR_RETURN(scenario.center, CenterConfigFromProto(m.center(), file, "center"));
  if (scenario.center.workgroups.empty()) {
    return file.Error("center.workgroups", "at least one workgroup is required");
  }
  ACD_RETURN_IF_ERROR(ExpandAgentGroups(m, file, scenario));
  ACD_RETURN_IF_ERROR(ConvertContactTypes(m, file, scenario));
  ACD_RETURN_IF_ERROR(ConvertRunShape(m, file, scenario));
  ACD_RETURN_IF_ERROR(ConvertPlanning(m, file, scenario));
  // Whatever the engine still rejects (an agent group's unknown skill, say)
  // is a scenario error too.
  if (absl::Status valid = ValidateCenterConfig(scenario.center); !valid.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(file.filename(), ": center: ", valid.message()));
  }
  scenario.warnings = ScenarioWarnings(m, file, scenario);
  return scenario;
}

}  // namespace

absl::StatusOr<Scenario> ConvertScenario(const proto::Scenario& message,
                                         const TextProtoFile& file) {
  return Convert(message, file);
}

absl::StatusOr<Scenario> LoadScenario(absl::string_view filename, absl::string_view text) {
  proto::Scenario message;
  ACD_ASSIGN_OR_RETURN(TextProtoFile file, TextProtoFile::Parse(filename, text, message));
  return Convert(message, file);
}

absl::StatusOr<Scenario> LoadScenarioFile(const std::string& path) {
  proto::Scenario message;
  ACD_ASSIGN_OR_RETURN(std::string text, ReadInputFile(path, "scenario", kMaxScenarioBytes));
  ACD_ASSIGN_OR_RETURN(TextProtoFile file, TextProtoFile::Parse(path, text, message));
  return Convert(message, file);
}

}  // namespace acd::sim
