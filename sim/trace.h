// sim/trace.h: the event trace of one replication, as JSON Lines.
//
// `acdsim run --trace FILE` writes replication 0's events, one JSON object a
// line, in the order they happened:
//
//   {"t": 12.5, "event": "offer", "contact": 7, "contact_type": "Calls",
//    "workgroup": "Support", "agent": "agent-3"}
//   {"t": 12.5, "event": "agent", "agent": "agent-3", "activity": "alerting",
//    "status": "Available"}
//
// Contact events: arrival, offer, connected, held, requeued (with "reason"),
// balked (then abandoned at once), abandoned, wrap_up, completed. Contacts
// are numbered 1, 2, ... in arrival order; times are seconds from the start
// of the replication.
//
// Thread safety: one writer per replication.

#ifndef ACD_SIM_TRACE_H_
#define ACD_SIM_TRACE_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "acd/time.h"

namespace acd::sim {

class TraceWriter {
 public:
  // Appends lines to `out`, which must outlive the writer.
  explicit TraceWriter(std::string* out) : out_(out) {}

  // `agent` and `reason` may be empty (left out).
  void Contact(Time now, absl::string_view event, uint64_t contact, absl::string_view contact_type,
               absl::string_view workgroup, absl::string_view agent, absl::string_view reason = {});
  void Agent(Time now, absl::string_view agent, absl::string_view activity,
             absl::string_view status);

 private:
  std::string* out_;
};

}  // namespace acd::sim

#endif  // ACD_SIM_TRACE_H_
