#include "tests/testing/random_streams.h"

#include <algorithm>

#include "acd/format.h"
#include "fmt/format.h"
#include "fmt/ranges.h"

namespace acd::testing {
namespace {

std::vector<MediaUtilization> RandomUtilization(Chooser& pick) {
  std::vector<MediaUtilization> out;
  for (MediaType media : {MediaType::kCall, MediaType::kChat, MediaType::kEmail}) {
    if (pick.OneIn(2)) continue;
    out.push_back({.media = media,
                   .percent = pick.Of({0, 10, 25, 30, 50, 51, 100}),
                   .max_assign = pick.Of({0, 1, 1, 2, 4})});
  }
  return out;
}

std::vector<TierConfig> RandomTiers(Chooser& pick) {
  std::vector<TierConfig> tiers;
  int threshold = 100;
  const int n = pick.Of({0, 0, 1, 2, 3});
  for (int k = 0; k < n; ++k) {
    threshold -= pick.Of({10, 20, 30});
    if (threshold < 0) break;
    tiers.push_back({.threshold = threshold, .duration = Seconds(pick.Of({3, 5, 10, 20}))});
  }
  return tiers;
}

std::vector<SkillLevel> RandomSkills(Chooser& pick, int skills, int min_desire) {
  std::vector<SkillLevel> out;
  for (int s = 0; s < skills; ++s) {
    if (pick.OneIn(3)) continue;
    out.push_back({.skill = fmt::format("s{}", s),
                   .proficiency = pick.Of({10, 30, 50, 70, 90, 100}),
                   .desire = std::max(min_desire, pick.Of({0, 1, 50, 100}))});
  }
  return out;
}

WorkgroupConfig RandomWorkgroup(Chooser& pick, int w, int workgroups, int skills) {
  {
    WorkgroupConfig wg{.name = fmt::format("wg{}", w)};
    wg.alert_timeout = Seconds(pick.Of({0, 7, 10, 15}));  // 0: the default, 15 s
    wg.wrap_up = Seconds(pick.Of({0, 0, 5, 10}));
    if (pick.OneIn(3)) wg.skills = RandomSkills(pick, skills, 0);
    wg.utilization = RandomUtilization(pick);
    wg.exempt_held = pick.OneIn(2);
    wg.interaction_weights = {.skill = pick.Of({0.0, 1.0}),
                              .priority = pick.Of({0.0, 1.0, 2.0}),
                              .time_in_queue = pick.Of({0.0, 0.0, 0.5, 1.0}),
                              .time_in_system = pick.Of({0.0, 0.0, 1.0})};
    wg.agent_weights = {.skill = pick.Of({0.0, 1.0, 2.0}),
                        .cost = pick.Of({0.0, 0.0, -1.0, 1.0}),
                        .available = pick.Of({0.0, 0.0, 1.0}),
                        .available_interval_s = pick.Of({1.0, 10.0, 30.0}),
                        .attribute1 = pick.Of({0.0, 0.0, 1.0})};
    wg.agent_order = pick.Of({AgentOrder::kScore, AgentOrder::kScore, AgentOrder::kScore,
                              AgentOrder::kFewestInteractions, AgentOrder::kLeastTalkTime,
                              AgentOrder::kRoundRobin});
    wg.tiers = RandomTiers(pick);
    wg.after_last_tier = pick.OneIn(2) ? AfterLastTier::kAnyMember : AfterLastTier::kWaitForever;
    wg.no_answer = {.misses_before_status = pick.Of({1, 1, 2, 3}),
                    .delay = Seconds(pick.Of({0, 0, 5})),
                    .priority_bump = pick.Of({0, 0, 10}),
                    .exclusion = Seconds(pick.Of({0, 10, 30}))};
    wg.transfer_priority = pick.Of({-1, -1, 0, 100});
    if (workgroups > 1 && pick.OneIn(3)) {
      wg.queue_timeout = Seconds(pick.Of({5, 10, 20}));
      wg.overflow_workgroup =
          fmt::format("wg{}", (w + 1 + pick.Below(workgroups - 1)) % workgroups);
    }
    wg.queue_capacity = pick.Of({-1, -1, -1, 0, 1, 2});
    wg.callback_retry_interval = Seconds(pick.Of({5, 20}));
    wg.callback_max_attempts = pick.Of({1, 2, 3});
    // Short limits, so that holds run out inside a stream.
    wg.max_hold = Seconds(pick.Of({0, 10, 30, 900}));
    if (pick.OneIn(3)) {
      wg.max_hold_action = MaxHoldAction::kTransfer;
      wg.max_hold_workgroup = fmt::format("wg{}", pick.Below(workgroups));
    }
    wg.allow_pickup_by_non_members = pick.OneIn(2);
    return wg;
  }
}

AgentConfig RandomAgent(Chooser& pick, int a, int workgroups, int skills) {
  {
    AgentConfig agent{.name = fmt::format("a{}", a)};
    for (int w = 0; w < workgroups; ++w) {
      if (pick.Below(4) > 0) {
        agent.workgroups.push_back({.workgroup = fmt::format("wg{}", w), .active = !pick.OneIn(5)});
      }
    }
    agent.skills = RandomSkills(pick, skills, 1);
    if (pick.OneIn(3)) agent.utilization = RandomUtilization(pick);
    agent.auto_answer = pick.OneIn(8);
    if (pick.OneIn(6)) agent.auto_answer_media.push_back(MediaType::kChat);
    agent.cost = pick.Of({0.0, 1.0, 2.0});
    agent.attribute1 = pick.Of({0.0, 1.0, 5.0});
    return agent;
  }
}

// Drops what names a removed workgroup (an empty name in `roster`): the
// memberships of an agent, the overflow of a workgroup.
void AvoidRemoved(const CenterConfig& roster, AgentConfig& agent) {
  auto& list = agent.workgroups;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const MembershipConfig& m) {
                              for (const WorkgroupConfig& w : roster.workgroups) {
                                if (w.name == m.workgroup) return false;
                              }
                              return true;
                            }),
             list.end());
}

