// What distinguishes the Smart Security Device types, behind one interface (one file per type):
// whether a device reports in real time, what a fixed reader learns from it at a checkpoint, which
// attacks it reports at once as events, and how its battery changes with each report. The numbers
// (read success, intervals, battery, costs) are data in DeviceTypeConfig.
#pragma once

#include <memory>
#include <string>

#include "models/corridor/corridor_config.hpp"
#include "models/corridor/trip.hpp"

namespace porttwin::corridor {

class DeviceBehaviour {
 public:
  explicit DeviceBehaviour(const DeviceTypeConfig& config) : config_(config) {}
  virtual ~DeviceBehaviour() = default;

  const DeviceTypeConfig& config() const { return config_; }
  // Sends position and status reports to the supervision centre.
  virtual bool reports() const = 0;
  // The alarm the device sends at once when `attack` happens to it, if it sends one.
  virtual bool event_alarm(AttackKind attack, AlarmKind& alarm) const = 0;
  // A read at a fixed reader (`read_ok`: the radio read succeeded) reveals the attack.
  virtual bool checkpoint_reveals(AttackKind attack, bool read_ok) const = 0;
  // Battery after one report interval.
  virtual double battery_after_report(double battery) const { return battery - config_.drain_per_report; }

 protected:
  const DeviceTypeConfig& config_;
};

std::unique_ptr<DeviceBehaviour> make_passive(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_semi_active(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_active(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_smart_container(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_device(const DeviceTypeConfig& config);  // by config.type

// A device whose write-once memory is compared with the declaration at a reader: doors opened or
// the seal broken are in its log; a device removed or in a Faraday bag does not answer, which the
// officer at the reader sees and inspects. A detour leaves no trace in it.
inline bool read_reveals(AttackKind attack, bool read_ok) {
  switch (attack) {
    case AttackKind::DoorOpening: return read_ok;
    case AttackKind::FaradayBag:
    case AttackKind::DeviceRemoval: return true;
    default: return false;
  }
}

}  // namespace porttwin::corridor
