// What a real-time device sends the supervision centre: a periodic position and status report, or
// an event sent at once (illegal opening, cable cut, abnormal oil volume); batched per device type
// and report interval (one batch, one message over the cellular link).
#pragma once

#include <cstdint>
#include <vector>

#include "models/corridor/geometry.hpp"
#include "models/corridor/trip.hpp"

namespace porttwin::corridor {

struct Report {
  std::uint32_t trip = 0;
  LatLon position;
  double km_hint = 0;        // km along the route where the simulator has the vehicle: only where the
                             // geofence looks first (Polyline::beyond), never what it decides
  bool low_battery = false;
  bool malfunction = false;  // the device's self-test reports a fault
  bool is_event = false;     // an event sent at once, not a periodic report
  AlarmKind event = AlarmKind::IllegalOpening;
};

struct ReportBatch {
  int device = -1;  // device type whose in-transit trips the centre checks for comm loss; -1: events only
  std::vector<Report> reports;
  double created = -1;  // when it was handed to the uplink (a buffered batch is stale when it arrives)
};

}  // namespace porttwin::corridor