void AvoidRemoved(const CenterConfig& roster, WorkgroupConfig& wg) {
  for (const WorkgroupConfig& w : roster.workgroups) {
    if (!wg.overflow_workgroup.empty() && w.name == wg.overflow_workgroup) return;
  }
  wg.overflow_workgroup.clear();
  wg.queue_timeout = Duration::Zero();
}

// A live name of `list` other than "", or "" if there is none.
template <typename T>
std::string SomeName(Chooser& pick, const std::vector<T>& list) {
  const T& item = list[static_cast<size_t>(pick.Below(static_cast<int>(list.size())))];
  return item.name;
}

}  // namespace

CenterConfig RandomCenter(Chooser& pick) {
  CenterConfig center;
  const int skills = pick.Below(5);
  for (int s = 0; s < skills; ++s) center.skills.push_back(fmt::format("s{}", s));
  const int workgroups = 1 + pick.Below(3);
  for (int w = 0; w < workgroups; ++w) {
    center.workgroups.push_back(RandomWorkgroup(pick, w, workgroups, skills));
  }
  const int agents = 1 + pick.Below(6);
  for (int a = 0; a < agents; ++a)
    center.agents.push_back(RandomAgent(pick, a, workgroups, skills));
  return center;
}

CenterConfig BigWorkgroupCenter(Chooser& pick) {
  CenterConfig center = RandomCenter(pick);
  const int workgroups = static_cast<int>(center.workgroups.size());
  const int skills = static_cast<int>(center.skills.size());
  WorkgroupConfig& big = center.workgroups[0];
  // Mostly weights the ready index takes (kScore, W_available >= 0), with
  // and without a skill weight, over a few classes of static terms.
  if (!pick.OneIn(5)) big.agent_order = AgentOrder::kScore;
  big.agent_weights = {.skill = pick.Of({0.0, 0.0, 1.0}),
                       .cost = pick.Of({0.0, 1.0, -1.0, 0.5}),
                       .available = pick.Of({0.0, 1.0, 2.0, -1.0}),
                       .available_interval_s = pick.Of({1.0, 2.5, 10.0}),
                       .attribute1 = pick.Of({0.0, 0.0, 1.0}),
                       .attribute2 = pick.Of({0.0, 0.0, -0.25})};
  // Now and then more classes than the index keeps.
  const bool many_classes = pick.OneIn(5);
  const int first = static_cast<int>(center.agents.size());
  const int added = 65 + pick.Below(136);
  for (int a = first; a < first + added; ++a) {
    AgentConfig agent = RandomAgent(pick, a, workgroups, skills);
    if (agent.workgroups.empty() || agent.workgroups[0].workgroup != big.name) {
      agent.workgroups.insert(agent.workgroups.begin(), {.workgroup = big.name});
    }
    agent.attribute2 = pick.Of({0.0, 4.0});
    if (many_classes) agent.cost = pick.Below(40);
    center.agents.push_back(std::move(agent));
  }
  return center;
}

