// Paired differences on common random numbers: when replication r of two configurations drew from
// the same streams, the per-replication differences are far less variable than the two results,
// and a Student-t interval on them (the paired-t interval) is what tells the configurations apart.
#pragma once

#include <vector>

#include "sim/stats/confidence.hpp"

namespace porttwin::analysis {

// The Student-t interval of a[i] - b[i] over the pairs (a and b of equal length, paired by index;
// std::invalid_argument otherwise). Fewer than two pairs: half-width +inf (stats::student_t).
stats::Interval paired_difference(const std::vector<double>& a, const std::vector<double>& b, double level = 0.95);

}  // namespace porttwin::analysis
