// How long a yard crane (RTG, ARMG, RMG) takes for a move, from the positions of the slots and the
// crane's speeds. Constant speeds, no acceleration: CraneKinematicsConfig::handling_time and the
// effective RTG gantry speed (3 km/h) absorb the starts, stops and fine positioning.
//
// A move: the empty spreader, at travel height above the pick slot, is lowered onto the container
// and hoisted with it back to travel height; the crane gantries and trolleys to above the set
// slot; the container is lowered, released, and the empty spreader hoisted back. The travel height
// clears a full stack (Block::travel_height), so every vertical leg is that height less the slot's.
#pragma once

#include <vector>

#include "models/yard/block.hpp"
#include "models/yard/move.hpp"
#include "models/yard/yard_config.hpp"

namespace porttwin::yard {

class CraneKinematics {
 public:
  // std::invalid_argument when a speed is not positive or the handling time is negative.
  explicit CraneKinematics(CraneKinematicsConfig config);

  const CraneKinematicsConfig& config() const { return config_; }

  double gantry_time(double distance) const;  // s for `distance` metres along the block
  double trolley_time(double distance) const;
  double hoist_time(double distance, bool loaded) const;
  // Horizontal travel at travel height (gantry and trolley together or one after the other).
  double travel_time(Position from, Position to) const;
  // One move from `pick` to `set`, spreader above `pick` before and above `set` after.
  double lift_time(Position pick, Position set, double travel_height) const;
  // The moves in order, the spreader starting above `start`: empty travel to each pick, then the lift.
  double moves_time(const Block& block, const std::vector<Move>& moves, Position start) const;

 private:
  CraneKinematicsConfig config_;
};

// Where a move picks up and sets down its container in `block` (the handover point for
// Receive and Deliver).
Position pick_position(const Block& block, const Move& move);
Position set_position(const Block& block, const Move& move);

}  // namespace porttwin::yard
