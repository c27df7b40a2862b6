// The HTML report of studies that compare or search: kind "comparison"
// (acdsim compare) and kind "staffing" (acdsim staff), as shapes of
// sim/html_report.h.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/html_page.h"
#include "sim/json.h"
#include "sim/svg_chart.h"

namespace acd::sim::html {
namespace {

using Type = ParsedJson::Type;

// The KPIs whose paired differences a comparison charts, when present.
constexpr const char* kDifferenceKeys[] = {"service_level_ans", "asa_s",     "abandon_rate",
                                           "queue_length",      "occupancy", "offered"};

// One side of a comparison: "name (file), overrides: ...".
absl::StatusOr<std::string> Side(const Document& doc, absl::string_view key) {
  ACD_ASSIGN_OR_RETURN(const ParsedJson* side, doc.Get(doc.root, "document", key, Type::kObject));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* scenario, doc.Get(*side, key, "scenario", Type::kString));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* file, doc.Optional(*side, key, "file", Type::kString));
  ACD_ASSIGN_OR_RETURN(std::string overrides, Overrides(doc, *side, key));
  std::string out = EscapeHtml(scenario->string());
  if (file != nullptr) out += absl::StrCat(" (<code>", EscapeHtml(file->string()), "</code>)");
  if (!overrides.empty()) out += absl::StrCat("; overrides: ", overrides);
  return out;
}

// A comparison's KPI table for one member: a row per KPI.
std::string DifferenceTable(const ParsedJson& kpis) {
  std::string out =
      "<table class=\"kpis\">\n<tr><th>KPI</th><th>A</th><th>B</th><th>B − A</th>"
      "<th>± 95% (paired)</th><th>± 95% (unpaired)</th><th>verdict</th></tr>\n";
  for (const auto& [key, kpi] : kpis.object()) {
    if (!kpi.is_object()) continue;
    const int decimals = KpiDecimals(key);
    const ParsedJson* verdict = kpi.Find("verdict");
    const std::string text = verdict != nullptr && verdict->is_string() ? verdict->string() : "";
    out += fmt::format(
        "<tr data-kpi=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td data-value=\"{}\">{}</td>"
        "<td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>\n",
        EscapeHtml(key), EscapeHtml(KpiLabel(key)), FormatValue(NumberOf(kpi, "a"), decimals),
        FormatValue(NumberOf(kpi, "b"), decimals), JsonNumber(NumberOf(kpi, "diff")),
        FormatValue(NumberOf(kpi, "diff"), decimals), FormatValue(NumberOf(kpi, "ci95"), decimals),
        FormatValue(NumberOf(kpi, "unpaired_ci95"), decimals),
        text == "better"  ? "better"
        : text == "worse" ? "worse"
                          : "",
        EscapeHtml(text));
  }
  return out + "</table>\n";
}

std::string DifferenceCharts(const Document& doc, const std::vector<Member>& members, size_t m,
                             double interval_s) {
  const Member& member = members[m];
  std::string out;
  for (const char* key : kDifferenceKeys) {
    ChartSeries series{.key = key, .label = "B − A"};
    bool any = false;
    for (const ParsedJson* kpis : member.intervals.kpis) {
      const ParsedJson* kpi = kpis->Find(key);
      const bool object = kpi != nullptr && kpi->is_object();
      series.values.push_back(object ? NumberOf(*kpi, "diff") : std::nan(""));
      series.ci95.push_back(object ? NumberOf(*kpi, "ci95") : std::nan(""));
      any = any || std::isfinite(series.values.back());
    }
    if (!any) continue;
    Chart chart{.title = absl::StrCat("Paired difference B − A per interval: ", KpiLabel(key)),
                .id = absl::StrCat(MemberId(members, m), "-diff-", key),
                .starts_s = member.intervals.starts_s,
                .interval_s = interval_s,
                .day_start_s = DayStart(doc)};
    chart.series.push_back(std::move(series));
    chart.references.push_back({.label = "no difference", .value = 0});
    out += fmt::format(
        "<figure data-slice=\"{}\" data-member=\"{}\" data-chart=\"diff-{}\"><figcaption>{}"
        "</figcaption>\n{}</figure>\n",
        member.slice, EscapeHtml(member.name), key, EscapeHtml(chart.title), RenderChart(chart));
  }
  return out;
}

