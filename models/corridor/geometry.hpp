// Corridor geometry on the sphere: great-circle distance (haversine, mean Earth radius), polylines of
// lat/lon waypoints, the position a given distance along a polyline, and the distance from a point
// to a polyline (the route-deviation geofence). Distances in km, angles in degrees.
#pragma once

#include <vector>

namespace porttwin::corridor {

inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

struct LatLon {
  double lat = 0;
  double lon = 0;
};

double great_circle_km(LatLon a, LatLon b);

// The point `fraction` (0..1) of the way from a to b along the great circle.
LatLon interpolate(LatLon a, LatLon b, double fraction);

// Initial bearing from a to b, degrees clockwise from north.
double bearing_deg(LatLon a, LatLon b);

// The point `km` from a towards `bearing_deg` (clockwise from north).
LatLon destination(LatLon a, double bearing_deg, double km);

class Polyline {
 public:
  Polyline() = default;
  explicit Polyline(std::vector<LatLon> points);

  const std::vector<LatLon>& points() const { return points_; }
  double length_km() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  // The point `km` along the line (clamped to its ends).
  LatLon at(double km) const;
  // Shortest distance from p to any segment of the line, km (local equirectangular projection
  // around each segment: exact enough for geofence tolerances of metres to a few km).
  double distance_to(LatLon p) const;

 private:
  std::vector<LatLon> points_;
  std::vector<double> cumulative_;  // km from the start to each point
};

}  // namespace porttwin::corridor
