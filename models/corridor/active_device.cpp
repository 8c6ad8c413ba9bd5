// Active e-lock: GPS + cellular, reports position and status at its interval when `real_time`, and
// sends events at once: illegal opening when the doors are opened, cable cut when it is removed. A
// Faraday bag silences it without an event (only the comm-loss rule catches it); a detour shows in
// the reported positions. Rechargeable battery drained per report.
#include "models/corridor/device.hpp"

namespace porttwin::corridor {

namespace {
class Active : public DeviceBehaviour {
 public:
  using DeviceBehaviour::DeviceBehaviour;
  bool reports() const override { return config_.real_time; }
  bool event_alarm(AttackKind attack, AlarmKind& alarm) const override {
    if (!config_.real_time) return false;
    if (attack == AttackKind::DoorOpening) alarm = AlarmKind::IllegalOpening;
    else if (attack == AttackKind::DeviceRemoval) alarm = AlarmKind::CableCut;
    else return false;
    return true;
  }
  bool checkpoint_reveals(AttackKind attack, bool read_ok) const override { return read_reveals(attack, read_ok); }
};
}  // namespace

std::unique_ptr<DeviceBehaviour> make_active(const DeviceTypeConfig& config) { return std::make_unique<Active>(config); }

}  // namespace porttwin::corridor
