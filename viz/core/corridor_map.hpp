// The corridor map's geometry: stations, route polylines and device positions in lat/lon,
// projected onto a plane in km (equirectangular around the map's centre, fine for a corridor of a
// few thousand km) and then through PlanTransform to pixels. Positions along a route are linear in
// lat/lon within each polyline segment, exactly as the map draws the route, so a device on the road
// sits on its drawn line. The corridor panel draws with these and the screenshot test samples
// pixels where they say. Colours: viz/core/palette.hpp.
#pragma once

#include <string>
#include <vector>

#include "viz/core/layout.hpp"

namespace porttwin::viz {

struct MapStation {
  std::string name, kind;  // kind: port, inland, border, rail
  double lat = 0, lon = 0;
};

struct MapRoute {
  std::string name;
  std::vector<double> lat, lon, km;  // the polyline's vertices, km from the route's start
  double length() const { return km.empty() ? 0 : km.back(); }
};

struct MapDeviceType {
  std::string name, type;  // type: passive, semi_active, active, smart_container
  bool real_time = false;
  double battery_capacity = 0;
};

struct CorridorMap {
  std::vector<MapStation> stations;
  std::vector<MapRoute> routes;
  std::vector<MapDeviceType> device_types;
};

struct LatLonPoint {
  double lat = 0, lon = 0;
};

// The point `km` along `route` (clamped to its ends).
LatLonPoint route_point(const MapRoute& route, double km);

// lat/lon to km east (x) and south (y) of the map's centre.
class MapProjection {
 public:
  MapProjection() = default;
  explicit MapProjection(const CorridorMap& map);  // centred on the stations and routes
  Vec2 to_plane(double lat, double lon) const;
  // Everything the map draws, in plane km, with a margin.
  Rect bounds() const { return bounds_; }

 private:
  double lat0_ = 0, lon0_ = 0, cos_lat0_ = 1;
  Rect bounds_{-1, -1, 1, 1};
};

// Screen radius of a device's disc and half-size of a station's marker (px).
inline constexpr float kDeviceRadius = 5;
inline constexpr float kStationSize = 7;

// The corridor panel in a window of width x height: the map's canvas above a legend strip (as the
// yard plan's).
inline Rect corridor_panel_canvas(float x0, float y0, float width, float height) {
  return yard_panel_canvas(x0, y0, width, height);
}

}  // namespace porttwin::viz
