// Erlang B, C and A, and the analytic staffing built on them.

#include "sim/erlang.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"

namespace acd::sim {
namespace {

absl::Status CheckModel(const QueueModel& m) {
  if (!(std::isfinite(m.calls_per_s) && m.calls_per_s >= 0)) {
    return absl::InvalidArgumentError(absl::StrCat("calls_per_s ", m.calls_per_s, " is not >= 0"));
  }
  if (!(std::isfinite(m.aht_s) && m.aht_s > 0)) {
    return absl::InvalidArgumentError(absl::StrCat("aht_s ", m.aht_s, " is not > 0"));
  }
  if (m.agents < 1) {
    return absl::InvalidArgumentError(absl::StrCat("agents ", m.agents, " is not >= 1"));
  }
  if (!(std::isfinite(m.patience_s) && m.patience_s >= 0)) {
    return absl::InvalidArgumentError(absl::StrCat("patience_s ", m.patience_s, " is not >= 0"));
  }
  if (!(std::isfinite(m.threshold_s) && m.threshold_s >= 0)) {
    return absl::InvalidArgumentError(absl::StrCat("threshold_s ", m.threshold_s, " is not >= 0"));
  }
  return absl::OkStatus();
}

// For a tagged arrival that finds i = 0..J contacts waiting ahead of it,
// the probabilities of being answered, and of abandoning, within t.
// Backward equations of its position, uniformized at the largest rate.
void WithinT(double c_mu, double theta, int waiting, double t, std::vector<double>& answered,
             std::vector<double>& abandoned) {
  const int n = waiting + 1;
  answered.assign(n, 0.0);
  abandoned.assign(n, 0.0);
  if (t <= 0) return;
  const double rate = c_mu + waiting * theta + theta;
  const double x = rate * t;
  const int terms = static_cast<int>(x + 10 * std::sqrt(x) + 50);
  std::vector<double> u(n, 0.0), a(n, 0.0), next_u(n), next_a(n);
  const double log_x = std::log(x);
  for (int k = 0; k <= terms; ++k) {
    // Poisson(k; x) weight, in logarithms so large x does not underflow.
    const double w = std::exp(-x + k * log_x - std::lgamma(k + 1.0));
    for (int i = 0; i < n; ++i) {
      answered[i] += w * u[i];
      abandoned[i] += w * a[i];
    }
    for (int i = 0; i < n; ++i) {
      const double move = (c_mu + i * theta) / rate;  // one ahead leaves (or, at 0, answered)
      const double quit = theta / rate;
      const double stay = 1 - move - quit;
      next_u[i] = move * (i == 0 ? 1.0 : u[i - 1]) + stay * u[i];
      next_a[i] = move * (i == 0 ? 0.0 : a[i - 1]) + quit + stay * a[i];
    }
    u.swap(next_u);
    a.swap(next_a);
  }
}

}  // namespace

double ErlangB(double load, int agents) {
  double b = 1.0;
  for (int n = 1; n <= agents; ++n) b = load * b / (n + load * b);
  return b;
}

absl::StatusOr<QueueKpis> ErlangC(const QueueModel& m) {
  if (absl::Status s = CheckModel(m); !s.ok()) return s;
  const double load = m.calls_per_s * m.aht_s;
  const double c = m.agents;
  if (load >= c) {
    return absl::InvalidArgumentError(
        absl::StrCat("load ", load, " Erlangs is not below ", m.agents, " agents"));
  }
  const double b = ErlangB(load, m.agents);
  const double p_wait = c * b / (c - load * (1 - b));
  const double drain = c / m.aht_s - m.calls_per_s;  // c mu - lambda
  QueueKpis k;
  k.p_wait = p_wait;
  k.sl_ans = k.sl_off = k.sl_g1 = 1 - p_wait * std::exp(-drain * m.threshold_s);
  k.asa_s = k.wait_all_s = p_wait / drain;
  k.occupancy = load / c;
  return k;
}

absl::StatusOr<QueueKpis> ErlangA(const QueueModel& m) {
  if (absl::Status s = CheckModel(m); !s.ok()) return s;
  if (m.patience_s == 0) return ErlangC(m);
  const double lambda = m.calls_per_s;
  const double mu = 1 / m.aht_s;
  const double theta = 1 / m.patience_s;
  const int c = m.agents;
  const double c_mu = c * mu;
  QueueKpis k;
  if (lambda == 0) {
    k.sl_ans = k.sl_off = k.sl_g1 = 1;
    return k;
  }
  // log pi_n (unnormalized) of the birth-death chain, up to where the tail
  // no longer matters.
  std::vector<double> log_pi{0.0};
  double peak = 0;
  for (int n = 1;; ++n) {
    const double death = n <= c ? n * mu : c_mu + (n - c) * theta;
    const double next = log_pi.back() + std::log(lambda / death);
    log_pi.push_back(next);
    peak = std::max(peak, next);
    if (n > c && next < peak - 36 && lambda < death) break;  // e^-36 ~ 2e-16
    if (n > c + 10'000'000) break;
  }
  double total = 0;
  for (double l : log_pi) total += std::exp(l - peak);
  std::vector<double> pi(log_pi.size());
  for (size_t n = 0; n < pi.size(); ++n) pi[n] = std::exp(log_pi[n] - peak) / total;

  const int waiting_max = static_cast<int>(pi.size()) - 1 - c;
  std::vector<double> answered_within, abandoned_within;
  WithinT(c_mu, theta, std::max(waiting_max, 0), m.threshold_s, answered_within, abandoned_within);
  double p_free = 0;
  for (int n = 0; n < c && n < static_cast<int>(pi.size()); ++n) p_free += pi[n];
  double queue = 0, answered = p_free, answered_wait = 0, good = p_free, short_abandon = 0;
  // Answered: every stage i = j..0 (rate r_i = c mu + i theta) ends before
  // the patience; E[e^{-theta T}] = prod r_i / (r_i + theta), and
  // E[T e^{-theta T}] = that product times sum 1 / (r_i + theta).
  double prod = 1, mean = 0;
  for (int j = 0; j <= waiting_max; ++j) {
    const double p = pi[c + j];
    const double r = c_mu + j * theta;
    prod *= r / (r + theta);
    mean += 1 / (r + theta);
    queue += j * p;
    answered += p * prod;
    answered_wait += p * prod * mean;
    good += p * answered_within[j];
    short_abandon += p * abandoned_within[j];
  }
  k.p_wait = 1 - p_free;
  k.wait_all_s = queue / lambda;
  k.p_abandon = theta * k.wait_all_s;
  k.p_abandon_within = short_abandon;
  k.asa_s = answered > 0 ? answered_wait / answered : 0;
  k.sl_ans = answered > 0 ? good / answered : 1;
  k.sl_off = good;
  k.sl_g1 = good / (1 - short_abandon);
  k.occupancy = lambda * (1 - k.p_abandon) * m.aht_s / c;
  return k;
}

bool Meets(const QueueKpis& k, const StaffingGoal& goal) {
  switch (goal.kpi) {
    case StaffingKpi::kSlAns:
      return k.sl_ans >= goal.limit;
    case StaffingKpi::kSlOff:
      return k.sl_off >= goal.limit;
    case StaffingKpi::kSlG1:
      return k.sl_g1 >= goal.limit;
    case StaffingKpi::kAsa:
      return k.asa_s <= goal.limit;
    case StaffingKpi::kAbandon:
      return k.p_abandon <= goal.limit;
    case StaffingKpi::kOccupancy:
      return k.occupancy <= goal.limit;
  }
  return false;
}

absl::StatusOr<int> FewestAgents(const QueueModel& model, const StaffingGoal& goal,
                                 int max_agents) {
  if (model.calls_per_s == 0) return 0;
  const double load = model.calls_per_s * model.aht_s;
  // Erlang C needs more agents than the load; Erlang A any number.
  const int lowest = model.patience_s == 0 ? static_cast<int>(std::floor(load)) + 1 : 1;
  QueueModel m = model;
  const auto meets = [&](int agents) -> absl::StatusOr<bool> {
    m.agents = agents;
    absl::StatusOr<QueueKpis> k = ErlangA(m);
    if (!k.ok()) return k.status();
    return Meets(*k, goal);
  };
  // Every goal is monotone in the head count: start at the load and walk
  // down while it still holds, or up until it does.
  int c = std::max(lowest, static_cast<int>(std::ceil(load)));
  if (c > max_agents)
    return absl::OutOfRangeError(absl::StrCat("the load needs more than ", max_agents, " agents"));
  absl::StatusOr<bool> ok = meets(c);
  if (!ok.ok()) return ok.status();
  if (*ok) {
    while (c > lowest) {
      ok = meets(c - 1);
      if (!ok.ok()) return ok.status();
      if (!*ok) break;
      --c;
    }
    return c;
  }
  for (++c; c <= max_agents; ++c) {
    ok = meets(c);
    if (!ok.ok()) return ok.status();
    if (*ok) return c;
  }
  return absl::OutOfRangeError(absl::StrCat("no head count up to ", max_agents, " meets the goal"));
}

absl::StatusOr<int> FewestAgentsErlangC(const QueueModel& model, const StaffingGoal& goal,
                                        int max_agents) {
  QueueModel m = model;
  m.patience_s = 0;
  return FewestAgents(m, goal, max_agents);
}

int SquareRootStaffing(double load, double beta) {
  if (!(load > 0)) return 0;
  return std::max(1, static_cast<int>(std::ceil(load + beta * std::sqrt(load) - 1e-9)));
}

}  // namespace acd::sim
