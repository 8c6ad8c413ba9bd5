#pragma once
// A ratio over zero cases has no value: a detection rate without attacks, a mean wait without a
// wait. It is NaN ("undefined"), never 0; summaries print it as undefined and statistics across
// replications are taken over the replications that have a value (stats::defined_values).

#include <limits>
#include <vector>

namespace porttwin::stats {

inline constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

inline double ratio(double part, double cases) { return cases > 0 ? part / cases : kUndefined; }

// The values that are defined (not NaN), in order.
inline std::vector<double> defined_values(const std::vector<double>& xs) {
  std::vector<double> out;
  out.reserve(xs.size());
  for (double x : xs) {
    if (x == x) out.push_back(x);
  }
  return out;
}

}  // namespace porttwin::stats
