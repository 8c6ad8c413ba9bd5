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
#include "viz/core/palette.hpp"

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

struct MapAlarmKind {
  std::string name;  // route_deviation, no_communication, ...
  int grade = 0;     // 1 info, 2 warning, 3 critical
};

struct CorridorMap {
  std::vector<MapStation> stations;
  std::vector<MapRoute> routes;
  std::vector<MapDeviceType> device_types;
  std::vector<MapAlarmKind> alarm_kinds;  // by ALARM detail; empty in files written before grades were
  // The grade of alarm kind `alarm` (1-3); 0 when unknown (no alarm, or an older file).
  int grade(int alarm) const {
    return alarm >= 0 && static_cast<std::size_t>(alarm) < alarm_kinds.size() ? alarm_kinds[static_cast<std::size_t>(alarm)].grade : 0;
  }
};

// A device's colour on the map: by its last alarm's grade when `by_grade` and the file has the
// grades, else by its last alarm's kind; a device without an alarm in its type's colour.
inline Rgb marker_colour(const CorridorMap& map, int alarm, const std::string& type, bool by_grade) {
  if (by_grade && !map.alarm_kinds.empty()) return device_grade_colour(map.grade(alarm), type);
  return device_colour(alarm, type);
}

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
// Radius of a patrol unit's hexagon (px).
inline constexpr float kPatrolSize = 7;
// Where the map draws the `slot`-th of the units waiting at a base drawn at `base` (px): in a row
// under the station's marker, so that they do not hide it.
inline Vec2 patrol_at_base(Vec2 base, int slot) {
  return {base.x - kStationSize + static_cast<float>(slot) * (2 * kPatrolSize + 3), base.y + kStationSize + kPatrolSize + 5};
}

// The corridor panel in a window of width x height: the map's canvas above a legend strip (as the
// yard plan's).
inline Rect corridor_panel_canvas(float x0, float y0, float width, float height) {
  return yard_panel_canvas(x0, y0, width, height);
}

}  // namespace porttwin::viz
