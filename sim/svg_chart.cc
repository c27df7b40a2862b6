#include "sim/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "fmt/format.h"
#include "sim/json.h"

namespace acd::sim {
namespace {

// The plot area inside the 720 x 240 picture.
constexpr double kWidth = 720, kHeight = 240;
constexpr double kLeft = 60, kRight = 34, kTop = 30, kBottom = 30;

// At most this many ticks on an axis, whatever the values.
constexpr int kMaxTicks = 100;

bool Valid(double x) { return std::isfinite(x); }

// The series' colour slot: its own, or its position, among the style's six.
size_t Slot(const ChartSeries& series, size_t position) {
  return (series.color >= 0 ? static_cast<size_t>(series.color) : position) % 6;
}

std::string Coord(double x) { return fmt::format("{:.2f}", x); }

struct Scale {
  double from_lo, from_hi, to_lo, to_hi;
  double operator()(double x) const {
    return to_lo + (x - from_lo) / (from_hi - from_lo) * (to_hi - to_lo);
  }
};

// [lo, hi] of every value, band edge and reference line.
std::pair<double, double> ValueRange(const Chart& chart) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  const auto take = [&](double x) {
    if (!Valid(x)) return;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  };
  for (const ChartSeries& series : chart.series) {
    for (size_t i = 0; i < series.values.size(); ++i) {
      take(series.values[i]);
      if (i < series.ci95.size() && Valid(series.values[i]) && Valid(series.ci95[i])) {
        take(std::max(chart.band_min, series.values[i] - series.ci95[i]));
        take(std::min(chart.band_max, series.values[i] + series.ci95[i]));
      }
    }
  }
  for (const ChartReference& reference : chart.references) take(reference.value);
  if (chart.percent) {
    take(0);
    take(1);
  }
  if (chart.from_zero) take(0);
  if (!Valid(lo)) return {0, 1};
  return {lo, hi};
}

// The band of one run of values [from, to) with half-widths, as a closed path.
std::string BandPath(const ChartSeries& series, size_t from, size_t to, const Scale& x,
                     const Chart& chart, const Scale& y) {
  std::string d;
  for (size_t i = from; i < to; ++i) {
    const double mid = chart.starts_s[i] + chart.interval_s / 2;
    d += fmt::format("{}{},{}", d.empty() ? "M" : " L", Coord(x(mid)),
                     Coord(y(std::min(chart.band_max, series.values[i] + series.ci95[i]))));
  }
  for (size_t i = to; i-- > from;) {
    const double mid = chart.starts_s[i] + chart.interval_s / 2;
    d += fmt::format(" L{},{}", Coord(x(mid)),
                     Coord(y(std::max(chart.band_min, series.values[i] - series.ci95[i]))));
  }
  return d + " Z";
}

std::string SeriesSvg(const ChartSeries& series, size_t slot, const Chart& chart, const Scale& x,
                      const Scale& y) {
  std::string out;
  const size_t n = std::min(series.values.size(), chart.starts_s.size());
  const auto has_band = [&](size_t i) {
    return i < series.ci95.size() && Valid(series.values[i]) && Valid(series.ci95[i]);
  };
  // Bands, one path per run of values that have one; a value alone (its
  // neighbours have none) gets an error bar.
  for (size_t i = 0; i < n;) {
    if (!has_band(i)) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < n && has_band(end)) ++end;
    if (end == i + 1) {
      const double mid = x(chart.starts_s[i] + chart.interval_s / 2);
      out += fmt::format("<line class=\"errorbar s{}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n",
                         slot, Coord(mid), Coord(mid),
                         Coord(y(std::min(chart.band_max, series.values[i] + series.ci95[i]))),
                         Coord(y(std::max(chart.band_min, series.values[i] - series.ci95[i]))));
    } else {
      out += fmt::format("<path class=\"band s{}\" d=\"{}\"/>\n", slot,
                         BandPath(series, i, end, x, chart, y));
    }
    i = end;
  }
  // The line (or steps), broken where there is no value.
  std::string d;
  bool pen_down = false;
  for (size_t i = 0; i < n; ++i) {
    if (!Valid(series.values[i])) {
      pen_down = false;
      continue;
    }
    const double vy = y(series.values[i]);
    const double start = chart.starts_s[i];
    if (series.steps) {
      d += fmt::format("{}{},{} L{},{}", pen_down ? " L" : (d.empty() ? "M" : " M"),
                       Coord(x(start)), Coord(vy), Coord(x(start + chart.interval_s)), Coord(vy));
    } else {
      d += fmt::format("{}{},{}", pen_down ? " L" : (d.empty() ? "M" : " M"),
                       Coord(x(start + chart.interval_s / 2)), Coord(vy));
    }
    pen_down = true;
  }
  if (!d.empty()) {
    out += fmt::format("<path class=\"line s{}{}\" d=\"{}\"/>\n", slot,
                       series.dashed ? " dashed" : "", d);
  }
  // The points, each with its numbers; no value: an empty point.
  for (size_t i = 0; i < n; ++i) {
    const double value = series.values[i];
    const double ci95 = i < series.ci95.size() ? series.ci95[i] : std::nan("");
    const std::string numbers =
        fmt::format("data-series=\"{}\" data-i=\"{}\" data-start-s=\"{}\" data-value=\"{}\"{}",
                    EscapeHtml(series.key), i, JsonNumber(chart.starts_s[i]), JsonNumber(value),
                    series.ci95.empty() ? "" : fmt::format(" data-ci95=\"{}\"", JsonNumber(ci95)));
    const bool marked = i < series.marked.size() && series.marked[i];
    if (Valid(value)) {
      out += fmt::format("<circle class=\"pt s{}{}\" {} cx=\"{}\" cy=\"{}\" r=\"{}\"/>\n", slot,
                         marked ? " marked" : "", numbers,
                         Coord(x(chart.starts_s[i] + chart.interval_s / 2)), Coord(y(value)),
                         marked         ? "3.5"
                         : series.steps ? "1.5"
                                        : "2");
    } else {
      out += fmt::format("<circle class=\"pt s{}\" {} r=\"0\"/>\n", slot, numbers);
    }
  }
  return out;
}

}  // namespace

