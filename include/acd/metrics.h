// acd/metrics.h: a running Router's live statistics for a monitoring system.
//
// The statistics a Router publishes (`Router::ReadStats`, acd/router.h) are
// C++ structs. This module turns them into metrics: Prometheus metric
// families (prometheus-cpp's `MetricFamily`), which prometheus-cpp writes in
// the Prometheus text exposition format and serves over HTTP, and the same
// families as JSON. The names follow Prometheus' conventions: an `acd_`
// prefix, base units in the name (`_seconds`), `_total` for counters that
// only grow, gauges for what is true now, `_ratio` for fractions in [0, 1].
// Every sample has a `center` label (the name given for its engine); the
// workgroup metrics add `workgroup` (the workgroup's name), the
// service-level ones `threshold_seconds`. README.md ("Metrics") lists every
// metric. The published statistics are not split by media, so no metric has
// a media label.
//
// Example (examples/metrics_server.cc serves them on /metrics):
//
//   auto metrics = std::make_shared<acd::RouterMetrics>(
//       router.get(), std::vector<acd::MetricsCenter>{acd::MetricsCenterOf("east", center)});
//   prometheus::Exposer exposer("127.0.0.1:9464");
//   exposer.RegisterCollectable(metrics);          // GET /metrics
//   std::string json = acd::MetricsJson(metrics->Collect());
//
// The engine and the Router do not depend on this module (target
// acd::metrics, which links prometheus-cpp::core).
//
// Thread safety: the free functions are pure. RouterMetrics::Collect may be
// called from any thread, concurrently (it only calls Router::ReadStats).

#ifndef ACD_METRICS_H_
#define ACD_METRICS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "acd/config.h"
#include "acd/router.h"
#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace acd {

// What labels an engine's samples: the value of the `center` label, and the
// workgroups' names in WorkgroupId order. A workgroup is labelled with the
// name its statistics were published with (PublishedWorkgroup::name, which
// follows AddWorkgroup), else with its name here, else with its id number.
// Workgroups and agents removed while running (RemoveWorkgroup, RemoveAgent)
// have no samples.
struct MetricsCenter {
  std::string name;
  std::vector<std::string> workgroups;
};

// `name` and the names of `config`'s workgroups.
MetricsCenter MetricsCenterOf(std::string name, const CenterConfig& config);

// One engine's published statistics and how to label them.
struct EngineMetricsInput {
  const MetricsCenter* center = nullptr;  // not owned; required
  const EngineStats* stats = nullptr;     // not owned; required
};

// Every acd metric family, in a fixed order (engine families, then
// workgroup families, as README.md lists them), each holding one sample per
// engine (and per workgroup, per threshold) in the order given; a family
// with no sample is still listed. Timestamps are left unset.
std::vector<prometheus::MetricFamily> MetricFamilies(absl::Span<const EngineMetricsInput> engines);

// The families in the Prometheus text exposition format (version 0.0.4),
// as prometheus-cpp's TextSerializer writes them.
std::string PrometheusText(const std::vector<prometheus::MetricFamily>& families);

// The families as one JSON object:
//   {"metrics": [{"name": "acd_workgroup_waiting_interactions", "type": "gauge",
//                 "help": "...", "samples": [{"labels": {"center": "east",
//                 "workgroup": "Support"}, "value": 3}]}, ...]}
// Types are "counter" or "gauge"; values are JSON numbers (null if not
// finite); labels keep their order. One line, no trailing newline.
std::string MetricsJson(const std::vector<prometheus::MetricFamily>& families);

// A prometheus-cpp Collectable over a running Router: each Collect reads the
// latest statistics of every engine (Router::ReadStats) and returns
// MetricFamilies of them. An engine that has not published yet contributes
// no samples.
class RouterMetrics : public prometheus::Collectable {
 public:
  // `router` is not owned and outlives this object (and every Collect);
  // `centers[i]` labels engine i. Engines without an entry are left out.
  RouterMetrics(const Router* router, std::vector<MetricsCenter> centers);

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  const Router* router_;
  std::vector<MetricsCenter> centers_;
};

}  // namespace acd

#endif  // ACD_METRICS_H_
