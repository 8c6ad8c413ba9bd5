// Active e-lock: GPS + cellular, reports position and status at its interval when `real_time`, and
// sends events at once: illegal opening when the doors are opened, cable cut when it is removed. A
// Faraday bag silences it without an event (only the comm-loss rule catches it); a detour shows in
// the reported positions. Rechargeable battery drained per report.
#include "models/corridor/device.hpp"

namespace porttwin::corridor {

namespace {
class Active : public DeviceBehaviour {  // the interface's defaults are the active e-lock's
 public:
  using DeviceBehaviour::DeviceBehaviour;
};
}  // namespace

std::unique_ptr<DeviceBehaviour> make_active(const DeviceTypeConfig& config) { return std::make_unique<Active>(config); }

}  // namespace porttwin::corridor