Ticks NiceTicks(double lo, double hi, int count) {
  if (lo > hi) std::swap(lo, hi);
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  // Of the steps 1, 2 and 5 times a power of ten near the range's size over
  // `count`, the one whose ticks come closest to `count` (the larger on a
  // tie).
  const double magnitude = std::pow(10, std::floor(std::log10((hi - lo) / std::max(1, count - 1))));
  Ticks ticks;
  double best_miss = std::numeric_limits<double>::infinity();
  double first = 0, last = 0;
  for (double scale : {0.1, 1.0, 10.0}) {
    for (double nice : {1.0, 2.0, 5.0}) {
      const double step = nice * scale * magnitude;
      const double from = std::floor(lo / step + 1e-9), to = std::ceil(hi / step - 1e-9);
      const double miss = std::abs(to - from + 1 - count);
      if (miss <= best_miss) {
        best_miss = miss;
        ticks.step = step;
        first = from;
        last = to;
      }
    }
  }
  ticks.min = first * ticks.step;
  ticks.max = last * ticks.step;
  // Counted in integers: next to huge values, k + 1 may equal k in doubles
  // (a document is untrusted input).
  for (int i = 0; i <= kMaxTicks && first + i <= last; ++i) {
    const double value = (first + i) * ticks.step;
    ticks.values.push_back(value == 0 ? 0 : value);  // no "-0"
  }
  return ticks;
}

Ticks TimeTicks(double start_s, double end_s, int max_count) {
  static constexpr double kSteps[] = {900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
  Ticks ticks{.min = start_s, .max = end_s};
  double step = 86400;
  for (double candidate : kSteps) {
    if (std::floor(end_s / candidate) - std::ceil(start_s / candidate) + 1 <= max_count) {
      step = candidate;
      break;
    }
  }
  while (std::floor(end_s / step) - std::ceil(start_s / step) + 1 > max_count) step *= 2;
  ticks.step = step;
  const double first = std::ceil(start_s / step);
  for (int i = 0; i <= kMaxTicks && (first + i) * step <= end_s; ++i) {
    ticks.values.push_back((first + i) * step);
  }
  return ticks;
}

std::string ClockLabel(double seconds) {
  const int64_t total_minutes = static_cast<int64_t>(std::llround(seconds / 60));
  if (total_minutes < 0) {
    return fmt::format("-{:02}:{:02}", -total_minutes / 60, -total_minutes % 60);
  }
  const int64_t day = total_minutes / (24 * 60);
  const int64_t minutes = total_minutes % (24 * 60);
  const std::string clock = fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
  return day == 0 ? clock : fmt::format("d{} {}", day + 1, clock);
}

std::string TickLabel(double value, double step, bool percent) {
  if (percent) {
    value *= 100;
    step *= 100;
  }
  // The fewest decimals that show the step exactly (at most 9).
  int decimals = 0;
  while (decimals < 9) {
    const double scaled = step * std::pow(10, decimals);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled) break;
    ++decimals;
  }
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find_first_not_of("-0.") == std::string::npos)
    text = fmt::format("{:.{}f}", 0.0, decimals);
  return percent ? text + "%" : text;
}

