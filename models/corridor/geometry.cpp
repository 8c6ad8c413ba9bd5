#include "models/corridor/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace porttwin::corridor {

namespace {
constexpr double kPi = 3.14159265358979323846;
double rad(double deg) { return deg * kPi / 180.0; }
double deg(double r) { return r * 180.0 / kPi; }
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
    if (i > 0) total += great_circle_km(points_[i - 1], points_[i]);
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
  if (points_.size() == 1) return great_circle_km(p, points_.front());
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 1; i < points_.size(); ++i) {
    const LatLon a = points_[i - 1], b = points_[i];
    // Project onto the plane tangent at the segment's middle latitude (km per degree).
    const double kx = rad(1) * kEarthRadiusKm * std::cos(rad((a.lat + b.lat) / 2)), ky = rad(1) * kEarthRadiusKm;
    const double bx = (b.lon - a.lon) * kx, by = (b.lat - a.lat) * ky;
    const double px = (p.lon - a.lon) * kx, py = (p.lat - a.lat) * ky;
    const double len2 = bx * bx + by * by;
    const double t = len2 > 0 ? std::clamp((px * bx + py * by) / len2, 0.0, 1.0) : 0.0;
    best = std::min(best, great_circle_km(p, interpolate(a, b, t)));
  }
  return best;
}

}  // namespace porttwin::corridor
