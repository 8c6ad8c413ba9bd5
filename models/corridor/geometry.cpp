#include "models/corridor/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace porttwin::corridor {

namespace {
constexpr double kPi = 3.14159265358979323846;
double rad(double deg) { return deg * kPi / 180.0; }
double deg(double r) { return r * 180.0 / kPi; }

Vec3 unit(LatLon p) {
  return {std::cos(rad(p.lat)) * std::cos(rad(p.lon)), std::cos(rad(p.lat)) * std::sin(rad(p.lon)), std::sin(rad(p.lat))};
}
Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
}  // namespace

double great_circle_km(LatLon a, LatLon b) {
  const double dlat = rad(b.lat - a.lat), dlon = rad(b.lon - a.lon);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(rad(a.lat)) * std::cos(rad(b.lat)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

LatLon interpolate(LatLon a, LatLon b, double f) {
  const double d = great_circle_km(a, b) / kEarthRadiusKm;
  if (d < 1e-12) return a;
  const double s = std::sin(d);
  const double wa = std::sin((1 - f) * d) / s, wb = std::sin(f * d) / s;
  const double la = rad(a.lat), oa = rad(a.lon), lb = rad(b.lat), ob = rad(b.lon);
  const double x = wa * std::cos(la) * std::cos(oa) + wb * std::cos(lb) * std::cos(ob);
  const double y = wa * std::cos(la) * std::sin(oa) + wb * std::cos(lb) * std::sin(ob);
  const double z = wa * std::sin(la) + wb * std::sin(lb);
  return {deg(std::atan2(z, std::sqrt(x * x + y * y))), deg(std::atan2(y, x))};
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
    if (i > 0) {
      total += great_circle_km(points_[i - 1], points_[i]);
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
  return interpolate(points_[i - 1], points_[i], seg > 0 ? (km - cumulative_[i - 1]) / seg : 0);
}

double Polyline::distance_to(LatLon p) const {
  if (points_.empty()) return std::numeric_limits<double>::infinity();
  // Chord length to each vertex, turned into an arc once at the end.
  const Vec3 v = unit(p);
  double best_chord2 = 4, best_across = 2;
  for (std::size_t i = 0; i < units_.size(); ++i) {
    const Vec3 d{v.x - units_[i].x, v.y - units_[i].y, v.z - units_[i].z};
    best_chord2 = std::min(best_chord2, dot(d, d));
  }
  for (std::size_t i = 1; i < units_.size(); ++i) {
    const Vec3 n = normals_[i - 1];
    if (n.x == 0 && n.y == 0 && n.z == 0) continue;
    // The foot of the perpendicular from p to the segment's great circle, if it falls inside the segment.
    const double across = dot(v, n);  // sine of the angular distance to the great circle
    const Vec3 foot = {v.x - across * n.x, v.y - across * n.y, v.z - across * n.z};
    if (dot(cross(units_[i - 1], foot), n) >= 0 && dot(cross(foot, units_[i]), n) >= 0) {
      best_across = std::min(best_across, std::abs(across));
    }
  }
  const double vertex = 2 * std::asin(std::min(1.0, std::sqrt(best_chord2) / 2));
  const double segment = best_across <= 1 ? std::asin(best_across) : vertex;
  return kEarthRadiusKm * std::min(vertex, segment);
}

}  // namespace porttwin::corridor
