#include "acd/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

#include "absl/strings/string_view.h"
#include "acd/observer.h"
#include "acd/stats.h"
#include "acd/time.h"
#include "fmt/format.h"
#include "lib/common/json_text.h"
#include "prometheus/metric_type.h"
#include "prometheus/text_serializer.h"

namespace acd {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;
using Labels = std::vector<ClientMetric::Label>;

constexpr MetricType kCounter = MetricType::Counter;
constexpr MetricType kGauge = MetricType::Gauge;

// One metric family of the table below, and how to read its value.
template <typename Subject>
struct Metric {
  const char* name;
  MetricType type;
  const char* help;
  double (*value)(const Subject&);
};

double N(int64_t n) { return static_cast<double>(n); }

// Per engine (label center).
constexpr Metric<EngineStats> kEngineMetrics[] = {
    {"acd_commands_applied_total", kCounter, "Commands the engine accepted.",
     [](const EngineStats& s) { return N(s.commands_applied); }},
    {"acd_commands_rejected_total", kCounter, "Commands the engine answered with an error.",
     [](const EngineStats& s) { return N(s.commands_rejected); }},
    {"acd_timer_advances_total", kCounter, "Advances of the engine's clock that fired timers.",
     [](const EngineStats& s) { return N(s.timer_advances); }},
    {"acd_decision_backlog", kGauge,
     "Decisions held back by the engine thread because the decision queue was full.",
     [](const EngineStats& s) { return N(s.decision_backlog); }},
    {"acd_stats_time_seconds", kGauge,
     "The engine's clock when these statistics were published, in seconds.",
     [](const EngineStats& s) { return ToSeconds(s.as_of); }},
};

// Per workgroup (labels center, workgroup).
constexpr Metric<PublishedWorkgroup> kWorkgroupMetrics[] = {
    {"acd_workgroup_waiting_interactions", kGauge, "Interactions waiting in the queue now.",
     [](const PublishedWorkgroup& w) { return N(w.stats.waiting); }},
    {"acd_workgroup_longest_wait_seconds", kGauge,
     "The longest time any waiting interaction has waited, in seconds (0 with none).",
     [](const PublishedWorkgroup& w) { return ToSeconds(w.stats.longest_wait); }},
    {"acd_workgroup_agents_logged_in", kGauge, "Members logged in.",
     [](const PublishedWorkgroup& w) { return N(w.stats.agents_logged_in); }},
    {"acd_workgroup_agents_activated", kGauge, "Members logged in and activated in the workgroup.",
     [](const PublishedWorkgroup& w) { return N(w.stats.agents_activated); }},
    {"acd_workgroup_agents_available", kGauge,
     "Members ready for an interaction (available status, activated, with room).",
     [](const PublishedWorkgroup& w) { return N(w.stats.agents_available); }},
    {"acd_workgroup_agents_busy", kGauge,
     "Members holding an alerting, connected or held interaction.",
     [](const PublishedWorkgroup& w) { return N(w.stats.agents_busy); }},
    {"acd_workgroup_agents_wrap_up", kGauge, "Members in wrap-up holding nothing else.",
     [](const PublishedWorkgroup& w) { return N(w.stats.agents_wrap_up); }},
    {"acd_workgroup_entered_total", kCounter, "Interactions that entered the workgroup.",
     [](const PublishedWorkgroup& w) { return N(w.counters.entered); }},
    {"acd_workgroup_answered_total", kCounter, "Interactions an agent connected to.",
     [](const PublishedWorkgroup& w) { return N(w.counters.answered); }},
    {"acd_workgroup_abandoned_total", kCounter,
     "Interactions whose customer left while waiting or alerting.",
     [](const PublishedWorkgroup& w) { return N(w.counters.abandoned); }},
    {"acd_workgroup_completed_total", kCounter, "Interactions completed.",
     [](const PublishedWorkgroup& w) { return N(w.counters.completed); }},
    {"acd_workgroup_failed_total", kCounter, "Callbacks that ended failed.",
     [](const PublishedWorkgroup& w) { return N(w.counters.failed); }},
    {"acd_workgroup_transferred_out_total", kCounter,
     "Interactions moved to another workgroup by a transfer or an in-queue timeout.",
     [](const PublishedWorkgroup& w) { return N(w.counters.transferred_out); }},
    {"acd_workgroup_completed_on_time_total", kCounter,
     "Interactions with a due time completed by it.",
     [](const PublishedWorkgroup& w) { return N(w.counters.completed_on_time); }},
    {"acd_workgroup_completed_late_total", kCounter,
     "Interactions with a due time completed after it.",
     [](const PublishedWorkgroup& w) { return N(w.counters.completed_late); }},
    {"acd_workgroup_answer_wait_seconds_total", kCounter,
     "Sum of the waits of the answered interactions, in seconds.",
     [](const PublishedWorkgroup& w) { return ToSeconds(w.stats.total.answer_wait); }},
    {"acd_workgroup_interval_start_seconds", kGauge,
     "Start of the current statistics interval on the engine's clock, in seconds.",
     [](const PublishedWorkgroup& w) { return ToSeconds(w.stats.interval_start); }},
    {"acd_workgroup_interval_entered", kGauge, "Interactions entered in the current interval.",
     [](const PublishedWorkgroup& w) { return N(w.stats.current.entered); }},
    {"acd_workgroup_interval_answered", kGauge, "Interactions answered in the current interval.",
     [](const PublishedWorkgroup& w) { return N(w.stats.current.answered); }},
    {"acd_workgroup_interval_abandoned", kGauge, "Interactions abandoned in the current interval.",
     [](const PublishedWorkgroup& w) { return N(w.stats.current.abandoned); }},
};

// Per workgroup and service-level threshold (labels center, workgroup,
// threshold_seconds).
struct ThresholdSample {
  const WorkgroupStats& stats;
  int index;
};
constexpr Metric<ThresholdSample> kThresholdMetrics[] = {
    {"acd_workgroup_answered_within_threshold_total", kCounter,
     "Interactions answered with a wait of at most the threshold.",
     [](const ThresholdSample& t) { return N(t.stats.total.answered_within[t.index]); }},
    {"acd_workgroup_abandoned_within_threshold_total", kCounter,
     "Interactions abandoned with a wait of at most the threshold.",
     [](const ThresholdSample& t) { return N(t.stats.total.abandoned_within[t.index]); }},
    {"acd_workgroup_service_level_ratio", kGauge,
     "Current interval: answered within the threshold / answered (1 with none answered).",
     [](const ThresholdSample& t) { return t.stats.service_level[t.index]; }},
    {"acd_workgroup_service_level_with_abandons_ratio", kGauge,
     "Current interval: answered within the threshold / (answered + abandoned) (1 with neither).",
     [](const ThresholdSample& t) { return t.stats.service_level_with_abandons[t.index]; }},
};

constexpr AgentActivity kActivities[] = {AgentActivity::kLoggedOut, AgentActivity::kIdle,
                                         AgentActivity::kAlerting, AgentActivity::kBusy,
                                         AgentActivity::kWrapUp};

template <typename Subject>
MetricFamily& AddFamily(std::vector<MetricFamily>& families, const Metric<Subject>& metric) {
  return families.emplace_back(MetricFamily{metric.name, metric.help, metric.type, {}});
}

void AddSample(MetricFamily& family, Labels labels, double value) {
  ClientMetric& sample = family.metric.emplace_back();
  sample.label = std::move(labels);
  (family.type == kCounter ? sample.counter.value : sample.gauge.value) = value;
}

// The published name; else (statistics set by hand) the center's list; else
// the id number.
std::string WorkgroupName(const MetricsCenter& center, const PublishedWorkgroup& w) {
  if (!w.name.empty()) return w.name;
  return w.id.value() < center.workgroups.size() ? center.workgroups[w.id.value()]
                                                 : fmt::format("{}", w.id.value());
}

}  // namespace

