// sim/tally.h: what one replication counts, and the KPIs computed from it.
//
// A `Tally` holds the sums one replication gathers for one slice of the
// center (a contact type, a workgroup, or the whole). Every KPI is a function
// of one tally, listed once in `Kpis()`; the report takes its keys, labels
// and order from that list.
//
// Definitions (a contact counts when it arrived after the warm-up):
//   offered            contacts that arrived
//   answered           contacts connected to an agent before the horizon
//   abandoned          contacts whose customer hung up before being connected
//   abandoned_within   abandoned within the service-level threshold (the
//                      contact type's first one, scenario.proto)
//   balked             callers who found no agent free and hung up at once
//                      (balk_probability); also counted as abandoned after 0 s
//   blocked            contacts refused because the queue was full
//   callbacks_requested  callers who accepted a callback offer instead of
//                      waiting; such a contact counts as answered when its
//                      callback first connects (its wait runs from the
//                      call's arrival)
//   callbacks_completed, callbacks_failed
//                      callback requests that reached the customer, or ended
//                      failed (attempt limit)
//   waiting_at_end     offered - answered - abandoned - blocked: still
//                      waiting (or snoozed) at the horizon
//   transfers          contacts blind-transferred to another workgroup
//                      (counted under the contact type they started as)
//   no_answers         offers that rang out (RONA, and work items not picked
//                      up within their pickup limit)
//   p_wait             share of offered contacts that found no agent free
//   asa_s              mean time from arrival to connection, over answered
//   aht_s              mean time from connection to the end of wrap-up, per
//                      handled leg (a transferred contact has two)
//   talk_s             its connected part (including hold)
//   hold_s             time on hold, per handled leg
//   wrap_up_s          its after-call work part
//   abandon_time_s     mean time from arrival to hanging up, over abandoned
//   queue_length       time-average number of contacts waiting for an agent
//                      (not yet offered) during the measured window
//   max_queue          the most contacts waiting at once in the window
//   abandon_rate       abandoned / offered
//   service_level_ans  answered within the threshold / answered
//   service_level_off  answered within the threshold / offered
//   service_level_g1   answered within the threshold /
//                      (offered - abandoned within the threshold - blocked)
//   on_time            work finished by its due time / work with a due time
//                      that was finished
//   occupancy          agent time busy or in wrap-up / that time plus time
//                      idle in an acd_available status, for the agents of
//                      the workgroup (whole center in total)
//   utilization        agent time busy or in wrap-up / agent time logged in
//                      (not-ready time included)
//   handled            legs agents finished (talk and wrap-up ended): an
//                      answered contact is handled once, a transferred one
//                      twice; a callback once per attempt
//   blocking_rate      blocked / offered
//   balk_rate          balked / offered
//   p_abandon_within   abandoned within the threshold / offered: P(abandon
//                      <= t)
//   service_level_abg  (answered within + abandoned within the threshold) /
//                      offered: short abandons count as good. (service_level_g1
//                      above takes them out of the denominator instead.)
//   staffed            agents logged in, on average over the period (agent
//                      time logged in / the period's length); in a
//                      workgroup, its logged-in members
//   busy_agents_end    agents busy or in wrap-up at the end of the period
//                      (an interval's end; the horizon for the whole run),
//                      after every event at that instant; in a workgroup,
//                      those on one of its contacts
//   service_level_t2..t4  answered within the type's 2nd..4th threshold /
//                      offered; reported only by scenarios whose contact
//                      types give that many thresholds
//                      (sim/kpi_plan.h ThresholdKpis)

#ifndef ACD_SIM_TALLY_H_
#define ACD_SIM_TALLY_H_

#include <array>
#include <cstdint>
#include <limits>
#include <span>

namespace acd::sim {

struct Tally {
  int64_t offered = 0;
  int64_t answered = 0;
  int64_t abandoned = 0;
  int64_t answered_within = 0;
  int64_t abandoned_within = 0;
  // Answered within the 2nd, 3rd and 4th service-level threshold.
  std::array<int64_t, 3> answered_within_more{};
  int64_t balked = 0;
  int64_t waited = 0;
  int64_t no_answers = 0;
  int64_t blocked = 0;
  int64_t callbacks_requested = 0;
  int64_t callbacks_completed = 0;
  int64_t callbacks_failed = 0;
  int64_t transfers = 0;
  int64_t due_finished = 0;
  int64_t due_on_time = 0;
  double hold_s = 0;
  // Not additive: each slice tracks its own.
  double max_queue = 0;
  double wait_answered_s = 0;
  double wait_abandoned_s = 0;
  // Integral of the number of contacts waiting over the measured window, in
  // contact-seconds, and the window's length.
  double queue_integral_s = 0;
  double window_s = 0;
  int64_t handled = 0;
  double handle_s = 0;
  // The two parts of handle_s: connected, and after-call work.
  double talk_s = 0;
  double wrap_up_s = 0;
  // Agent seconds inside the measured window; NaN when not measured (for a
  // contact type).
  double busy_s = std::numeric_limits<double>::quiet_NaN();
  double staffed_s = std::numeric_limits<double>::quiet_NaN();
  // Idle in an acd_available status.
  double ready_s = std::numeric_limits<double>::quiet_NaN();
  // Agents busy or in wrap-up at the period's end; NaN when not measured.
  double busy_agents_end = std::numeric_limits<double>::quiet_NaN();

  // Adds the counts of `other`; agent time is left alone, since it belongs
  // to agents, not contacts, and so is max_queue, which does not add.
  void AddContacts(const Tally& other);
};

struct KpiDefinition {
  const char* key;    // JSON key
  const char* label;  // table row
  int decimals;       // shown in the table
  double (*value)(const Tally&);
  // A feature's KPI (blocking, callbacks, ...): the table leaves it out when
  // it is zero or undefined in every column; JSON and CSV always have it.
  bool optional = false;
};

// Every KPI, in report order.
std::span<const KpiDefinition> Kpis();

// service_level_t2, _t3, _t4: the KPIs of the 2nd..4th service-level
// thresholds, reported after Kpis() when the scenario has them.
std::span<const KpiDefinition> ThresholdKpis();

}  // namespace acd::sim

#endif  // ACD_SIM_TALLY_H_
