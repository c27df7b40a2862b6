// The writers of sim/comparison.h: the table, the JSON and the CSV.

#include <algorithm>
#include <cmath>
#include <limits>

#include "fmt/format.h"
#include "fmt/ranges.h"
#include "sim/comparison.h"
#include "sim/csv.h"
#include "sim/json.h"

namespace acd::sim {
namespace {

// The three service-level KPIs whose variance reduction the table prints.
constexpr const char* kServiceLevels[] = {"service_level_ans", "service_level_off",
                                          "service_level_g1"};

std::string SideJson(const ComparisonSide& side) {
  return fmt::format("{{\"scenario\": {}, \"file\": {}, \"overrides\": {}}}",
                     JsonQuote(side.scenario), JsonQuote(side.file), JsonStrings(side.overrides));
}

std::string KpiJson(const KpiComparison& c) {
  return fmt::format(
      "{{\"a\": {}, \"b\": {}, \"diff\": {}, \"ci95\": {}, \"unpaired_ci95\": {}, \"better\": "
      "\"{}\", \"verdict\": \"{}\"}}",
      JsonNumber(c.a), JsonNumber(c.b), JsonNumber(c.diff), JsonNumber(c.ci95),
      JsonNumber(c.unpaired_ci95), BetterName(c.better), VerdictName(c.verdict));
}

// {"<kpi>": {...}, ...} for one member and period, at `indent`.
std::string KpisJson(const Comparison& c, size_t slice, size_t member, size_t period,
                     const std::string& indent) {
  const std::vector<KpiInfo>& kpis = c.layout.slices[slice].kpis;
  std::string out = "{\n";
  for (size_t k = 0; k < kpis.size(); ++k) {
    out += fmt::format("{}  \"{}\": {}{}\n", indent, kpis[k].key,
                       KpiJson(c.At(slice, member, period, k)), k + 1 < kpis.size() ? "," : "");
  }
  return out + indent + "}";
}

// [{"start_s": 0, "kpis": {...}}, ...] for one member, at `indent`.
std::string IntervalsJson(const Comparison& c, size_t slice, size_t member,
                          const std::string& indent) {
  std::string out = "[";
  for (int i = 0; i < c.layout.intervals; ++i) {
    out += fmt::format(
        "\n{}  {{\"start_s\": {}, \"kpis\": {}}}{}", indent, JsonNumber(i * c.interval_s),
        KpisJson(c, slice, member, i + 1, indent + "  "), i + 1 < c.layout.intervals ? "," : "");
  }
  return out + (c.layout.intervals == 0 ? "]" : "\n" + indent + "]");
}

// (unpaired / paired)^2, or NaN.
double VarianceReduction(const KpiComparison& c) {
  if (!(c.ci95 > 0) || !std::isfinite(c.unpaired_ci95)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return (c.unpaired_ci95 / c.ci95) * (c.unpaired_ci95 / c.ci95);
}

std::string Number(double x, int decimals) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, decimals) : "-";
}

// Display width, counting "±" and "−" as one column.
size_t Width(const std::string& s) {
  size_t width = 0;
  for (unsigned char ch : s) width += (ch & 0xC0) != 0x80;
  return width;
}

std::string Table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], Width(row[c]));
  }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < rows[r].size(); ++c) {
      line += rows[r][c];
      if (c + 1 < rows[r].size()) line += std::string(widths[c] - Width(rows[r][c]) + 3, ' ');
    }
    out += line + "\n";
    if (r == 0) {
      size_t total = 0;
      for (size_t w : widths) total += w + 3;
      out += std::string(total - 3, '-') + "\n";
    }
  }
  return out;
}

// One member's whole-run comparison, KPI by KPI.
std::string MemberTable(const Comparison& c, size_t slice, size_t member) {
  std::vector<std::vector<std::string>> rows = {
      {"KPI", "A", "B", "B − A ± 95% (paired)", "unpaired ±", "var. red.", "better", "verdict"}};
  const std::vector<KpiInfo>& kpis = c.layout.slices[slice].kpis;
  for (size_t k = 0; k < kpis.size(); ++k) {
    const KpiComparison kc = c.At(slice, member, 0, k);
    const bool a_used = std::isfinite(kc.a) && kc.a != 0;
    const bool b_used = std::isfinite(kc.b) && kc.b != 0;
    // A feature's KPI unused on both sides, or one without a value on
    // either (occupancy of a contact type), is left out.
    if (kpis[k].optional && !a_used && !b_used) continue;
    if (!std::isfinite(kc.a) && !std::isfinite(kc.b)) continue;
    const int d = kpis[k].decimals;
    const double reduction = VarianceReduction(kc);
    rows.push_back({kpis[k].label, Number(kc.a, d), Number(kc.b, d),
                    std::isfinite(kc.diff)
                        ? fmt::format("{:+.{}f} ± {}", kc.diff, d, Number(kc.ci95, d))
                        : "-",
                    Number(kc.unpaired_ci95, d),
                    std::isfinite(reduction) ? fmt::format("{:.1f}x", reduction) : "-",
                    BetterName(kc.better), VerdictName(kc.verdict)});
  }
  return Table(rows);
}

std::string SideLine(const char* label, const ComparisonSide& side) {
  std::string line = fmt::format("{}: {} ({})", label, side.scenario, side.file);
  if (!side.overrides.empty())
    line += fmt::format(", overrides: {}", fmt::join(side.overrides, ", "));
  return line + "\n";
}

}  // namespace

