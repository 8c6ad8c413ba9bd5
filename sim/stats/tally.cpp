#include "sim/stats/tally.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace porttwin::stats {

namespace {
constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
}

Tally::Tally(BatchPlan plan, bool keep_samples) : plan_(plan), keep_samples_(keep_samples) {
  if (has_batches(plan_)) batches_.resize(static_cast<std::size_t>(plan_.count));
}

void Tally::add(double x, double now) {
  if (now < plan_.start) return;
  ++count_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(count_);
  sum_squared_deviations_ += delta * (x - mean_);
  min_ = count_ == 1 ? x : std::min(min_, x);
  max_ = count_ == 1 ? x : std::max(max_, x);

  if (const int batch = batch_index(plan_, now); batch >= 0) {
    batches_[static_cast<std::size_t>(batch)].sum += x;
    ++batches_[static_cast<std::size_t>(batch)].count;
  }
  if (keep_samples_) {
    samples_.push_back(x);
    samples_sorted_ = false;
  }
}

void Tally::reset() {
  count_ = 0;
  mean_ = sum_squared_deviations_ = min_ = max_ = 0;
  std::fill(batches_.begin(), batches_.end(), Batch{});
  samples_.clear();
  samples_sorted_ = true;
}

std::int64_t Tally::count() const { return count_; }

double Tally::mean() const { return count_ > 0 ? mean_ : not_a_number; }

double Tally::variance() const {
  return count_ > 1 ? sum_squared_deviations_ / static_cast<double>(count_ - 1) : not_a_number;
}

double Tally::stddev() const { return std::sqrt(variance()); }

double Tally::min() const { return count_ > 0 ? min_ : not_a_number; }

double Tally::max() const { return count_ > 0 ? max_ : not_a_number; }

double Tally::quantile(double p) const {
  if (!keep_samples_) throw std::logic_error("Tally::quantile needs a tally built with keep_samples = true");
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("Tally::quantile: p must lie in [0,1]");
  if (samples_.empty()) return not_a_number;
  if (!samples_sorted_) {
    std::sort(samples_.begin(), samples_.end());
    samples_sorted_ = true;
  }
  // Hyndman & Fan type 7: position p*(n-1) between order statistics.
  const double position = p * static_cast<double>(samples_.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, samples_.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return samples_[below] + fraction * (samples_[above] - samples_[below]);
}

std::vector<double> Tally::batch_means() const {
  std::vector<double> means;
  means.reserve(batches_.size());
  for (const Batch& batch : batches_)
    if (batch.count > 0) means.push_back(batch.sum / static_cast<double>(batch.count));
  return means;
}

}  // namespace porttwin::stats
