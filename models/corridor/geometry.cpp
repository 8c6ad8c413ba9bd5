#include "models/corridor/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace porttwin::corridor {

namespace {
constexpr double kPi = 3.14159265358979323846;
double rad(double deg) { return deg * kPi / 180.0; }
double deg(double r) { return r * 180.0 / kPi; }

Vec3 unit(LatLon p) { return unit_vector(point_trig(p)); }
Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

// The point `f` of the way along the arc of angle `d` (rad, sine `s`) from a to b. Every caller passes the
// same d, trig values and expression order, so the result is bit-identical however they were cached.
LatLon slerp(LatLon a, const PointTrig& ta, const PointTrig& tb, double d, double s, double f) {
  if (d < 1e-12) return a;
  const double wa = std::sin((1 - f) * d) / s, wb = std::sin(f * d) / s;
  const double x = wa * ta.cos_lat * ta.cos_lon + wb * tb.cos_lat * tb.cos_lon;
  const double y = wa * ta.cos_lat * ta.sin_lon + wb * tb.cos_lat * tb.sin_lon;
  const double z = wa * ta.sin_lat + wb * tb.sin_lat;
  return {deg(std::atan2(z, std::sqrt(x * x + y * y))), deg(std::atan2(y, x))};
}
}  // namespace

PointTrig point_trig(LatLon p) {
  const double la = rad(p.lat), lo = rad(p.lon);
  return {std::cos(la), std::sin(la), std::cos(lo), std::sin(lo)};
}

Vec3 unit_vector(const PointTrig& t) { return {t.cos_lat * t.cos_lon, t.cos_lat * t.sin_lon, t.sin_lat}; }

// Only below a chord of one radius (60 degrees of arc), where the haversine is well-conditioned: its
// error and the unit vectors' are then below 1e-12 km and a relative 1e-12, far inside the margin.
bool surely_apart(Vec3 a, Vec3 b, double km) {
  const Vec3 d{a.x - b.x, a.y - b.y, a.z - b.z};
  const double chord = std::sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
  return chord < 1 && chord * kEarthRadiusKm > km * (1 + 1e-9) + 1e-9;
}

double great_circle_km(LatLon a, LatLon b) { return great_circle_km(a, std::cos(rad(a.lat)), b, std::cos(rad(b.lat))); }

double great_circle_km(LatLon a, double cos_lat_a, LatLon b, double cos_lat_b) {
  const double dlat = rad(b.lat - a.lat), dlon = rad(b.lon - a.lon);
  const double half_lat = std::sin(dlat / 2), half_lon = std::sin(dlon / 2);
  const double h = half_lat * half_lat + cos_lat_a * cos_lat_b * half_lon * half_lon;
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

LatLon interpolate(LatLon a, LatLon b, double f) {
  const double d = great_circle_km(a, b) / kEarthRadiusKm;
  if (d < 1e-12) return a;
  return slerp(a, point_trig(a), point_trig(b), d, std::sin(d), f);
}

double bearing_deg(LatLon a, LatLon b) {
  const double la = rad(a.lat), lb = rad(b.lat), dlon = rad(b.lon - a.lon);
  return deg(std::atan2(std::sin(dlon) * std::cos(lb), std::cos(la) * std::sin(lb) - std::sin(la) * std::cos(lb) * std::cos(dlon)));
}

LatLon destination(LatLon a, double bearing_deg, double km) {
  const double d = km / kEarthRadiusKm, t = rad(bearing_deg), la = rad(a.lat), oa = rad(a.lon);
  const double lb = std::asin(std::sin(la) * std::cos(d) + std::cos(la) * std::sin(d) * std::cos(t));
  const double ob = oa + std::atan2(std::sin(t) * std::sin(d) * std::cos(la), std::cos(d) - std::sin(la) * std::sin(lb));
  return {deg(lb), deg(ob)};
}

Polyline::Polyline(std::vector<LatLon> points) : points_(std::move(points)) {
  double total = 0;
  for (std::size_t i = 0; i < points_.size(); ++i) {
    units_.push_back(unit(points_[i]));
    trig_.push_back(point_trig(points_[i]));
    if (i > 0) {
      const double km = great_circle_km(points_[i - 1], points_[i]);
      total += km;
      arcs_.push_back(km / kEarthRadiusKm);
      arc_sines_.push_back(std::sin(arcs_.back()));
      Vec3 n = cross(units_[i - 1], units_[i]);
      const double nn = std::sqrt(dot(n, n));
      normals_.push_back(nn < 1e-15 ? Vec3{} : Vec3{n.x / nn, n.y / nn, n.z / nn});
    }
    cumulative_.push_back(total);
  }
}

LatLon Polyline::at(double km) const {
  if (points_.empty()) return {};
  if (km <= 0) return points_.front();
  if (km >= length_km()) return points_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), km);
  const std::size_t i = static_cast<std::size_t>(it - cumulative_.begin());  // segment i-1 .. i
  const double seg = cumulative_[i] - cumulative_[i - 1];
  return slerp(points_[i - 1], trig_[i - 1], trig_[i], arcs_[i - 1], arc_sines_[i - 1],
               seg > 0 ? (km - cumulative_[i - 1]) / seg : 0);
}

