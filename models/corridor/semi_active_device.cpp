// Semi-active e-seal: a small battery that extends the read range (5-10 m) but no telemetry; like
// the passive seal, tampering is seen only at the next reader checkpoint.
#include "models/corridor/device.hpp"

namespace porttwin::corridor {

namespace {
class SemiActive : public DeviceBehaviour {
 public:
  using DeviceBehaviour::DeviceBehaviour;
  bool reports() const override { return false; }
  bool event_alarm(AttackKind, AlarmKind&) const override { return false; }
  bool checkpoint_reveals(AttackKind attack, bool read_ok) const override { return read_reveals(attack, read_ok); }
  double battery_after_report(double battery) const override { return battery; }
};
}  // namespace

std::unique_ptr<DeviceBehaviour> make_semi_active(const DeviceTypeConfig& config) {
  return std::make_unique<SemiActive>(config);
}

}  // namespace porttwin::corridor
