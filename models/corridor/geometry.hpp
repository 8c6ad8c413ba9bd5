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

// A point's trigonometry, computed once for a polyline's vertices (interpolation along the line
// then needs no cos/sin of its ends: same values, so the same bits, as computing them each time).
struct PointTrig {
  double cos_lat = 1, sin_lat = 0, cos_lon = 1, sin_lon = 0;
};
PointTrig point_trig(LatLon p);
Vec3 unit_vector(const PointTrig& t);  // the point on the unit sphere

// Whether great_circle_km of the two points (unit vectors a, b) is certainly not below `km`, from
// their chord alone (no trigonometry): the chord is never longer than the arc, and the margin covers
// the rounding of both computations. False means "compute it": it does not say they are close.
bool surely_apart(Vec3 a, Vec3 b, double km);

double great_circle_km(LatLon a, LatLon b);
// The same, bit for bit, with cos(latitude) of each point already known.
double great_circle_km(LatLon a, double cos_lat_a, LatLon b, double cos_lat_b);

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
  // Whether distance_to(p) > limit_km, the same answer, but trying first only the segments within
  // `near_km` of `km_hint` along the line (where p is expected): a point well inside the limit of a
  // subset of the segments is inside it for the whole line; otherwise the whole line decides.
  bool beyond(LatLon p, double limit_km, double km_hint, double near_km) const;
  bool beyond(const PointTrig& p, double limit_km, double km_hint, double near_km) const;  // p's trig known

 private:
  std::vector<LatLon> points_;
  std::vector<double> cumulative_;  // km from the start to each point
  std::vector<Vec3> units_;         // each point on the unit sphere
  std::vector<Vec3> normals_;       // per segment i-1..i: unit normal of its great circle (zero if degenerate)
  std::vector<PointTrig> trig_;     // each point's cos/sin of lat and lon
  std::vector<double> arcs_;        // per segment i-1..i: its angle (great_circle_km / radius), rad
  std::vector<double> arc_sines_;   // ... and that angle's sine

  struct Nearest {  // the closest vertex (squared chord) and segment foot (sine of the angle) seen
    double chord2 = 4, across = 2;
  };
  void visit(Vec3 v, std::size_t first_segment, std::size_t end_segment, Nearest& n) const;
  static double km_of(const Nearest& n);
};

}  // namespace porttwin::corridor