std::string FormatComparisonTable(const Comparison& c) {
  std::string out = SideLine("A", c.a) + SideLine("B", c.b);
  out += fmt::format(
      "{} replications per side with common random numbers (seed {}), service level {} s\n",
      c.replications, c.seed, c.service_level_s);
  const int total = c.layout.FindSlice("total");
  if (total >= 0) {
    std::vector<std::string> reductions;
    for (size_t k = 0; k < c.layout.slices[total].kpis.size(); ++k) {
      const KpiInfo& kpi = c.layout.slices[total].kpis[k];
      if (std::find(std::begin(kServiceLevels), std::end(kServiceLevels), kpi.key) ==
          std::end(kServiceLevels)) {
        continue;
      }
      const double reduction = VarianceReduction(c.At(total, 0, 0, k));
      reductions.push_back(fmt::format(
          "{} {}", kpi.label, std::isfinite(reduction) ? fmt::format("{:.1f}x", reduction) : "-"));
    }
    out += fmt::format(
        "Variance reduction of the paired difference, (unpaired / paired half-width)^2, total: "
        "{}\n",
        fmt::join(reductions, ", "));
  }
  out += fmt::format("Total KPIs where B is significantly better: {}, worse: {} (exit status {})\n",
                     c.BetterCount(), c.WorseCount(), ComparisonExitStatus(c));
  for (size_t s = 0; s < c.layout.slices.size(); ++s) {
    const SliceLayout& slice = c.layout.slices[s];
    const char* title = slice.kind == "workgroups"      ? "Workgroup "
                        : slice.kind == "contact_types" ? "Contact type "
                                                        : "";
    for (size_t m = 0; m < slice.members.size(); ++m) {
      out += fmt::format("\n{}{}\n", title, slice.kind == "total" ? "Total" : slice.members[m]);
      out += MemberTable(c, s, m);
    }
  }
  return out;
}

std::string FormatComparisonJson(const Comparison& c) {
  std::string out = "{\n";
  out += fmt::format("  \"version\": {},\n  \"kind\": \"comparison\",\n", JsonQuote(c.version));
  out += fmt::format("  \"a\": {},\n  \"b\": {},\n", SideJson(c.a), SideJson(c.b));
  out += fmt::format("  \"seed\": {},\n  \"replications\": {},\n", c.seed, c.replications);
  out += fmt::format("  \"service_level_s\": {},\n  \"interval_s\": {},\n",
                     JsonNumber(c.service_level_s), JsonNumber(c.interval_s));
  const auto named = [&](const char* kind, bool intervals) {
    const int s = c.layout.FindSlice(kind);
    if (s < 0) return std::string("{}");
    std::string section = "{";
    const SliceLayout& slice = c.layout.slices[s];
    for (size_t m = 0; m < slice.members.size(); ++m) {
      section +=
          fmt::format("\n    {}: {}", JsonQuote(slice.members[m]),
                      intervals ? IntervalsJson(c, s, m, "    ") : KpisJson(c, s, m, 0, "    "));
      if (m + 1 < slice.members.size()) section += ",";
    }
    return section + (slice.members.empty() ? "}" : "\n  }");
  };
  const int total = c.layout.FindSlice("total");
  out += fmt::format("  \"total\": {},\n", total < 0 ? "{}" : KpisJson(c, total, 0, 0, "  "));
  out += fmt::format("  \"workgroups\": {},\n", named("workgroups", false));
  out += fmt::format("  \"contact_types\": {},\n", named("contact_types", false));
  out += fmt::format("  \"intervals\": {},\n", named("workgroups", true));
  out += fmt::format("  \"contact_type_intervals\": {},\n", named("contact_types", true));
  out += fmt::format("  \"total_intervals\": {}\n}}\n",
                     total < 0 ? "[]" : IntervalsJson(c, total, 0, "  "));
  return out;
}

std::string FormatComparisonCsv(const Comparison& c, absl::string_view slice_kind) {
  const int s = c.layout.FindSlice(std::string(slice_kind));
  const char* first = slice_kind == "workgroups"      ? "workgroup"
                      : slice_kind == "contact_types" ? "contact_type"
                                                      : "total";
  std::string out = fmt::format("{},start_s", first);
  if (s < 0) return out + "\n";
  const SliceLayout& slice = c.layout.slices[s];
  for (const KpiInfo& kpi : slice.kpis) {
    out += fmt::format(",{0}_a,{0}_b,{0}_diff,{0}_ci95,{0}_unpaired_ci95,{0}_verdict", kpi.key);
  }
  out += "\n";
  for (size_t m = 0; m < slice.members.size(); ++m) {
    for (int i = 0; i < c.layout.intervals; ++i) {
      out += fmt::format("{},{}", CsvField(slice.members[m]), CsvNumber(i * c.interval_s));
      for (size_t k = 0; k < slice.kpis.size(); ++k) {
        const KpiComparison kc = c.At(s, m, i + 1, k);
        out += fmt::format(",{},{},{},{},{},{}", CsvNumber(kc.a), CsvNumber(kc.b),
                           CsvNumber(kc.diff), CsvNumber(kc.ci95), CsvNumber(kc.unpaired_ci95),
                           CsvField(VerdictName(kc.verdict)));
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace acd::sim