std::string Sections(const std::vector<std::string>& ids, const std::vector<std::string>& titles,
                     const std::vector<std::string>& contents) {
  std::string nav = "<nav>";
  std::string body;
  for (size_t i = 0; i < ids.size(); ++i) {
    nav += fmt::format("<a href=\"#{}\">{}</a>", ids[i], EscapeHtml(titles[i]));
    body += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", ids[i],
                        EscapeHtml(titles[i]), contents[i]);
  }
  return nav + "</nav>\n" + body;
}

}  // namespace

absl::StatusOr<std::string> ComparisonPage(const Document& doc) {
  const ParsedJson& root = doc.root;
  ACD_ASSIGN_OR_RETURN(const ParsedJson* version,
                       doc.Get(root, "document", "version", Type::kString));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* seed, doc.Get(root, "document", "seed", Type::kNumber));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* replications,
                       doc.Get(root, "document", "replications", Type::kNumber));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* interval,
                       doc.Get(root, "document", "interval_s", Type::kNumber));
  if (interval->number() <= 0) return doc.Error(*interval, "interval_s", "must be positive");
  ACD_ASSIGN_OR_RETURN(std::string a, Side(doc, "a"));
  ACD_ASSIGN_OR_RETURN(std::string b, Side(doc, "b"));
  ACD_ASSIGN_OR_RETURN(std::vector<Member> members, ReadMembers(doc));

  std::string body = absl::StrCat(
      "<header>\n<h1>Comparison: B − A</h1>\n",
      Facts({{"A", a},
             {"B", b},
             {"Seed", JsonNumber(seed->number()) + " (common random numbers: replication r of A "
                                                   "and of B share substream r)"},
             {"Replications", JsonNumber(replications->number())},
             {"Service level",
              fmt::format("answered within {} s", JsonNumber(NumberOf(root, "service_level_s")))},
             {"Program", absl::StrCat("acdsim ", EscapeHtml(version->string()))}}),
      "</header>\n");
  std::vector<std::string> ids, titles, contents;
  for (size_t m = 0; m < members.size(); ++m) {
    ids.push_back(MemberId(members, m));
    titles.push_back(MemberTitle(members[m]));
    contents.push_back(absl::StrCat(
        "<div class=\"charts\">\n", DifferenceCharts(doc, members, m, interval->number()),
        "</div>\n", members[m].whole != nullptr ? DifferenceTable(*members[m].whole) : ""));
  }
  body += Sections(ids, titles, contents);
  body += absl::StrCat("<footer>acdsim ", EscapeHtml(version->string()),
                       ": differences B − A averaged over paired replications, with paired 95% "
                       "Student-t bands.</footer>\n");
  return Page("acdsim comparison", body);
}

