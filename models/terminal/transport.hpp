// Horizontal transport between quay and yard: a pool of internal trucks (or straddle carriers).
// A crane that needs one and finds none waits: the "transport late" time of the quay. Vehicles
// drive rectilinear paths at a constant average speed; their legs are pure delays (kernel timers).
#pragma once

#include <cmath>

#include <simgrid/s4u.hpp>

#include "models/terminal/terminal_config.hpp"
#include "models/yard/block.hpp"

namespace porttwin::terminal {

// Seconds to drive from `a` to `b` along the terminal's lane grid at `speed` m/s.
inline double drive_time(yard::Position a, yard::Position b, double speed) {
  return (std::abs(a.x - b.x) + std::abs(a.y - b.y)) / speed;
}

class VehiclePool {
 public:
  explicit VehiclePool(const TransportConfig& config)
      : config_(config), free_(simgrid::s4u::Semaphore::create(config.vehicles)) {}
  void acquire() { free_->acquire(); }  // from an actor: waits for a free vehicle
  void release() { free_->release(); }  // from an actor or a timer
  double leg(yard::Position a, yard::Position b) const {
    return drive_time(a, b, config_.speed) + config_.handover_time;
  }

 private:
  const TransportConfig& config_;
  simgrid::s4u::SemaphorePtr free_;
};

}  // namespace porttwin::terminal
