// Whether a queue grows over a run (an overloaded point: arrivals above capacity) rather than
// fluctuating about a level. On a /kpi series after the warm-up: the least-squares trend rises by more
// than the series' mean over the span and the second half averages at least 1.5 times the first.
// A linear build-up from empty rises by twice its mean; a stable queue's trend is near zero.
#pragma once

#include <vector>

namespace porttwin::analysis {

struct QueueGrowth {
  bool growing = false;
  double rise = 0;                        // the trend's rise over the span (the series' unit)
  double first_half = 0, second_half = 0;  // means of the two halves
};

// Samples at `time` (s, ascending) after `warmup`; fewer than 8 such samples: never growing.
QueueGrowth queue_growth(const std::vector<double>& time, const std::vector<double>& values, double warmup);

}  // namespace porttwin::analysis
