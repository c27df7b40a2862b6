#include "sim/svg_chart.h"

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

TEST_CASE("value ticks step by 1, 2 or 5 times a power of ten and cover the range") {
  Ticks ticks = NiceTicks(0, 0.97);
  CHECK(ticks.step == doctest::Approx(0.2));
  CHECK(ticks.min == 0);
  CHECK(ticks.max == doctest::Approx(1));
  CHECK(ticks.values.size() == 6);

  ticks = NiceTicks(3, 517);
  CHECK(ticks.step == 100);
  CHECK(ticks.min == 0);
  CHECK(ticks.max == 600);

  ticks = NiceTicks(-0.12, 0.04);
  CHECK(ticks.step == doctest::Approx(0.05));
  CHECK(ticks.min == doctest::Approx(-0.15));
  CHECK(ticks.max == doctest::Approx(0.05));
  CHECK(std::count(ticks.values.begin(), ticks.values.end(), 0.0) == 1);

  // An empty range is widened around its value.
  ticks = NiceTicks(5, 5);
  CHECK(ticks.min < 5);
  CHECK(ticks.max > 5);
  ticks = NiceTicks(0, 0);
  CHECK(ticks.min <= 0);
  CHECK(ticks.max >= 1);
}

TEST_CASE("values beyond what doubles count in ones still give a few ticks") {
  CHECK(NiceTicks(1e17, 1e17 + 64).values.size() <= 101);
  CHECK(NiceTicks(-1e300, 1e300).values.size() <= 101);
  CHECK(TimeTicks(1e300, 1e300 + 1).values.size() <= 101);
  CHECK(TimeTicks(0, 1e12).values.size() <= 13);
}

TEST_CASE("time ticks are whole clock steps, at most 13 in the range") {
  Ticks day = TimeTicks(0, 86400);
  CHECK(day.step == 7200);
  CHECK(day.values.size() == 13);
  CHECK(day.values.back() == 86400);
  Ticks two_hours = TimeTicks(0, 7200);
  CHECK(two_hours.step == 900);
  CHECK(two_hours.values.size() == 9);
  // 08:00 to 17:00.
  Ticks office = TimeTicks(28800, 61200);
  CHECK(office.step == 3600);
  CHECK(office.values.front() == 28800);
  CHECK(office.values.size() == 10);
  // Starting between ticks: the first tick is inside the range.
  Ticks odd = TimeTicks(1000, 20000);
  CHECK(odd.values.front() == 1800);
  CHECK(odd.step == 1800);
  Ticks week = TimeTicks(0, 7 * 86400);
  CHECK(week.step == 86400);
  CHECK(week.values.size() == 8);
}

TEST_CASE("clock labels are hh:mm, with the day after the first") {
  CHECK(ClockLabel(0) == "00:00");
  CHECK(ClockLabel(30600) == "08:30");
  CHECK(ClockLabel(23 * 3600 + 59 * 60) == "23:59");
  CHECK(ClockLabel(86400) == "d2 00:00");
  CHECK(ClockLabel(86400 + 9 * 3600) == "d2 09:00");
  CHECK(ClockLabel(-1800) == "-00:30");
}

TEST_CASE("tick labels have the decimals their step needs") {
  CHECK(TickLabel(0.8, 0.2, true) == "80%");
  CHECK(TickLabel(0.05, 0.05, false) == "0.05");
  CHECK(TickLabel(200, 100, false) == "200");
  CHECK(TickLabel(-1e-17, 0.05, false) == "0.00");
  CHECK(TickLabel(0.025, 0.025, true) == "2.5%");
}

TEST_CASE("HTML special characters are escaped") {
  CHECK(EscapeHtml("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(EscapeHtml("plain") == "plain");
}

struct Point {
  int i;
  double start_s;
  std::string value;
  double cx, cy;
};

std::vector<Point> Points(const std::string& svg) {
  static const std::regex kPoint(
      "<circle class=\"pt s0\" data-series=\"[^\"]*\" data-i=\"([0-9]+)\" "
      "data-start-s=\"([^\"]+)\" "
      "data-value=\"([^\"]+)\"[^>]*? cx=\"([^\"]+)\" cy=\"([^\"]+)\"");
  std::vector<Point> points;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kPoint); it != std::sregex_iterator();
       ++it) {
    points.push_back({std::stoi((*it)[1]), std::stod((*it)[2]), (*it)[3], std::stod((*it)[4]),
                      std::stod((*it)[5])});
  }
  return points;
}

