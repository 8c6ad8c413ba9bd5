#include "models/logistics/device_fleet.hpp"

#include <stdexcept>

namespace porttwin::logistics {

DeviceId DeviceFleet::add(int type, int store, double capacity) {
  Device d;
  d.type = type;
  d.store = store;
  d.capacity = capacity;
  d.charge = capacity;
  d.serial = static_cast<std::uint32_t>(devices_.size());
  devices_.push_back(d);
  ++counts_[static_cast<std::size_t>(DeviceState::Ready)];
  return static_cast<DeviceId>(devices_.size() - 1);
}

Device& DeviceFleet::move(DeviceId id, DeviceState from, DeviceState to) {
  Device& d = devices_.at(id);
  if (d.state != from) {
    throw std::logic_error("device " + std::to_string(id) + " is " + std::string(kDeviceStateNames[static_cast<std::size_t>(d.state)]) +
                           ", not " + std::string(kDeviceStateNames[static_cast<std::size_t>(from)]));
  }
  d.state = to;
  --counts_[static_cast<std::size_t>(from)];
  ++counts_[static_cast<std::size_t>(to)];
  return d;
}

void DeviceFleet::clear() {
  devices_.clear();
  counts_ = {};
}

std::string DeviceFleet::conservation_error() const {
  std::array<std::int64_t, kDeviceStates> actual{};
  for (const Device& d : devices_) ++actual[static_cast<std::size_t>(d.state)];
  std::int64_t total = 0;
  for (std::size_t s = 0; s < kDeviceStates; ++s) {
    if (actual[s] != counts_[s]) {
      return "the fleet counts " + std::to_string(counts_[s]) + " devices " + std::string(kDeviceStateNames[s]) +
             ", the devices say " + std::to_string(actual[s]);
    }
    total += counts_[s];
  }
  if (total != static_cast<std::int64_t>(devices_.size())) {
    return "the states add up to " + std::to_string(total) + " devices, the fleet has " + std::to_string(devices_.size());
  }
  return {};
}

}  // namespace porttwin::logistics
