#include "viz/core/corridor_map.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace porttwin::viz {

namespace {
constexpr double kKmPerDegree = 111.19492664;  // mean Earth radius 6371.0088 km
constexpr double kPi = 3.14159265358979323846;
}  // namespace

LatLonPoint route_point(const MapRoute& route, double km) {
  if (route.km.empty()) return {};
  if (km <= route.km.front()) return {route.lat.front(), route.lon.front()};
  const auto after = std::upper_bound(route.km.begin(), route.km.end(), km);
  if (after == route.km.end()) return {route.lat.back(), route.lon.back()};
  const auto i = static_cast<std::size_t>(after - route.km.begin());
  const double span = route.km[i] - route.km[i - 1];
  const double f = span > 0 ? (km - route.km[i - 1]) / span : 0;
  return {route.lat[i - 1] + f * (route.lat[i] - route.lat[i - 1]), route.lon[i - 1] + f * (route.lon[i] - route.lon[i - 1])};
}

MapProjection::MapProjection(const CorridorMap& map) {
  double lat_lo = std::numeric_limits<double>::max(), lat_hi = -lat_lo, lon_lo = lat_lo, lon_hi = -lat_lo;
  auto add = [&](double lat, double lon) {
    lat_lo = std::min(lat_lo, lat), lat_hi = std::max(lat_hi, lat);
    lon_lo = std::min(lon_lo, lon), lon_hi = std::max(lon_hi, lon);
  };
  for (const MapStation& s : map.stations) add(s.lat, s.lon);
  for (const MapRoute& r : map.routes) {
    for (std::size_t i = 0; i < r.lat.size(); ++i) add(r.lat[i], r.lon[i]);
  }
  if (lat_lo > lat_hi) return;
  lat0_ = (lat_lo + lat_hi) / 2;
  lon0_ = (lon_lo + lon_hi) / 2;
  cos_lat0_ = std::max(0.05, std::cos(lat0_ * kPi / 180));
  const Vec2 a = to_plane(lat_hi, lon_lo), b = to_plane(lat_lo, lon_hi);
  // A margin for labels and detours: 6% of the larger side, at least 20 km.
  const float margin = std::max(20.0f, 0.06f * std::max(b.x - a.x, b.y - a.y));
  bounds_ = {a.x - margin, a.y - margin, b.x + margin, b.y + margin};
}

Vec2 MapProjection::to_plane(double lat, double lon) const {
  return {static_cast<float>((lon - lon0_) * cos_lat0_ * kKmPerDegree), static_cast<float>((lat0_ - lat) * kKmPerDegree)};
}

}  // namespace porttwin::viz