// Vertices first..end (segments' ends included) and segments first..end-1 (segment i: i..i+1).
void Polyline::visit(Vec3 v, std::size_t first, std::size_t end, Nearest& n) const {
  // Chord length to each vertex, turned into an arc once at the end.
  for (std::size_t i = first; i <= end && i < units_.size(); ++i) {
    const Vec3 d{v.x - units_[i].x, v.y - units_[i].y, v.z - units_[i].z};
    n.chord2 = std::min(n.chord2, dot(d, d));
  }
  for (std::size_t i = first + 1; i <= end && i < units_.size(); ++i) {
    const Vec3 nrm = normals_[i - 1];
    if (nrm.x == 0 && nrm.y == 0 && nrm.z == 0) continue;
    // The foot of the perpendicular from p to the segment's great circle, if it falls inside the segment.
    const double across = dot(v, nrm);  // sine of the angular distance to the great circle
    const Vec3 foot = {v.x - across * nrm.x, v.y - across * nrm.y, v.z - across * nrm.z};
    if (dot(cross(units_[i - 1], foot), nrm) >= 0 && dot(cross(foot, units_[i]), nrm) >= 0) {
      n.across = std::min(n.across, std::abs(across));
    }
  }
}

double Polyline::km_of(const Nearest& n) {
  const double vertex = 2 * std::asin(std::min(1.0, std::sqrt(n.chord2) / 2));
  const double segment = n.across <= 1 ? std::asin(n.across) : vertex;
  return kEarthRadiusKm * std::min(vertex, segment);
}

double Polyline::distance_to(LatLon p) const {
  if (points_.empty()) return std::numeric_limits<double>::infinity();
  Nearest n;
  visit(unit(p), 0, units_.size() - 1, n);
  return km_of(n);
}

// The subset's minima are no smaller than the whole line's (each element is computed the same way),
// so its distance bounds the line's from above; the margin covers asin's last-bit non-monotonicity.
bool Polyline::beyond(LatLon p, double limit_km, double km_hint, double near_km) const {
  return beyond(point_trig(p), limit_km, km_hint, near_km);
}

bool Polyline::beyond(const PointTrig& p, double limit_km, double km_hint, double near_km) const {
  if (points_.empty()) return std::numeric_limits<double>::infinity() > limit_km;
  const Vec3 v = unit_vector(p);
  const auto lo = std::lower_bound(cumulative_.begin(), cumulative_.end(), km_hint - near_km);
  const auto hi = std::upper_bound(lo, cumulative_.end(), km_hint + near_km);
  const std::size_t first = lo == cumulative_.begin() ? 0 : static_cast<std::size_t>(lo - cumulative_.begin()) - 1;
  const std::size_t end = std::min(static_cast<std::size_t>(hi - cumulative_.begin()), units_.size() - 1);
  Nearest n;
  visit(v, first, end, n);
  if (km_of(n) < limit_km * (1 - 1e-9)) return false;
  n = {};
  visit(v, 0, units_.size() - 1, n);
  return km_of(n) > limit_km;
}

}  // namespace porttwin::corridor
