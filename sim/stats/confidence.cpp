#include "sim/stats/confidence.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace porttwin::stats {

namespace {

void require_level(double level) {
  if (!(level > 0 && level < 1)) throw std::invalid_argument("confidence level must lie in (0,1)");
}

// Too few values to estimate a spread: the interval says "anything", rather than NaN.
Interval unbounded(Interval interval) {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  interval.half_width = interval.upper = infinity;
  interval.lower = -infinity;
  return interval;
}

}  // namespace

double student_t_quantile(double level, int dof) {
  require_level(level);
  if (dof < 1) throw std::invalid_argument("student_t_quantile: need at least 1 degree of freedom");
  const boost::math::students_t distribution(dof);
  return boost::math::quantile(distribution, (1 + level) / 2);
}

Interval student_t(const std::vector<double>& xs, double level) {
  require_level(level);
  Interval interval;
  interval.n = static_cast<int>(xs.size());
  const double n = static_cast<double>(xs.size());
  if (!xs.empty()) interval.mean = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
  if (xs.size() < 2) return unbounded(interval);
  // Two passes: the samples are few (replications, batches) and this avoids cancellation.
  double squared_deviations = 0;
  for (double x : xs) squared_deviations += (x - interval.mean) * (x - interval.mean);
  const double standard_error = std::sqrt(squared_deviations / (n - 1) / n);
  interval.half_width = student_t_quantile(level, interval.n - 1) * standard_error;
  interval.lower = interval.mean - interval.half_width;
  interval.upper = interval.mean + interval.half_width;
  return interval;
}

}  // namespace porttwin::stats
