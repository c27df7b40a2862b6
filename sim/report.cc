#include "sim/report.h"

#include <cmath>

#include "acd/status_macros.h"
#include "fmt/format.h"
#include "fmt/ranges.h"
#include "sim/clock.h"
#include "sim/csv.h"
#include "sim/json.h"
#include "sim/kpi_plan.h"

namespace acd::sim {
namespace {

void AppendKpis(std::string& out, const KpiSummaries& kpis, const char* indent) {
  out += "{\n";
  for (size_t i = 0; i < kpis.size(); ++i) {
    out += fmt::format("{}  \"{}\": {{\"mean\": {}, \"ci95\": {}}}{}\n", indent,
                       (*kpis.kpis)[i].key, JsonNumber(kpis[i].mean), JsonNumber(kpis[i].ci95),
                       i + 1 < kpis.size() ? "," : "");
  }
  out += fmt::format("{}}}", indent);
}

void AppendGroup(std::string& out, const char* key,
                 const std::vector<std::pair<std::string, KpiSummaries>>& group, bool last) {
  out += fmt::format("  \"{}\": {{", key);
  for (size_t i = 0; i < group.size(); ++i) {
    out += fmt::format("\n    {}: ", JsonQuote(group[i].first));
    AppendKpis(out, group[i].second, "    ");
    if (i + 1 < group.size()) out += ",";
  }
  out += group.empty() ? "}" : "\n  }";
  out += last ? "\n" : ",\n";
}

// A slice member's summaries: the whole run, then each interval.
struct MemberSummaries {
  KpiSummaries whole;
  std::vector<KpiSummaries> intervals;
};

MemberSummaries Summarize(const Aggregate& aggregate, size_t slice, size_t member,
                          const std::shared_ptr<const std::vector<KpiInfo>>& kpis) {
  MemberSummaries out;
  const KpiLayout& layout = aggregate.layout;
  for (size_t period = 0; period < layout.Periods(); ++period) {
    KpiSummaries summaries{.kpis = kpis};
    const size_t first = layout.Cell(slice, member, period, 0);
    for (size_t k = 0; k < kpis->size(); ++k) {
      summaries.values.push_back(aggregate.cells[first + k].Summarize());
    }
    if (period == 0) {
      out.whole = std::move(summaries);
    } else {
      out.intervals.push_back(std::move(summaries));
    }
  }
  return out;
}

}  // namespace

const Summary* FindKpi(const KpiSummaries& kpis, absl::string_view key) {
  if (kpis.kpis == nullptr) return nullptr;
  for (size_t i = 0; i < kpis.kpis->size() && i < kpis.size(); ++i) {
    if (key == (*kpis.kpis)[i].key) return &kpis[i];
  }
  return nullptr;
}

Report ReportOf(const Aggregate& aggregate) {
  Report report;
  const StudyInfo& study = aggregate.study;
  report.version = study.version;
  report.scenario = study.scenario;
  report.overrides = study.overrides;
  report.warnings = study.warnings;
  report.seed = study.seed;
  report.replications = aggregate.added;
  report.first_replication = aggregate.range.first;
  report.study_replications = study.replications;
  report.service_level_s = study.service_level_s;
  report.horizon_s = study.horizon_s;
  report.warmup_s = study.warmup_s;
  report.interval_s = study.interval_s;
  report.events = aggregate.events;
  report.day_start_s = study.day_start_s;
  report.service_levels_s = study.service_levels_s;
  for (size_t s = 0; s < aggregate.layout.slices.size(); ++s) {
    const SliceLayout& slice = aggregate.layout.slices[s];
    const auto kpis = std::make_shared<const std::vector<KpiInfo>>(slice.kpis);
    for (size_t m = 0; m < slice.members.size(); ++m) {
      MemberSummaries summaries = Summarize(aggregate, s, m, kpis);
      const std::string& name = slice.members[m];
      if (slice.kind == "total") {
        report.total = std::move(summaries.whole);
        report.total_intervals = std::move(summaries.intervals);
      } else if (slice.kind == "workgroups") {
        report.workgroups.emplace_back(name, std::move(summaries.whole));
        report.workgroup_intervals.emplace_back(name, std::move(summaries.intervals));
      } else if (slice.kind == "contact_types") {
        report.contact_types.emplace_back(name, std::move(summaries.whole));
        report.contact_type_intervals.emplace_back(name, std::move(summaries.intervals));
      } else if (slice.kind == "agent_groups") {
        report.agent_groups.emplace_back(name, std::move(summaries.whole));
        report.agent_group_intervals.emplace_back(name, std::move(summaries.intervals));
      }
    }
  }
  return report;
}

Report BuildReport(const Scenario& scenario, const std::vector<ReplicationResult>& results) {
  const KpiPlan plan = KpiPlan::For(scenario);
  StudyInfo study = StudyOf(scenario);
  study.replications = static_cast<int>(results.size());
  Aggregate aggregate =
      Aggregate::Start(std::move(study), plan.layout(), {0, static_cast<int>(results.size())});
  std::vector<double> values;
  for (const ReplicationResult& result : results) {
    // The results were made from this scenario, so their shape matches.
    ACD_CHECK(plan.Observe(result, values).ok());
    aggregate.Add(values, result.events);
  }
  return ReportOf(aggregate);
}

std::string FormatJson(const Report& report) {
  std::string out = "{\n";
  out += fmt::format("  \"version\": {},\n", JsonQuote(report.version));
  out += fmt::format("  \"scenario\": {},\n", JsonQuote(report.scenario));
  out += fmt::format("  \"overrides\": {},\n", JsonStrings(report.overrides));
  if (!report.warnings.empty()) {
    out += fmt::format("  \"warnings\": {},\n", JsonStrings(report.warnings));
  }
  out += fmt::format("  \"seed\": {},\n", report.seed);
  out += fmt::format("  \"replications\": {},\n", report.replications);
  if (report.replications != report.study_replications) {
    out += fmt::format("  \"replication_range\": {{\"first\": {}, \"end\": {}, \"of\": {}}},\n",
                       report.first_replication, report.first_replication + report.replications,
                       report.study_replications);
  }
  out += fmt::format("  \"service_level_s\": {},\n", JsonNumber(report.service_level_s));
  out += fmt::format("  \"horizon_s\": {},\n", JsonNumber(report.horizon_s));
  out += fmt::format("  \"warmup_s\": {},\n", JsonNumber(report.warmup_s));
  if (report.day_start_s) {
    out += fmt::format("  \"day_start_s\": {},\n", JsonNumber(*report.day_start_s));
  }
  if (!report.service_levels_s.empty()) {
    out += "  \"service_levels_s\": {";
    for (size_t k = 0; k < report.service_levels_s.size(); ++k) {
      const auto& [type, thresholds] = report.service_levels_s[k];
      std::vector<std::string> numbers;
      for (double t : thresholds) numbers.push_back(JsonNumber(t));
      out +=
          fmt::format("{}{}: [{}]", k == 0 ? "" : ", ", JsonQuote(type), fmt::join(numbers, ", "));
    }
    out += "},\n";
  }
  out += "  \"total\": ";
  AppendKpis(out, report.total, "  ");
  out += ",\n";
  AppendGroup(out, "workgroups", report.workgroups, /*last=*/false);
  AppendGroup(out, "contact_types", report.contact_types, /*last=*/false);
  if (!report.agent_groups.empty()) {
    AppendGroup(out, "agent_groups", report.agent_groups, /*last=*/false);
  }
  out += fmt::format("  \"interval_s\": {},\n", JsonNumber(report.interval_s));
  // [{"start_s": 0, "kpis": {...}}, ...] at `indent`.
  const auto append_intervals = [&](const std::vector<KpiSummaries>& intervals,
                                    const std::string& indent) {
    out += "[";
    for (size_t i = 0; i < intervals.size(); ++i) {
      out += fmt::format("\n{}  {{\"start_s\": {}, ", indent, JsonNumber(i * report.interval_s));
      if (report.day_start_s) {
        out += fmt::format("\"clock\": \"{}\", ",
                           FormatClock(*report.day_start_s + i * report.interval_s));
      }
      out += "\"kpis\": ";
      AppendKpis(out, intervals[i], (indent + "  ").c_str());
      out += i + 1 < intervals.size() ? "}," : "}";
    }
    out += intervals.empty() ? "]" : "\n" + indent + "]";
  };
  const auto append_named = [&](const char* key, const auto& slices) {
    out += fmt::format("  \"{}\": {{", key);
    for (size_t w = 0; w < slices.size(); ++w) {
      out += fmt::format("\n    {}: ", JsonQuote(slices[w].first));
      append_intervals(slices[w].second, "    ");
      if (w + 1 < slices.size()) out += ",";
    }
    out += slices.empty() ? "},\n" : "\n  },\n";
  };
  append_named("intervals", report.workgroup_intervals);
  append_named("contact_type_intervals", report.contact_type_intervals);
  if (!report.agent_group_intervals.empty()) {
    append_named("agent_group_intervals", report.agent_group_intervals);
  }
  out += "  \"total_intervals\": ";
  append_intervals(report.total_intervals, "  ");
  out += "\n}\n";
  return out;
}

std::string FormatIntervalCsv(const Report& report, IntervalSlice slice) {
  std::vector<std::pair<std::string, std::vector<KpiSummaries>>> total;
  const std::vector<std::pair<std::string, std::vector<KpiSummaries>>>* rows =
      &report.workgroup_intervals;
  const char* first = "workgroup";
  if (slice == IntervalSlice::kContactTypes) {
    rows = &report.contact_type_intervals;
    first = "contact_type";
  } else if (slice == IntervalSlice::kAgentGroups) {
    rows = &report.agent_group_intervals;
    first = "agent_group";
  } else if (slice == IntervalSlice::kTotal) {
    total.emplace_back("total", report.total_intervals);
    rows = &total;
    first = "total";
  }
  // Every member of a slice has the same KPIs: the header takes them from
  // the whole run's.
  const KpiSummaries none;
  const KpiSummaries& columns =
      slice == IntervalSlice::kWorkgroups
          ? (report.workgroups.empty() ? report.total : report.workgroups[0].second)
      : slice == IntervalSlice::kContactTypes
          ? (report.contact_types.empty() ? report.total : report.contact_types[0].second)
      : slice == IntervalSlice::kAgentGroups
          ? (report.agent_groups.empty() ? none : report.agent_groups[0].second)
          : report.total;
  std::string out = fmt::format("{},start_s", first);
  if (report.day_start_s) out += ",clock";
  if (columns.kpis != nullptr) {
    for (const KpiInfo& kpi : *columns.kpis)
      out += fmt::format(",{}_mean,{}_ci95", kpi.key, kpi.key);
  }
  out += "\n";
  for (const auto& [name, intervals] : *rows) {
    for (size_t i = 0; i < intervals.size(); ++i) {
      out += fmt::format("{},{}", CsvField(name), CsvNumber(i * report.interval_s));
      if (report.day_start_s) out += "," + FormatClock(*report.day_start_s + i * report.interval_s);
      for (size_t k = 0; k < intervals[i].size(); ++k) {
        out += fmt::format(",{},{}", CsvNumber(intervals[i][k].mean),
                         CsvNumber(intervals[i][k].ci95));
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace acd::sim
