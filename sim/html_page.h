// sim/html_page.h: what the HTML report's pages share (internal to
// sim/html_*.cc): reading a document's members with errors that say where,
// the page's frame and style, number formatting.

#ifndef ACD_SIM_HTML_PAGE_H_
#define ACD_SIM_HTML_PAGE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "sim/html_report.h"
#include "sim/json_reader.h"
#include "sim/tally.h"

namespace acd::sim::html {

// A parsed document and the name its errors carry.
struct Document {
  std::string source;
  ParsedJson root;

  // InvalidArgument "<source>: byte <offset of at>: <path>: <what>".
  absl::Status Error(const ParsedJson& at, absl::string_view path, absl::string_view what) const;
  // The member `key` of `object` (at `path`), which must exist and be of
  // `type`.
  absl::StatusOr<const ParsedJson*> Get(const ParsedJson& object, absl::string_view path,
                                        absl::string_view key, ParsedJson::Type type) const;
  // Like Get, but a missing member is nullptr.
  absl::StatusOr<const ParsedJson*> Optional(const ParsedJson& object, absl::string_view path,
                                             absl::string_view key, ParsedJson::Type type) const;
};

// A number member of a KPI object; NaN when it is null or missing.
double NumberOf(const ParsedJson& object, absl::string_view key);

// A slice member's per-interval KPI objects: {"<workgroup>": [{"start_s",
// "kpis"}, ...]} or a bare array for the total. `starts` and `kpis` run in
// parallel.
struct IntervalSeries {
  std::vector<double> starts_s;
  std::vector<const ParsedJson*> kpis;
};
absl::StatusOr<IntervalSeries> ReadIntervals(const Document& doc, const ParsedJson& array,
                                             absl::string_view path);

// A section of charts and tables about one slice member.
struct Member {
  // "total", "workgroups", "contact_types" or "agent_groups".
  std::string slice;
  std::string name;
  // The member's whole-run KPI object, or nullptr.
  const ParsedJson* whole = nullptr;
  IntervalSeries intervals;
};
// The total, then the workgroups, contact types and agent groups in
// document order, from the "total"/"workgroups"/"contact_types"/
// "agent_groups" and "total_intervals"/"intervals"/"contact_type_intervals"/
// "agent_group_intervals" members of `root` (any may be missing).
absl::StatusOr<std::vector<Member>> ReadMembers(const Document& doc);

// "Total", "Workgroup Billing", "Contact type tech calls", "Agent group
// early" (not escaped).
std::string MemberTitle(const Member& member);
// An id for the member's section: "total", "workgroup-0", "contact-type-0",
// "agent-group-0".
std::string MemberId(const std::vector<Member>& members, size_t i);

// The definition of the KPI `key` (Kpis() and ThresholdKpis() of
// sim/tally.h), or nullptr.
const KpiDefinition* FindDefinition(absl::string_view key);
// The table label of a KPI key ("SL (answered)"), or the key itself.
std::string KpiLabel(absl::string_view key);
// The table's decimals for a KPI key (3 for unknown keys).
int KpiDecimals(absl::string_view key);
// Whether a KPI is a fraction (service levels, rates, occupancy).
bool IsFraction(absl::string_view key);
// `value` with `decimals` decimals; "–" for NaN.
std::string FormatValue(double value, int decimals);

// The page around `body`: doctype, head with the inline style, title.
std::string Page(absl::string_view title, absl::string_view body);
// A <dl> of facts (already escaped values).
std::string Facts(const std::vector<std::pair<std::string, std::string>>& facts);
// "day_start_s" of the document, or 0.
double DayStart(const Document& doc);
// The document's "overrides" as one escaped line, or "" when missing.
absl::StatusOr<std::string> Overrides(const Document& doc, const ParsedJson& object,
                                      absl::string_view path);

// The pages, by kind.
absl::StatusOr<std::string> ResultPage(const Document& doc, const HtmlOptions& options);
absl::StatusOr<std::string> ComparisonPage(const Document& doc);
absl::StatusOr<std::string> StaffingPage(const Document& doc);

}  // namespace acd::sim::html

#endif  // ACD_SIM_HTML_PAGE_H_
