#include "models/port/port_config.hpp"

#include <algorithm>

#include "models/scenario.hpp"
#include "sim/scenario/name_resolution.hpp"

namespace porttwin::port {

void declare(scenario::Section& p, PortConfig& c) {
  p.reference("station", c.station, "Corridor station at the port: its staff seal the transit boxes, its store "
                                    "lends the devices")
      .required();
  p.choice("lock_wait", c.lock_wait, kLockWaitActions,
           "A transit truck finding no device ready at the port store: wait (at the gate, until the store gives "
           "one or its fallback) or rebook (leave, and come back rebook_lead after the device is ready)");
  p.duration("rebook_lead", c.rebook_lead, "How long after its device is ready a rebooked truck comes").min(0);
}

namespace {

std::string transit_path(std::size_t service, std::size_t entry) {
  return "terminal.vessels.services[" + std::to_string(service) + "].transit[" + std::to_string(entry) + "]";
}

bool has_store(const corridor::CorridorConfig& c, int station, int device) {
  return std::any_of(c.logistics.stores.begin(), c.logistics.stores.end(), [&](const logistics::StoreConfig& s) {
    return s.station.index == station && s.device.index == device;
  });
}

}  // namespace

double expected_trips_per_day(const Scenario& s, int route, int device) {
  const auto& v = s.terminal.vessels;
  const double full = std::max(0.0, 1 - v.discharge_empty_share);
  double per_week = 0;
  for (const auto& service : v.services) {
    for (const auto& t : service.transit) {
      if (t.route.index == route && t.device.index == device) per_week += service.discharge * full * t.share;
    }
  }
  return per_week / 7;
}

void check_transit_needs_port(const Scenario& s, scenario::Diagnostics& d) {
  if (s.has_port) return;
  const auto& services = s.terminal.vessels.services;
  for (std::size_t i = 0; i < services.size(); ++i) {
    if (!services[i].transit.empty()) {
      d.error("terminal.vessels.services[" + std::to_string(i) + "].transit",
              "found transit boxes, expected a port: section naming the corridor station that seals them");
      return;
    }
  }
}

void check(Scenario& s, scenario::Diagnostics& d) {
  if (!s.has_terminal || !s.has_corridor) {
    d.error("port", "found a port: section, expected a terminal: and a corridor: section for it to couple");
    return;
  }
  corridor::CorridorConfig& c = s.corridor;
  scenario::resolve_name(s.port.station, scenario::names_of(c.stations), "station", d);
  if (s.port.station.index < 0) return;
  auto& services = s.terminal.vessels.services;
  for (std::size_t i = 0; i < services.size(); ++i) {
    for (std::size_t j = 0; j < services[i].transit.size(); ++j) {
      auto& t = services[i].transit[j];
      const std::string path = transit_path(i, j);
      scenario::resolve_name(t.route, scenario::names_of(c.routes), "route", d);
      if (!t.commodity.name.empty()) {
        if (!s.has_nii || s.nii.feed != "terminal") {
          d.error(path + ".commodity", "found a commodity class, expected an nii: section fed by the terminal "
                                       "(its declarations name the commodity)");
        } else {
          scenario::resolve_name(t.commodity, scenario::names_of(s.nii.commodities), "commodity class", d);
        }
      }
      if (t.device.name.empty()) t.device.index = 0;
      else scenario::resolve_name(t.device, scenario::names_of(c.devices), "device type", d);
      if (t.route.index < 0 || t.device.index < 0) continue;
      const auto& route = c.routes[static_cast<std::size_t>(t.route.index)];
      if (route.from.index != s.port.station.index) {
        d.error(path + ".route", "found route \"" + route.name + "\" starting at \"" + route.from.name +
                                     "\", expected a route from the port's station \"" + s.port.station.name + "\"");
        continue;
      }
      if (c.has_logistics && !has_store(c, route.from.index, t.device.index)) {
        d.error(path + ".device", "found device type \"" + c.devices[static_cast<std::size_t>(t.device.index)].name +
                                      "\", expected a store for it at \"" + s.port.station.name +
                                      "\" in corridor.logistics.stores");
        continue;
      }
      // One corridor flow per route and device type the transit boxes use.
      auto flow = std::find_if(c.flows.begin(), c.flows.end(), [&](const corridor::FlowConfig& f) {
        return f.from_port && f.route.index == t.route.index && f.device.index == t.device.index;
      });
      if (flow == c.flows.end()) {
        corridor::FlowConfig f;
        f.route = t.route;
        f.device = t.device;
        f.device.name = c.devices[static_cast<std::size_t>(t.device.index)].name;
        f.from_port = true;
        f.cargo = "transit";
        corridor::check_procedure(c, f, path + ".route", d);
        c.flows.push_back(f);
        flow = c.flows.end() - 1;
      }
      t.flow = static_cast<int>(flow - c.flows.begin());
    }
  }
  bool any = false;
  for (auto& f : c.flows) {
    // The corridor's own flows into the port's station carry exports to the terminal.
    if (!f.from_port && f.route.index >= 0) {
      const auto& legs = c.routes[static_cast<std::size_t>(f.route.index)].legs;
      f.to_port = !legs.empty() && legs.back().to.index == s.port.station.index;
    }
    if (!f.from_port) continue;
    any = true;
    f.trips_per_day = expected_trips_per_day(s, f.route.index, f.device.index);
  }
  if (!any && d.ok()) {
    d.error("port", "found no transit boxes, expected a transit share in at least one of "
                    "terminal.vessels.services[].transit");
  }
}

}  // namespace porttwin::port
