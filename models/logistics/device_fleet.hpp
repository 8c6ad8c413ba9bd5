// Every physical device of the corridor and the state it is in. Moving a device is one call that
// checks the state it leaves, so a device can neither be lost from the books nor be counted twice:
// the counts per state always add up to the fleet (the conservation law the tests check at every
// KPI sample).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace porttwin::logistics {

enum class DeviceState : std::uint8_t {
  Ready,           // charged, in a store, can be sealed on a trip
  InUse,           // sealed on a trip
  AwaitingCharge,  // checked in at a store, waiting for a charger
  Charging,
  Faulty,          // at a store, under repair
  AwaitingReturn,  // one-way: recovered at the destination, waiting for the next batch vehicle
  Returning,       // on a return vehicle (batch or two-way) towards its origin
  Dispatched,      // on a dispatch vehicle between stores
  Lost,
  WrittenOff,      // worn out (trips, battery) or not worth repairing
};
inline constexpr std::size_t kDeviceStates = 10;
inline constexpr std::array<std::string_view, kDeviceStates> kDeviceStateNames = {
    "ready", "in_use", "awaiting_charge", "charging", "faulty", "awaiting_return", "returning", "dispatched",
    "lost", "written_off"};

using DeviceId = std::uint32_t;  // index into the fleet

struct Device {
  int type = 0;            // corridor device type
  int store = 0;           // the store it is at or heading to
  DeviceState state = DeviceState::Ready;
  double capacity = 0;     // Ah now (fades with charge cycles)
  double charge = 0;       // Ah left
  int cycles = 0;          // charge cycles
  int trips = 0;
  std::uint32_t serial = 0;  // its number (its fleet index unless a snapshot named it)
  double arrives = -1;       // returning, dispatched: when it reaches its store; faulty: when repaired
  double since = -1;         // charging: since when
};

class DeviceFleet {
 public:
  DeviceId add(int type, int store, double capacity);  // ready and fully charged
  // std::logic_error when the device is not in `from`.
  Device& move(DeviceId id, DeviceState from, DeviceState to);
  void clear();  // no device: a snapshot's fleet replaces the scenario's
  const Device& at(DeviceId id) const { return devices_.at(id); }
  Device& at(DeviceId id) { return devices_.at(id); }

  std::size_t size() const { return devices_.size(); }
  std::int64_t count(DeviceState s) const { return counts_[static_cast<std::size_t>(s)]; }
  // Devices still in service (not lost, not written off).
  std::int64_t in_service() const { return static_cast<std::int64_t>(size()) - count(DeviceState::Lost) - count(DeviceState::WrittenOff); }
  // Empty when the counts add up to the fleet and agree with the devices; otherwise what is wrong.
  std::string conservation_error() const;

 private:
  std::vector<Device> devices_;
  std::array<std::int64_t, kDeviceStates> counts_{};
};

}  // namespace porttwin::logistics
