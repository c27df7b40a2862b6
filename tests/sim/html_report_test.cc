#include "sim/html_report.h"

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "doctest/doctest.h"
#include "sim/json.h"
#include "sim/report.h"
#include "sim/runner.h"
#include "tests/testing/small_study.h"

namespace acd::sim {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in("tests/sim/html/" + name);
  REQUIRE_MESSAGE(in.good(), "tests/sim/html/", name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Render(const std::string& json, const HtmlOptions& options = {}) {
  absl::StatusOr<std::string> html = HtmlReport(json, "doc.json", options);
  REQUIRE_MESSAGE(html.ok(), html.status().ToString());
  return *html;
}

std::string ErrorOf(const std::string& json) {
  absl::StatusOr<std::string> html = HtmlReport(json, "doc.json");
  REQUIRE_FALSE(html.ok());
  return std::string(html.status().message());
}

// The figure showing `chart` of `member` (its whole text), or "".
std::string Figure(const std::string& html, const std::string& member, const std::string& chart) {
  const std::string open = "data-member=\"" + member + "\" data-chart=\"" + chart + "\">";
  const size_t at = html.find(open);
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</figure>", at) - at);
}

// The data-value of each point of `series` in `figure`, in order.
std::vector<std::string> Values(const std::string& figure, const std::string& series) {
  const std::regex point("data-series=\"" + series +
                         "\" data-i=\"([0-9]+)\" data-start-s=\"[^\"]+\" data-value=\"([^\"]+)\"");
  std::vector<std::string> values;
  for (auto it = std::sregex_iterator(figure.begin(), figure.end(), point);
       it != std::sregex_iterator(); ++it) {
    CHECK(std::stoul((*it)[1]) == values.size());
    values.push_back((*it)[2]);
  }
  return values;
}

// What no page may contain: scripts, links off the page, external styles.
void CheckSelfContained(const std::string& html) {
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
}

TEST_CASE("a run's page charts every interval's service level with the JSON's numbers") {
  absl::StatusOr<Report> report = RunScenario(testing::SmallStudy());
  REQUIRE(report.ok());
  const std::string html = Render(FormatJson(*report));
  CheckSelfContained(html);
  const std::vector<std::string> total =
      Values(Figure(html, "total", "service_level"), "service_level_ans");
  REQUIRE(total.size() == report->total_intervals.size());
  for (size_t i = 0; i < total.size(); ++i) {
    CHECK(total[i] == JsonNumber(FindKpi(report->total_intervals[i], "service_level_ans")->mean));
  }
  for (const auto& [name, intervals] : report->workgroup_intervals) {
    INFO(name);
    const std::vector<std::string> offered = Values(Figure(html, name, "volume"), "offered");
    REQUIRE(offered.size() == intervals.size());
    for (size_t i = 0; i < offered.size(); ++i) {
      CHECK(offered[i] == JsonNumber(FindKpi(intervals[i], "offered")->mean));
    }
    CHECK_FALSE(Figure(html, name, "occupancy").empty());
    CHECK_FALSE(Figure(html, name, "asa").empty());
    CHECK_FALSE(Figure(html, name, "queue").empty());
  }
  // Agent groups ("s" and "t") get their occupancy charted.
  REQUIRE(report->agent_group_intervals.size() == 2);
  CHECK(Values(Figure(html, "t", "occupancy"), "occupancy").size() ==
        report->agent_group_intervals[1].second.size());
  CHECK(html.find("<h2>Agent group t</h2>") != std::string::npos);
  // Contact types have no occupancy: no chart of it.
  CHECK(Figure(html, "support chats", "occupancy").empty());
  CHECK_FALSE(Figure(html, "support chats", "volume").empty());
  // The facts and the target line.
  CHECK(html.find("<dt>Seed</dt><dd>5151</dd>") != std::string::npos);
  CHECK(html.find("<dt>Replications</dt><dd>9</dd>") != std::string::npos);
  CHECK(html.find("acdsim 0.") != std::string::npos);
  CHECK(Figure(html, "total", "service_level").find("<line class=\"ref\" data-value=\"0.8\"") !=
        std::string::npos);
  HtmlOptions options;
  options.service_level_target = 0.9;
  CHECK(Figure(Render(FormatJson(*report), options), "total", "service_level")
            .find("<line class=\"ref\" data-value=\"0.9\"") != std::string::npos);
  // The same document, the same page.
  CHECK(Render(FormatJson(*report)) == html);
}

TEST_CASE("names from the document are escaped") {
  const std::string html = Render(R"({"version": "0.1.0", "scenario": "<script>x</script> & co",
    "seed": 1, "replications": 2, "interval_s": 1800,
    "total": {"offered": {"mean": 1, "ci95": null}},
    "workgroups": {"A\"<b>": {"offered": {"mean": 1, "ci95": 0}}},
    "intervals": {"A\"<b>": [{"start_s": 0, "kpis": {"offered": {"mean": 1, "ci95": 0}}}]},
    "overrides": ["agent_groups[<x>].count=3"]})");
  CheckSelfContained(html);
  CHECK(html.find("&lt;script&gt;x&lt;/script&gt; &amp; co") != std::string::npos);
  CHECK(html.find("data-member=\"A&quot;&lt;b&gt;\"") != std::string::npos);
  CHECK(html.find("<code>agent_groups[&lt;x&gt;].count=3</code>") != std::string::npos);
}

TEST_CASE("service-level charts name each contact type's own SL time") {
  const std::string html = Render(R"({"version": "0.1.0", "scenario": "s", "seed": 1,
    "replications": 2, "service_level_s": 20, "service_levels_s": {"chat": [60, 90]},
    "interval_s": 1800, "day_start_s": 28800,
    "total_intervals": [{"start_s": 0, "kpis": {"service_level_ans": {"mean": 0.9, "ci95": 0}}}],
    "contact_type_intervals": {
      "chat": [{"start_s": 0, "kpis": {"service_level_ans": {"mean": 0.8, "ci95": 0}}}],
      "voice": [{"start_s": 0, "kpis": {"service_level_ans": {"mean": 0.7, "ci95": 0}}}]}})");
  CHECK(Figure(html, "chat", "service_level").find("answered within 60 s") != std::string::npos);
  CHECK(Figure(html, "voice", "service_level").find("answered within 20 s") != std::string::npos);
  CHECK(Figure(html, "total", "service_level")
            .find("answered within each contact type&#39;s SL time") != std::string::npos);
  // The clock starts at day_start_s.
  CHECK(Figure(html, "total", "service_level").find(">08:00</text>") != std::string::npos);
}

