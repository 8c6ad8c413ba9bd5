#include "models/terminal/vessel_schedule.hpp"

#include <algorithm>

namespace porttwin::terminal {

std::vector<VesselCall> vessel_calls(const VesselConfig& config, double horizon, rng::Stream& stream) {
  constexpr double kWeek = 7 * 86400.0;
  std::vector<VesselCall> calls;
  for (int week = 0; week * kWeek < horizon + kWeek; ++week) {
    for (const ServiceConfig& s : config.services) {
      VesselCall call;
      call.index = static_cast<int>(calls.size());
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
