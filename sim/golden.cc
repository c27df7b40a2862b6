#include "sim/golden.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"
#include "fmt/format.h"
#include "sim/input_file.h"
#include "sim/json.h"

namespace acd::sim {
namespace {

constexpr char kAbsent[] = "(absent)";

// {}, standing in for a member a report lacks.
const ParsedJson& EmptyObject() {
  static const ParsedJson empty = *ReadJson("{}", "{}");
  return empty;
}

// `path` extended by an object's member: ".key" for a plain name, else
// "[\"key\"]".
std::string MemberPath(const std::string& path, const std::string& key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (plain) return path.empty() ? key : absl::StrCat(path, ".", key);
  return absl::StrCat(path, "[", JsonQuote(key), "]");
}

bool SameScalar(const ParsedJson& a, const ParsedJson& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case ParsedJson::Type::kNull:
      return true;
    case ParsedJson::Type::kBool:
      return a.boolean() == b.boolean();
    case ParsedJson::Type::kNumber:
      return a.number_text() == b.number_text();
    default:
      return a.string() == b.string();
  }
}

// Compares two values leaf by leaf, in the golden's order.
void Walk(const std::string& path, const ParsedJson& golden, const ParsedJson& now,
          GoldenComparison& out) {
  if (golden.type() != now.type() ||
      (golden.type() != ParsedJson::Type::kArray && golden.type() != ParsedJson::Type::kObject)) {
    out.compared += 1;
    if (!SameScalar(golden, now)) {
      out.differences.push_back({path, JsonSummary(golden), JsonSummary(now), ""});
    }
    return;
  }
  if (golden.type() == ParsedJson::Type::kArray) {
    const size_t common = std::min(golden.array().size(), now.array().size());
    for (size_t i = 0; i < common; ++i) {
      Walk(absl::StrCat(path, "[", i, "]"), golden.array()[i], now.array()[i], out);
    }
    for (size_t i = common; i < golden.array().size(); ++i) {
      out.differences.push_back(
          {absl::StrCat(path, "[", i, "]"), JsonSummary(golden.array()[i]), kAbsent, ""});
    }
    for (size_t i = common; i < now.array().size(); ++i) {
      out.differences.push_back(
          {absl::StrCat(path, "[", i, "]"), kAbsent, JsonSummary(now.array()[i]), ""});
    }
    return;
  }
  for (const auto& [key, value] : golden.object()) {
    const ParsedJson* other = now.Find(key);
    if (other == nullptr) {
      out.differences.push_back({MemberPath(path, key), JsonSummary(value), kAbsent, ""});
    } else {
      Walk(MemberPath(path, key), value, *other, out);
    }
  }
  for (const auto& [key, value] : now.object()) {
    if (golden.Find(key) == nullptr) {
      out.differences.push_back({MemberPath(path, key), kAbsent, JsonSummary(value), ""});
    }
  }
}

std::string Number(double x) { return fmt::format("{:.6g}", x); }

// One KPI, {"mean": m, "ci95": h}, tested as the top of golden.h says.
void CompareKpi(const std::string& path, const ParsedJson& golden, const ParsedJson& now,
                const StatisticalOptions& options, GoldenComparison& out) {
  const ParsedJson* gm = golden.Find("mean");
  const ParsedJson* gh = golden.Find("ci95");
  const ParsedJson* nm = now.Find("mean");
  const ParsedJson* nh = now.Find("ci95");
  // "mean ± h" to 6 significant digits, as the table shows them.
  const auto shown = [](const ParsedJson* m, const ParsedJson* h) {
    if (m == nullptr) return std::string(kAbsent);
    const std::string mean =
        m->type() == ParsedJson::Type::kNumber ? Number(m->number()) : JsonSummary(*m);
    if (h == nullptr || h->type() != ParsedJson::Type::kNumber) return mean;
    return absl::StrCat(mean, " ± ", Number(h->number()));
  };
  const auto is_number = [](const ParsedJson* v) {
    return v != nullptr && v->type() == ParsedJson::Type::kNumber;
  };
  out.compared += 1;
  // A value on one side only: a ratio whose denominator was zero in every
  // replication of the other study. Untestable as it is; the denominator's
  // own KPI (abandoned for abandon_time_s, answered for asa_s) is tested.
  if (gm != nullptr && nm != nullptr && gm->type() != nm->type() &&
      (gm->type() == ParsedJson::Type::kNull || nm->type() == ParsedJson::Type::kNull) &&
      (gm->type() == ParsedJson::Type::kNumber || nm->type() == ParsedJson::Type::kNumber)) {
    out.skipped += 1;
    out.compared -= 1;
    return;
  }
  if (gm == nullptr || nm == nullptr || gm->type() != nm->type() ||
      (gm->type() != ParsedJson::Type::kNumber && gm->type() != ParsedJson::Type::kNull)) {
    out.differences.push_back({path, shown(gm, gh), shown(nm, nh), "not a KPI"});
    return;
  }
  if (gm->type() == ParsedJson::Type::kNull) return;  // no value in either
  if (!is_number(gh) || !is_number(nh)) {
    out.skipped += 1;
    out.compared -= 1;
    return;
  }
  const double diff = std::abs(nm->number() - gm->number());
  double allowed =
      options.interval_scale * std::sqrt(gh->number() * gh->number() + nh->number() * nh->number());
  const char* rule = "combined 95% half-width";
  if (gh->number() == 0 && nh->number() == 0) {
    allowed = kZeroWidthTolerance * std::max({1.0, std::abs(gm->number()), std::abs(nm->number())});
    rule = "no spread in either study";
  }
  if (diff > allowed) {
    out.differences.push_back(
        {path, shown(gm, gh), shown(nm, nh),
         absl::StrCat("|diff| ", Number(diff), " > ", Number(allowed), " (", rule, ")")});
  }
}

// An object of KPIs: {"offered": {...}, ...}.
void CompareKpis(const std::string& path, const ParsedJson& golden, const ParsedJson& now,
                 const StatisticalOptions& options, GoldenComparison& out) {
  for (const auto& [key, value] : golden.object()) {
    const ParsedJson* other = now.Find(key);
    if (other == nullptr) {
      out.differences.push_back({MemberPath(path, key), JsonSummary(value), kAbsent, ""});
    } else {
      CompareKpi(MemberPath(path, key), value, *other, options, out);
    }
  }
  for (const auto& [key, value] : now.object()) {
    if (golden.Find(key) == nullptr) {
      out.differences.push_back({MemberPath(path, key), kAbsent, JsonSummary(value), ""});
    }
  }
}

// A list of intervals: [{"start_s": 0, "kpis": {...}}, ...].
void CompareIntervals(const std::string& path, const ParsedJson& golden, const ParsedJson& now,
                      const StatisticalOptions& options, GoldenComparison& out) {
  const size_t common = std::min(golden.array().size(), now.array().size());
  const ParsedJson& empty = EmptyObject();
  for (size_t i = 0; i < common; ++i) {
    const ParsedJson* g = golden.array()[i].Find("kpis");
    const ParsedJson* n = now.array()[i].Find("kpis");
    CompareKpis(absl::StrCat(path, "[", i, "]"), g ? *g : empty, n ? *n : empty, options, out);
  }
  for (size_t i = common; i < golden.array().size(); ++i) {
    out.differences.push_back({absl::StrCat(path, "[", i, "]"), "an interval", kAbsent, ""});
  }
  for (size_t i = common; i < now.array().size(); ++i) {
    out.differences.push_back({absl::StrCat(path, "[", i, "]"), kAbsent, "an interval", ""});
  }
}

// A slice keyed by member name ("workgroups", "intervals", ...): `each`
// compares one member.
template <typename Each>
void CompareNamed(const std::string& key, const ParsedJson& golden, const ParsedJson& now,
                  GoldenComparison& out, const Each& each) {
  const ParsedJson& empty = EmptyObject();
  const ParsedJson* g = golden.Find(key);
  const ParsedJson* n = now.Find(key);
  g = g ? g : &empty;
  n = n ? n : &empty;
  for (const auto& [name, value] : g->object()) {
    const ParsedJson* other = n->Find(name);
    if (other == nullptr) {
      out.differences.push_back({MemberPath(key, name), JsonSummary(value), kAbsent, ""});
    } else {
      each(MemberPath(key, name), value, *other);
    }
  }
  for (const auto& [name, value] : n->object()) {
    if (g->Find(name) == nullptr) {
      out.differences.push_back({MemberPath(key, name), kAbsent, JsonSummary(value), ""});
    }
  }
}

// The first byte where the two texts differ, "offset N (line L)".
std::string FirstDifference(absl::string_view a, absl::string_view b) {
  size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const int64_t line = 1 + std::count(a.begin(), a.begin() + at, '\n');
  return absl::StrCat("offset ", at, " (line ", line, ")");
}

std::string Field(const ParsedJson& report, absl::string_view key) {
  const ParsedJson* value = report.Find(key);
  return value == nullptr ? kAbsent : JsonSummary(*value);
}

}  // namespace

