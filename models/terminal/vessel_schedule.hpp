// The vessel calls of a run: every weekly service calls once a week from the scenario start, at its
// scheduled time plus a drawn delay. Calls are generated up front, one week beyond the horizon, so
// that the exports of a call due just after the horizon are still delivered before it. With a
// schedule log (call_log.hpp) the calls are its rows from the run's start on, each arriving at its
// logged time (rows after the horizon are calls too: exports are delivered for them).
#pragma once

#include <string>
#include <vector>

#include "models/terminal/terminal_config.hpp"
#include "models/yard/container.hpp"
#include "sim/random/stream.hpp"

namespace porttwin::terminal {

struct VesselCall {
  int index = 0;
  int week = 0;  // of the run (weekly calls: the week it was generated for)
  int log_row = -1;  // the schedule log's row it is (-1: a weekly call)
  std::string service;
  int service_index = 0;  // in vessels.services
  double scheduled = 0;  // s, the planned arrival: what the yard plans export stacking by
  double arrival = 0;    // s, the actual arrival (never before 0)
  int discharge = 0;
  int load = 0;
  int cranes = 1;
  // Filled as the run goes.
  std::vector<yard::ContainerId> exports;  // delivered to the yard for this call
  bool berthed = false;
  double berth_time = -1, departure = -1;
  int berth = -1;
  int discharged = 0;     // boxes discharged so far
  bool gone = false;      // left before the run began (a run from a snapshot)
  bool restored = false;  // at berth or waiting when the run began from a snapshot
};

// `calendar_start`: the calendar time of the run's t = 0 (a log's date-times are calendar times).
std::vector<VesselCall> vessel_calls(const VesselConfig& config, double horizon, double calendar_start,
                                     rng::Stream& stream);
// The next call of `call`'s service after it (-1: none in the run).
int next_call_of_service(const std::vector<VesselCall>& calls, int call);

}  // namespace porttwin::terminal
