#include "sim/staffing_report.h"

#include <cmath>

#include "fmt/format.h"
#include "sim/csv.h"
#include "sim/json.h"
#include "sim/version.h"

namespace acd::sim {
namespace {

bool Idle(const StaffingPlan::Interval& row) {
  for (int n : row.agents) {
    if (n > 0) return false;
  }
  for (int n : row.erlang_a) {
    if (n > 0) return false;
  }
  for (const Summary& s : row.kpis) {
    if (s.count > 0) return false;
  }
  return true;
}

std::string Clock(int64_t s) { return fmt::format("{:02}:{:02}", s / 3600, s / 60 % 60); }

std::string GroupMap(const std::vector<std::string>& names, const std::vector<int>& values) {
  std::string out = "{";
  for (size_t g = 0; g < names.size(); ++g) {
    out += fmt::format("{}{}: {}", g ? ", " : "", JsonQuote(names[g]), values[g]);
  }
  return out + "}";
}

}  // namespace

std::string FormatStaffingTable(const StaffingStudy& study) {
  const StaffingPlan& plan = study.plan;
  const int v = plan.verify_rounds > 0 ? study.verify_replications : study.replications;
  std::string out = fmt::format(
      "Staffing of {}: {} replications per candidate, seed {}; a target is met when its mean "
      "over {} meets the limit by the safety margin z*sd*sqrt(2/{}), z = {:.3f} for a {:g} "
      "risk over {} interval-target cells (* missed).\nagents: found (Erlang A start)\n\n",
      study.scenario, study.replications, study.seed,
      plan.verify_rounds > 0
          ? fmt::format("the whole-day check's {} fresh replications", study.verify_replications)
          : std::string(study.rule == StaffingRule::kMean
                            ? "the replications"
                            : "the replications, less its 95% half-width,"),
      v, plan.safety_z, study.miss_risk, plan.safety_cells);
  out += fmt::format("{:<7}{:>8}", "start", "s");
  for (const std::string& g : plan.group_names) out += fmt::format("  {:>16}", g);
  for (const StaffingTarget& t : study.targets) out += fmt::format("  {:>24}", t.spec);
  out += "\n";
  for (const StaffingPlan::Interval& row : plan.intervals) {
    if (Idle(row)) continue;
    out += fmt::format("{:<7}{:>8}", Clock(row.start_s), row.start_s);
    for (size_t g = 0; g < row.agents.size(); ++g) {
      out += fmt::format("  {:>16}", fmt::format("{} ({})", row.agents[g], row.erlang_a[g]));
    }
    for (size_t t = 0; t < row.kpis.size(); ++t) {
      const Summary& s = row.kpis[t];
      const int decimals = study.targets[t].kpi == StaffingKpi::kAsa ? 1 : 3;
      std::string cell = s.count == 0 ? "-"
                                      : fmt::format("{:.{}f} ± {:.{}f}", s.mean, decimals,
                                                    std::isnan(s.ci95) ? 0.0 : s.ci95, decimals);
      if (!row.met[t]) cell += " *";
      out += fmt::format("  {:>24}", cell);
    }
    out += "\n";
  }
  out += fmt::format(
      "\nagent-intervals: {} found, {} per-interval Erlang A; {} candidates simulated ({} "
      "replication-intervals)\n",
      plan.agent_intervals, plan.erlang_a_agent_intervals, plan.candidates,
      plan.search_replication_intervals);
  if (plan.verify_rounds > 0) {
    out += fmt::format(
        "whole-day check on {} fresh replications ({}..{}; the targets above are theirs): {} "
        "round{}, {} agent{} added, {} removed; {} ({} replication-intervals)\n",
        study.verify_replications, study.replications,
        study.replications + study.verify_replications - 1, plan.verify_rounds,
        plan.verify_rounds == 1 ? "" : "s", plan.verify_added, plan.verify_added == 1 ? "" : "s",
        plan.verify_removed,
        plan.verified ? "every target met in every interval" : "some target still missed (*)",
        plan.check_replication_intervals);
  }
  return out;
}

std::string FormatStaffingJson(const StaffingStudy& study) {
  const StaffingPlan& plan = study.plan;
  std::string out = "{\n";
  out += fmt::format("  \"version\": {},\n", JsonQuote(ProgramVersion()));
  out += "  \"kind\": \"staffing\",\n";
  out += fmt::format("  \"scenario\": {},\n", JsonQuote(study.scenario));
  out += fmt::format("  \"seed\": {},\n", study.seed);
  out += fmt::format("  \"replications\": {},\n", study.replications);
  out += fmt::format("  \"interval_s\": {},\n", JsonNumber(study.interval_s));
  out += "  \"overrides\": [";
  for (size_t i = 0; i < study.overrides.size(); ++i) {
    out += fmt::format("{}{}", i ? ", " : "", JsonQuote(study.overrides[i]));
  }
  out += "],\n  \"targets\": [";
  for (size_t t = 0; t < study.targets.size(); ++t) {
    const StaffingTarget& target = study.targets[t];
    out += fmt::format(
        "{}\n    {{\"spec\": {}, \"slice\": \"{}\", \"name\": {}, \"kpi\": \"{}\", \"limit\": {}, "
        "\"bound\": \"{}\"}}",
        t ? "," : "", JsonQuote(target.spec), target.slice_name(), JsonQuote(target.name),
        target.kpi_key, JsonNumber(target.limit), target.at_least() ? "at_least" : "at_most");
  }
  out += "\n  ],\n  \"groups\": [";
  for (size_t g = 0; g < plan.group_names.size(); ++g) {
    out += fmt::format("{}{}", g ? ", " : "", JsonQuote(plan.group_names[g]));
  }
  out += "],\n  \"intervals\": [";
  for (size_t i = 0; i < plan.intervals.size(); ++i) {
    const StaffingPlan::Interval& row = plan.intervals[i];
    out +=
        fmt::format("{}\n    {{\"start_s\": {}, \"agents\": {}, \"erlang_a\": {}, \"targets\": [",
                    i ? "," : "", row.start_s, GroupMap(plan.group_names, row.agents),
                    GroupMap(plan.group_names, row.erlang_a));
    for (size_t t = 0; t < row.kpis.size(); ++t) {
      out +=
          fmt::format("{}{{\"spec\": {}, \"mean\": {}, \"ci95\": {}, \"met\": {}}}", t ? ", " : "",
                      JsonQuote(study.targets[t].spec), JsonNumber(row.kpis[t].mean),
                      JsonNumber(row.kpis[t].ci95), row.met[t] ? "true" : "false");
    }
    out += "]}";
  }
  out += "\n  ],\n";
  out += fmt::format("  \"agent_intervals\": {},\n", plan.agent_intervals);
  out += fmt::format("  \"erlang_a_agent_intervals\": {}\n", plan.erlang_a_agent_intervals);
  return out + "}\n";
}

std::string FormatStaffingCsv(const StaffingStudy& study) {
  std::string out = "interval_start_s,group,agents,erlang_a\n";
  for (const StaffingPlan::Interval& row : study.plan.intervals) {
    for (size_t g = 0; g < row.agents.size(); ++g) {
      out += fmt::format("{},{},{},{}\n", row.start_s, CsvField(study.plan.group_names[g]),
                         row.agents[g], row.erlang_a[g]);
    }
  }
  return out;
}

std::string FormatStaffingTargetsCsv(const StaffingStudy& study) {
  std::string out = "interval_start_s,target,mean,ci95,met\n";
  for (const StaffingPlan::Interval& row : study.plan.intervals) {
    for (size_t t = 0; t < row.kpis.size(); ++t) {
      out += fmt::format("{},{},{},{},{}\n", row.start_s, CsvField(study.targets[t].spec),
                         CsvNumber(row.kpis[t].mean), CsvNumber(row.kpis[t].ci95),
                         row.met[t] ? "true" : "false");
    }
  }
  return out;
}

}  // namespace acd::sim
