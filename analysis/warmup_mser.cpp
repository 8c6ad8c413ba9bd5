#include "analysis/warmup_mser.hpp"

#include <stdexcept>
#include <string>

namespace porttwin::analysis {

MserResult mser(const std::vector<double>& series, std::size_t batch_size) {
  if (batch_size == 0) throw std::invalid_argument("mser: batch size must be positive");
  const std::size_t m = series.size() / batch_size;
  if (m < 2) {
    throw std::invalid_argument("mser: " + std::to_string(series.size()) + " observations, expected at least " +
                                std::to_string(2 * batch_size));
  }
  std::vector<double> z(m);
  for (std::size_t j = 0; j < m; ++j) {
    double sum = 0;
    for (std::size_t k = 0; k < batch_size; ++k) sum += series[j * batch_size + k];
    z[j] = sum / static_cast<double>(batch_size);
  }
  // Each tail's squares are taken around its own mean (not sum z^2 - n mean^2, which cancels badly on
  // large levels); O(m^2) is a few million operations for a year of 15-minute samples.
  const std::size_t limit = m / 2;
  MserResult best;
  best.batches = m;
  for (std::size_t d = 0; d <= limit; ++d) {
    const double count = static_cast<double>(m - d);
    double tail_sum = 0;
    for (std::size_t j = d; j < m; ++j) tail_sum += z[j];
    const double tail_mean = tail_sum / count;
    double squares = 0;
    for (std::size_t j = d; j < m; ++j) squares += (z[j] - tail_mean) * (z[j] - tail_mean);
    const double statistic = squares / (count * count);
    if (d == 0 || statistic < best.statistic) {  // ties keep the smaller truncation
      best.statistic = statistic;
      best.truncated_batches = d;
    }
  }
  best.truncated_observations = best.truncated_batches * batch_size;
  best.at_limit = best.truncated_batches == limit && limit > 0;
  return best;
}

}  // namespace porttwin::analysis
