// The difference of two means from independent samples with unequal variances (Welch's t interval):
// what compares two configurations that did not share random numbers. Degrees of freedom by
// Welch-Satterthwaite, so usually not a whole number; the t quantile comes from Boost.Math.
#pragma once

#include <vector>

#include "sim/stats/confidence.hpp"

namespace porttwin::analysis {

struct WelchInterval {
  stats::Interval interval;  // of mean(a) - mean(b); n = the smaller sample's size
  double dof = 0;            // Welch-Satterthwaite; 0 when undefined (both variances zero)
};

// Fewer than two values in either sample: half-width +inf. Both samples without spread: half-width 0.
// level outside (0, 1): std::invalid_argument.
WelchInterval welch_difference(const std::vector<double>& a, const std::vector<double>& b, double level = 0.95);

// Welch-Satterthwaite degrees of freedom from the variances and sizes of two samples.
double welch_dof(double variance_a, int n_a, double variance_b, int n_b);

}  // namespace porttwin::analysis
