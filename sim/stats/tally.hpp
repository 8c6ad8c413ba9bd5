#pragma once
// Statistics of individual observations (waits, sojourns), with warm-up cut and batch means.

#include <cstdint>
#include <vector>

#include "sim/stats/batches.hpp"

namespace porttwin::stats {

class Tally {
 public:
  explicit Tally(BatchPlan plan = {}, bool keep_samples = false);

  // Ignored when now < plan.start (warm-up). O(1) amortised.
  void add(double x, double now);
  // Forgets every observation; the plan and keep_samples stay.
  void reset();

  std::int64_t count() const;
  // With no observation, mean/min/max are NaN; variance/stddev (sample, n-1) are NaN below 2.
  double mean() const;
  double variance() const;
  double stddev() const;
  double min() const;
  double max() const;
  // Type-7 (linear interpolation) quantile, p in [0,1]. Needs keep_samples, else std::logic_error;
  // p outside [0,1]: std::invalid_argument; no observation: NaN.
  double quantile(double p) const;
  // Mean of the observations in each batch, in batch order; batches without observation are skipped.
  std::vector<double> batch_means() const;

 private:
  struct Batch {
    double sum = 0;
    std::int64_t count = 0;
  };

  BatchPlan plan_;
  bool keep_samples_;
  std::int64_t count_ = 0;
  double mean_ = 0;
  double sum_squared_deviations_ = 0;  // Welford's M2
  double min_ = 0;
  double max_ = 0;
  std::vector<Batch> batches_;
  // Sorted lazily by quantile(): sorting does not change what the tally holds.
  mutable std::vector<double> samples_;
  mutable bool samples_sorted_ = true;
};

}  // namespace porttwin::stats
