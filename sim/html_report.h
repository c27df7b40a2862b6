// sim/html_report.h: a study's results as one self-contained HTML page.
//
// `HtmlReport` renders a JSON document written by acdsim into a page for
// people: the facts of the study (scenario, seed, replications, overrides,
// program version), a KPI table, and inline SVG charts per interval for the
// whole center, each workgroup and each contact type (sim/svg_chart.h). It
// renders each kind of document sim/ writes:
//
//   "result" (acdsim run/merge --json; a document without "kind"): offered,
//     answered and abandoned; service level with its 95 % band and the
//     target line; ASA; queue length; occupancy and utilization; busy agents
//     at the end of each interval; per agent group too (its occupancy,
//     utilization and busy agents), when the document has agent groups;
//   "comparison" (acdsim compare --json): the paired difference B - A per
//     interval with its 95 % band and the zero line, and the KPI table with
//     verdicts;
//   "staffing" (acdsim staff --json): agents per interval per group as
//     steps (Erlang A's dashed), each target KPI against its limit.
//
// The page is rendered from the document alone, so `acdsim report FILE` of
// a run's JSON is the same page, byte for byte, as the run's --html. It has
// no scripts, no links outside itself and no external fonts or styles.
// Every point of every chart carries its numbers (data-value, data-ci95,
// data-start-s); each chart sits in a <figure> with data-slice,
// data-member and data-chart naming what it shows.
//
// Example:
//
//   ACD_ASSIGN_OR_RETURN(std::string html, acd::sim::HtmlReport(json_text, "run.json"));
//
// Thread safety: a pure function.

#ifndef ACD_SIM_HTML_REPORT_H_
#define ACD_SIM_HTML_REPORT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace acd::sim {

struct HtmlOptions {
  // The service-level target drawn on result pages' service-level charts, a
  // fraction (0..1]; default 0.8. A document's own "service_level_target"
  // wins over it.
  double service_level_target = 0.8;
};

// The page for `json_text`, a document acdsim wrote. InvalidArgument naming
// `source` and the byte offset for malformed JSON, a document of another
// kind, or a document missing what its kind must have (which key, where).
absl::StatusOr<std::string> HtmlReport(absl::string_view json_text, absl::string_view source,
                                       const HtmlOptions& options = {});

}  // namespace acd::sim

#endif  // ACD_SIM_HTML_REPORT_H_
