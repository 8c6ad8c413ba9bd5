// Smart container: IoT embedded in the box, bound to it for life, long-life battery with a solar
// top-up; reports like an active device; its own sensors (door, light, a reefer's climate probe,
// shock) sense openings, also through the hinges, each at its probability (corridor_sensors.cpp);
// it cannot be removed without destroying it (reported as a cable cut / body destroyed).
#include <algorithm>

#include "models/corridor/device.hpp"

namespace porttwin::corridor {

namespace {
class SmartContainer : public DeviceBehaviour {
 public:
  using DeviceBehaviour::DeviceBehaviour;
  const SmartSensorsConfig* sensors() const override { return &config_.sensors; }
  double battery_after_report(double battery) const override {
    return std::min(config_.battery_capacity, battery - config_.drain_per_report + config_.solar_per_report);
  }
};
}  // namespace

std::unique_ptr<DeviceBehaviour> make_smart_container(const DeviceTypeConfig& config) {
  return std::make_unique<SmartContainer>(config);
}

}  // namespace porttwin::corridor
