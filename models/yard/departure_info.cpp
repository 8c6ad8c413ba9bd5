#include "models/yard/departure_info.hpp"

#include <algorithm>
#include <cmath>

namespace porttwin::yard {

double expected_pickup_estimate(double arrival, double actual_pickup, double noise_sd, rng::Stream& stream) {
  return std::max(arrival, actual_pickup + stream.normal(0, noise_sd));
}

int departure_class(double now, double expected_pickup, const StackingConfig& config) {
  const double left = std::max(0.0, expected_pickup - now);
  const double bucket = std::floor(left / config.class_width);
  return static_cast<int>(std::min(bucket, static_cast<double>(config.classes - 1)));
}

}  // namespace porttwin::yard
