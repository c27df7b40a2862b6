#include "sim/replication_rows.h"

#include <cmath>
#include <utility>

#include "absl/strings/match.h"
#include "fmt/format.h"
#include "sim/csv.h"
#include "sim/json.h"

namespace acd::sim {

RowFormat RowFormatFor(const std::string& path) {
  return absl::EndsWith(path, ".jsonl") ? RowFormat::kJsonLines : RowFormat::kCsv;
}

ReplicationRows::ReplicationRows(KpiLayout layout, RowFormat format)
    : layout_(std::move(layout)), format_(format) {}

std::string ReplicationRows::Header() const {
  return format_ == RowFormat::kCsv ? "replication,slice,member,kpi,value\n" : "";
}

std::string ReplicationRows::Rows(int replication, std::span<const double> values) const {
  std::string out;
  for (size_t s = 0; s < layout_.slices.size(); ++s) {
    const SliceLayout& slice = layout_.slices[s];
    for (size_t m = 0; m < slice.members.size(); ++m) {
      // Period 0: the whole run.
      const size_t first = layout_.Cell(s, m, 0, 0);
      for (size_t k = 0; k < slice.kpis.size(); ++k) {
        const double value = values[first + k];
        if (format_ == RowFormat::kCsv) {
          out += fmt::format("{},{},{},{},{}\n", replication, CsvField(slice.kind),
                             CsvField(slice.members[m]), CsvField(slice.kpis[k].key),
                             CsvNumber(value));
        } else {
          out += fmt::format(
              "{{\"replication\": {}, \"slice\": {}, \"member\": {}, \"kpi\": {}, \"value\": "
              "{}}}\n",
              replication, JsonQuote(slice.kind), JsonQuote(slice.members[m]),
              JsonQuote(slice.kpis[k].key), JsonNumber(value));
        }
      }
    }
  }
  return out;
}

}  // namespace acd::sim
