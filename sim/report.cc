#include "sim/report.h"

#include <cmath>
#include <functional>

#include "acd/format.h"
#include "fmt/format.h"
#include "sim/json.h"
#include "sim/tally.h"

namespace acd::sim {
namespace {

KpiSummaries SummarizeSlice(const std::vector<ReplicationResult>& results,
                            const std::function<const Tally&(const ReplicationResult&)>& slice) {
  KpiSummaries out;
  std::vector<double> observations(results.size());
  for (const KpiDefinition& kpi : Kpis()) {
    for (size_t r = 0; r < results.size(); ++r) observations[r] = kpi.value(slice(results[r]));
    out.push_back(Summarize(observations));
  }
  return out;
}

void AppendKpis(std::string& out, const KpiSummaries& kpis, const char* indent) {
  out += "{\n";
  const auto defs = Kpis();
  for (size_t i = 0; i < defs.size(); ++i) {
    out += fmt::format("{}  \"{}\": {{\"mean\": {}, \"ci95\": {}}}{}\n", indent, defs[i].key,
                       JsonNumber(kpis[i].mean), JsonNumber(kpis[i].ci95),
                       i + 1 < defs.size() ? "," : "");
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

// "12.34 ± 0.56".
std::string Cell(const Summary& s, int decimals) {
  if (!std::isfinite(s.mean)) return "-";
  if (!std::isfinite(s.ci95)) return fmt::format("{:.{}f}", s.mean, decimals);
  return fmt::format("{:.{}f} ± {:.{}f}", s.mean, decimals, s.ci95, decimals);
}

// Display width, counting the two-byte "±" as one column.
size_t Width(const std::string& s) {
  size_t width = 0;
  for (unsigned char c : s) width += (c & 0xC0) != 0x80;
  return width;
}

std::string Pad(const std::string& s, size_t width) {
  return s + std::string(width > Width(s) ? width - Width(s) : 0, ' ');
}

}  // namespace

const Summary* FindKpi(const KpiSummaries& kpis, absl::string_view key) {
  const auto defs = Kpis();
  for (size_t i = 0; i < defs.size() && i < kpis.size(); ++i) {
    if (key == defs[i].key) return &kpis[i];
  }
  return nullptr;
}

Report BuildReport(const Scenario& scenario, const std::vector<ReplicationResult>& results) {
  Report report;
  report.scenario = scenario.name;
  report.seed = scenario.seed;
  report.replications = static_cast<int>(results.size());
  report.service_level_s = ToSeconds(scenario.service_level);
  report.horizon_s = ToSeconds(scenario.horizon);
  report.warmup_s = ToSeconds(scenario.warmup);
  for (const ReplicationResult& r : results) report.events += r.events;
  report.total =
      SummarizeSlice(results, [](const ReplicationResult& r) -> const Tally& { return r.total; });
  for (size_t w = 0; w < scenario.center.workgroups.size(); ++w) {
    report.workgroups.emplace_back(
        scenario.center.workgroups[w].name,
        SummarizeSlice(
            results, [w](const ReplicationResult& r) -> const Tally& { return r.workgroups[w]; }));
  }
  report.interval_s = ToSeconds(scenario.interval);
  // One KPI summary per interval of the slice that `of` picks.
  const auto intervals =
      [&](const std::function<const std::vector<Tally>&(const ReplicationResult&)>& of) {
        std::vector<KpiSummaries> out;
        const size_t n = results.empty() ? 0 : of(results[0]).size();
        for (size_t i = 0; i < n; ++i) {
          out.push_back(SummarizeSlice(
              results, [&of, i](const ReplicationResult& r) -> const Tally& { return of(r)[i]; }));
        }
        return out;
      };
  for (size_t w = 0; w < scenario.center.workgroups.size(); ++w) {
    report.workgroup_intervals.emplace_back(
        scenario.center.workgroups[w].name,
        intervals([w](const ReplicationResult& r) -> const std::vector<Tally>& {
          return r.workgroup_intervals[w];
        }));
  }
  for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
    report.contact_type_intervals.emplace_back(
        scenario.contact_types[k].name,
        intervals([k](const ReplicationResult& r) -> const std::vector<Tally>& {
          return r.contact_type_intervals[k];
        }));
  }
  report.total_intervals = intervals(
      [](const ReplicationResult& r) -> const std::vector<Tally>& { return r.total_intervals; });
  for (size_t k = 0; k < scenario.contact_types.size(); ++k) {
    report.contact_types.emplace_back(
        scenario.contact_types[k].name,
        SummarizeSlice(results, [k](const ReplicationResult& r) -> const Tally& {
          return r.contact_types[k];
        }));
  }
  return report;
}

std::string FormatJson(const Report& report) {
  std::string out = "{\n";
  out += fmt::format("  \"scenario\": {},\n", JsonQuote(report.scenario));
  out += fmt::format("  \"seed\": {},\n", report.seed);
  out += fmt::format("  \"replications\": {},\n", report.replications);
  out += fmt::format("  \"service_level_s\": {},\n", JsonNumber(report.service_level_s));
  out += fmt::format("  \"horizon_s\": {},\n", JsonNumber(report.horizon_s));
  out += fmt::format("  \"warmup_s\": {},\n", JsonNumber(report.warmup_s));
  out += "  \"total\": ";
  AppendKpis(out, report.total, "  ");
  out += ",\n";
  AppendGroup(out, "workgroups", report.workgroups, /*last=*/false);
  AppendGroup(out, "contact_types", report.contact_types, /*last=*/false);
  out += fmt::format("  \"interval_s\": {},\n", JsonNumber(report.interval_s));
  // [{"start_s": 0, "kpis": {...}}, ...] at `indent`.
  const auto append_intervals = [&](const std::vector<KpiSummaries>& intervals,
                                    const std::string& indent) {
    out += "[";
    for (size_t i = 0; i < intervals.size(); ++i) {
      out += fmt::format("\n{}  {{\"start_s\": {}, \"kpis\": ", indent,
                         JsonNumber(i * report.interval_s));
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
  out += "  \"total_intervals\": ";
  append_intervals(report.total_intervals, "  ");
  out += "\n}\n";
  return out;
}

std::string FormatIntervalCsv(const Report& report, IntervalSlice slice) {
  const auto defs = Kpis();
  std::vector<std::pair<std::string, std::vector<KpiSummaries>>> total;
  const std::vector<std::pair<std::string, std::vector<KpiSummaries>>>* rows =
      &report.workgroup_intervals;
  const char* first = "workgroup";
  if (slice == IntervalSlice::kContactTypes) {
    rows = &report.contact_type_intervals;
    first = "contact_type";
  } else if (slice == IntervalSlice::kTotal) {
    total.emplace_back("total", report.total_intervals);
    rows = &total;
    first = "total";
  }
  std::string out = fmt::format("{},start_s", first);
  for (const KpiDefinition& kpi : defs) out += fmt::format(",{}_mean,{}_ci95", kpi.key, kpi.key);
  out += "\n";
  // A CSV field: quoted when it holds a comma, quote or line break.
  const auto field = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string quoted = "\"";
    for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  };
  const auto number = [](double x) { return std::isfinite(x) ? fmt::format("{}", x) : ""; };
  for (const auto& [name, intervals] : *rows) {
    for (size_t i = 0; i < intervals.size(); ++i) {
      out += fmt::format("{},{}", field(name), number(i * report.interval_s));
      for (size_t k = 0; k < defs.size(); ++k) {
        out += fmt::format(",{},{}", number(intervals[i][k].mean), number(intervals[i][k].ci95));
      }
      out += "\n";
    }
  }
  return out;
}

std::string FormatTable(const Report& report) {
  std::vector<std::string> headers = {"KPI (mean ± 95% CI)"};
  std::vector<const KpiSummaries*> columns;
  for (const auto& [name, kpis] : report.workgroups) {
    headers.push_back(name);
    columns.push_back(&kpis);
  }
  if (report.workgroups.size() > 1) {
    headers.push_back("total");
    columns.push_back(&report.total);
  }

  std::vector<std::vector<std::string>> rows;
  const auto defs = Kpis();
  for (size_t i = 0; i < defs.size(); ++i) {
    // A feature's rows (blocked, callbacks, ...) only where the scenario
    // uses it: all zero or undefined everywhere, they are left out.
    if (defs[i].optional) {
      bool used = false;
      for (const KpiSummaries* column : columns) {
        used = used || (std::isfinite((*column)[i].mean) && (*column)[i].mean != 0);
      }
      if (!used) continue;
    }
    std::vector<std::string> row = {defs[i].label};
    for (const KpiSummaries* column : columns) row.push_back(Cell((*column)[i], defs[i].decimals));
    rows.push_back(std::move(row));
  }
  std::vector<size_t> widths(headers.size());
  for (size_t c = 0; c < headers.size(); ++c) {
    widths[c] = Width(headers[c]);
    for (const auto& row : rows) widths[c] = std::max(widths[c], Width(row[c]));
  }

  std::string out = fmt::format(
      "Scenario: {}\n{} replications, seed {}, horizon {} s, warm-up {} s, service level {} s\n\n",
      report.scenario, report.replications, report.seed, report.horizon_s, report.warmup_s,
      report.service_level_s);
  auto append_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      line += Pad(cells[c], widths[c]);
      if (c + 1 < cells.size()) line += "   ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  append_row(headers);
  size_t total_width = 0;
  for (size_t w : widths) total_width += w + 3;
  out += std::string(total_width - 3, '-') + "\n";
  for (const auto& row : rows) append_row(row);
  return out;
}

}  // namespace acd::sim
