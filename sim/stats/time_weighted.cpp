#include "sim/stats/time_weighted.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace porttwin::stats {

TimeWeighted::TimeWeighted(BatchPlan plan, double initial)
    : plan_(plan), level_(initial), max_(-std::numeric_limits<double>::infinity()) {
  if (has_batches(plan_)) batch_areas_.assign(static_cast<std::size_t>(plan_.count), 0.0);
}

void TimeWeighted::set(double value, double now) {
  advance(now);
  level_ = value;
}

double TimeWeighted::level() const { return level_; }

// SimGrid's clock after a sleep and a sampler's exact k * period may differ by a few ulps: a step
// back that small is rounding (taken as the last change's time), not time going backwards.
double TimeWeighted::not_before_last_change(double now) const {
  if (now >= last_time_) return now;
  if (last_time_ - now <= 1e-9 * std::max(1.0, std::abs(last_time_))) return last_time_;
  throw std::invalid_argument("TimeWeighted: time went backwards");
}

void TimeWeighted::advance(double now) {
  now = not_before_last_change(now);
  interval_area_ += level_ * (now - last_time_);
  const double measured_from = std::max(last_time_, plan_.start);
  if (now > measured_from) {
    area_ += level_ * (now - measured_from);
    max_ = std::max(max_, level_);  // the level was held during (plan.start, now]
  }
  add_batch_areas(batch_areas_, last_time_, now);
  last_time_ = now;
}

// Splits level_ * (to - from) over the batches the span crosses.
void TimeWeighted::add_batch_areas(std::vector<double>& areas, double from, double to) const {
  const double begin = std::max(from, plan_.start);
  const double end = std::min(to, batches_end(plan_));
  if (!has_batches(plan_) || end <= begin) return;
  double t = begin;
  for (int index = batch_index(plan_, begin); index >= 0 && index < plan_.count && t < end; ++index) {
    const bool last = index == plan_.count - 1;
    const double border = last ? end : std::min(end, plan_.start + (index + 1) * plan_.length);
    if (border > t) {
      areas[static_cast<std::size_t>(index)] += level_ * (border - t);
      t = border;
    }
  }
}

double TimeWeighted::mean(double now) const {
  now = not_before_last_change(now);
  if (now <= plan_.start) return level_;
  const double pending = now - std::max(last_time_, plan_.start);
  return (area_ + level_ * std::max(0.0, pending)) / (now - plan_.start);
}

double TimeWeighted::max() const { return std::max(max_, level_); }

std::vector<double> TimeWeighted::batch_means(double now) const {
  now = not_before_last_change(now);
  std::vector<double> means;
  if (!has_batches(plan_)) return means;
  std::vector<double> areas = batch_areas_;
  add_batch_areas(areas, last_time_, now);
  for (int index = 0; index < plan_.count; ++index) {
    const double batch_end = plan_.start + (index + 1) * plan_.length;
    if (batch_end > now) break;
    means.push_back(areas[static_cast<std::size_t>(index)] / plan_.length);
  }
  return means;
}

double TimeWeighted::take_interval_mean(double now) {
  advance(now);
  const double elapsed = now - interval_start_;
  const double interval_mean = elapsed > 0 ? interval_area_ / elapsed : level_;
  interval_area_ = 0;
  interval_start_ = now;
  return interval_mean;
}

}  // namespace porttwin::stats
