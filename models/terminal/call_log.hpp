// Vessel calls from a schedule log (`terminal.vessels.arrivals: {process: trace}`): one row a call,
// its arrival time, its service (a name of terminal.vessels.services, which says the line, cranes and
// transit shares) and its moves, instead of every service calling once a week with a drawn delay.
// The call arrives at its logged time exactly; its scheduled arrival (what export stacking plans by)
// is its own column, or the logged time when the log has none.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/trace_log.hpp"

namespace porttwin::terminal {

struct LoggedCall {
  std::size_t row = 0;  // in the log
  int service = 0;      // index in terminal.vessels.services
  int discharge = -1, load = -1;  // -1: the service's
  double scheduled = 0;           // in the log's time kind (as TraceLog::times)
};

struct CallLog {
  std::shared_ptr<const scenario::TraceLog> log;
  std::vector<LoggedCall> calls;  // per row
};

struct VesselArrivalsConfig {
  std::string process = "weekly";  // weekly (every service once a week) | trace (a schedule log)
  scenario::TraceColumns log{{{"service", "service"}, {"discharge", "discharge"}, {"load", "load"}, {"scheduled", "none"}}};
  std::shared_ptr<const CallLog> calls;  // trace: read by check
};

void declare(scenario::Section& arrivals, VesselArrivalsConfig& config);
// Reads and checks the log against the services' names (errors at `path`, rows at file:line).
void check(VesselArrivalsConfig& config, const std::vector<std::string>& services, const std::string& path,
           scenario::Diagnostics& diagnostics);

}  // namespace porttwin::terminal