absl::StatusOr<GoldenMode> ParseGoldenMode(absl::string_view text) {
  if (text == "exact") return GoldenMode::kExact;
  if (text == "statistical") return GoldenMode::kStatistical;
  return absl::InvalidArgumentError(
      absl::StrCat("'", text, "' is not a mode: exact or statistical"));
}

absl::StatusOr<GoldenFile> ReadGoldenFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadInputFile(path, "golden", kMaxGoldenBytes);
  if (absl::IsNotFound(text.status())) {
    return absl::NotFoundError(
        absl::StrCat(text.status().message(), " (write it with --update)"));
  }
  if (!text.ok()) return text.status();
  GoldenFile golden;
  golden.text = *std::move(text);
  ACD_ASSIGN_OR_RETURN(golden.report, ReadJson(golden.text, path));
  return golden;
}

absl::Status CheckGoldenFits(const ParsedJson& golden, const ParsedJson& now, GoldenMode mode,
                             absl::string_view golden_name) {
  for (const char* key : {"version", "scenario", "seed", "replications", "total"}) {
    if (!golden.is_object() || golden.Find(key) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          golden_name, ": not an acdsim JSON report (no \"", key, "\"; write one with --update)"));
    }
  }
  if (Field(golden, "scenario") != Field(now, "scenario")) {
    return absl::InvalidArgumentError(absl::StrCat(golden_name, ": a golden of scenario ",
                                                   Field(golden, "scenario"), ", not of ",
                                                   Field(now, "scenario")));
  }
  if (mode != GoldenMode::kExact) return absl::OkStatus();
  for (const auto& [key, flag] :
       {std::pair{"seed", "--seed"}, std::pair{"replications", "--replications"}}) {
    if (Field(golden, key) != Field(now, key)) {
      return absl::InvalidArgumentError(
          absl::StrCat(golden_name, ": made with ", key, " ", Field(golden, key), ", this run has ",
                       Field(now, key), "; exact mode needs the same (run with ", flag, " ",
                       Field(golden, key), ", or use --mode statistical, or --update)"));
    }
  }
  return absl::OkStatus();
}

