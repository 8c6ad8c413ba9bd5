#include "models/gate/gate_identification.hpp"

#include "sim/core/units.hpp"
#include "sim/engine/simulation.hpp"

namespace porttwin {

void declare(scenario::Section& s, OcrConfig& c) {
  s.probability("day_accuracy", c.day_accuracy, "Share of trucks identified automatically in daylight (99%+)");
  s.probability("night_accuracy", c.night_accuracy, "Share of trucks identified automatically at night (95%+)");
  s.time_of_day("day_starts", c.day_starts, "Local time when daylight accuracy applies");
  s.time_of_day("night_starts", c.night_starts, "Local time when night accuracy applies");
}

void check(const OcrConfig& c, const std::string& path, scenario::Diagnostics& d) {
  if (c.day_starts >= c.night_starts) {
    d.error(path + ".night_starts", "found " + units::format_time_of_day(c.night_starts) +
                                        ", expected a time after day_starts (" +
                                        units::format_time_of_day(c.day_starts) + ")");
  }
}

StationConfig exception_desk_station(const std::string& name, const ExceptionDeskConfig& desk) {
  return {name, desk.clerks, desk.service, false, -1, std::nullopt, "trucks"};
}

GateIdentification::GateIdentification(Simulation& sim, const OcrConfig& config, const std::string& stream_name)
    : sim_(sim), config_(config), stream_(sim.stream(stream_name)) {}

bool GateIdentification::is_day(double t) const {
  const double tod = sim_.time_of_day(t);
  return tod >= config_.day_starts && tod < config_.night_starts;
}

bool GateIdentification::identified(double now) {
  return stream_.bernoulli(is_day(now) ? config_.day_accuracy : config_.night_accuracy);
}

}  // namespace porttwin
