// Passive RFID e-seal: no battery, read only in a reader's field (up to 2 m), write-once; tampering
// is seen only when the device is read at the next checkpoint.
#include "models/corridor/device.hpp"

namespace porttwin::corridor {

namespace {
class Passive : public ReaderOnlyDevice {
 public:
  using ReaderOnlyDevice::ReaderOnlyDevice;
  bool stamps_events(double) const override { return false; }  // write-once: broken, not when
};
}  // namespace

std::unique_ptr<DeviceBehaviour> make_passive(const DeviceTypeConfig& config) { return std::make_unique<Passive>(config); }

std::unique_ptr<DeviceBehaviour> make_device(const DeviceTypeConfig& config) {
  if (config.type == "semi_active") return make_semi_active(config);
  if (config.type == "active") return make_active(config);
  if (config.type == "smart_container") return make_smart_container(config);
  return make_passive(config);
}

}  // namespace porttwin::corridor
