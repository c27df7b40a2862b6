// sim/replication_rows.h: each replication's own KPI values, for people who
// do their own analysis (paired comparisons, distributions, ...).
//
// `acdsim run --replications-out FILE` writes one row per replication, slice
// member and KPI, for the whole run (not per interval), streamed in
// replication order as replications finish; the bytes are the same at any
// thread count. CSV:
//
//   replication,slice,member,kpi,value
//   0,total,total,offered,17291
//   0,workgroups,Support,offered,17291
//   ...
//
// or, for a file name ending in ".jsonl", JSON Lines:
//
//   {"replication": 0, "slice": "total", "member": "total", "kpi": "offered", "value": 17291}
//
// A value that is undefined in that replication (a ratio with a zero
// denominator) is empty in CSV and null in JSON. Numbers are the shortest
// text that reads back as the same double. Replications are numbered as in
// the study (a shard's rows keep their global numbers).
//
// Example:
//
//   acd::sim::ReplicationRows rows(plan.layout(), acd::sim::RowFormatFor(path));
//   out += rows.Header();
//   out += rows.Rows(r, values);   // values: one per cell of the layout
//
// Thread safety: const methods may be called from any thread.

#ifndef ACD_SIM_REPLICATION_ROWS_H_
#define ACD_SIM_REPLICATION_ROWS_H_

#include <span>
#include <string>

#include "sim/kpi_layout.h"

namespace acd::sim {

enum class RowFormat { kCsv, kJsonLines };

// JSON Lines for a name ending in ".jsonl", CSV otherwise.
RowFormat RowFormatFor(const std::string& path);

class ReplicationRows {
 public:
  ReplicationRows(KpiLayout layout, RowFormat format);

  // The CSV header line; empty for JSON Lines.
  std::string Header() const;
  // The rows of one replication, from its value of every cell.
  std::string Rows(int replication, std::span<const double> values) const;

 private:
  KpiLayout layout_;
  RowFormat format_;
};

}  // namespace acd::sim

#endif  // ACD_SIM_REPLICATION_ROWS_H_
