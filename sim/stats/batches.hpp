#pragma once
// Equal time batches after warm-up, for batch-means confidence intervals inside one long run.

#include <cmath>

namespace porttwin::stats {

// Batch i covers [start + i*length, start + (i+1)*length). Observations before `start` are
// warm-up and ignored by every collector. length 0 or count 0: no batches (warm-up still applies).
struct BatchPlan {
  double start = 0;
  double length = 0;
  int count = 0;
};

inline bool has_batches(const BatchPlan& plan) { return plan.length > 0 && plan.count > 0; }

inline double batches_end(const BatchPlan& plan) {
  return has_batches(plan) ? plan.start + plan.length * plan.count : plan.start;
}

// The batch holding time t, or -1 when t is in warm-up or after the last batch.
inline int batch_index(const BatchPlan& plan, double t) {
  if (!has_batches(plan) || t < plan.start || t >= batches_end(plan)) return -1;
  const int index = static_cast<int>(std::floor((t - plan.start) / plan.length));
  return index < plan.count ? index : plan.count - 1;  // rounding just below the end
}

}  // namespace porttwin::stats