MetricsCenter MetricsCenterOf(std::string name, const CenterConfig& config) {
  MetricsCenter center{.name = std::move(name), .workgroups = {}};
  for (const WorkgroupConfig& w : config.workgroups) center.workgroups.push_back(w.name);
  return center;
}

std::vector<MetricFamily> MetricFamilies(absl::Span<const EngineMetricsInput> engines) {
  std::vector<MetricFamily> families;
  for (const Metric<EngineStats>& metric : kEngineMetrics) {
    MetricFamily& family = AddFamily(families, metric);
    for (const EngineMetricsInput& e : engines) {
      AddSample(family, {{"center", e.center->name}}, metric.value(*e.stats));
    }
  }
  MetricFamily& agents =
      families.emplace_back(MetricFamily{"acd_agents", "Agents by activity.", kGauge, {}});
  for (const EngineMetricsInput& e : engines) {
    for (AgentActivity activity : kActivities) {
      int64_t count = 0;
      for (const AgentStats& a : e.stats->agents) {
        count += !a.removed && a.activity == activity ? 1 : 0;
      }
      AddSample(
          agents,
          {{"center", e.center->name}, {"activity", std::string(AgentActivityName(activity))}},
          N(count));
    }
  }
  for (const Metric<PublishedWorkgroup>& metric : kWorkgroupMetrics) {
    MetricFamily& family = AddFamily(families, metric);
    for (const EngineMetricsInput& e : engines) {
      for (const PublishedWorkgroup& w : e.stats->workgroups) {
        if (w.removed) continue;
        AddSample(family, {{"center", e.center->name}, {"workgroup", WorkgroupName(*e.center, w)}},
                  metric.value(w));
      }
    }
  }
  for (const Metric<ThresholdSample>& metric : kThresholdMetrics) {
    MetricFamily& family = AddFamily(families, metric);
    for (const EngineMetricsInput& e : engines) {
      for (const PublishedWorkgroup& w : e.stats->workgroups) {
        if (w.removed) continue;
        for (int i = 0; i < w.stats.threshold_count && i < kMaxServiceLevelThresholds; ++i) {
          AddSample(family,
                    {{"center", e.center->name},
                     {"workgroup", WorkgroupName(*e.center, w)},
                     {"threshold_seconds", fmt::format("{}", ToSeconds(w.stats.thresholds[i]))}},
                    metric.value(ThresholdSample{w.stats, i}));
        }
      }
    }
  }
  return families;
}