Command RandomCommand(Chooser& pick, Time now, const CenterConfig& center, uint64_t next_id) {
  const int agents = static_cast<int>(center.agents.size());
  const int workgroups = static_cast<int>(center.workgroups.size());
  const int skills = static_cast<int>(center.skills.size());
  // Now and then an id that does not exist.
  const AgentId agent(pick.OneIn(40) ? agents : pick.Below(agents));
  const InteractionId some(1 + pick.Below(static_cast<int>(next_id) + (pick.OneIn(30) ? 1 : 0)));
  const int statuses =
      static_cast<int>(center.statuses.empty() ? DefaultStatuses().size() : center.statuses.size());
  switch (pick.Below(24)) {
    case 0:
      return LogIn{.now = now,
                   .agent = agent,
                   .status = pick.OneIn(4) ? StatusId(pick.Below(statuses)) : StatusId()};
    case 1:
      return LogOut{.now = now, .agent = agent};
    case 2:
      return SetStatus{.now = now, .agent = agent, .status = StatusId(pick.Below(statuses))};
    case 3:
      return SetActivation{.now = now,
                           .agent = agent,
                           .workgroup = WorkgroupId(pick.Below(workgroups)),
                           .active = pick.OneIn(2)};
    case 4:
    case 5:
    case 6: {
      Arrive arrive{
          .now = now,
          .interaction = InteractionId(next_id),
          .workgroup = WorkgroupId(pick.Below(workgroups)),
          .media = pick.Of({MediaType::kCall, MediaType::kCall, MediaType::kChat, MediaType::kEmail,
                            MediaType::kCallback, MediaType::kWorkItem, MediaType::kGeneric}),
          .priority = pick.Of({0, 40, 50, 50, 60, 1000})};
      const int requirements = skills == 0 ? 0 : pick.Below(3);
      for (int r = 0; r < requirements; ++r) {
        const auto [pw, dw] = pick.Of<std::pair<double, double>>({{1, 0}, {1, 1}, {2, 1}, {0, 1}});
        arrive.requirements.push_back({.skill = SkillId(pick.Below(skills)),
                                       .min_proficiency = pick.Of({1, 1, 20, 40}),
                                       .max_proficiency = pick.Of({100, 100, 80}),
                                       .min_desire = pick.Of({0, 0, 20}),
                                       .proficiency_weight = pw,
                                       .desire_weight = dw});
      }
      if (pick.OneIn(5))
        arrive.tiers = {{.threshold = 60, .duration = Seconds(5)},
                        {.threshold = 20, .duration = Seconds(10)}};
      if (pick.OneIn(4)) {
        arrive.preferred_agent = AgentId(pick.Below(agents));
        arrive.preferred_window = Seconds(pick.Of({0, 5, 10, 30}));
      }
      if (pick.OneIn(50)) arrive.priority = 1001;  // invalid
      if (pick.OneIn(4)) arrive.due = now + Seconds(pick.Of({5, 20, 60}));
      return arrive;
    }
    case 14:
    case 15:
      return Transfer{.now = now,
                      .interaction = some,
                      .workgroup = WorkgroupId(pick.Below(workgroups + (pick.OneIn(30) ? 1 : 0))),
                      .agent = pick.OneIn(30) ? agent : AgentId()};
    case 16:
      return Transfer{.now = now, .interaction = some, .agent = agent};
    case 17:
      return ReportCallback{
          .now = now,
          .interaction = some,
          .outcome = pick.Of({CallbackOutcome::kComplete, CallbackOutcome::kAttemptFailed,
                              CallbackOutcome::kRetryLater, CallbackOutcome::kRetryLater})};
    case 23:
      // Often the latest arrival: the one most likely still waiting.
      return Pickup{.now = now,
                    .agent = agent,
                    .interaction = pick.OneIn(2) ? InteractionId(std::max<uint64_t>(1, next_id - 1))
                                                 : some};
    case 18:
      return SetPriority{.now = now, .interaction = some, .priority = pick.Of({0, 50, 90, 1001})};
    case 19: {
      const int a = pick.Below(agents);
      AgentConfig config = RandomAgent(pick, a, workgroups, skills);
      AvoidRemoved(center, config);
      if (!center.agents[static_cast<size_t>(a)].name.empty()) {
        config.name = center.agents[static_cast<size_t>(a)].name;  // re-added under an old name
      }
      if (pick.OneIn(10)) config.name = "renamed";                                // invalid
      if (pick.OneIn(10)) config.workgroups.push_back({.workgroup = "nowhere"});  // invalid
      return UpdateAgent{.now = now, .agent = AgentId(a), .config = std::move(config)};
    }
    case 20: {
      const int w = pick.Below(workgroups);
      WorkgroupConfig config = RandomWorkgroup(pick, w, workgroups, skills);
      AvoidRemoved(center, config);
      if (pick.OneIn(10)) config.alert_timeout = Seconds(5);  // invalid
      if (pick.OneIn(10)) config.name = "renamed";            // invalid
      return UpdateWorkgroup{.now = now, .workgroup = WorkgroupId(w), .config = std::move(config)};
    }
    case 7:
    case 8:
    case 21:
    case 22:
      return Accept{.now = now, .interaction = some};
    case 9:
      return Reject{.now = now, .interaction = some};
    case 10:
      return Disconnect{.now = now, .interaction = some};
    case 12:
      return Hold{.now = now, .interaction = some};
    case 13:
      return Resume{.now = now, .interaction = some};
    default:
      return EndWrapUp{.now = now, .agent = agent};
  }
}

