#include "analysis/sequential_rule.hpp"

#include <cmath>
#include <numeric>
#include <stdexcept>

namespace porttwin::analysis {

namespace {

double adjusted(double relative_target) {
  if (!(relative_target > 0)) throw std::invalid_argument("sequential rule: the relative target must be > 0");
  return relative_target / (1 + relative_target);
}

}  // namespace

bool precise_enough(const stats::Interval& interval, double relative_target) {
  const double target = adjusted(relative_target);
  if (interval.n < 2 || !std::isfinite(interval.half_width)) return false;
  return interval.half_width <= target * std::fabs(interval.mean);
}

int replications_needed(const std::vector<double>& values, double relative_target, double level, int limit) {
  const double target = adjusted(relative_target);
  if (values.size() < 2) throw std::invalid_argument("replications_needed: need at least 2 values");
  const auto n = static_cast<int>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / (n - 1));
  const double allowed = target * std::fabs(mean);
  for (int i = n; i < limit; ++i) {
    if (stats::student_t_quantile(level, i - 1) * sd / std::sqrt(static_cast<double>(i)) <= allowed) return i;
  }
  return limit;
}

}  // namespace porttwin::analysis
