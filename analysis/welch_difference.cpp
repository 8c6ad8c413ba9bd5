#include "analysis/welch_difference.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace porttwin::analysis {

namespace {

double mean_of(const std::vector<double>& xs) { return std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size()); }

double variance_of(const std::vector<double>& xs, double mean) {
  double sum = 0;
  for (double x : xs) sum += (x - mean) * (x - mean);
  return sum / static_cast<double>(xs.size() - 1);
}

}  // namespace

double welch_dof(double variance_a, int n_a, double variance_b, int n_b) {
  const double qa = variance_a / n_a, qb = variance_b / n_b;
  const double denominator = qa * qa / (n_a - 1) + qb * qb / (n_b - 1);
  return denominator > 0 ? (qa + qb) * (qa + qb) / denominator : 0;
}

WelchInterval welch_difference(const std::vector<double>& a, const std::vector<double>& b, double level) {
  if (!(level > 0 && level < 1)) throw std::invalid_argument("confidence level must lie in (0,1)");
  WelchInterval out;
  stats::Interval& i = out.interval;
  i.n = static_cast<int>(std::min(a.size(), b.size()));
  if (a.empty() || b.empty()) return out;
  const double ma = mean_of(a), mb = mean_of(b);
  i.mean = ma - mb;
  if (a.size() < 2 || b.size() < 2) {
    constexpr double infinity = std::numeric_limits<double>::infinity();
    i.half_width = i.upper = infinity;
    i.lower = -infinity;
    return out;
  }
  const double va = variance_of(a, ma), vb = variance_of(b, mb);
  const int na = static_cast<int>(a.size()), nb = static_cast<int>(b.size());
  out.dof = welch_dof(va, na, vb, nb);
  if (out.dof > 0) {
    const boost::math::students_t t(out.dof);
    i.half_width = boost::math::quantile(t, (1 + level) / 2) * std::sqrt(va / na + vb / nb);
  }
  i.lower = i.mean - i.half_width;
  i.upper = i.mean + i.half_width;
  return out;
}

}  // namespace porttwin::analysis