Command RandomRosterCommand(Chooser& pick, Time now, CenterConfig& roster) {
  const int agents = static_cast<int>(roster.agents.size());
  const int workgroups = static_cast<int>(roster.workgroups.size());
  const int skills = static_cast<int>(roster.skills.size());
  switch (pick.Below(4)) {
    case 0: {
      AgentConfig config = RandomAgent(pick, agents, workgroups, skills);
      AvoidRemoved(roster, config);
      if (pick.OneIn(5)) {  // a skill new to the center
        config.skills.push_back({.skill = fmt::format("s{}", skills), .proficiency = 60});
      }
      const std::string taken = SomeName(pick, roster.agents);
      const bool duplicate = pick.OneIn(8) && !taken.empty();
      if (duplicate) config.name = taken;
      if (!duplicate) {
        for (const SkillLevel& l : config.skills) {
          if (std::find(roster.skills.begin(), roster.skills.end(), l.skill) ==
              roster.skills.end()) {
            roster.skills.push_back(l.skill);
          }
        }
        roster.agents.push_back(config);
      }
      return AddAgent{.now = now, .config = std::move(config)};
    }
    case 1: {
      const int a = pick.Below(agents + (pick.OneIn(10) ? 1 : 0));
      if (a < agents) roster.agents[static_cast<size_t>(a)].name.clear();
      return RemoveAgent{.now = now, .agent = AgentId(a)};
    }
    case 2: {
      WorkgroupConfig config = RandomWorkgroup(pick, workgroups, workgroups + 1, skills);
      AvoidRemoved(roster, config);
      const std::string taken = SomeName(pick, roster.workgroups);
      const bool duplicate = pick.OneIn(8) && !taken.empty();
      if (duplicate) config.name = taken;
      if (!duplicate) roster.workgroups.push_back(config);
      return AddWorkgroup{.now = now, .config = std::move(config)};
    }
    default: {
      // Often the newest, which is likeliest to be empty.
      const int w = pick.OneIn(2) ? workgroups - 1 : pick.Below(workgroups + 1);
      if (w < workgroups) {
        const std::string name = roster.workgroups[static_cast<size_t>(w)].name;
        for (AgentConfig& agent : roster.agents) {
          auto& list = agent.workgroups;
          list.erase(std::remove_if(list.begin(), list.end(),
                                    [&](const MembershipConfig& m) { return m.workgroup == name; }),
                     list.end());
        }
        roster.workgroups[static_cast<size_t>(w)].name.clear();
      }
      return RemoveWorkgroup{.now = now, .workgroup = WorkgroupId(w)};
    }
  }
}

