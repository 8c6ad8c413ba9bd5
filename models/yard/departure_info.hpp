// What the terminal knows about when a container will leave: an expected pickup time that may be
// wrong (an appointment missed, a vessel delayed), and the coarse dwell class derived from it.
// Borgman, van Asperen & Dekker (2010) found that departure times cut reshuffles more than classes
// do, even when imprecise; the noise here is what lets that claim be tested.
#pragma once

#include <algorithm>
#include <cmath>

#include "models/yard/yard_config.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::yard {

// The actual pickup plus a normal error of sd `noise_sd`, but never before the arrival. One normal
// is drawn even when noise_sd is 0, so runs with and without noise use the same draws.
double expected_pickup_estimate(double arrival, double actual_pickup, double noise_sd, rng::Stream& stream);

// The departure class at time `now`: the expected time left (expected pickup - now) bucketed into
// config.classes classes of config.class_width, the last one open-ended; 0 leaves soonest. A class
// is relative to `now`, so containers are only compared by classes taken at the same moment.
// Inline: stacking decisions take it for every stack of a block.
inline int departure_class(double now, double expected_pickup, const StackingConfig& config) {
  const double left = std::max(0.0, expected_pickup - now);
  const double bucket = std::floor(left / config.class_width);
  return static_cast<int>(std::min(bucket, static_cast<double>(config.classes - 1)));
}

}  // namespace porttwin::yard
