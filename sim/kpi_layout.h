// sim/kpi_layout.h: which numbers a study reports, and in which order.
//
// A study's results are a grid of cells, one per slice member (the whole
// center, each workgroup, each contact type), period (the whole run, then
// each reporting interval) and KPI. `KpiLayout` names them: the slices with
// their members and KPIs, and the number of intervals. It is all a reader of
// the results needs besides the numbers, so partial result files store it
// (KPI keys included), and parts merge only when their layouts are equal.
// Which KPIs and slices a scenario has is decided in one place,
// sim/kpi_plan.h.
//
// Cells are numbered slice by slice; within a slice, member by member;
// within a member, period 0 (the whole run), then intervals 0, 1, ...
// (periods 1, 2, ...); within a period, KPI by KPI.
//
// Example:
//
//   const acd::sim::KpiLayout& layout = plan.layout();
//   size_t cell = layout.Cell(/*slice=*/1, /*member=*/0, /*period=*/0, /*kpi=*/3);
//
// Thread safety: a plain value.

#ifndef ACD_SIM_KPI_LAYOUT_H_
#define ACD_SIM_KPI_LAYOUT_H_

#include <cstddef>
#include <string>
#include <vector>

namespace acd::sim {

// Cells a study may report at most (full_day.txtpb has 23,571): bounds the
// memory of its aggregate (about 150 bytes per cell) and of reading its
// partial results.
inline constexpr size_t kMaxKpiCells = 1000000;

struct KpiInfo {
  // JSON and CSV key, e.g. "service_level_ans".
  std::string key;
  // Table row label, e.g. "SL (answered)".
  std::string label;
  // Decimals shown in the table.
  int decimals = 0;
  // A feature's KPI (blocking, callbacks, ...): the table leaves it out when
  // it is zero or undefined in every column.
  bool optional = false;
  bool operator==(const KpiInfo&) const = default;
};

struct SliceLayout {
  // What the slice is, and the JSON section it is reported under: "total"
  // (one member, "total"), "workgroups", "contact_types", "agent_groups"
  // (only in scenarios with agent groups, and with the agents' KPIs only).
  std::string kind;
  std::vector<std::string> members;
  std::vector<KpiInfo> kpis;
  bool operator==(const SliceLayout&) const = default;
};

struct KpiLayout {
  std::vector<SliceLayout> slices;
  // Reporting intervals from time 0.
  int intervals = 0;

  bool operator==(const KpiLayout&) const = default;
  // 1 + intervals: the whole run, then each interval.
  size_t Periods() const { return 1 + static_cast<size_t>(intervals); }
  size_t CellCount() const;
  size_t Cell(size_t slice, size_t member, size_t period, size_t kpi) const;
  // The slice whose kind is `kind`, or -1.
  int FindSlice(const std::string& kind) const;
};

}  // namespace acd::sim

#endif  // ACD_SIM_KPI_LAYOUT_H_
