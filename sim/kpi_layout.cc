#include "sim/kpi_layout.h"

namespace acd::sim {

size_t KpiLayout::CellCount() const {
  size_t cells = 0;
  for (const SliceLayout& slice : slices)
    cells += slice.members.size() * Periods() * slice.kpis.size();
  return cells;
}

size_t KpiLayout::Cell(size_t slice, size_t member, size_t period, size_t kpi) const {
  size_t cell = 0;
  for (size_t s = 0; s < slice; ++s) {
    cell += slices[s].members.size() * Periods() * slices[s].kpis.size();
  }
  const size_t kpis = slices[slice].kpis.size();
  return cell + (member * Periods() + period) * kpis + kpi;
}

int KpiLayout::FindSlice(const std::string& kind) const {
  for (size_t s = 0; s < slices.size(); ++s) {
    if (slices[s].kind == kind) return static_cast<int>(s);
  }
  return -1;
}

}  // namespace acd::sim
