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

struct Vec3 {  // a point on the unit sphere, or a normal
  double x = 0, y = 0, z = 0;
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
  // Shortest distance from p to any segment of the line (great-circle arcs), km: the cross-track
  // distance where p's foot falls inside a segment, else the distance to the nearest vertex.
  double distance_to(LatLon p) const;

 private:
  std::vector<LatLon> points_;
  std::vector<double> cumulative_;  // km from the start to each point
  std::vector<Vec3> units_;         // each point on the unit sphere
  std::vector<Vec3> normals_;       // per segment i-1..i: unit normal of its great circle (zero if degenerate)
};

}  // namespace porttwin::corridor
