#include "models/yard/departure_info.hpp"

#include <algorithm>
#include <cmath>

namespace porttwin::yard {

double expected_pickup_estimate(double arrival, double actual_pickup, double noise_sd, rng::Stream& stream) {
  return std::max(arrival, actual_pickup + stream.normal(0, noise_sd));
}

}  // namespace porttwin::yard
