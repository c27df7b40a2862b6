// The metric families of acd/metrics.h against statistics set by hand: names,
// types, labels and values exactly, in the text format and in JSON.

#include "acd/metrics.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "doctest/doctest.h"

namespace acd {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

// Two workgroups with names, a third (id 2) beyond the names; three agents.
EngineStats KnownStats() {
  EngineStats s;
  s.version = 7;
  s.as_of = Time() + Seconds(3600);
  s.commands_applied = 120;
  s.commands_rejected = 3;
  s.timer_advances = 17;
  s.decision_backlog = 2;
  PublishedWorkgroup support{.id = WorkgroupId(0), .counters = {}, .stats = {}};
  support.counters = {.entered = 40,
                      .answered = 30,
                      .abandoned = 4,
                      .completed = 25,
                      .failed = 1,
                      .transferred_out = 2,
                      .completed_on_time = 5,
                      .completed_late = 6,
                      .waiting = 3};
  support.stats.waiting = 3;
  support.stats.longest_wait = Milliseconds(42500);
  support.stats.agents_logged_in = 5;
  support.stats.agents_activated = 4;
  support.stats.agents_available = 1;
  support.stats.agents_busy = 2;
  support.stats.agents_wrap_up = 1;
  support.stats.interval_start = Time() + Seconds(1800);
  support.stats.current = {.entered = 8, .answered = 4, .abandoned = 1};
  support.stats.total.answer_wait = Seconds(600);
  support.stats.total.answered_within[0] = 24;
  support.stats.total.answered_within[1] = 29;
  support.stats.total.abandoned_within[0] = 2;
  support.stats.total.abandoned_within[1] = 3;
  support.stats.threshold_count = 2;
  support.stats.thresholds[0] = Seconds(20);
  support.stats.thresholds[1] = Milliseconds(2500);
  support.stats.service_level[0] = 0.75;
  support.stats.service_level[1] = 1;
  support.stats.service_level_with_abandons[0] = 0.5;
  support.stats.service_level_with_abandons[1] = 0.625;
  s.workgroups.push_back(support);
  PublishedWorkgroup sales{.id = WorkgroupId(1), .counters = {}, .stats = {}};
  sales.counters.entered = 9;
  sales.stats.threshold_count = 0;
  s.workgroups.push_back(sales);
  PublishedWorkgroup unnamed{.id = WorkgroupId(2), .counters = {}, .stats = {}};
  unnamed.stats.waiting = 1;
  s.workgroups.push_back(unnamed);
  s.agents.push_back({.id = AgentId(0), .activity = AgentActivity::kBusy});
  s.agents.push_back({.id = AgentId(1), .activity = AgentActivity::kIdle});
  s.agents.push_back({.id = AgentId(2), .activity = AgentActivity::kBusy});
  return s;
}

const MetricsCenter kEast{.name = "east", .workgroups = {"Support", "Sales"}};

const MetricFamily& Family(const std::vector<MetricFamily>& families, const std::string& name) {
  for (const MetricFamily& f : families) {
    if (f.name == name) return f;
  }
  FAIL("no family ", name);
  return families.front();
}

std::vector<std::string> LabelText(const ClientMetric& m) {
  std::vector<std::string> out;
  for (const ClientMetric::Label& l : m.label) out.push_back(l.name + "=" + l.value);
  return out;
}

TEST_CASE("every engine, workgroup, threshold and activity is a labelled sample with its value") {
  const EngineStats stats = KnownStats();
  const EngineMetricsInput input{.center = &kEast, .stats = &stats};
  const std::vector<MetricFamily> families = MetricFamilies({&input, 1});

  const MetricFamily& applied = Family(families, "acd_commands_applied_total");
  CHECK(applied.type == MetricType::Counter);
  REQUIRE(applied.metric.size() == 1);
  CHECK(LabelText(applied.metric[0]) == std::vector<std::string>{"center=east"});
  CHECK(applied.metric[0].counter.value == 120);
  CHECK(Family(families, "acd_commands_rejected_total").metric[0].counter.value == 3);
  CHECK(Family(families, "acd_timer_advances_total").metric[0].counter.value == 17);
  CHECK(Family(families, "acd_decision_backlog").type == MetricType::Gauge);
  CHECK(Family(families, "acd_decision_backlog").metric[0].gauge.value == 2);
  CHECK(Family(families, "acd_stats_time_seconds").metric[0].gauge.value == 3600);

  const MetricFamily& agents = Family(families, "acd_agents");
  REQUIRE(agents.metric.size() == 5);
  std::vector<std::string> agent_lines;
  for (const ClientMetric& m : agents.metric) {
    agent_lines.push_back(LabelText(m)[1] + " " + std::to_string(int(m.gauge.value)));
  }
  CHECK(agent_lines == std::vector<std::string>{"activity=logged_out 0", "activity=idle 1",
                                                "activity=alerting 0", "activity=busy 2",
                                                "activity=wrap_up 0"});

  const MetricFamily& waiting = Family(families, "acd_workgroup_waiting_interactions");
  CHECK(waiting.type == MetricType::Gauge);
  REQUIRE(waiting.metric.size() == 3);
  CHECK(LabelText(waiting.metric[0]) ==
        std::vector<std::string>{"center=east", "workgroup=Support"});
  CHECK(LabelText(waiting.metric[1]) == std::vector<std::string>{"center=east", "workgroup=Sales"});
  CHECK(LabelText(waiting.metric[2]) == std::vector<std::string>{"center=east", "workgroup=2"});
  CHECK(waiting.metric[0].gauge.value == 3);
  CHECK(waiting.metric[2].gauge.value == 1);
  CHECK(Family(families, "acd_workgroup_longest_wait_seconds").metric[0].gauge.value == 42.5);
  CHECK(Family(families, "acd_workgroup_agents_logged_in").metric[0].gauge.value == 5);
  CHECK(Family(families, "acd_workgroup_agents_activated").metric[0].gauge.value == 4);
  CHECK(Family(families, "acd_workgroup_agents_available").metric[0].gauge.value == 1);
  CHECK(Family(families, "acd_workgroup_agents_busy").metric[0].gauge.value == 2);
  CHECK(Family(families, "acd_workgroup_agents_wrap_up").metric[0].gauge.value == 1);
  CHECK(Family(families, "acd_workgroup_entered_total").metric[0].counter.value == 40);
  CHECK(Family(families, "acd_workgroup_entered_total").metric[1].counter.value == 9);
  CHECK(Family(families, "acd_workgroup_answered_total").metric[0].counter.value == 30);
  CHECK(Family(families, "acd_workgroup_abandoned_total").metric[0].counter.value == 4);
  CHECK(Family(families, "acd_workgroup_completed_total").metric[0].counter.value == 25);
  CHECK(Family(families, "acd_workgroup_failed_total").metric[0].counter.value == 1);
  CHECK(Family(families, "acd_workgroup_transferred_out_total").metric[0].counter.value == 2);
  CHECK(Family(families, "acd_workgroup_completed_on_time_total").metric[0].counter.value == 5);
  CHECK(Family(families, "acd_workgroup_completed_late_total").metric[0].counter.value == 6);
  CHECK(Family(families, "acd_workgroup_answer_wait_seconds_total").metric[0].counter.value == 600);
  CHECK(Family(families, "acd_workgroup_interval_start_seconds").metric[0].gauge.value == 1800);
  CHECK(Family(families, "acd_workgroup_interval_entered").metric[0].gauge.value == 8);
  CHECK(Family(families, "acd_workgroup_interval_answered").metric[0].gauge.value == 4);
  CHECK(Family(families, "acd_workgroup_interval_abandoned").metric[0].gauge.value == 1);

  // Only Support has thresholds: one sample per threshold, in its order.
  const MetricFamily& within = Family(families, "acd_workgroup_answered_within_threshold_total");
  CHECK(within.type == MetricType::Counter);
  REQUIRE(within.metric.size() == 2);
  CHECK(LabelText(within.metric[0]) ==
        std::vector<std::string>{"center=east", "workgroup=Support", "threshold_seconds=20"});
  CHECK(LabelText(within.metric[1]) ==
        std::vector<std::string>{"center=east", "workgroup=Support", "threshold_seconds=2.5"});
  CHECK(within.metric[0].counter.value == 24);
  CHECK(within.metric[1].counter.value == 29);
  const MetricFamily& abandoned =
      Family(families, "acd_workgroup_abandoned_within_threshold_total");
  CHECK(abandoned.metric[0].counter.value == 2);
  CHECK(abandoned.metric[1].counter.value == 3);
  const MetricFamily& sl = Family(families, "acd_workgroup_service_level_ratio");
  CHECK(sl.type == MetricType::Gauge);
  CHECK(sl.metric[0].gauge.value == 0.75);
  CHECK(sl.metric[1].gauge.value == 1);
  const MetricFamily& sla = Family(families, "acd_workgroup_service_level_with_abandons_ratio");
  CHECK(sla.metric[0].gauge.value == 0.5);
  CHECK(sla.metric[1].gauge.value == 0.625);
}

TEST_CASE(
    "a workgroup is labelled by its published name; removed workgroups and agents have no "
    "samples") {
  EngineStats stats = KnownStats();
  stats.workgroups[1] = {.id = WorkgroupId(1), .name = "", .removed = true};
  stats.workgroups[2].name = "Billing";  // added by AddWorkgroup after the list was made
  stats.agents[1] = {.id = AgentId(1), .removed = true};
  const EngineMetricsInput input{.center = &kEast, .stats = &stats};
  const std::vector<MetricFamily> families = MetricFamilies({&input, 1});

  const MetricFamily& waiting = Family(families, "acd_workgroup_waiting_interactions");
  REQUIRE(waiting.metric.size() == 2);
  CHECK(LabelText(waiting.metric[0]) ==
        std::vector<std::string>{"center=east", "workgroup=Support"});
  CHECK(LabelText(waiting.metric[1]) ==
        std::vector<std::string>{"center=east", "workgroup=Billing"});
  CHECK(waiting.metric[1].gauge.value == 1);
  // The removed agent (logged out) is not counted among the logged-out ones.
  const MetricFamily& agents = Family(families, "acd_agents");
  REQUIRE(agents.metric.size() == 5);
  CHECK(agents.metric[0].gauge.value == 0);  // logged_out
  CHECK(agents.metric[1].gauge.value == 0);  // idle: agent 1 was removed
  CHECK(agents.metric[3].gauge.value == 2);  // busy
}

TEST_CASE("with no engine every family is still listed, without samples") {
  const std::vector<MetricFamily> families = MetricFamilies({});
  CHECK(families.size() == 30);
  for (const MetricFamily& f : families) {
    CHECK(f.name.rfind("acd_", 0) == 0);
    CHECK(f.metric.empty());
    // Counters, and only counters, end in _total.
    const bool total = f.name.size() > 6 && f.name.substr(f.name.size() - 6) == "_total";
    CHECK(total == (f.type == MetricType::Counter));
  }
}

TEST_CASE("the text format has HELP and TYPE lines per family and a line per sample") {
  const EngineStats stats = KnownStats();
  const EngineMetricsInput input{.center = &kEast, .stats = &stats};
  const std::string text = PrometheusText(MetricFamilies({&input, 1}));
  CHECK(text.find("# HELP acd_workgroup_longest_wait_seconds The longest time any waiting "
                  "interaction has waited, in seconds (0 with none).\n"
                  "# TYPE acd_workgroup_longest_wait_seconds gauge\n"
                  "acd_workgroup_longest_wait_seconds{center=\"east\",workgroup=\"Support\"} 42.5\n"
                  "acd_workgroup_longest_wait_seconds{center=\"east\",workgroup=\"Sales\"} 0\n"
                  "acd_workgroup_longest_wait_seconds{center=\"east\",workgroup=\"2\"} 0\n") !=
        std::string::npos);
  CHECK(text.find("# TYPE acd_workgroup_service_level_ratio gauge\n"
                  "acd_workgroup_service_level_ratio{center=\"east\",workgroup=\"Support\","
                  "threshold_seconds=\"20\"} 0.75\n"
                  "acd_workgroup_service_level_ratio{center=\"east\",workgroup=\"Support\","
                  "threshold_seconds=\"2.5\"} 1\n") != std::string::npos);
  CHECK(text.find("# TYPE acd_commands_applied_total counter\n"
                  "acd_commands_applied_total{center=\"east\"} 120\n") != std::string::npos);
  CHECK(text.find("acd_agents{center=\"east\",activity=\"busy\"} 2\n") != std::string::npos);
}

TEST_CASE("JSON gives each family's name, type, help and samples with labels in order") {
  std::vector<MetricFamily> families(2);
  families[0] = {
      .name = "acd_x_total", .help = "Say \"x\"\\n.", .type = MetricType::Counter, .metric = {}};
  families[0].metric.resize(2);
  families[0].metric[0].label = {{"center", "a\"b"}, {"workgroup", "c\\d"}};
  families[0].metric[0].counter.value = 12;
  families[0].metric[1].label = {{"center", "e"}};
  families[0].metric[1].counter.value = 0.25;
  families[1] = {.name = "acd_y", .help = "", .type = MetricType::Gauge, .metric = {}};
  families[1].metric.resize(1);
  families[1].metric[0].gauge.value = std::numeric_limits<double>::quiet_NaN();
  CHECK(MetricsJson(families) ==
        "{\"metrics\": [{\"name\": \"acd_x_total\", \"type\": \"counter\", "
        "\"help\": \"Say \\\"x\\\"\\\\n.\", \"samples\": ["
        "{\"labels\": {\"center\": \"a\\\"b\", \"workgroup\": \"c\\\\d\"}, \"value\": 12}, "
        "{\"labels\": {\"center\": \"e\"}, \"value\": 0.25}]}, "
        "{\"name\": \"acd_y\", \"type\": \"gauge\", \"help\": \"\", \"samples\": ["
        "{\"labels\": {}, \"value\": null}]}]}");
  CHECK(MetricsJson({}) == "{\"metrics\": []}");
}

TEST_CASE("JSON of the statistics carries the same values as the families") {
  const EngineStats stats = KnownStats();
  const EngineMetricsInput input{.center = &kEast, .stats = &stats};
  const std::string json = MetricsJson(MetricFamilies({&input, 1}));
  CHECK(json.find("{\"name\": \"acd_workgroup_longest_wait_seconds\", \"type\": \"gauge\", "
                  "\"help\": \"The longest time any waiting interaction has waited, in seconds "
                  "(0 with none).\", \"samples\": [{\"labels\": {\"center\": \"east\", "
                  "\"workgroup\": \"Support\"}, \"value\": 42.5}, ") != std::string::npos);
  CHECK(json.find("{\"labels\": {\"center\": \"east\", \"workgroup\": \"Support\", "
                  "\"threshold_seconds\": \"2.5\"}, \"value\": 0.625}") != std::string::npos);
}

}  // namespace
}  // namespace acd
