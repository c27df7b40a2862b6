// The HTML report of a study's results (kind "result": acdsim run/merge).

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/html_page.h"
#include "sim/json.h"
#include "sim/svg_chart.h"
#include "sim/tally.h"

namespace acd::sim::html {
namespace {

// A chart of a result page: the KPI keys it plots, in order.
struct ChartSpec {
  const char* id;
  const char* title;
  std::vector<const char*> keys;
  bool percent = false;
  bool target = false;
};

const std::vector<ChartSpec>& ChartSpecs() {
  static const std::vector<ChartSpec> kSpecs = {
      {"volume",
       "Offered, answered and abandoned per interval (contacts)",
       {"offered", "answered", "abandoned"}},
      {"service_level", "Service level per interval", {"service_level_ans"}, true, true},
      {"asa", "Average speed of answer per interval (s)", {"asa_s"}},
      {"queue", "Queue length per interval (time average, contacts)", {"queue_length"}},
      {"occupancy", "Occupancy and utilization per interval", {"occupancy", "utilization"}, true},
      {"busy", "Busy agents at the end of each interval", {"busy_agents_end"}},
  };
  return kSpecs;
}

// The series of `key` over a member's intervals; empty when no interval has
// a value for it.
ChartSeries SeriesOf(const IntervalSeries& intervals, const char* key) {
  ChartSeries series{.key = key, .label = KpiLabel(key)};
  bool any = false;
  for (const ParsedJson* kpis : intervals.kpis) {
    const ParsedJson* kpi = kpis->Find(key);
    const double mean = kpi != nullptr && kpi->is_object() ? NumberOf(*kpi, "mean") : std::nan("");
    const double ci95 = kpi != nullptr && kpi->is_object() ? NumberOf(*kpi, "ci95") : std::nan("");
    any = any || std::isfinite(mean);
    series.values.push_back(mean);
    series.ci95.push_back(ci95);
  }
  if (!any) series.values.clear();
  return series;
}

// Checks that every KPI of every interval is {"mean": number|null,
// "ci95": number|null}.
absl::Status CheckKpis(const Document& doc, const ParsedJson& kpis, absl::string_view path) {
  for (const auto& [key, kpi] : kpis.object()) {
    const std::string at = absl::StrCat(path, ".", key);
    if (!kpi.is_object()) return doc.Error(kpi, at, "expected {\"mean\": x, \"ci95\": h}");
    for (const char* field : {"mean", "ci95"}) {
      const ParsedJson* value = kpi.Find(field);
      if (value == nullptr || !(value->is_number() || value->is_null())) {
        return doc.Error(kpi, at, absl::StrCat("\"", field, "\" must be a number or null"));
      }
    }
  }
  return absl::OkStatus();
}

// " (answered within 20 s)": the member's SL time, its contact type's own
// first threshold ("service_levels_s") when it has one, or "each contact
// type's" for a slice mixing types with their own.
std::string ServiceLevelTime(const Document& doc, const Member& member, double service_level_s) {
  const ParsedJson* own = doc.root.Find("service_levels_s");
  if (own == nullptr || !own->is_object() || own->object().empty()) {
    return fmt::format(" (answered within {} s)", JsonNumber(service_level_s));
  }
  if (member.slice == "contact_types") {
    const ParsedJson* thresholds = own->Find(member.name);
    if (thresholds != nullptr && thresholds->is_array() && !thresholds->array().empty() &&
        thresholds->array()[0].is_number()) {
      return fmt::format(" (answered within {} s)", JsonNumber(thresholds->array()[0].number()));
    }
    return fmt::format(" (answered within {} s)", JsonNumber(service_level_s));
  }
  return " (answered within each contact type's SL time)";
}

absl::StatusOr<std::string> MemberCharts(const Document& doc, const std::vector<Member>& members,
                                         size_t m, double interval_s, double target,
                                         double service_level_s) {
  const Member& member = members[m];
  std::string out;
  for (const ChartSpec& spec : ChartSpecs()) {
    Chart chart{.title = spec.title,
                .id = absl::StrCat(MemberId(members, m), "-", spec.id),
                .starts_s = member.intervals.starts_s,
                .interval_s = interval_s,
                .day_start_s = DayStart(doc),
                .percent = spec.percent,
                // Every KPI charted here is a count, a time or a fraction.
                .band_min = 0,
                .band_max = spec.percent ? 1 : std::numeric_limits<double>::infinity()};
    for (const char* key : spec.keys) {
      ChartSeries series = SeriesOf(member.intervals, key);
      if (!series.values.empty()) chart.series.push_back(std::move(series));
    }
    if (chart.series.empty()) continue;
    if (spec.target) {
      chart.title += ServiceLevelTime(doc, member, service_level_s);
      chart.references.push_back(
          {.label = fmt::format("target {}%", JsonNumber(target * 100)), .value = target});
    }
    out += fmt::format(
        "<figure data-slice=\"{}\" data-member=\"{}\" data-chart=\"{}\"><figcaption>{}"
        "</figcaption>\n{}</figure>\n",
        member.slice, EscapeHtml(member.name), spec.id, EscapeHtml(chart.title),
        RenderChart(chart));
  }
  return out;
}

// Rows: KPIs; columns: the total, workgroups and contact types. A KPI of a
// feature (blocking, callbacks, ...) that is zero or null everywhere is left
// out, as in the text table.
std::string KpiTable(const std::vector<Member>& members) {
  std::vector<std::string> keys;
  for (const Member& member : members) {
    if (member.whole == nullptr) continue;
    for (const auto& [key, kpi] : member.whole->object()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  std::string out =
      "<div class=\"wide\"><table class=\"kpis\">\n<tr><th>KPI (mean ± 95% half-width)</th>";
  for (const Member& member : members) {
    out +=
        absl::StrCat("<th>", EscapeHtml(member.slice == "total" ? "Total" : member.name), "</th>");
  }
  out += "</tr>\n";
  for (const std::string& key : keys) {
    const KpiDefinition* definition = FindDefinition(key);
    const bool optional = definition != nullptr && definition->optional;
    std::string row = absl::StrCat("<tr data-kpi=\"", EscapeHtml(key), "\"><td>",
                                   EscapeHtml(KpiLabel(key)), "</td>");
    bool shown = !optional;
    for (const Member& member : members) {
      const ParsedJson* kpi = member.whole == nullptr ? nullptr : member.whole->Find(key);
      const double mean = kpi != nullptr ? NumberOf(*kpi, "mean") : std::nan("");
      const double ci95 = kpi != nullptr ? NumberOf(*kpi, "ci95") : std::nan("");
      shown = shown || (std::isfinite(mean) && mean != 0);
      row += absl::StrCat("<td data-value=\"", JsonNumber(mean), "\">",
                          FormatValue(mean, KpiDecimals(key)));
      if (std::isfinite(ci95)) row += absl::StrCat(" ± ", FormatValue(ci95, KpiDecimals(key)));
      row += "</td>";
    }
    if (shown) out += row + "</tr>\n";
  }
  return out + "</table></div>\n";
}

}  // namespace

absl::StatusOr<std::string> ResultPage(const Document& doc, const HtmlOptions& options) {
  const ParsedJson& root = doc.root;
  using Type = ParsedJson::Type;
  ACD_ASSIGN_OR_RETURN(const ParsedJson* version,
                       doc.Get(root, "document", "version", Type::kString));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* scenario,
                       doc.Get(root, "document", "scenario", Type::kString));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* seed, doc.Get(root, "document", "seed", Type::kNumber));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* replications,
                       doc.Get(root, "document", "replications", Type::kNumber));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* interval,
                       doc.Get(root, "document", "interval_s", Type::kNumber));
  if (interval->number() <= 0) return doc.Error(*interval, "interval_s", "must be positive");
  ACD_ASSIGN_OR_RETURN(const ParsedJson* target_value,
                       doc.Optional(root, "document", "service_level_target", Type::kNumber));
  const double target =
      target_value != nullptr ? target_value->number() : options.service_level_target;
  ACD_ASSIGN_OR_RETURN(std::vector<Member> members, ReadMembers(doc));
  for (const Member& member : members) {
    const std::string path = MemberTitle(member);
    if (member.whole != nullptr) ACD_RETURN_IF_ERROR(CheckKpis(doc, *member.whole, path));
    for (size_t i = 0; i < member.intervals.kpis.size(); ++i) {
      ACD_RETURN_IF_ERROR(
          CheckKpis(doc, *member.intervals.kpis[i], absl::StrCat(path, " interval ", i)));
    }
  }

  std::vector<std::pair<std::string, std::string>> facts = {
      {"Scenario", EscapeHtml(scenario->string())},
      {"Seed", JsonNumber(seed->number())},
      {"Replications", JsonNumber(replications->number())}};
  if (const ParsedJson* range = root.Find("replication_range");
      range != nullptr && range->is_object()) {
    facts.push_back(
        {"Replication range",
         fmt::format("{} to {} of {}", JsonNumber(NumberOf(*range, "first")),
                     JsonNumber(NumberOf(*range, "end") - 1), JsonNumber(NumberOf(*range, "of")))});
  }
  ACD_ASSIGN_OR_RETURN(std::string overrides, Overrides(doc, root, "document"));
  if (!overrides.empty()) facts.push_back({"Overrides", overrides});
  const double service_level_s = NumberOf(root, "service_level_s");
  facts.push_back(
      {"Service level", fmt::format("answered within {} s; target {}%", JsonNumber(service_level_s),
                                    JsonNumber(target * 100))});
  facts.push_back(
      {"Horizon",
       fmt::format("{} s from {}, warm-up {} s, intervals of {} s",
                   JsonNumber(NumberOf(root, "horizon_s")), ClockLabel(DayStart(doc)),
                   JsonNumber(NumberOf(root, "warmup_s")), JsonNumber(interval->number()))});
  facts.push_back({"Program", absl::StrCat("acdsim ", EscapeHtml(version->string()))});

  std::string body = absl::StrCat("<header>\n<h1>", EscapeHtml(scenario->string()), "</h1>\n",
                                  Facts(facts), "</header>\n<nav>");
  for (size_t m = 0; m < members.size(); ++m) {
    body += fmt::format("<a href=\"#{}\">{}</a>", MemberId(members, m),
                        EscapeHtml(MemberTitle(members[m])));
  }
  // The agent groups' few KPIs get a table of their own.
  std::vector<Member> queues, agent_groups;
  for (const Member& member : members) {
    (member.slice == "agent_groups" ? agent_groups : queues).push_back(member);
  }
  body += "</nav>\n<h2 id=\"kpis\">KPIs over the whole run</h2>\n" + KpiTable(queues);
  if (!agent_groups.empty()) body += KpiTable(agent_groups);
  for (size_t m = 0; m < members.size(); ++m) {
    ACD_ASSIGN_OR_RETURN(std::string charts, MemberCharts(doc, members, m, interval->number(),
                                                          target, service_level_s));
    body += fmt::format(
        "<section id=\"{}\">\n<h2>{}</h2>\n<div class=\"charts\">\n{}</div>\n"
        "</section>\n",
        MemberId(members, m), EscapeHtml(MemberTitle(members[m])), charts);
  }
  body += absl::StrCat("<footer>acdsim ", EscapeHtml(version->string()),
                       ": means over the replications with 95% Student-t confidence bands."
                       "</footer>\n");
  return Page(absl::StrCat("acdsim report: ", scenario->string()), body);
}

}  // namespace acd::sim::html
