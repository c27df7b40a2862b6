// The HTML report's entry point and what its pages share.

#include "sim/html_report.h"

#include <cmath>
#include <span>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/html_page.h"
#include "sim/svg_chart.h"
#include "sim/tally.h"

namespace acd::sim {
namespace html {
namespace {

// Colours of series slots 0..5, the band a lighter fill of the same.
constexpr char kStyle[] = R"(
body{font-family:"DejaVu Sans",sans-serif;margin:24px;color:#222;background:#fff;max-width:1480px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0 0 12px}
dl.facts dt{font-weight:bold}dl.facts dd{margin:0}
nav a{margin-right:12px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px}
figure{margin:0;border:1px solid #ddd;padding:6px}figcaption{font-size:13px;font-weight:bold}
svg.chart{width:100%;height:auto;font-size:11px}
.grid{stroke:#e4e4e4}.tick,.axis{stroke:#555;fill:none}
.ylabel{text-anchor:end;fill:#444}.xlabel{text-anchor:middle;fill:#444}.legend{fill:#222}
.line{fill:none;stroke-width:1.8}.dashed{stroke-dasharray:5 3}
.ref{stroke:#c00;stroke-width:1.2;stroke-dasharray:6 3}
.band{stroke:none;opacity:.22}.errorbar{stroke-width:2;opacity:.5}
.s0{stroke:#1f77b4}.band.s0,.pt.s0{fill:#1f77b4}.s1{stroke:#2ca02c}.band.s1,.pt.s1{fill:#2ca02c}
.s2{stroke:#ff7f0e}.band.s2,.pt.s2{fill:#ff7f0e}.s3{stroke:#9467bd}.band.s3,.pt.s3{fill:#9467bd}
.s4{stroke:#8c564b}.band.s4,.pt.s4{fill:#8c564b}.s5{stroke:#e377c2}.band.s5,.pt.s5{fill:#e377c2}
.pt{stroke:none}.pt.marked{fill:#c00}
.wide{overflow-x:auto}table{border-collapse:collapse;font-size:13px;margin:8px 0}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:right;white-space:nowrap}th{background:#f2f2f2}
td:first-child,th:first-child{text-align:left}
.better{color:#060}.worse{color:#b00}.missed{color:#b00;font-weight:bold}
footer{margin-top:32px;font-size:12px;color:#666}
)";

}  // namespace

absl::Status Document::Error(const ParsedJson& at, absl::string_view path,
                             absl::string_view what) const {
  return absl::InvalidArgumentError(
      absl::StrCat(source, ": byte ", at.offset(), ": ", path, ": ", what));
}

absl::StatusOr<const ParsedJson*> Document::Optional(const ParsedJson& object,
                                                     absl::string_view path, absl::string_view key,
                                                     ParsedJson::Type type) const {
  const ParsedJson* value = object.Find(key);
  if (value == nullptr) return nullptr;
  if (value->type() != type) {
    return Error(*value, absl::StrCat(path, ".", key),
                 absl::StrCat("expected ", ParsedJson::TypeName(type), ", found ",
                              ParsedJson::TypeName(value->type())));
  }
  return value;
}

absl::StatusOr<const ParsedJson*> Document::Get(const ParsedJson& object, absl::string_view path,
                                                absl::string_view key,
                                                ParsedJson::Type type) const {
  ACD_ASSIGN_OR_RETURN(const ParsedJson* value, Optional(object, path, key, type));
  if (value == nullptr) {
    return Error(object, path,
                 absl::StrCat("has no \"", key, "\" (", ParsedJson::TypeName(type), ")"));
  }
  return value;
}

double NumberOf(const ParsedJson& object, absl::string_view key) {
  const ParsedJson* value = object.Find(key);
  return value != nullptr && value->is_number() ? value->number() : std::nan("");
}

absl::StatusOr<IntervalSeries> ReadIntervals(const Document& doc, const ParsedJson& array,
                                             absl::string_view path) {
  IntervalSeries out;
  for (size_t i = 0; i < array.array().size(); ++i) {
    const ParsedJson& interval = array.array()[i];
    const std::string at = absl::StrCat(path, "[", i, "]");
    if (!interval.is_object()) return doc.Error(interval, at, "expected an object");
    ACD_ASSIGN_OR_RETURN(const ParsedJson* start,
                         doc.Get(interval, at, "start_s", ParsedJson::Type::kNumber));
    ACD_ASSIGN_OR_RETURN(const ParsedJson* kpis,
                         doc.Get(interval, at, "kpis", ParsedJson::Type::kObject));
    if (!out.starts_s.empty() && start->number() <= out.starts_s.back()) {
      return doc.Error(*start, at + ".start_s", "intervals must start in increasing order");
    }
    out.starts_s.push_back(start->number());
    out.kpis.push_back(kpis);
  }
  return out;
}

absl::StatusOr<std::vector<Member>> ReadMembers(const Document& doc) {
  std::vector<Member> members;
  const ParsedJson& root = doc.root;
  ACD_ASSIGN_OR_RETURN(const ParsedJson* total,
                       doc.Optional(root, "document", "total", ParsedJson::Type::kObject));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* total_intervals,
                       doc.Optional(root, "document", "total_intervals", ParsedJson::Type::kArray));
  if (total != nullptr || total_intervals != nullptr) {
    Member member{.slice = "total", .name = "total", .whole = total};
    if (total_intervals != nullptr) {
      ACD_ASSIGN_OR_RETURN(member.intervals,
                           ReadIntervals(doc, *total_intervals, "total_intervals"));
    }
    members.push_back(std::move(member));
  }
  for (const auto& [slice, intervals_key] :
       {std::pair{"workgroups", "intervals"}, std::pair{"contact_types", "contact_type_intervals"},
        std::pair{"agent_groups", "agent_group_intervals"}}) {
    ACD_ASSIGN_OR_RETURN(const ParsedJson* wholes,
                         doc.Optional(root, "document", slice, ParsedJson::Type::kObject));
    ACD_ASSIGN_OR_RETURN(const ParsedJson* intervals,
                         doc.Optional(root, "document", intervals_key, ParsedJson::Type::kObject));
    std::vector<std::string> names;
    if (wholes != nullptr) {
      for (const auto& [name, value] : wholes->object()) names.push_back(name);
    }
    if (intervals != nullptr) {
      for (const auto& [name, value] : intervals->object()) {
        if (wholes == nullptr || wholes->Find(name) == nullptr) names.push_back(name);
      }
    }
    for (const std::string& name : names) {
      Member member{.slice = slice, .name = name};
      if (wholes != nullptr && wholes->Find(name) != nullptr) {
        ACD_ASSIGN_OR_RETURN(member.whole,
                             doc.Get(*wholes, slice, name, ParsedJson::Type::kObject));
      }
      if (intervals != nullptr && intervals->Find(name) != nullptr) {
        ACD_ASSIGN_OR_RETURN(const ParsedJson* array,
                             doc.Get(*intervals, intervals_key, name, ParsedJson::Type::kArray));
        ACD_ASSIGN_OR_RETURN(member.intervals,
                             ReadIntervals(doc, *array, absl::StrCat(intervals_key, ".", name)));
      }
      members.push_back(std::move(member));
    }
  }
  return members;
}

std::string MemberTitle(const Member& member) {
  if (member.slice == "total") return "Total";
  return absl::StrCat(member.slice == "workgroups"      ? "Workgroup "
                      : member.slice == "contact_types" ? "Contact type "
                                                        : "Agent group ",
                      member.name);
}

std::string MemberId(const std::vector<Member>& members, size_t i) {
  if (members[i].slice == "total") return "total";
  size_t index = 0;
  for (size_t j = 0; j < i; ++j) index += members[j].slice == members[i].slice;
  return absl::StrCat(members[i].slice == "workgroups"      ? "workgroup-"
                      : members[i].slice == "contact_types" ? "contact-type-"
                                                            : "agent-group-",
                      index);
}

// The definition of the KPI `key` (sim/tally.h), or nullptr.
const KpiDefinition* FindDefinition(absl::string_view key) {
  for (const std::span<const KpiDefinition> kpis : {Kpis(), ThresholdKpis()}) {
    for (const KpiDefinition& kpi : kpis) {
      if (key == kpi.key) return &kpi;
    }
  }
  return nullptr;
}

std::string KpiLabel(absl::string_view key) {
  const KpiDefinition* kpi = FindDefinition(key);
  return kpi != nullptr ? std::string(kpi->label) : std::string(key);
}

int KpiDecimals(absl::string_view key) {
  const KpiDefinition* kpi = FindDefinition(key);
  return kpi != nullptr ? kpi->decimals : 3;
}

bool IsFraction(absl::string_view key) {
  return absl::StartsWith(key, "service_level") || key == "abandon_rate" || key == "p_wait" ||
         key == "occupancy" || key == "utilization" || key == "on_time";
}

std::string FormatValue(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos)
    text = fmt::format("{:.{}f}", 0.0, decimals);
  return text;
}

std::string Page(absl::string_view title, absl::string_view body) {
  return absl::StrCat("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
                      "<title>", EscapeHtml(title), "</title>\n<style>", kStyle,
                      "</style>\n</head>\n<body>\n", body, "</body>\n</html>\n");
}

std::string Facts(const std::vector<std::pair<std::string, std::string>>& facts) {
  std::string out = "<dl class=\"facts\">\n";
  for (const auto& [name, value] : facts) {
    out += absl::StrCat("<dt>", EscapeHtml(name), "</dt><dd>", value, "</dd>\n");
  }
  return out + "</dl>\n";
}

double DayStart(const Document& doc) {
  const double day_start = NumberOf(doc.root, "day_start_s");
  return std::isfinite(day_start) ? day_start : 0;
}

absl::StatusOr<std::string> Overrides(const Document& doc, const ParsedJson& object,
                                      absl::string_view path) {
  ACD_ASSIGN_OR_RETURN(const ParsedJson* overrides,
                       doc.Optional(object, path, "overrides", ParsedJson::Type::kArray));
  if (overrides == nullptr) return std::string();
  std::vector<std::string> items;
  for (const ParsedJson& item : overrides->array()) {
    if (!item.is_string())
      return doc.Error(item, absl::StrCat(path, ".overrides"), "expected strings");
    items.push_back(absl::StrCat("<code>", EscapeHtml(item.string()), "</code>"));
  }
  return items.empty() ? std::string("none") : absl::StrJoin(items, ", ");
}

}  // namespace html

absl::StatusOr<std::string> HtmlReport(absl::string_view json_text, absl::string_view source,
                                       const HtmlOptions& options) {
  html::Document doc{.source = std::string(source)};
  ACD_ASSIGN_OR_RETURN(doc.root, ReadJson(json_text, source));
  if (!doc.root.is_object()) return doc.Error(doc.root, "document", "expected an object");
  ACD_ASSIGN_OR_RETURN(const ParsedJson* kind,
                       doc.Optional(doc.root, "document", "kind", ParsedJson::Type::kString));
  const std::string kind_name = kind == nullptr ? "result" : kind->string();
  if (kind_name == "result") return html::ResultPage(doc, options);
  if (kind_name == "comparison") return html::ComparisonPage(doc);
  if (kind_name == "staffing") return html::StaffingPage(doc);
  return doc.Error(*kind, "kind",
                   absl::StrCat("\"", kind_name, "\" is not result, comparison or staffing"));
}

}  // namespace acd::sim
