#include "models/corridor/trip_log.hpp"

#include "models/corridor/corridor_config.hpp"

namespace porttwin::corridor {

void declare(scenario::Section& s, TripArrivalsConfig& c) {
  s.choice("process", c.process, {"flows", "trace"},
           "Where the corridor's own trips come from: flows (each flow's trips_per_day and profile) or trace (the "
           "trips of a log, leaving at their logged times)");
  scenario::declare_trace(s, c.log, "trip",
                          {"trace: the column of the trip's route (a name in routes)",
                           "trace: the column of the device type it is sealed with (a name in devices; \"\": the "
                           "route's first flow's)"});
}

void check(TripArrivalsConfig& c, const CorridorConfig& corridor, const std::string& path, scenario::Diagnostics& d) {
  if (c.process != "trace") return;
  const auto log = scenario::read_trace_log(c.log, path, d);
  if (!log) return;
  if (c.log.column("route").empty()) {
    d.error(path + ".columns.route", "found none, expected the log's column of routes");
    return;
  }
  std::vector<std::string> routes, devices, pairs;
  for (const auto& r : corridor.routes) routes.push_back(r.name);
  for (const auto& t : corridor.devices) devices.push_back(t.name);
  for (const auto& f : corridor.flows) {
    if (!f.from_port) pairs.push_back(f.route.name + " with " + f.device.name);
  }
  const bool by_device = !c.log.column("device").empty();
  auto index_of = [](const std::vector<std::string>& names, const std::string& name) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  auto trips = std::make_shared<TripLog>();
  trips->log = log;
  scenario::TraceErrors errors(d, path, *log);
  for (std::size_t i = 0; i < log->times.size(); ++i) {
    const std::string& route_name = log->values[0][i];
    const std::string& device_name = log->values[1][i];
    const int route = index_of(routes, route_name);
    const int device = by_device ? index_of(devices, device_name) : -1;
    if (route < 0) {
      errors.row(i, scenario::found_in_column(route_name, c.log.column("route"), routes) + " (the names of corridor.routes)");
      continue;
    }
    if (by_device && device < 0) {
      errors.row(i, scenario::found_in_column(device_name, c.log.column("device"), devices) +
                        " (the names of corridor.devices)");
      continue;
    }
    int flow = -1;
    for (std::size_t f = 0; f < corridor.flows.size() && flow < 0; ++f) {
      const FlowConfig& candidate = corridor.flows[f];
      if (!candidate.from_port && candidate.route.index == route && (!by_device || candidate.device.index == device)) {
        flow = static_cast<int>(f);
      }
    }
    if (flow < 0) {
      std::string list;
      for (std::size_t p = 0; p < pairs.size(); ++p) list += (p ? ", " : "") + pairs[p];
      errors.row(i, "found route " + route_name + (by_device ? " with " + device_name : std::string()) +
                        ", expected the route" + (by_device ? " and device" : "") + " of a flow of corridor.flows (" +
                        list + ")");
      continue;
    }
    trips->flows.push_back(flow);
  }
  errors.finish();
  if (!errors.any()) c.trips = trips;
}

}  // namespace porttwin::corridor
