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

// What a reader can learn from a device now: whether it answers at all (a device removed or in a
// Faraday bag does not), whether its log holds an opening, whether it is a clone. A bag taken off
// before the reader, a detour, a jamming or doors opened through the hinges leave no trace in it.
struct DeviceEvidence {
  bool unanswered = false;
  bool logged = false;
  bool clone = false;
};

inline DeviceEvidence evidence_of(const Trip& trip) { return {trip.bagged || trip.gone, trip.logged, trip.cloned}; }

// A device whose write-once memory is compared with the declaration at a reader: doors opened or
// the seal broken are in its log; one that does not answer the officer at the reader sees and
// inspects. A cloned device fails the reader's identity and log check.
inline bool read_reveals(const DeviceEvidence& e, bool read_ok) { return e.unanswered || ((e.logged || e.clone) && read_ok); }

// The defaults are an active device's: real-time reports when its type says so, illegal opening
// cable cut and body destroyed sent at once, the log read at checkpoints, a fixed drain per report.
class DeviceBehaviour {
 public:
  explicit DeviceBehaviour(const DeviceTypeConfig& config) : config_(config) {}
  virtual ~DeviceBehaviour() = default;

  const DeviceTypeConfig& config() const { return config_; }
  // Sends position and status reports to the supervision centre.
  virtual bool reports() const { return config_.real_time; }
  // The alarm the device sends at once when `attack` happens to it, if it sends one.
  virtual bool event_alarm(AttackKind attack, AlarmKind& alarm) const {
    if (!reports()) return false;
    if (attack == AttackKind::DoorOpening && !sensors()) {  // a smart container's door sensor decides
      alarm = AlarmKind::IllegalOpening;
    } else if (attack == AttackKind::DeviceRemoval) {
      alarm = AlarmKind::CableCut;
    } else if (attack == AttackKind::DeviceDestruction) {
      alarm = AlarmKind::BodyDestroyed;
    } else {
      return false;
    }
    return true;
  }
  // A read at a fixed reader (`read_ok`: the radio read succeeded) reveals the attack.
  virtual bool checkpoint_reveals(const DeviceEvidence& e, bool read_ok) const { return read_reveals(e, read_ok); }
  // A smart container's own sensors (null: the device is a seal or an e-lock, which has none).
  virtual const SmartSensorsConfig* sensors() const { return nullptr; }
  // Battery after one report interval.
  virtual double battery_after_report(double battery) const { return battery - config_.drain_per_report; }
  // Its event log stamps each event with the time (an empty battery stops the clock): read, the
  // tampering's time is known to the clock's drift; without one only "since the last read" is.
  virtual bool stamps_events(double battery) const { return battery > 0 || config_.drain_per_read == 0; }
  // How far a reader reaches it now.
  virtual double read_range(double) const { return config_.read_range; }

 protected:
  const DeviceTypeConfig& config_;
};

// Passive and semi-active seals: no telemetry and no events whatever the type's data says; what
// they know is read at checkpoints; their battery (if any) is not drawn by reports.
class ReaderOnlyDevice : public DeviceBehaviour {
 public:
  using DeviceBehaviour::DeviceBehaviour;
  bool reports() const override { return false; }
  bool event_alarm(AttackKind, AlarmKind&) const override { return false; }
  double battery_after_report(double battery) const override { return battery; }
};

std::unique_ptr<DeviceBehaviour> make_passive(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_semi_active(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_active(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_smart_container(const DeviceTypeConfig& config);
std::unique_ptr<DeviceBehaviour> make_device(const DeviceTypeConfig& config);  // by config.type

}  // namespace porttwin::corridor
