// sim/scenario_source.h: a scenario between parsing and conversion, and its
// fingerprint.
//
// Loading a scenario has three steps, and this is where they are kept apart:
//
//   1. parse the text into the scenario.proto message (`Parse`, `ParseFile`);
//   2. change the message: what-if overrides apply here, to `message()`,
//      before anything is checked or converted, so an overridden value gets
//      the same validation as a written one;
//   3. `Fingerprint` the message and `Convert` it into a validated Scenario.
//
// The fingerprint identifies the scenario a study ran, so that parts of a
// study run on different machines can be checked to belong together
// (sim/merge.h): "fnv1a64:" and 16 hex digits of the 64-bit FNV-1a hash of
// the message's canonical form, its deterministic binary serialization, with
// `seed` and `replications` left out (a study records and checks those
// itself). Formatting, comments and the order of fields in the text do not
// change it; any value, including the name, does. Files the scenario refers
// to (arrival traces) are identified by their path only.
//
// Example:
//
//   ACD_ASSIGN_OR_RETURN(acd::sim::ParsedScenario parsed,
//                        acd::sim::ParsedScenario::ParseFile(path));
//   // ... overrides change parsed.message() here ...
//   const std::string fingerprint = parsed.Fingerprint();
//   ACD_ASSIGN_OR_RETURN(acd::sim::Scenario scenario, parsed.Convert());
//
// Thread safety: none; one owner at a time.

#ifndef ACD_SIM_SCENARIO_SOURCE_H_
#define ACD_SIM_SCENARIO_SOURCE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "acd/text_proto.h"
#include "sim/scenario.h"

namespace acd::proto {
class Scenario;
}  // namespace acd::proto

namespace acd::sim {

class ParsedScenario {
 public:
  // InvalidArgument "<filename>:<line>:<column>: ..." for text that does not
  // parse; NotFound for a file that cannot be read.
  static absl::StatusOr<ParsedScenario> Parse(absl::string_view filename, absl::string_view text);
  static absl::StatusOr<ParsedScenario> ParseFile(const std::string& path);

  ParsedScenario(ParsedScenario&&) noexcept;
  ParsedScenario& operator=(ParsedScenario&&) noexcept;
  ~ParsedScenario();

  // The parsed message, to change before Fingerprint and Convert.
  proto::Scenario& message();

  std::string Fingerprint() const;

  // The validated scenario; errors name file, line, column and field, as
  // sim/scenario.h LoadScenario's do.
  absl::StatusOr<Scenario> Convert() const;

 private:
  struct Rep;
  explicit ParsedScenario(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// Checks and converts a parsed message (sim/scenario_loader.cc); `file`
// locates errors.
absl::StatusOr<Scenario> ConvertScenario(const proto::Scenario& message, const TextProtoFile& file);

}  // namespace acd::sim

#endif  // ACD_SIM_SCENARIO_SOURCE_H_
