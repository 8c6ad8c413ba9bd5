// The distribution functions of every law a scenario can name, and their inverses, through
// Boost.Math (its exponential, uniform, triangular, normal, lognormal and gamma laws); the
// truncated normal is the normal restricted to [0, inf) and a table is a step function.
#include <algorithm>
#include <limits>
#include <numeric>
#include <utility>
#include <variant>
#include <vector>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>

#include "sim/random/distribution.hpp"

namespace porttwin {

namespace {

namespace bm = boost::math;
using namespace distribution_detail;

constexpr double kTail = 1e-12;

double inside(double p) { return std::clamp(p, kTail, 1 - kTail); }

// A law with a support bounded below: no mass below it, so cdf is 0 there (Boost would refuse).
template <class Law>
double cdf_from(const Law& law, double x, double lowest, double highest) {
  if (x < lowest) return 0;
  if (x >= highest) return 1;
  return bm::cdf(law, x);
}

constexpr double kInf = std::numeric_limits<double>::infinity();

double cdf_of(const Constant& d, double x) { return x >= d.value ? 1 : 0; }
double cdf_of(const Exponential& d, double x) { return cdf_from(bm::exponential_distribution<>(1 / d.mean), x, 0, kInf); }
double cdf_of(const Uniform& d, double x) {
  if (d.lo == d.hi) return x >= d.lo ? 1 : 0;
  return cdf_from(bm::uniform_distribution<>(d.lo, d.hi), x, d.lo, d.hi);
}
double cdf_of(const Triangular& d, double x) {
  if (d.lo == d.hi) return x >= d.lo ? 1 : 0;
  return cdf_from(bm::triangular_distribution<>(d.lo, d.mode, d.hi), x, d.lo, d.hi);
}
double cdf_of(const TruncatedNormal& d, double x) {
  if (d.sd == 0) return x >= d.mean ? 1 : 0;
  if (x < 0) return 0;
  const bm::normal_distribution<> standard;
  const double below = bm::cdf(standard, d.lower_z);
  return (bm::cdf(standard, (x - d.mean) / d.sd) - below) / (1 - below);
}
double cdf_of(const Lognormal& d, double x) {
  if (d.sigma == 0) return x >= d.mean ? 1 : 0;
  return cdf_from(bm::lognormal_distribution<>(d.mu, d.sigma), x, std::numeric_limits<double>::min(), kInf);
}
double cdf_of(const Gamma& d, double x) {
  if (d.cv == 0) return x >= d.mean ? 1 : 0;
  return cdf_from(bm::gamma_distribution<>(d.shape, d.scale), x, std::numeric_limits<double>::min(), kInf);
}
double cdf_of(const Erlang& d, double x) {
  return cdf_from(bm::gamma_distribution<>(d.k, d.mean / d.k), x, std::numeric_limits<double>::min(), kInf);
}
double cdf_of(const Empirical& d, double x) {
  double p = 0;
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    if (d.values[i] <= x) p += d.probabilities[i];
  }
  return std::min(p, 1.0);
}

double quantile_of(const Constant& d, double) { return d.value; }
double quantile_of(const Exponential& d, double p) { return bm::quantile(bm::exponential_distribution<>(1 / d.mean), p); }
double quantile_of(const Uniform& d, double p) { return d.lo + p * (d.hi - d.lo); }
double quantile_of(const Triangular& d, double p) {
  if (d.lo == d.hi) return d.lo;
  return bm::quantile(bm::triangular_distribution<>(d.lo, d.mode, d.hi), p);
}
double quantile_of(const TruncatedNormal& d, double p) {
  if (d.sd == 0) return d.mean;
  const bm::normal_distribution<> standard;
  const double below = bm::cdf(standard, d.lower_z);
  return std::max(0.0, d.mean + d.sd * bm::quantile(standard, inside(below + p * (1 - below))));
}
double quantile_of(const Lognormal& d, double p) {
  if (d.sigma == 0) return d.mean;
  return bm::quantile(bm::lognormal_distribution<>(d.mu, d.sigma), p);
}
double quantile_of(const Gamma& d, double p) {
  if (d.cv == 0) return d.mean;
  return bm::quantile(bm::gamma_distribution<>(d.shape, d.scale), p);
}
double quantile_of(const Erlang& d, double p) { return bm::quantile(bm::gamma_distribution<>(d.k, d.mean / d.k), p); }
double quantile_of(const Empirical& d, double p) {
  std::vector<std::size_t> order(d.values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&d](std::size_t a, std::size_t b) { return d.values[a] < d.values[b]; });
  double cumulative = 0;
  for (std::size_t i : order) {
    cumulative += d.probabilities[i];
    if (cumulative >= p) return d.values[i];
  }
  return d.values[order.back()];
}

}  // namespace

double Distribution::cdf(double x) const {
  return std::visit([x](const auto& d) { return cdf_of(d, x); }, parameters_);
}

double Distribution::quantile(double p) const {
  return std::visit([p](const auto& d) { return quantile_of(d, inside(p)); }, parameters_);
}

}  // namespace porttwin
