// sim/overrides.h: what-if overrides, `--set PATH=VALUE`, applied to a
// parsed scenario message.
//
// An override names one scalar field of the message by path and gives it a
// new value, so a planner can ask "what if" without copying and editing the
// scenario file. Paths are field names joined by dots; a repeated field takes
// a subscript in brackets:
//
//   horizon_s=3600                                   a scalar field
//   agent_groups[es].count=25                        an element by its key
//   agent_groups[0].count=25                         an element by index
//   contact_types[voice].patience.exponential.mean_s=90
//   contact_types[voice].arrivals.poisson.rates_per_hour[3]=120
//   center.workgroups[Tech].agent_order=AGENT_ORDER_ROUND_ROBIN
//   agent_groups[bilingual].workgroups[Billing].active=false
//
// The key of an element is its identifying field, the first of `name`,
// `workgroup`, `skill` and `media` the message has (an enum key by its value
// name, e.g. utilization[MEDIA_CHAT]); a subscript of digits only is an index
// from 0, and a key in double quotes is a key whatever it holds
// (agent_groups["7"]; a key cannot hold ']'). Values: integers in the field's range, finite decimal numbers,
// true/false, enum value names (MEDIA_CHAT), or any text for a string.
//
// A message along the path that is not set is created with its defaults. A
// oneof (a distribution's kind, say) keeps the member it has: setting
// `patience.exponential.mean_s` on a lognormal patience is an error rather
// than a silent switch; where no member is set, the override sets one.
//
// Errors are InvalidArgument and name the whole override and the path up to
// the failing component:
//
//   --set 'agent_groups[xx].count=25': agent_groups[xx]: no agent_groups
//   element has name "xx" (there are: "en", "es")
//
// Overrides only change the message; the scenario loader validates the
// result as it does a written value.
//
// Thread safety: none; the message has one owner.

#ifndef ACD_SIM_OVERRIDES_H_
#define ACD_SIM_OVERRIDES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace google::protobuf {
class Message;
}  // namespace google::protobuf

namespace acd::sim {

// Applies one "PATH=VALUE" override to `message`. On error `message` is
// unchanged.
absl::Status ApplyOverride(absl::string_view text, google::protobuf::Message& message);

// Applies overrides in order (a later one wins over an earlier one on the
// same field). On error, the first failing override's error, and `message`
// is unchanged.
absl::Status ApplyOverrides(const std::vector<std::string>& texts,
                            google::protobuf::Message& message);

}  // namespace acd::sim

#endif  // ACD_SIM_OVERRIDES_H_
