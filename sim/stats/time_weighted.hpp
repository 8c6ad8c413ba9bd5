#pragma once
// Time average of a level (queue length, busy servers), with warm-up cut and batch means.

#include <vector>

#include "sim/stats/batches.hpp"

namespace porttwin::stats {

// The level is `initial` from time 0; times passed to set/add must never decrease
// (std::invalid_argument otherwise). set/add are O(1) amortised.
class TimeWeighted {
 public:
  explicit TimeWeighted(BatchPlan plan = {}, double initial = 0);

  // The level changes to value at time now. Changes during warm-up are not integrated,
  // but the level they leave carries over into the measured period.
  void set(double value, double now);
  void add(double delta, double now) { set(level() + delta, now); }
  double level() const;

  // Time average over [plan.start, now]; the current level when now <= plan.start.
  double mean(double now) const;
  // Max level held after plan.start, counting the current level as held (queried after warm-up).
  double max() const;
  // Area in each batch completed by `now`, divided by the batch length, in batch order.
  std::vector<double> batch_means(double now) const;
  // For periodic KPI sampling: area since the previous call (or time 0) / elapsed time, then a
  // new interval starts at now. Warm-up is included, so time series show the transient.
  // Zero elapsed time gives the current level.
  double take_interval_mean(double now);

 private:
  // Integrates the current level up to now.
  void advance(double now);
  void add_batch_areas(std::vector<double>& areas, double from, double to) const;
  double not_before_last_change(double now) const;

  BatchPlan plan_;
  double level_;
  double last_time_ = 0;
  double area_ = 0;  // integral of the level over [plan.start, last_time_]
  double max_;       // max of the levels given up after plan.start
  std::vector<double> batch_areas_;
  double interval_area_ = 0;
  double interval_start_ = 0;
};

}  // namespace porttwin::stats