double Attribute(const std::string& svg, const std::string& name) {
  std::smatch match;
  REQUIRE(std::regex_search(svg, match, std::regex(name + "=\"([^\"]+)\"")));
  return std::stod(match[1]);
}

TEST_CASE("each point sits where its value and interval put it, and carries them") {
  Chart chart{.title = "t", .id = "c", .interval_s = 1800, .day_start_s = 8 * 3600};
  chart.starts_s = {0, 1800, 3600, 5400};
  chart.series.push_back({.key = "k",
                          .label = "k",
                          .values = {3, 17.5, std::nan(""), 42},
                          .ci95 = {1, 2, std::nan(""), 3}});
  const std::string svg = RenderChart(chart);
  const std::vector<Point> points = Points(svg);
  REQUIRE(points.size() == 3);  // the missing value has no position
  CHECK(svg.find(
            "data-i=\"2\" data-start-s=\"3600\" data-value=\"null\" data-ci95=\"null\" r=\"0\"") !=
        std::string::npos);
  const double y_min = Attribute(svg, "data-y-min"), y_max = Attribute(svg, "data-y-max");
  CHECK(y_min == 0);
  CHECK(y_max == 50);
  const double values[] = {3, 17.5, 0, 42};
  for (const Point& p : points) {
    INFO("point ", p.i);
    CHECK(std::stod(p.value) == values[p.i]);
    CHECK(p.start_s == 1800 * p.i);
    // The plot spans x 60..686 for 0..7200 s, y 210..30 for 0..50.
    CHECK(p.cx == doctest::Approx(60 + (p.start_s + 900) / 7200 * 626).epsilon(1e-4));
    CHECK(p.cy == doctest::Approx(210 - values[p.i] / 50 * 180).epsilon(1e-4));
  }
  // Values 0 and 1 share a band; 3 stands alone, with an error bar from
  // 39 to 45 (y 69.6 to 48.0) at x 607.75.
  CHECK(svg.find("<path class=\"band s0\"") != std::string::npos);
  CHECK(svg.find("<line class=\"errorbar s0\" x1=\"607.75\" x2=\"607.75\" y1=\"48.00\" "
                 "y2=\"69.60\"/>") != std::string::npos);
  // Clock labels start at the day's start; the line breaks at the gap.
  CHECK(svg.find(">08:00</text>") != std::string::npos);
  CHECK(svg.find(">10:00</text>") != std::string::npos);
  CHECK(svg.find(" M") != std::string::npos);
  CHECK(svg.find("http") == std::string::npos);
}

TEST_CASE("reference lines, steps and clipped bands") {
  Chart chart{.title = "SL <total>", .id = "sl", .percent = true, .band_min = 0, .band_max = 1};
  chart.starts_s = {0, 1800};
  chart.series.push_back({.key = "sl", .label = "SL", .values = {0.99, 0.5}, .ci95 = {0.05, 0.1}});
  chart.series.push_back({.key = "n", .label = "agents", .values = {0.2, 0.3}, .steps = true});
  chart.references.push_back({.label = "target 80%", .value = 0.8});
  const std::string svg = RenderChart(chart);
  CHECK(Attribute(svg, "data-y-max") == 1);  // the band above 100 % is clipped
  CHECK(svg.find("<line class=\"ref\" data-value=\"0.8\"") != std::string::npos);
  CHECK(svg.find(">100%</text>") != std::string::npos);
  CHECK(svg.find("<title>SL &lt;total&gt;</title>") != std::string::npos);
  // Steps run across each interval: from x 60 to 373 for the first.
  CHECK(svg.find("<path class=\"line s1\" d=\"M60.00,174.00 L373.00,174.00") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
