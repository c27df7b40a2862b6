#include "sim/trace.h"

#include "acd/format.h"
#include "fmt/format.h"
#include "sim/json.h"

namespace acd::sim {

void TraceWriter::Contact(Time now, absl::string_view event, uint64_t contact,
                          absl::string_view contact_type, absl::string_view workgroup,
                          absl::string_view agent, absl::string_view reason) {
  *out_ += fmt::format(R"({{"t": {}, "event": {}, "contact": {}, "contact_type": {}, )"
                       R"("workgroup": {})",
                       ToSeconds(now), JsonQuote(event), contact, JsonQuote(contact_type),
                       JsonQuote(workgroup));
  if (!agent.empty()) *out_ += fmt::format(R"(, "agent": {})", JsonQuote(agent));
  if (!reason.empty()) *out_ += fmt::format(R"(, "reason": {})", JsonQuote(reason));
  *out_ += "}\n";
}

void TraceWriter::Agent(Time now, absl::string_view agent, absl::string_view activity,
                        absl::string_view status) {
  *out_ += fmt::format(R"({{"t": {}, "event": "agent", "agent": {}, "activity": {}, )"
                       R"("status": {}}})"
                       "\n",
                       ToSeconds(now), JsonQuote(agent), JsonQuote(activity), JsonQuote(status));
}

}  // namespace acd::sim