absl::StatusOr<std::string> StaffingPage(const Document& doc) {
  const ParsedJson& root = doc.root;
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
  ACD_ASSIGN_OR_RETURN(const ParsedJson* targets,
                       doc.Get(root, "document", "targets", Type::kArray));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* groups, doc.Get(root, "document", "groups", Type::kArray));
  ACD_ASSIGN_OR_RETURN(const ParsedJson* intervals,
                       doc.Get(root, "document", "intervals", Type::kArray));
  ACD_ASSIGN_OR_RETURN(std::string overrides, Overrides(doc, root, "document"));

  // Targets and groups, checked.
  std::vector<const ParsedJson*> target_list;
  for (size_t t = 0; t < targets->array().size(); ++t) {
    const ParsedJson& target = targets->array()[t];
    const std::string path = absl::StrCat("targets[", t, "]");
    if (!target.is_object()) return doc.Error(target, path, "expected an object");
    for (const char* key : {"spec", "kpi", "bound"}) {
      ACD_RETURN_IF_ERROR(doc.Get(target, path, key, Type::kString).status());
    }
    ACD_RETURN_IF_ERROR(doc.Get(target, path, "limit", Type::kNumber).status());
    target_list.push_back(&target);
  }
  std::vector<std::string> group_names;
  for (size_t g = 0; g < groups->array().size(); ++g) {
    const ParsedJson& group = groups->array()[g];
    if (!group.is_string())
      return doc.Error(group, absl::StrCat("groups[", g, "]"), "expected a string");
    group_names.push_back(group.string());
  }
  // Per interval: start, agents and Erlang A per group, each target's result.
  std::vector<double> starts;
  std::vector<ChartSeries> agents, erlang;
  for (size_t g = 0; g < group_names.size(); ++g) {
    agents.push_back({.key = "agents." + group_names[g],
                      .label = group_names[g],
                      .steps = true,
                      .color = static_cast<int>(g)});
    erlang.push_back({.key = "erlang_a." + group_names[g],
                      .label = group_names[g] + " (Erlang A)",
                      .steps = true,
                      .dashed = true,
                      .color = static_cast<int>(g)});
  }
  std::vector<ChartSeries> target_series(target_list.size());
  std::vector<std::vector<int>> met(target_list.size());
  for (size_t i = 0; i < intervals->array().size(); ++i) {
    const ParsedJson& row = intervals->array()[i];
    const std::string path = absl::StrCat("intervals[", i, "]");
    if (!row.is_object()) return doc.Error(row, path, "expected an object");
    ACD_ASSIGN_OR_RETURN(const ParsedJson* start, doc.Get(row, path, "start_s", Type::kNumber));
    ACD_ASSIGN_OR_RETURN(const ParsedJson* counts, doc.Get(row, path, "agents", Type::kObject));
    ACD_ASSIGN_OR_RETURN(const ParsedJson* analytic,
                         doc.Optional(row, path, "erlang_a", Type::kObject));
    ACD_ASSIGN_OR_RETURN(const ParsedJson* results, doc.Get(row, path, "targets", Type::kArray));
    if (!starts.empty() && start->number() <= starts.back()) {
      return doc.Error(*start, path + ".start_s", "intervals must start in increasing order");
    }
    starts.push_back(start->number());
    for (size_t g = 0; g < group_names.size(); ++g) {
      agents[g].values.push_back(NumberOf(*counts, group_names[g]));
      erlang[g].values.push_back(analytic != nullptr ? NumberOf(*analytic, group_names[g])
                                                     : std::nan(""));
    }
    for (size_t t = 0; t < target_list.size(); ++t) {
      const ParsedJson* result = nullptr;
      for (const ParsedJson& r : results->array()) {
        const ParsedJson* spec = r.is_object() ? r.Find("spec") : nullptr;
        if (spec != nullptr && spec->is_string() &&
            spec->string() == target_list[t]->Find("spec")->string()) {
          result = &r;
        }
      }
      target_series[t].values.push_back(result ? NumberOf(*result, "mean") : std::nan(""));
      target_series[t].ci95.push_back(result ? NumberOf(*result, "ci95") : std::nan(""));
      const ParsedJson* is_met = result ? result->Find("met") : nullptr;
      met[t].push_back(is_met == nullptr || !is_met->is_bool() ? -1 : is_met->boolean() ? 1 : 0);
    }
  }

  std::vector<std::pair<std::string, std::string>> facts = {
      {"Scenario", EscapeHtml(scenario->string())},
      {"Seed", JsonNumber(seed->number())},
      {"Replications", JsonNumber(replications->number())}};
  if (!overrides.empty()) facts.push_back({"Overrides", overrides});
  facts.push_back(
      {"Agent-intervals", fmt::format("{} by simulation, {} by Erlang A per interval",
                                      JsonNumber(NumberOf(root, "agent_intervals")),
                                      JsonNumber(NumberOf(root, "erlang_a_agent_intervals")))});
  facts.push_back({"Program", absl::StrCat("acdsim ", EscapeHtml(version->string()))});
  std::string body = absl::StrCat("<header>\n<h1>Staffing: ", EscapeHtml(scenario->string()),
                                  "</h1>\n", Facts(facts), "</header>\n");
  body +=
      "<table class=\"targets\">\n<tr><th>target</th><th>KPI</th><th>bound</th>"
      "<th>limit</th><th>intervals met</th></tr>\n";
  for (size_t t = 0; t < target_list.size(); ++t) {
    const ParsedJson& target = *target_list[t];
    const int met_count = static_cast<int>(std::count(met[t].begin(), met[t].end(), 1));
    body += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{} of {}</td></tr>\n",
        EscapeHtml(target.Find("spec")->string()),
        EscapeHtml(KpiLabel(target.Find("kpi")->string())),
        EscapeHtml(absl::StrReplaceAll(target.Find("bound")->string(), {{"_", " "}})),
        JsonNumber(NumberOf(target, "limit")), met_count, met[t].size());
  }
  body += "</table>\n<div class=\"charts\">\n";
  Chart staffing{.title = "Agents per interval (Erlang A per interval dashed)",
                 .id = "staffing-agents",
                 .starts_s = starts,
                 .interval_s = interval->number(),
                 .day_start_s = DayStart(doc)};
  for (size_t g = 0; g < group_names.size(); ++g) {
    staffing.series.push_back(agents[g]);
    bool any = false;
    for (double v : erlang[g].values) any = any || std::isfinite(v);
    if (any) staffing.series.push_back(erlang[g]);
  }
  body += fmt::format("<figure data-chart=\"agents\"><figcaption>{}</figcaption>\n{}</figure>\n",
                      EscapeHtml(staffing.title), RenderChart(staffing));
  for (size_t t = 0; t < target_list.size(); ++t) {
    const ParsedJson& target = *target_list[t];
    const std::string& kpi = target.Find("kpi")->string();
    const std::string bound = target.Find("bound")->string() == "at_most" ? "at most" : "at least";
    Chart chart{.title = absl::StrCat("Target ", target.Find("spec")->string(), ": ", KpiLabel(kpi),
                                      " per interval (missed: red)"),
                .id = absl::StrCat("staffing-target-", t),
                .starts_s = starts,
                .interval_s = interval->number(),
                .day_start_s = DayStart(doc),
                .percent = IsFraction(kpi),
                .band_min = 0,
                .band_max = IsFraction(kpi) ? 1 : std::numeric_limits<double>::infinity()};
    target_series[t].key = kpi;
    target_series[t].label = KpiLabel(kpi);
    for (int is_met : met[t]) target_series[t].marked.push_back(is_met == 0);
    chart.series.push_back(target_series[t]);
    chart.references.push_back(
        {.label = absl::StrCat("limit: ", bound, " ", JsonNumber(NumberOf(target, "limit"))),
         .value = NumberOf(target, "limit")});
    body +=
        fmt::format("<figure data-chart=\"target-{}\"><figcaption>{}</figcaption>\n{}</figure>\n",
                    t, EscapeHtml(chart.title), RenderChart(chart));
  }
  body += "</div>\n";
  body += absl::StrCat("<footer>acdsim ", EscapeHtml(version->string()),
                       ": a target is met in an interval when the mean over the replications "
                       "is within its limit.</footer>\n");
  return Page(absl::StrCat("acdsim staffing: ", scenario->string()), body);
}

}  // namespace acd::sim::html