TEST_CASE("a comparison's page charts the paired difference per interval with the zero line") {
  const std::string html = Render(ReadFixture("comparison.json"));
  CheckSelfContained(html);
  const std::string total = Figure(html, "total", "diff-service_level_ans");
  CHECK(Values(total, "service_level_ans") == std::vector<std::string>{"0.03", "0.02", "0.04"});
  CHECK(total.find("<line class=\"ref\" data-value=\"0\"") != std::string::npos);
  CHECK(total.find("data-ci95=\"0.012\"") != std::string::npos);
  const std::string sales = Figure(html, "Sales &amp; &lt;Support&gt;", "diff-service_level_ans");
  CHECK(Values(sales, "service_level_ans") == std::vector<std::string>{"-0.05", "null", "-0.12"});
  CHECK(html.find("<td class=\"worse\">worse</td>") != std::string::npos);
  CHECK(html.find("<td class=\"better\">better</td>") != std::string::npos);
  CHECK(html.find("<code>agent_groups[es].count=25</code>") != std::string::npos);
  CHECK(html.find("base &lt;day&gt;") != std::string::npos);
}

TEST_CASE("a staffing page draws agents as steps and each target against its limit") {
  const std::string html = Render(ReadFixture("staffing.json"));
  CheckSelfContained(html);
  CHECK(Values(html, "agents.agents_en") == std::vector<std::string>{"12", "14"});
  CHECK(Values(html, "erlang_a.agents_es") == std::vector<std::string>{"4", "5"});
  CHECK(Values(html, "service_level_ans") == std::vector<std::string>{"0.83", "0.79"});
  CHECK(html.find("<line class=\"ref\" data-value=\"0.8\"") != std::string::npos);
  CHECK(html.find("<line class=\"ref\" data-value=\"0.9\"") != std::string::npos);
  CHECK(html.find("<td>1 of 2</td>") != std::string::npos);
  // The interval whose SL target was missed is marked; the others are not.
  CHECK(html.find("class=\"pt s0 marked\" data-series=\"service_level_ans\" data-i=\"1\"") !=
        std::string::npos);
  CHECK(html.find("class=\"pt s0 marked\" data-series=\"service_level_ans\" data-i=\"0\"") ==
        std::string::npos);
  CHECK(html.find("<td>2 of 2</td>") != std::string::npos);
  CHECK(html.find("35 by simulation, 33 by Erlang A") != std::string::npos);
}

TEST_CASE("a document that is not what its kind must be is an error saying where") {
  CHECK(ErrorOf("[1]") == "doc.json: byte 0: document: expected an object");
  CHECK(ErrorOf(R"({"kind": "forecast"})") ==
        "doc.json: byte 9: kind: \"forecast\" is not result, comparison or staffing");
  CHECK(ErrorOf(R"({"version": "1", "scenario": "s", "replications": 1, "interval_s": 1})") ==
        "doc.json: byte 0: document: has no \"seed\" (a number)");
  CHECK(ErrorOf(R"({"version": "1", "scenario": "s", "seed": "x", "replications": 1})") ==
        "doc.json: byte 42: document.seed: expected a number, found a string");
  CHECK(ErrorOf(R"({"version": "1", "scenario": "s", "seed": 1, "replications": 1,
    "interval_s": 60, "total_intervals": [{"start_s": 0, "kpis": []}]})") ==
        "doc.json: byte 129: total_intervals[0].kpis: expected an object, found an array");
  CHECK(ErrorOf(R"({"version": "1", "scenario": "s", "seed": 1, "replications": 1,
    "interval_s": 60, "total": {"offered": {"mean": "many"}}})") ==
        "doc.json: byte 107: Total.offered: \"mean\" must be a number or null");
  CHECK(ErrorOf(R"({"kind": "staffing", "version": "1", "scenario": "s", "seed": 1,
    "replications": 1, "interval_s": 60, "targets": [], "groups": [], "intervals": [{}]})") ==
        "doc.json: byte 149: intervals[0]: has no \"start_s\" (a number)");
  CHECK(ErrorOf("{\"a\": }") == "doc.json: byte 6: unexpected character '}', expected a value");
}

}  // namespace
}  // namespace acd::sim
