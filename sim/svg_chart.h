// sim/svg_chart.h: inline SVG charts of per-interval values, for the HTML
// report (sim/html_report.h).
//
// A chart plots series of values over a day's reporting intervals: the x
// axis is clock time (hh:mm), one value per interval drawn at the interval's
// middle (a line) or across it (steps, for head counts); a series may carry
// a 95 % half-width per value, drawn as a band; a chart may have reference
// lines (a target, a limit, zero). Axes get "nice" ticks (1, 2 or 5 times a
// power of ten; whole clock hours). Every point is an SVG element carrying
// its numbers, so a test (or a reader with the browser's inspector) can
// check the picture against the data:
//
//   <circle class="pt s0" data-series="service_level_ans" data-i="3"
//           data-start-s="5400" data-value="0.8123" data-ci95="0.01" cx=.. cy=.. r="2"/>
//
// data-value and data-ci95 are JSON numbers (the shortest text that reads
// back as the value; "null" for a missing value, drawn as nothing).
// Rendering is deterministic: the same chart gives the same bytes, and the
// output has no scripts and no links.
//
// Example:
//
//   acd::sim::Chart chart{.title = "Service level", .id = "total-sl", .percent = true};
//   chart.starts_s = {0, 1800, 3600};
//   chart.interval_s = 1800;
//   chart.series.push_back({.key = "service_level_ans", .label = "SL (answered)",
//                           .values = {0.8, 0.75, 0.9}, .ci95 = {0.02, 0.03, 0.01}});
//   chart.references.push_back({.label = "target 80%", .value = 0.8});
//   std::string svg = acd::sim::RenderChart(chart);
//
// Thread safety: pure functions.

#ifndef ACD_SIM_SVG_CHART_H_
#define ACD_SIM_SVG_CHART_H_

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace acd::sim {

// Axis ticks: `values` from `min` to `max` (both on the grid) every `step`.
struct Ticks {
  double min = 0;
  double max = 1;
  double step = 0.2;
  std::vector<double> values;
};

// About `count` (>= 2) ticks covering [lo, hi] with a step of 1, 2 or 5
// times a power of ten. An empty range (lo == hi) is widened around it.
Ticks NiceTicks(double lo, double hi, int count = 6);

// Clock-time ticks covering [start_s, end_s] (seconds): multiples of 15 min,
// 30 min, 1, 2, 3, 6 or 12 h or whole days, the smallest giving at most
// `max_count` ticks inside the range.
Ticks TimeTicks(double start_s, double end_s, int max_count = 13);

// "hh:mm" for a time of day in seconds; a time on a later day gets its day
// ("d2 08:30": day 2, counting the first as day 1). A negative time is
// "-hh:mm" before the first midnight.
std::string ClockLabel(double seconds);

// A tick label: `value` with as many decimals as `step` needs; with
// `percent`, value * 100 and "%".
std::string TickLabel(double value, double step, bool percent);

// `s` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string EscapeHtml(absl::string_view s);

struct ChartSeries {
  // The JSON key the values came from (data-series); also the series' CSS
  // colour slot is its position in the chart.
  std::string key;
  // Shown in the legend.
  std::string label;
  // One per interval; NaN for no value.
  std::vector<double> values;
  // The 95 % half-width per value (empty: no band; NaN: none for that value).
  std::vector<double> ci95;
  // Steps across each interval instead of a line through the middles.
  bool steps = false;
  // Drawn dashed (a second view of the same quantity: e.g. Erlang A).
  bool dashed = false;
  // Colour slot (0..5); -1: the series' position in the chart.
  int color = -1;
  // Points to mark (a target missed in that interval): drawn larger and red,
  // with class "marked". Empty: none.
  std::vector<bool> marked;
};

struct ChartReference {
  std::string label;
  double value = 0;
};

struct Chart {
  std::string title;
  // A unique id in the page (letters, digits, '-').
  std::string id;
  // Start of each interval, seconds from the start of the run.
  std::vector<double> starts_s;
  double interval_s = 1800;
  // Clock time of the run's time 0 (seconds after midnight).
  double day_start_s = 0;
  std::vector<ChartSeries> series;
  std::vector<ChartReference> references;
  // Values are fractions; the axis shows percent, from 0 to 100 % unless
  // values or bands go beyond.
  bool percent = false;
  // The y axis starts at zero (or below, for negative values).
  bool from_zero = true;
  // Band edges are drawn clipped to [band_min, band_max] (a half-width
  // beyond what the quantity can be: below 0 contacts, above 100 %).
  double band_min = -std::numeric_limits<double>::infinity();
  double band_max = std::numeric_limits<double>::infinity();
};

// The chart as an <svg> element (no XML declaration), 720 x 240 user units,
// scaled to the page's width.
std::string RenderChart(const Chart& chart);

}  // namespace acd::sim

#endif  // ACD_SIM_SVG_CHART_H_
