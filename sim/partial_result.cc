#include "sim/partial_result.h"

#include <limits>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "acd/proto/partial_result.pb.h"
#include "acd/status_macros.h"
#include "lib/common/fnv1a.h"
#include "sim/input_file.h"

namespace acd::sim {
namespace {

constexpr char kMagic[] = "acdsim partial result";
// How every file starts: field 1 (tag 0x0a), 21 bytes long, the magic.
constexpr absl::string_view kMagicField(
    "\x0a\x15"
    "acdsim partial result");
// Ranges of the values a valid file holds.
constexpr int kMaxReplications = 100000;
constexpr int kMaxIntervals = 1000000;
constexpr int kMaxDecimals = 17;

void Append(const ExactSum& sum, proto::ExactSums& out) {
  const ExactSum::Canonical canonical = sum.ToCanonical();
  out.add_low(canonical.low);
  out.add_size(static_cast<uint32_t>(canonical.limbs.size()));
  for (int64_t limb : canonical.limbs) out.add_limbs(limb);
}

absl::Status Damaged(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("damaged partial result: ", what));
}

absl::Status OutOfRange(absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("partial result: ", what));
}

// Reads a slice's exact sums, one per cell, appending them to the cells
// from `first` on.
absl::Status ReadSums(const proto::ExactSums& sums, size_t cells, const std::string& where,
                      ExactSum Moments::*field, std::vector<Moments>& out, size_t first) {
  if (static_cast<size_t>(sums.low_size()) != cells ||
      static_cast<size_t>(sums.size_size()) != cells) {
    return OutOfRange(absl::StrCat(where, ": ", sums.low_size(), " sums for ", cells, " cells"));
  }
  size_t start = 0;
  for (size_t c = 0; c < cells; ++c) {
    const size_t size = sums.size(static_cast<int>(c));
    if (size > static_cast<size_t>(sums.limbs_size()) - start) {
      return OutOfRange(absl::StrCat(where, "[", c, "]: more limbs than the file holds"));
    }
    ExactSum::Canonical canonical{sums.low(static_cast<int>(c)), {}};
    canonical.limbs.assign(sums.limbs().begin() + static_cast<int>(start),
                           sums.limbs().begin() + static_cast<int>(start + size));
    start += size;
    absl::StatusOr<ExactSum> sum = ExactSum::FromCanonical(canonical);
    if (!sum.ok()) return OutOfRange(absl::StrCat(where, "[", c, "]: ", sum.status().message()));
    out[first + c].*field = *std::move(sum);
  }
  if (start != static_cast<size_t>(sums.limbs_size())) {
    return OutOfRange(absl::StrCat(where, ": limbs left over"));
  }
  return absl::OkStatus();
}

