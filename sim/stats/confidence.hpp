#pragma once
// Student-t confidence intervals over independent replications or batch means.

#include <vector>

namespace porttwin::stats {

struct Interval {
  double mean = 0, half_width = 0, lower = 0, upper = 0;
  int n = 0;
};

// Two-sided CI at confidence `level` in (0,1) (std::invalid_argument otherwise).
// Never NaN: n < 2 gives half_width = +inf and lower/upper = -inf/+inf; n = 0 gives mean 0.
Interval student_t(const std::vector<double>& xs, double level = 0.95);

// The two-sided critical value for confidence `level`, i.e. the (1+level)/2 quantile of
// Student's t with dof degrees of freedom: student_t_quantile(0.95, 9) = t_{0.975,9} = 2.262157.
// level outside (0,1) or dof < 1: std::invalid_argument.
double student_t_quantile(double level, int dof);

}  // namespace porttwin::stats
