#include "sim/replication_rows.h"

#include <limits>
#include <string>
#include <vector>

#include "doctest/doctest.h"

namespace acd::sim {
namespace {

KpiLayout TwoByTwo() {
  const std::vector<KpiInfo> kpis = {{"offered", "offered", 1}, {"asa_s", "ASA (s)", 2}};
  return {.slices = {{"total", {"total"}, kpis}, {"workgroups", {"Sales, East"}, kpis}},
          .intervals = 1};
}

TEST_CASE("each replication gives a row per slice member and KPI of the whole run") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Cells: total (whole: 10, 2.5; interval: 10, 2.5), then Sales, East.
  const std::vector<double> values = {10, 2.5, 10, 2.5, 4, nan, 4, nan};
  const ReplicationRows csv(TwoByTwo(), RowFormatFor("rows.csv"));
  CHECK(csv.Header() == "replication,slice,member,kpi,value\n");
  CHECK(csv.Rows(7, values) ==
        "7,total,total,offered,10\n"
        "7,total,total,asa_s,2.5\n"
        "7,workgroups,\"Sales, East\",offered,4\n"
        "7,workgroups,\"Sales, East\",asa_s,\n");
  const ReplicationRows jsonl(TwoByTwo(), RowFormatFor("rows.jsonl"));
  CHECK(jsonl.Header().empty());
  CHECK(jsonl.Rows(0, values).find(
            "{\"replication\": 0, \"slice\": \"workgroups\", \"member\": \"Sales, East\", "
            "\"kpi\": \"asa_s\", \"value\": null}\n") != std::string::npos);
}

}  // namespace
}  // namespace acd::sim
