#include "sim/distribution_loader.h"

#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "acd/status_macros.h"

namespace acd::sim {
namespace {

constexpr double kMaxSeconds = 1e9;  // about 31 years; keeps microseconds in range

bool InRange(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

// Mixtures nest at most this deep (scenario.proto Mixture).
constexpr int kMaxMixtureDepth = 4;

}  // namespace

absl::StatusOr<Distribution> ConvertDistribution(const proto::Distribution& m,
                                                 const TextProtoFile& file,
                                                 const std::string& where, int depth) {
  const auto seconds = [](double x) { return InRange(x, 0, kMaxSeconds); };
  const auto positive = [](double x) { return InRange(x, 0, kMaxSeconds) && x > 0; };
  switch (m.kind_case()) {
    case proto::Distribution::kConstantS:
      if (!seconds(m.constant_s())) {
        return file.Error(where + ".constant_s",
                          absl::StrCat(m.constant_s(), " is outside 0..1e9 seconds"));
      }
      return Distribution::Constant(m.constant_s());
    case proto::Distribution::kExponential:
      if (!positive(m.exponential().mean_s())) {
        return file.Error(where + ".exponential.mean_s",
                          absl::StrCat("mean ", m.exponential().mean_s(),
                                       " must be positive and at most 1e9 seconds"));
      }
      return Distribution::Exponential(m.exponential().mean_s());
    case proto::Distribution::kErlang: {
      const proto::Erlang& e = m.erlang();
      if (e.k() < 1 || e.k() > 1000) {
        return file.Error(where + ".erlang.k", absl::StrCat(e.k(), " phases is outside 1..1000"));
      }
      if (!positive(e.mean_s())) {
        return file.Error(where + ".erlang.mean_s",
                          absl::StrCat("mean ", e.mean_s(), " must be positive"));
      }
      return Distribution::Erlang(e.k(), e.mean_s());
    }
    case proto::Distribution::kGamma: {
      const proto::Gamma& g = m.gamma();
      if (!(std::isfinite(g.shape()) && g.shape() > 0 && g.shape() <= 1e6)) {
        return file.Error(where + ".gamma.shape",
                          absl::StrCat("shape ", g.shape(), " must be in (0, 1e6]"));
      }
      if (!positive(g.mean_s())) {
        return file.Error(where + ".gamma.mean_s",
                          absl::StrCat("mean ", g.mean_s(), " must be positive"));
      }
      return Distribution::Gamma(g.shape(), g.mean_s());
    }
    case proto::Distribution::kLognormal: {
      const proto::Lognormal& l = m.lognormal();
      if (!positive(l.mean_s())) {
        return file.Error(where + ".lognormal.mean_s",
                          absl::StrCat("mean ", l.mean_s(), " must be positive"));
      }
      if (!seconds(l.sd_s()) || l.sd_s() > 1000 * l.mean_s()) {
        return file.Error(where + ".lognormal.sd_s",
                          absl::StrCat("standard deviation ", l.sd_s(),
                                       " must be at least 0 and at most 1000 times the mean"));
      }
      return Distribution::Lognormal(l.mean_s(), l.sd_s());
    }
    case proto::Distribution::kUniform: {
      const proto::Uniform& u = m.uniform();
      if (!seconds(u.min_s()) || !seconds(u.max_s()) || u.min_s() > u.max_s()) {
        return file.Error(where + ".uniform", absl::StrCat("needs 0 <= min_s <= max_s, got ",
                                                           u.min_s(), " and ", u.max_s()));
      }
      return Distribution::Uniform(u.min_s(), u.max_s());
    }
    case proto::Distribution::kTriangular: {
      const proto::Triangular& t = m.triangular();
      if (!seconds(t.min_s()) || !seconds(t.max_s()) || !(t.min_s() <= t.mode_s()) ||
          !(t.mode_s() <= t.max_s()) || !(t.min_s() < t.max_s())) {
        return file.Error(where + ".triangular",
                          absl::StrCat("needs 0 <= min_s <= mode_s <= max_s with min_s < max_s, "
                                       "got ",
                                       t.min_s(), ", ", t.mode_s(), ", ", t.max_s()));
      }
      return Distribution::Triangular(t.min_s(), t.mode_s(), t.max_s());
    }
    case proto::Distribution::kEmpirical: {
      const proto::Empirical& e = m.empirical();
      if (e.values_s().empty()) {
        return file.Error(where + ".empirical", "needs at least one value");
      }
      for (int i = 0; i < e.values_s_size(); ++i) {
        if (!seconds(e.values_s(i))) {
          return file.Error(absl::StrCat(where, ".empirical.values_s[", i, "]"),
                            absl::StrCat(e.values_s(i), " is outside 0..1e9 seconds"));
        }
      }
      return Distribution::Empirical({e.values_s().begin(), e.values_s().end()});
    }
    case proto::Distribution::kMixture: {
      const proto::Mixture& x = m.mixture();
      const std::string at = where + ".mixture";
      if (depth >= kMaxMixtureDepth) {
        return file.Error(at, absl::StrCat("mixtures nest more than ", kMaxMixtureDepth, " deep"));
      }
      if (x.components_size() < 1 || x.components_size() > 16 ||
          x.weights_size() != x.components_size()) {
        return file.Error(at, absl::StrCat("needs 1..16 components and one weight each, got ",
                                           x.components_size(), " components and ",
                                           x.weights_size(), " weights"));
      }
      double total = 0;
      for (int i = 0; i < x.weights_size(); ++i) {
        if (!InRange(x.weights(i), 0, 1e9)) {
          return file.Error(absl::StrCat(at, ".weights[", i, "]"),
                            absl::StrCat(x.weights(i), " is outside 0..1e9"));
        }
        total += x.weights(i);
      }
      if (total <= 0) return file.Error(at + ".weights", "are all zero");
      std::vector<Distribution> components;
      for (int i = 0; i < x.components_size(); ++i) {
        ACD_ASSIGN_OR_RETURN(
            Distribution d,
            ConvertDistribution(x.components(i), file, absl::StrCat(at, ".components[", i, "]"),
                                depth + 1));
        components.push_back(std::move(d));
      }
      return Distribution::Mixture({x.weights().begin(), x.weights().end()}, std::move(components));
    }
    case proto::Distribution::KIND_NOT_SET:
      break;
  }
  return file.Error(where,
                    "no distribution kind is set (constant_s, exponential, erlang, gamma, "
                    "lognormal, uniform, triangular, empirical, mixture)");
}

}  // namespace acd::sim
