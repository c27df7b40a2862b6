#include "sim/aggregate.h"

#include <utility>

#include "acd/status_macros.h"

namespace acd::sim {

Aggregate Aggregate::Start(StudyInfo study, KpiLayout layout, ReplicationRange range) {
  Aggregate aggregate;
  aggregate.study = std::move(study);
  aggregate.layout = std::move(layout);
  aggregate.range = range;
  aggregate.cells.resize(aggregate.layout.CellCount());
  return aggregate;
}

void Aggregate::Add(std::span<const double> values, int64_t replication_events) {
  ACD_CHECK(values.size() == cells.size());
  for (size_t i = 0; i < values.size(); ++i) cells[i].Add(values[i]);
  events += replication_events;
  ++added;
}

}  // namespace acd::sim
