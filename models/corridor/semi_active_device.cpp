// Semi-active e-seal: a small battery that extends the read range (5-10 m, read at speed) and keeps
// a time-stamped event log, but no telemetry: like the passive seal, tampering is seen only at the
// next reader checkpoint, and then when it happened is known. Each read takes drain_per_read; with
// an empty battery it is read like a passive tag (unpowered_range) and its log has no time stamps.
#include "models/corridor/device.hpp"

namespace porttwin::corridor {

namespace {
class SemiActive : public ReaderOnlyDevice {
 public:
  using ReaderOnlyDevice::ReaderOnlyDevice;
  double read_range(double battery) const override {
    return battery > 0 || config_.drain_per_read == 0 ? config_.read_range : config_.unpowered_range;
  }
};
}  // namespace

std::unique_ptr<DeviceBehaviour> make_semi_active(const DeviceTypeConfig& config) {
  return std::make_unique<SemiActive>(config);
}

}  // namespace porttwin::corridor
