// What device logistics needs to know about the corridor it serves: where the stations are, which
// routes link them (length, border crossings), the device types and the business volume (flows).
// The corridor model fills it in; logistics never reads the corridor's configuration itself.
#pragma once

#include <string>
#include <vector>

#include "models/corridor/geometry.hpp"

namespace porttwin::logistics {

struct CorridorLayout {
  struct Station {
    std::string name;
    corridor::LatLon where;
  };
  struct Route {
    std::string name;
    int from = 0;
    int to = 0;
    double km = 0;
    bool crosses_border = false;
  };
  struct DeviceType {
    std::string name;
    double capacity = 0;       // Ah of a new device
    int trips_per_device = 1;  // 1: one-off, consumed at the destination
  };
  struct Flow {
    int route = 0;
    int device = 0;
    double per_day = 0;
  };
  std::vector<Station> stations;
  std::vector<Route> routes;
  std::vector<DeviceType> devices;
  std::vector<Flow> flows;
};

}  // namespace porttwin::logistics