std::string EscapeHtml(absl::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderChart(const Chart& chart) {
  const double first = chart.starts_s.empty() ? 0 : chart.starts_s.front();
  const double last =
      chart.starts_s.empty() ? chart.interval_s : chart.starts_s.back() + chart.interval_s;
  const Ticks time = TimeTicks(first + chart.day_start_s, last + chart.day_start_s);
  const auto [lo, hi] = ValueRange(chart);
  const Ticks value = NiceTicks(lo, hi);
  const Scale x{first, last, kLeft, kWidth - kRight};
  const Scale y{value.min, value.max, kHeight - kBottom, kTop};

  std::string out = fmt::format(
      "<svg id=\"{}\" class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "data-y-min=\"{}\" data-y-max=\"{}\" "
      "data-x-min=\"{}\" data-x-max=\"{}\">\n<title>{}</title>\n",
      EscapeHtml(chart.id), kWidth, kHeight, JsonNumber(value.min), JsonNumber(value.max),
      JsonNumber(first), JsonNumber(last), EscapeHtml(chart.title));
  // Grid and axes.
  for (double v : value.values) {
    out += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"ylabel\" x=\"{}\" y=\"{}\">{}</text>\n",
        Coord(kLeft), Coord(kWidth - kRight), Coord(y(v)), Coord(y(v)), Coord(kLeft - 6),
        Coord(y(v) + 4), TickLabel(v, value.step, chart.percent));
  }
  for (double t : time.values) {
    const double tx = x(t - chart.day_start_s);
    out += fmt::format(
        "<line class=\"tick\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
        "<text class=\"xlabel\" x=\"{}\" y=\"{}\" data-t-s=\"{}\">{}</text>\n",
        Coord(tx), Coord(tx), Coord(kHeight - kBottom), Coord(kHeight - kBottom + 5), Coord(tx),
        Coord(kHeight - kBottom + 18), JsonNumber(t), ClockLabel(t));
  }
  out += fmt::format("<path class=\"axis\" d=\"M{},{} V{} H{}\"/>\n", Coord(kLeft), Coord(kTop),
                     Coord(kHeight - kBottom), Coord(kWidth - kRight));
  for (const ChartReference& reference : chart.references) {
    out += fmt::format(
        "<line class=\"ref\" data-value=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n",
        JsonNumber(reference.value), Coord(kLeft), Coord(kWidth - kRight),
        Coord(y(reference.value)), Coord(y(reference.value)));
  }
  for (size_t s = 0; s < chart.series.size(); ++s) {
    out += SeriesSvg(chart.series[s], Slot(chart.series[s], s), chart, x, y);
  }
  // The legend, across the top.
  double lx = kLeft;
  const auto legend = [&](const std::string& css, const std::string& label) {
    out += fmt::format(
        "<line class=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"12\" y2=\"12\"/>"
        "<text class=\"legend\" x=\"{}\" y=\"16\">{}</text>\n",
        css, Coord(lx), Coord(lx + 18), Coord(lx + 22), EscapeHtml(label));
    lx += 30 + 6.5 * static_cast<double>(label.size());
  };
  for (size_t s = 0; s < chart.series.size(); ++s) {
    legend(fmt::format("line s{}{}", Slot(chart.series[s], s),
                       chart.series[s].dashed ? " dashed" : ""),
           chart.series[s].label + (chart.series[s].ci95.empty() ? "" : " (95% band)"));
  }
  for (const ChartReference& reference : chart.references) legend("ref", reference.label);
  return out + "</svg>\n";
}

}  // namespace acd::sim
