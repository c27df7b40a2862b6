// FormatTable (sim/report.h): the KPI table for people.

#include <algorithm>
#include <cmath>

#include "fmt/format.h"
#include "fmt/ranges.h"
#include "sim/clock.h"
#include "sim/report.h"

namespace acd::sim {
namespace {

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

std::string Header(const Report& report) {
  std::string replications = fmt::format("{} replications", report.replications);
  if (report.replications != report.study_replications) {
    replications +=
        fmt::format(" ({}..{} of {})", report.first_replication,
                    report.first_replication + report.replications - 1, report.study_replications);
  }
  const std::string overrides =
      report.overrides.empty() ? ""
                               : fmt::format("Overrides: {}\n", fmt::join(report.overrides, ", "));
  std::string out = fmt::format(
      "Scenario: {}\n{}{}, seed {}, horizon {} s, warm-up {} s, service level {} s",
      report.scenario, overrides, replications, report.seed, report.horizon_s, report.warmup_s,
      report.service_level_s);
  if (report.day_start_s) out += fmt::format(", day starts {}", FormatClock(*report.day_start_s));
  out += "\n";
  if (!report.service_levels_s.empty()) {
    std::vector<std::string> types;
    for (const auto& [type, thresholds] : report.service_levels_s) {
      types.push_back(fmt::format("{} {} s", type, fmt::join(thresholds, ", ")));
    }
    out += fmt::format("Service-level thresholds: {}\n", fmt::join(types, "; "));
  }
  return out + "\n";
}

// A table of `columns`' KPIs under `headers` (the first heads the labels).
std::string KpiTable(const std::vector<std::string>& headers,
                     const std::vector<const KpiSummaries*>& columns) {
  // One row per KPI of the first column; a column without it shows "-".
  std::vector<std::vector<std::string>> rows;
  const std::vector<KpiInfo> kpis =
      columns[0]->kpis != nullptr ? *columns[0]->kpis : std::vector<KpiInfo>{};
  for (const KpiInfo& kpi : kpis) {
    std::vector<const Summary*> cells;
    for (const KpiSummaries* column : columns) cells.push_back(FindKpi(*column, kpi.key));
    // A feature's rows (blocked, callbacks, ...) only where the scenario
    // uses it: all zero or undefined everywhere, they are left out.
    if (kpi.optional) {
      bool used = false;
      for (const Summary* cell : cells) {
        used = used || (cell != nullptr && std::isfinite(cell->mean) && cell->mean != 0);
      }
      if (!used) continue;
    }
    std::vector<std::string> row = {kpi.label};
    for (const Summary* cell : cells) row.push_back(cell ? Cell(*cell, kpi.decimals) : "-");
    rows.push_back(std::move(row));
  }
  std::vector<size_t> widths(headers.size());
  for (size_t c = 0; c < headers.size(); ++c) {
    widths[c] = Width(headers[c]);
    for (const auto& row : rows) widths[c] = std::max(widths[c], Width(row[c]));
  }

  std::string out;
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

}  // namespace

std::string FormatTable(const Report& report) {
  std::vector<std::string> headers = {"KPI (mean ± 95% CI)"};
  std::vector<const KpiSummaries*> columns;
  for (const auto& [name, kpis] : report.workgroups) {
    headers.push_back(name);
    columns.push_back(&kpis);
  }
  if (report.workgroups.size() > 1 || columns.empty()) {
    headers.push_back("total");
    columns.push_back(&report.total);
  }
  std::string out = Header(report) + KpiTable(headers, columns);
  if (!report.agent_groups.empty()) {
    headers = {"Agent group"};
    columns.clear();
    for (const auto& [name, kpis] : report.agent_groups) {
      headers.push_back(name);
      columns.push_back(&kpis);
    }
    out += "\n" + KpiTable(headers, columns);
  }
  return out;
}

}  // namespace acd::sim
