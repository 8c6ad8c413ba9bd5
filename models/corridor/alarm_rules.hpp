// The alarm rules the supervision centre applies where the data arrives. Per periodic report, O(1)
// (plus the route's few stations while a vehicle stands still): route deviation (geofence around the
// route polyline), low battery and device malfunction as the device reports them, illegal stay
// (standing still away from any station of the route longer than a limit) and overtime stay (standing
// at a station longer than a limit). Per scan of a device type's in-transit trips (once a report
// interval): no communication within the comm-loss time, and journey timeout (departure longer ago
// than the declared transit time). Each fires at most once per trip.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "models/corridor/corridor_config.hpp"
#include "models/corridor/geometry.hpp"
#include "models/corridor/report.hpp"
#include "models/corridor/trip.hpp"

namespace porttwin::corridor {

// What the rules know of a route: its polyline, its stations' positions and the declared transit time.
struct RouteFacts {
  Polyline line;
  std::vector<LatLon> stations;
  double declared_time = 0;  // s
};

class AlarmRules {
 public:
  using Raise = std::function<void(std::size_t trip, AlarmKind kind, double now)>;

  AlarmRules(const SupervisionConfig& config, const std::vector<RouteFacts>& routes, Raise raise);

  void report(std::uint32_t index, Trip& trip, const Report& r, double now) const;
  void scan(std::uint32_t index, Trip& trip, double now) const;
  // Journey timeout checked by the destination's customs system for devices that do not report.
  bool overdue(const Trip& trip, double now) const;

 private:
  void check_stay(std::uint32_t index, Trip& trip, LatLon at, const PointTrig& trig, double now) const;  // trig: at's
  bool near_station(const Trip& trip, LatLon at) const;

  const SupervisionConfig& config_;
  const std::vector<RouteFacts>& routes_;
  Raise raise_;
};

}  // namespace porttwin::corridor
