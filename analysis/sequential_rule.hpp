// The sequential rule for the number of replications (Law, Simulation Modeling and Analysis, 5th ed.,
// section 9.4.1): keep adding replications until the confidence interval's half-width is at most a
// relative error gamma of the mean. Law's adjusted target gamma / (1 + gamma) is used, so that the
// actual relative error |mean - mu| / |mu| is at most gamma with the stated confidence.
#pragma once

#include <vector>

#include "sim/stats/confidence.hpp"

namespace porttwin::analysis {

// Whether the interval is already precise enough: n >= 2 and half_width / |mean| <= gamma / (1 + gamma).
// A zero mean is precise only with a zero half-width.
bool precise_enough(const stats::Interval& interval, double relative_target);

// The total number of replications the rule expects to need, from the values so far (at least 2):
// the smallest i >= n with t_{i-1} * s / sqrt(i) <= gamma / (1 + gamma) * |mean| (the sample mean and
// standard deviation s held at their current values), or `limit` when even `limit` would not do.
// relative_target must be > 0 and level in (0, 1) (std::invalid_argument otherwise).
int replications_needed(const std::vector<double>& values, double relative_target, double level = 0.95,
                        int limit = 100000);

}  // namespace porttwin::analysis