// The layout and cells of `message`, checked.
absl::Status ReadSlices(const proto::PartialResult& message, Aggregate& out) {
  const int64_t periods = 1 + static_cast<int64_t>(message.interval_count());
  const int64_t replications = out.range.size();
  if (message.slices().empty()) return OutOfRange("no slices");
  int64_t total_cells = 0;
  for (const proto::Slice& slice : message.slices()) {
    total_cells += static_cast<int64_t>(slice.members_size()) * periods * slice.kpis_size();
  }
  if (total_cells > static_cast<int64_t>(kMaxKpiCells)) {
    return OutOfRange(
        absl::StrCat(total_cells, " cells, more than the ", kMaxKpiCells, " a study may have"));
  }
  out.cells.resize(static_cast<size_t>(total_cells));
  size_t first = 0;
  for (int s = 0; s < message.slices_size(); ++s) {
    const proto::Slice& slice = message.slices(s);
    const std::string where = absl::StrCat("slices[", s, "]");
    SliceLayout layout{.kind = slice.kind(),
                       .members = {slice.members().begin(), slice.members().end()}};
    for (int k = 0; k < slice.kpis_size(); ++k) {
      const proto::Kpi& kpi = slice.kpis(k);
      if (kpi.key().empty() || kpi.decimals() < 0 || kpi.decimals() > kMaxDecimals) {
        return OutOfRange(absl::StrCat(where, ".kpis[", k, "]: no key, or decimals ",
                                       kpi.decimals(), " outside 0..", kMaxDecimals));
      }
      layout.kpis.push_back({kpi.key(), kpi.label(), kpi.decimals(), kpi.optional()});
    }
    if (layout.kind.empty() || layout.members.empty() || layout.kpis.empty()) {
      return OutOfRange(absl::StrCat(where, ": a slice needs a kind, members and KPIs"));
    }
    const size_t cells = layout.members.size() * static_cast<size_t>(periods) * layout.kpis.size();
    if (static_cast<size_t>(slice.counts_size()) != cells) {
      return OutOfRange(absl::StrCat(where, ": ", slice.counts_size(), " cells where its ",
                                     layout.members.size(), " members, ", periods, " periods and ",
                                     layout.kpis.size(), " KPIs make ", cells));
    }
    for (size_t c = 0; c < cells; ++c) {
      const int64_t count = slice.counts(static_cast<int>(c));
      if (count < 0 || count > replications) {
        return OutOfRange(
            absl::StrCat(where, ".counts[", c, "]: ", count, " outside 0..", replications));
      }
      out.cells[first + c].count = count;
    }
    ACD_RETURN_IF_ERROR(
        ReadSums(slice.sums(), cells, where + ".sums", &Moments::sum, out.cells, first));
    ACD_RETURN_IF_ERROR(ReadSums(slice.sum_squares(), cells, where + ".sum_squares",
                                 &Moments::sum_squares, out.cells, first));
    first += cells;
    out.layout.slices.push_back(std::move(layout));
  }
  return absl::OkStatus();
}

}  // namespace

std::string EncodePartialResult(const Aggregate& aggregate) {
  proto::PartialResult result;
  const StudyInfo& study = aggregate.study;
  result.set_program_version(study.version);
  result.set_scenario(study.scenario);
  result.set_scenario_fingerprint(study.fingerprint);
  for (const std::string& text : study.overrides) result.add_overrides(text);
  for (const std::string& text : study.warnings) result.add_warnings(text);
  result.set_seed(study.seed);
  result.set_replications(study.replications);
  result.set_first_replication(aggregate.range.first);
  result.set_end_replication(aggregate.range.end);
  result.set_service_level_s(study.service_level_s);
  result.set_horizon_s(study.horizon_s);
  result.set_warmup_s(study.warmup_s);
  result.set_interval_s(study.interval_s);
  result.set_events(aggregate.events);
  result.set_interval_count(aggregate.layout.intervals);
  if (study.day_start_s) result.set_day_start_s(*study.day_start_s);
  for (const auto& [type, thresholds] : study.service_levels_s) {
    proto::ServiceLevels& levels = *result.add_type_service_levels();
    levels.set_contact_type(type);
    for (double t : thresholds) levels.add_service_level_s(t);
  }
  size_t cell = 0;
  for (const SliceLayout& layout : aggregate.layout.slices) {
    proto::Slice& slice = *result.add_slices();
    slice.set_kind(layout.kind);
    for (const std::string& member : layout.members) slice.add_members(member);
    for (const KpiInfo& kpi : layout.kpis) {
      proto::Kpi& out = *slice.add_kpis();
      out.set_key(kpi.key);
      out.set_label(kpi.label);
      out.set_decimals(kpi.decimals);
      out.set_optional(kpi.optional);
    }
    const size_t cells = layout.members.size() * aggregate.layout.Periods() * layout.kpis.size();
    for (size_t c = 0; c < cells; ++c, ++cell) {
      const Moments& moments = aggregate.cells[cell];
      slice.add_counts(moments.count);
      Append(moments.sum, *slice.mutable_sums());
      Append(moments.sum_squares, *slice.mutable_sum_squares());
    }
  }
  proto::PartialResultFile file;
  file.set_magic(kMagic);
  file.set_format_version(kPartialResultVersion);
  // No map fields: the same aggregate always gives the same bytes.
  result.SerializeToString(file.mutable_result());
  file.set_result_checksum(Fnv1a64(file.result()));
  return file.SerializeAsString();
}

