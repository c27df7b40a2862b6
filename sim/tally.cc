#include "sim/tally.h"

#include <limits>

namespace acd::sim {
namespace {

double Ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : std::numeric_limits<double>::quiet_NaN();
}

constexpr KpiDefinition kKpis[] = {
    {"offered", "offered", 1, [](const Tally& t) { return double(t.offered); }},
    {"answered", "answered", 1, [](const Tally& t) { return double(t.answered); }},
    {"abandoned", "abandoned", 1, [](const Tally& t) { return double(t.abandoned); }},
    {"abandoned_within", "abandoned within SL time", 1,
     [](const Tally& t) { return double(t.abandoned_within); }},
    {"blocked", "blocked", 1, [](const Tally& t) { return double(t.blocked); }, true},
    {"callbacks_requested", "callbacks requested", 1,
     [](const Tally& t) { return double(t.callbacks_requested); }, true},
    {"callbacks_completed", "callbacks completed", 1,
     [](const Tally& t) { return double(t.callbacks_completed); }, true},
    {"callbacks_failed", "callbacks failed", 1,
     [](const Tally& t) { return double(t.callbacks_failed); }, true},
    {"waiting_at_end", "waiting at end", 1,
     [](const Tally& t) { return double(t.offered - t.answered - t.abandoned - t.blocked); }},
    {"transfers", "transfers", 1, [](const Tally& t) { return double(t.transfers); }, true},
    {"no_answers", "no-answers", 1, [](const Tally& t) { return double(t.no_answers); }, true},
    {"p_wait", "P(wait > 0)", 4, [](const Tally& t) { return Ratio(t.waited, t.offered); }},
    {"asa_s", "ASA (s)", 2, [](const Tally& t) { return Ratio(t.wait_answered_s, t.answered); }},
    {"aht_s", "AHT (s)", 1, [](const Tally& t) { return Ratio(t.handle_s, t.handled); }},
    {"talk_s", "talk (s)", 1, [](const Tally& t) { return Ratio(t.talk_s, t.handled); }},
    {"hold_s", "hold (s)", 1, [](const Tally& t) { return Ratio(t.hold_s, t.handled); }, true},
    {"wrap_up_s", "wrap-up (s)", 1, [](const Tally& t) { return Ratio(t.wrap_up_s, t.handled); }},
    {"abandon_time_s", "abandon time (s)", 2,
     [](const Tally& t) { return Ratio(t.wait_abandoned_s, t.abandoned); }},
    {"queue_length", "queue length", 3,
     [](const Tally& t) { return Ratio(t.queue_integral_s, t.window_s); }},
    {"max_queue", "max queue", 1, [](const Tally& t) { return t.max_queue; }},
    {"abandon_rate", "abandon rate", 4,
     [](const Tally& t) { return Ratio(t.abandoned, t.offered); }},
    {"service_level_ans", "SL (answered)", 4,
     [](const Tally& t) { return Ratio(t.answered_within, t.answered); }},
    {"service_level_off", "SL (offered)", 4,
     [](const Tally& t) { return Ratio(t.answered_within, t.offered); }},
    {"service_level_g1", "SL (offered - short abandons)", 4,
     [](const Tally& t) {
       return Ratio(t.answered_within, t.offered - t.abandoned_within - t.blocked);
     }},
    {"on_time", "on time", 4, [](const Tally& t) { return Ratio(t.due_on_time, t.due_finished); },
     true},
    {"occupancy", "occupancy", 4,
     [](const Tally& t) { return Ratio(t.busy_s, t.busy_s + t.ready_s); }},
    {"utilization", "utilization", 4, [](const Tally& t) { return Ratio(t.busy_s, t.staffed_s); }},
    {"handled", "handled", 1, [](const Tally& t) { return double(t.handled); }},
    {"blocking_rate", "blocking rate", 4,
     [](const Tally& t) { return Ratio(t.blocked, t.offered); }, true},
    {"balked", "balked", 1, [](const Tally& t) { return double(t.balked); }, true},
    {"balk_rate", "balk rate", 4, [](const Tally& t) { return Ratio(t.balked, t.offered); }, true},
    {"p_abandon_within", "P(abandon <= SL time)", 4,
     [](const Tally& t) { return Ratio(t.abandoned_within, t.offered); }},
    {"service_level_abg", "SL (short abandons good)", 4,
     [](const Tally& t) { return Ratio(t.answered_within + t.abandoned_within, t.offered); }},
    {"staffed", "staffed agents", 1, [](const Tally& t) { return Ratio(t.staffed_s, t.window_s); }},
    {"busy_agents_end", "busy agents at end", 1, [](const Tally& t) { return t.busy_agents_end; }},
};

constexpr KpiDefinition kThresholdKpis[] = {
    {"service_level_t2", "SL (offered) at 2nd threshold", 4,
     [](const Tally& t) { return Ratio(t.answered_within_more[0], t.offered); }},
    {"service_level_t3", "SL (offered) at 3rd threshold", 4,
     [](const Tally& t) { return Ratio(t.answered_within_more[1], t.offered); }},
    {"service_level_t4", "SL (offered) at 4th threshold", 4,
     [](const Tally& t) { return Ratio(t.answered_within_more[2], t.offered); }},
};

}  // namespace

void Tally::AddContacts(const Tally& other) {
  offered += other.offered;
  answered += other.answered;
  abandoned += other.abandoned;
  answered_within += other.answered_within;
  abandoned_within += other.abandoned_within;
  for (size_t k = 0; k < answered_within_more.size(); ++k) {
    answered_within_more[k] += other.answered_within_more[k];
  }
  balked += other.balked;
  waited += other.waited;
  no_answers += other.no_answers;
  blocked += other.blocked;
  callbacks_requested += other.callbacks_requested;
  callbacks_completed += other.callbacks_completed;
  callbacks_failed += other.callbacks_failed;
  transfers += other.transfers;
  due_finished += other.due_finished;
  due_on_time += other.due_on_time;
  hold_s += other.hold_s;
  wait_answered_s += other.wait_answered_s;
  wait_abandoned_s += other.wait_abandoned_s;
  queue_integral_s += other.queue_integral_s;
  handled += other.handled;
  handle_s += other.handle_s;
  talk_s += other.talk_s;
  wrap_up_s += other.wrap_up_s;
}

std::span<const KpiDefinition> Kpis() { return kKpis; }

std::span<const KpiDefinition> ThresholdKpis() { return kThresholdKpis; }

}  // namespace acd::sim
