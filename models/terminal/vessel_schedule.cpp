#include "models/terminal/vessel_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace porttwin::terminal {

namespace {
constexpr double kWeek = 7 * 86400.0;

std::vector<VesselCall> logged_calls(const VesselConfig& config, double calendar_start) {
  const CallLog& log = *config.arrivals.calls;
  const double offset = log.log->calendar ? calendar_start : 0;
  std::vector<VesselCall> calls;
  for (const LoggedCall& c : log.calls) {
    const double arrival = log.log->times[c.row] - offset;
    if (arrival < 0) continue;  // before the run: not a call of it
    const ServiceConfig& s = config.services[static_cast<std::size_t>(c.service)];
    VesselCall call;
    call.index = static_cast<int>(calls.size());
    call.log_row = static_cast<int>(c.row);
    call.service = s.name;
    call.service_index = c.service;
    call.arrival = arrival;
    call.scheduled = c.scheduled - offset;
    call.week = static_cast<int>(std::floor(call.scheduled / kWeek));
    call.discharge = c.discharge >= 0 ? c.discharge : s.discharge;
    call.load = c.load >= 0 ? c.load : s.load;
    call.cranes = s.cranes;
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace

int next_call_of_service(const std::vector<VesselCall>& calls, int call) {
  const int service = calls[static_cast<std::size_t>(call)].service_index;
  for (std::size_t i = static_cast<std::size_t>(call) + 1; i < calls.size(); ++i) {
    if (calls[i].service_index == service) return static_cast<int>(i);
  }
  return -1;
}

std::vector<VesselCall> vessel_calls(const VesselConfig& config, double horizon, double calendar_start,
                                     rng::Stream& stream) {
  if (config.arrivals.process == "trace") return logged_calls(config, calendar_start);
  std::vector<VesselCall> calls;
  for (int week = 0; week * kWeek < horizon + kWeek; ++week) {
    for (const ServiceConfig& s : config.services) {
      VesselCall call;
      call.index = static_cast<int>(calls.size());
      call.week = week;
      call.service = s.name;
      call.service_index = static_cast<int>(&s - config.services.data());
      call.scheduled = week * kWeek + s.arrival;
      call.arrival = std::max(0.0, call.scheduled + config.arrival_delay.sample(stream));
      call.discharge = s.discharge;
      call.load = s.load;
      call.cranes = s.cranes;
      calls.push_back(std::move(call));
    }
  }
  return calls;
}

}  // namespace porttwin::terminal