GoldenComparison CompareExact(absl::string_view golden_text, const ParsedJson& golden,
                              absl::string_view now_text, const ParsedJson& now) {
  GoldenComparison out{.mode = GoldenMode::kExact,
                       .golden_bytes = static_cast<int64_t>(golden_text.size())};
  Walk("", golden, now, out);
  out.passed = golden_text == now_text;
  if (!out.passed && out.differences.empty()) {
    out.formatting = FirstDifference(golden_text, now_text);
  }
  return out;
}

GoldenComparison CompareStatistical(const ParsedJson& golden, const ParsedJson& now,
                                    const StatisticalOptions& options) {
  GoldenComparison out{.mode = GoldenMode::kStatistical};
  for (const char* key : {"service_level_s", "horizon_s", "warmup_s", "interval_s"}) {
    if (Field(golden, key) != Field(now, key)) {
      out.differences.push_back({key, Field(golden, key), Field(now, key), "another setting"});
    }
  }
  const ParsedJson& empty = EmptyObject();
  const ParsedJson* gt = golden.Find("total");
  const ParsedJson* nt = now.Find("total");
  CompareKpis("total", gt ? *gt : empty, nt ? *nt : empty, options, out);
  const auto kpis = [&](const std::string& path, const ParsedJson& g, const ParsedJson& n) {
    CompareKpis(path, g, n, options, out);
  };
  CompareNamed("workgroups", golden, now, out, kpis);
  CompareNamed("contact_types", golden, now, out, kpis);
  if (options.intervals) {
    const auto intervals = [&](const std::string& path, const ParsedJson& g, const ParsedJson& n) {
      CompareIntervals(path, g, n, options, out);
    };
    CompareNamed("intervals", golden, now, out, intervals);
    CompareNamed("contact_type_intervals", golden, now, out, intervals);
    static const ParsedJson kNone = *ReadJson("[]", "[]");
    const ParsedJson* g = golden.Find("total_intervals");
    const ParsedJson* n = now.Find("total_intervals");
    CompareIntervals("total_intervals", g ? *g : kNone, n ? *n : kNone, options, out);
  }
  out.passed = out.differences.empty();
  return out;
}

std::string FormatDifferences(const GoldenComparison& comparison, int max_shown) {
  std::string out;
  const size_t shown = std::min<size_t>(comparison.differences.size(), std::max(0, max_shown));
  for (size_t i = 0; i < shown; ++i) {
    const GoldenDifference& d = comparison.differences[i];
    absl::StrAppend(&out, "  ", d.path, ": ", d.golden, " -> ", d.now);
    if (!d.note.empty()) absl::StrAppend(&out, ": ", d.note);
    out += "\n";
  }
  if (shown < comparison.differences.size()) {
    absl::StrAppend(&out, "  ... and ", comparison.differences.size() - shown, " more\n");
    // Where they all are: per top-level key, in the golden's order.
    std::vector<std::pair<std::string, int64_t>> sections;
    for (const GoldenDifference& d : comparison.differences) {
      const std::string section = d.path.substr(0, d.path.find_first_of(".["));
      auto it = std::find_if(sections.begin(), sections.end(),
                             [&](const auto& s) { return s.first == section; });
      if (it == sections.end()) it = sections.insert(sections.end(), {section, 0});
      ++it->second;
    }
    out += "  by section:";
    for (size_t i = 0; i < sections.size(); ++i) {
      absl::StrAppend(&out, i == 0 ? " " : ", ", sections[i].first, " ", sections[i].second);
    }
    out += "\n";
  }
  if (!comparison.formatting.empty()) {
    absl::StrAppend(&out, "  every value is the same, but the bytes differ from ",
                    comparison.formatting, " (formatting)\n");
  }
  return out;
}

}  // namespace acd::sim