std::vector<Step> MakeStream(Chooser& pick, const CenterConfig& center, int count, bool roster) {
  std::vector<Step> steps;
  Time now;
  uint64_t next_id = 1;
  CenterConfig picture = center;
  for (int i = 0; i < count; ++i) {
    now += Seconds(pick.Of({0, 0, 1, 1, 2, 3, 5, 8}));
    if (pick.OneIn(7)) {
      steps.push_back({.advance = true, .time = now});
      continue;
    }
    if (roster && pick.OneIn(15)) {
      steps.push_back({.command = RandomRosterCommand(pick, now, picture)});
      continue;
    }
    Command c = RandomCommand(pick, now, picture, next_id);
    if (std::holds_alternative<Arrive>(c)) ++next_id;
    steps.push_back({.command = std::move(c)});
  }
  return steps;
}

std::string Describe(const Command& command) {
  struct Visitor {
    std::string operator()(const LogIn& c) const {
      return fmt::format("{} LogIn agent={} status={}", c.now, c.agent,
                         c.status.valid() ? int(c.status.value()) : -1);
    }
    std::string operator()(const LogOut& c) const {
      return fmt::format("{} LogOut agent={}", c.now, c.agent);
    }
    std::string operator()(const SetStatus& c) const {
      return fmt::format("{} SetStatus agent={} status={}", c.now, c.agent, c.status);
    }
    std::string operator()(const SetActivation& c) const {
      return fmt::format("{} SetActivation agent={} workgroup={} active={}", c.now, c.agent,
                         c.workgroup, c.active);
    }
    std::string operator()(const Arrive& c) const {
      std::string reqs;
      for (const SkillRequirement& r : c.requirements) {
        reqs +=
            fmt::format(" [skill {} prof {}..{} desire>={} w {}/{}]", r.skill, r.min_proficiency,
                        r.max_proficiency, r.min_desire, r.proficiency_weight, r.desire_weight);
      }
      return fmt::format(
          "{} Arrive id={} workgroup={} media={} priority={} tiers={} prefers={}/{}{}", c.now,
          c.interaction, c.workgroup, MediaName(c.media), c.priority, c.tiers.size(),
          c.preferred_agent.valid() ? int64_t(c.preferred_agent.value()) : -1, c.preferred_window,
          reqs);
    }
    std::string operator()(const Accept& c) const {
      return fmt::format("{} Accept id={}", c.now, c.interaction);
    }
    std::string operator()(const Reject& c) const {
      return fmt::format("{} Reject id={}", c.now, c.interaction);
    }
    std::string operator()(const Hold& c) const {
      return fmt::format("{} Hold id={}", c.now, c.interaction);
    }
    std::string operator()(const Resume& c) const {
      return fmt::format("{} Resume id={}", c.now, c.interaction);
    }
    std::string operator()(const Disconnect& c) const {
      return fmt::format("{} Disconnect id={}", c.now, c.interaction);
    }
    std::string operator()(const EndWrapUp& c) const {
      return fmt::format("{} EndWrapUp agent={}", c.now, c.agent);
    }
    std::string operator()(const Transfer& c) const {
      return fmt::format("{} Transfer id={} workgroup={} agent={}", c.now, c.interaction,
                         c.workgroup.valid() ? int64_t(c.workgroup.value()) : -1,
                         c.agent.valid() ? int64_t(c.agent.value()) : -1);
    }
    std::string operator()(const ReportCallback& c) const {
      return fmt::format("{} ReportCallback id={} outcome={}", c.now, c.interaction,
                         static_cast<int>(c.outcome));
    }
    std::string operator()(const SetPriority& c) const {
      return fmt::format("{} SetPriority id={} priority={}", c.now, c.interaction, c.priority);
    }
    std::string operator()(const Pickup& c) const {
      return fmt::format("{} Pickup agent={} id={}", c.now, c.agent, c.interaction);
    }
    std::string operator()(const UpdateAgent& c) const {
      std::string memberships, skills;
      for (const MembershipConfig& m : c.config.workgroups) {
        memberships += fmt::format(" {}:{}", m.workgroup, m.active);
      }
      for (const SkillLevel& l : c.config.skills) {
        skills += fmt::format(" {}={}/{}", l.skill, l.proficiency, l.desire);
      }
      return fmt::format("{} UpdateAgent agent={} name={} in[{}] skills[{}] utilization={}", c.now,
                         c.agent, c.config.name, memberships, skills, c.config.utilization.size());
    }
    std::string operator()(const AddAgent& c) const {
      std::string memberships, skills;
      for (const MembershipConfig& m : c.config.workgroups) {
        memberships += fmt::format(" {}:{}", m.workgroup, m.active);
      }
      for (const SkillLevel& l : c.config.skills) {
        skills += fmt::format(" {}={}/{}", l.skill, l.proficiency, l.desire);
      }
      return fmt::format("{} AddAgent name={} in[{}] skills[{}]", c.now, c.config.name, memberships,
                         skills);
    }
    std::string operator()(const RemoveAgent& c) const {
      return fmt::format("{} RemoveAgent agent={}", c.now, c.agent);
    }
    std::string operator()(const AddWorkgroup& c) const {
      return fmt::format("{} AddWorkgroup name={} tiers={} timeout={}->{}", c.now, c.config.name,
                         c.config.tiers.size(), c.config.queue_timeout,
                         c.config.overflow_workgroup);
    }
    std::string operator()(const RemoveWorkgroup& c) const {
      return fmt::format("{} RemoveWorkgroup workgroup={}", c.now, c.workgroup);
    }
    std::string operator()(const UpdateWorkgroup& c) const {
      return fmt::format(
          "{} UpdateWorkgroup workgroup={} name={} tiers={} capacity={} timeout={}->{} "
          "weights={}/{}/{} max_hold={}/{}",
          c.now, c.workgroup, c.config.name, c.config.tiers.size(), c.config.queue_capacity,
          c.config.queue_timeout, c.config.overflow_workgroup, c.config.interaction_weights.skill,
          c.config.interaction_weights.priority, c.config.interaction_weights.time_in_queue,
          c.config.max_hold, c.config.max_hold_workgroup);
    }
  };
  return std::visit(Visitor{}, command);
}

}  // namespace acd::testing
