#include "models/yard/crane_kinematics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace porttwin::yard {

namespace {

constexpr double kSecondsPerMinute = 60;  // speeds are given in m/min

void require_valid(const CraneKinematicsConfig& c) {
  if (!(c.gantry_speed > 0 && c.trolley_speed > 0 && c.hoist_speed_loaded > 0 && c.hoist_speed_empty > 0)) {
    throw std::invalid_argument("yard crane speeds must be positive");
  }
  if (!(c.handling_time >= 0)) throw std::invalid_argument("yard crane handling time must not be negative");
}

double time_at(double distance, double metres_per_minute) {
  return std::abs(distance) / metres_per_minute * kSecondsPerMinute;
}

}  // namespace

CraneKinematics::CraneKinematics(CraneKinematicsConfig config) : config_(config) { require_valid(config_); }

double CraneKinematics::gantry_time(double distance) const { return time_at(distance, config_.gantry_speed); }

double CraneKinematics::trolley_time(double distance) const { return time_at(distance, config_.trolley_speed); }

double CraneKinematics::hoist_time(double distance, bool loaded) const {
  return time_at(distance, loaded ? config_.hoist_speed_loaded : config_.hoist_speed_empty);
}

double CraneKinematics::travel_time(Position from, Position to) const {
  const double gantry = gantry_time(to.x - from.x);
  const double trolley = trolley_time(to.y - from.y);
  return config_.gantry_with_trolley ? std::max(gantry, trolley) : gantry + trolley;
}

double CraneKinematics::lift_time(Position pick, Position set, double travel_height) const {
  const double down_to_pick = std::max(0.0, travel_height - pick.z);
  const double down_to_set = std::max(0.0, travel_height - set.z);
  return hoist_time(down_to_pick, false) + hoist_time(down_to_pick, true) + travel_time(pick, set) +
         hoist_time(down_to_set, true) + hoist_time(down_to_set, false) + config_.handling_time;
}

double CraneKinematics::moves_time(const Block& block, const std::vector<Move>& moves, Position start) const {
  double total = 0;
  Position spreader = start;
  for (const Move& m : moves) {
    const Position pick = pick_position(block, m);
    const Position set = set_position(block, m);
    total += travel_time(spreader, pick) + lift_time(pick, set, block.travel_height());
    spreader = set;
  }
  return total;
}

Position pick_position(const Block& block, const Move& m) {
  if (m.from) return block.position(*m.from);
  return block.handover_position(m.to.value().stack());
}

Position set_position(const Block& block, const Move& m) {
  if (m.to) return block.position(*m.to);
  return block.handover_position(m.from.value().stack());
}

}  // namespace porttwin::yard