absl::StatusOr<Aggregate> DecodePartialResult(absl::string_view bytes) {
  if (!absl::StartsWith(bytes, kMagicField)) {
    return absl::DataLossError("not an acdsim partial result");
  }
  proto::PartialResultFile file;
  if (!file.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Damaged("truncated or corrupted (it does not parse)");
  }
  if (file.format_version() != kPartialResultVersion) {
    return absl::InvalidArgumentError(absl::StrCat("partial result format version ",
                                                   file.format_version(), "; this acdsim reads ",
                                                   "version ", kPartialResultVersion));
  }
  if (Fnv1a64(file.result()) != file.result_checksum()) {
    return Damaged("truncated or corrupted (its checksum does not match)");
  }
  proto::PartialResult message;
  if (!message.ParseFromString(file.result())) {
    return Damaged("its result does not parse (written by a faulty program?)");
  }

  Aggregate out;
  out.study = {.version = message.program_version(),
               .scenario = message.scenario(),
               .fingerprint = message.scenario_fingerprint(),
               .overrides = {message.overrides().begin(), message.overrides().end()},
               .warnings = {message.warnings().begin(), message.warnings().end()},
               .seed = message.seed(),
               .replications = message.replications(),
               .service_level_s = message.service_level_s(),
               .horizon_s = message.horizon_s(),
               .warmup_s = message.warmup_s(),
               .interval_s = message.interval_s()};
  if (message.has_day_start_s()) {
    if (!(message.day_start_s() >= 0 && message.day_start_s() < 86400)) {
      return OutOfRange(absl::StrCat("day_start_s ", message.day_start_s(), " outside [0, 86400)"));
    }
    out.study.day_start_s = message.day_start_s();
  }
  for (const proto::ServiceLevels& levels : message.type_service_levels()) {
    if (levels.service_level_s().empty() || levels.service_level_s_size() > 4) {
      return OutOfRange(absl::StrCat("contact type \"", levels.contact_type(), "\" has ",
                                     levels.service_level_s_size(),
                                     " service-level thresholds, not 1..4"));
    }
    out.study.service_levels_s.emplace_back(
        levels.contact_type(),
        std::vector<double>(levels.service_level_s().begin(), levels.service_level_s().end()));
  }
  if (message.replications() < 1 || message.replications() > kMaxReplications) {
    return OutOfRange(
        absl::StrCat("replications ", message.replications(), " outside 1..", kMaxReplications));
  }
  out.range = {message.first_replication(), message.end_replication()};
  if (out.range.first < 0 || out.range.first >= out.range.end ||
      out.range.end > message.replications()) {
    return OutOfRange(absl::StrCat("replications ", out.range.first, ":", out.range.end,
                                   " are not a non-empty part of 0:", message.replications()));
  }
  out.added = out.range.size();
  if (message.events() < 0) return OutOfRange(absl::StrCat("events ", message.events()));
  out.events = message.events();
  if (message.interval_count() < 0 || message.interval_count() > kMaxIntervals) {
    return OutOfRange(
        absl::StrCat("intervals ", message.interval_count(), " outside 0..", kMaxIntervals));
  }
  out.layout.intervals = message.interval_count();
  ACD_RETURN_IF_ERROR(ReadSlices(message, out));
  return out;
}

absl::StatusOr<Aggregate> ReadPartialResultFile(const std::string& path) {
  ACD_ASSIGN_OR_RETURN(std::string bytes,
                       ReadInputFile(path, "partial result", kMaxPartialResultBytes));
  absl::StatusOr<Aggregate> aggregate = DecodePartialResult(bytes);
  if (!aggregate.ok()) {
    return absl::Status(aggregate.status().code(),
                        absl::StrCat(path, ": ", aggregate.status().message()));
  }
  return aggregate;
}

}  // namespace acd::sim
