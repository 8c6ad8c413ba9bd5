// Corridor trips from a real trip log (`corridor.trips: {process: trace}`): one row a trip leaving
// its route's first station, its time, its route and the device type it is sealed with, instead of
// each flow drawing its trips (trips_per_day, profile). A row's route and device name the flow whose
// procedure, cargo, fleet and risk its trip takes: the first flow of the corridor's own with that
// route and device (with no device column, that route's first flow). A route, a device type or a
// pair no flow has is refused at the row's file:line when the scenario is read.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/trace_log.hpp"

namespace porttwin::corridor {

struct CorridorConfig;

struct TripLog {
  std::shared_ptr<const scenario::TraceLog> log;
  std::vector<int> flows;  // per row: the index in corridor.flows
};

struct TripArrivalsConfig {
  std::string process = "flows";  // flows (each flow draws its trips) | trace (a trip log)
  scenario::TraceColumns log{{{"route", "route"}, {"device", "device"}}};
  std::shared_ptr<const TripLog> trips;  // trace: read by check
};

void declare(scenario::Section& trips, TripArrivalsConfig& config);
// Reads the log and resolves each row's flow (the flows' routes and devices resolved already).
void check(TripArrivalsConfig& config, const CorridorConfig& corridor, const std::string& path,
           scenario::Diagnostics& diagnostics);

}  // namespace porttwin::corridor
