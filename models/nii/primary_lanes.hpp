// The primary lanes as porttwin Stations (servers sharing a queue each, driven by SimGrid timers):
// radiation portal monitors, the officers who adjudicate a portal's alarm at primary (the truck
// waits aside), X-ray/gamma scanner lanes, and the image analysts who review every scan (the box
// waits in a holding lane for the decision). Capacity is measured as units per busy
// lane-hour, the figure the 150-200 units/h/lane calibration range is about.
#pragma once

#include "models/nii/nii_config.hpp"
#include "sim/engine/station.hpp"

namespace porttwin::nii {

class PrimaryLanes {
 public:
  PrimaryLanes(Simulation& sim, const NiiConfig& config, simgrid::s4u::Host* host);
  void start();

  Station& rpm() { return rpm_; }
  Station& adjudication() { return adjudication_; }
  const Station& adjudication() const { return adjudication_; }
  Station& xray() { return xray_; }
  Station& analysts() { return analysts_; }
  const Station& rpm() const { return rpm_; }
  const Station& xray() const { return xray_; }
  const Station& analysts() const { return analysts_; }

  // Completions per busy server-hour after warm-up (0 when the station was never busy).
  static double units_per_busy_hour(const Station& station, double now, double warmup);

 private:
  Station rpm_, adjudication_, xray_, analysts_;
};

}  // namespace porttwin::nii
