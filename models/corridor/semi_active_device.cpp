// Semi-active e-seal: a small battery that extends the read range (5-10 m) but no telemetry; like
// the passive seal, tampering is seen only at the next reader checkpoint.
#include "models/corridor/device.hpp"

namespace porttwin::corridor {

namespace {
class SemiActive : public ReaderOnlyDevice {
 public:
  using ReaderOnlyDevice::ReaderOnlyDevice;
};
}  // namespace

std::unique_ptr<DeviceBehaviour> make_semi_active(const DeviceTypeConfig& config) {
  return std::make_unique<SemiActive>(config);
}

}  // namespace porttwin::corridor
