#include "models/nii/primary_lanes.hpp"

namespace porttwin::nii {

PrimaryLanes::PrimaryLanes(Simulation& sim, const NiiConfig& c, simgrid::s4u::Host* host)
    : rpm_(sim, {"nii.rpm", c.rpm.lanes, c.rpm.scan_time, false, -1, std::nullopt, "boxes"}, host),
      adjudication_(sim,
                    {"nii.rpm.adjudication", c.rpm.adjudication.officers, c.rpm.adjudication.review, false, -1,
                     std::nullopt, "boxes"},
                    host),
      xray_(sim, {"nii.xray", c.xray.lanes, c.xray.scan_time, false, -1, std::nullopt, "boxes"}, host),
      analysts_(sim, {"nii.analysts", c.xray.analysts, c.xray.review, false, -1, std::nullopt, "boxes"}, host) {}

void PrimaryLanes::start() {
  rpm_.start();
  adjudication_.start();
  xray_.start();
  analysts_.start();
}

double PrimaryLanes::units_per_busy_hour(const Station& s, double now, double warmup) {
  const double busy_hours = s.busy_servers().mean(now) * (now - warmup) / 3600.0;
  return busy_hours > 0 ? static_cast<double>(s.completions()) / busy_hours : 0;
}

}  // namespace porttwin::nii
