// Warm-up detection with MSER-5 (White 1997; White, Cobb and Spratt 2000): average the series in
// batches of 5, then truncate the d batches that minimise the marginal standard error
//   MSER(d) = sum_{j > d} (Z_j - mean_{j > d} Z)^2 / (m - d)^2
// over d <= m / 2 (m batches). A minimum at that bound means the run is too short to judge.
#pragma once

#include <cstddef>
#include <vector>

namespace porttwin::analysis {

struct MserResult {
  std::size_t batches = 0;       // m, batches of 5 (a last partial batch is ignored)
  std::size_t truncated_batches = 0;   // d*
  std::size_t truncated_observations = 0;  // 5 d*: the observations to drop from the start
  double statistic = 0;          // MSER(d*)
  bool at_limit = false;         // d* = m / 2: no stable tail found, the series may be too short
};

// Needs at least 2 batches (10 observations); std::invalid_argument otherwise.
MserResult mser(const std::vector<double>& series, std::size_t batch_size = 5);

}  // namespace porttwin::analysis