std::string PrometheusText(const std::vector<MetricFamily>& families) {
  return prometheus::TextSerializer().Serialize(families);
}

std::string MetricsJson(const std::vector<MetricFamily>& families) {
  std::string out = "{\"metrics\": [";
  for (size_t f = 0; f < families.size(); ++f) {
    const MetricFamily& family = families[f];
    const bool counter = family.type == kCounter;
    out += fmt::format("{}{{\"name\": {}, \"type\": \"{}\", \"help\": {}, \"samples\": [",
                       f > 0 ? ", " : "", JsonQuote(family.name), counter ? "counter" : "gauge",
                       JsonQuote(family.help));
    for (size_t s = 0; s < family.metric.size(); ++s) {
      const ClientMetric& sample = family.metric[s];
      out += s > 0 ? ", {\"labels\": {" : "{\"labels\": {";
      for (size_t l = 0; l < sample.label.size(); ++l) {
        out += fmt::format("{}{}: {}", l > 0 ? ", " : "", JsonQuote(sample.label[l].name),
                           JsonQuote(sample.label[l].value));
      }
      out += fmt::format("}}, \"value\": {}}}",
                         JsonNumber(counter ? sample.counter.value : sample.gauge.value));
    }
    out += "]}";
  }
  return out + "]}";
}

RouterMetrics::RouterMetrics(const Router* router, std::vector<MetricsCenter> centers)
    : router_(router), centers_(std::move(centers)) {}

std::vector<MetricFamily> RouterMetrics::Collect() const {
  const int engines = std::min(router_->engine_count(), static_cast<int>(centers_.size()));
  std::vector<EngineStats> stats;
  std::vector<EngineMetricsInput> inputs;
  stats.reserve(static_cast<size_t>(engines));
  for (int i = 0; i < engines; ++i) {
    std::optional<EngineStats> s = router_->ReadStats(i);
    if (!s.has_value()) continue;
    stats.push_back(std::move(*s));
    inputs.push_back({.center = &centers_[static_cast<size_t>(i)], .stats = &stats.back()});
  }
  return MetricFamilies(inputs);
}

}  // namespace acd
