// The port and its corridor as one system (`port:` section): which corridor station is the port's
// customs station, and what a transit truck does when the port's store has no device ready. The
// boxes in transit are declared per terminal service (terminal.vessels.services[].transit); this
// section's check resolves them against the corridor and gives the corridor one flow per route
// and device type they use (FlowConfig::from_port); the corridor's own flows that end at the port's
// station carry export boxes to the terminal (FlowConfig::to_port).
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin {
struct Scenario;
}

namespace porttwin::port {

inline const std::vector<std::string> kLockWaitActions = {"wait", "rebook"};

struct PortConfig {
  scenario::NameRef station;     // the corridor station at the port: seals transit boxes, holds the store
  std::string lock_wait = "wait";  // no device ready: the truck waits at the gate, or leaves and is rebooked
  double rebook_lead = 2 * 3600.0; // s: a rebooked truck comes this long after the device is ready
};

void declare(scenario::Section& port, PortConfig& config);
// Needs the terminal and the corridor checked first (model_table.cpp orders the rows so).
void check(Scenario& s, scenario::Diagnostics& d);
// For the terminal's own check: transit shares without a port: section are an error.
void check_transit_needs_port(const Scenario& s, scenario::Diagnostics& d);

// The expected transit trips a day of one route and device: the services' weekly full discharges
// times the share, over seven days (what the corridor's device dispatcher plans with).
double expected_trips_per_day(const Scenario& s, int route, int device);

}  // namespace porttwin::port
