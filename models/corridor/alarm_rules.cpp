#include "models/corridor/alarm_rules.hpp"

#include <algorithm>

namespace porttwin::corridor {

AlarmRules::AlarmRules(const SupervisionConfig& config, const std::vector<RouteFacts>& routes, Raise raise)
    : config_(config), routes_(routes), raise_(std::move(raise)) {}

void AlarmRules::report(std::uint32_t index, Trip& trip, const Report& r, double now) const {
  const RouteFacts& route = routes_[static_cast<std::size_t>(trip.route)];
  const PointTrig at = point_trig(r.position);  // once for the geofence and the stay rule
  if (!trip.deviation_raised && route.line.beyond(at, config_.geofence_km, r.km_hint, config_.geofence_km)) {
    trip.deviation_raised = true;
    raise_(index, AlarmKind::RouteDeviation, now);
  }
  if (r.low_battery && !trip.low_battery_raised) {
    trip.low_battery_raised = true;
    raise_(index, AlarmKind::LowBattery, now);
  }
  if (r.malfunction && !trip.malfunction_raised) {
    trip.malfunction_raised = true;
    raise_(index, AlarmKind::DeviceMalfunction, now);
  }
  check_stay(index, trip, r.position, at, now);
}

// Standing still: two consecutive reports closer than `still_km`; the stay started at the first.
// A moving vehicle's fixes are kilometres apart: the chord between them says so without the haversine.
void AlarmRules::check_stay(std::uint32_t index, Trip& trip, LatLon at, const PointTrig& trig, double now) const {
  const Vec3 unit = unit_vector(trig);
  const bool still = trip.last_fix_time >= 0 && !surely_apart(trip.last_fix_unit, unit, config_.still_km) &&
                     great_circle_km(trip.last_fix, trip.last_fix_cos_lat, at, trig.cos_lat) < config_.still_km;
  if (!still) trip.still_since = -1;
  else if (trip.still_since < 0) trip.still_since = trip.last_fix_time;
  trip.last_fix = at;
  trip.last_fix_cos_lat = trig.cos_lat;
  trip.last_fix_unit = unit;
  trip.last_fix_time = now;
  if (trip.still_since < 0) return;
  const double stay = now - trip.still_since;
  if (stay <= std::min(config_.illegal_stay, config_.overtime_stay)) return;
  if (near_station(trip, at)) {
    if (!trip.overtime_raised && stay > config_.overtime_stay) {
      trip.overtime_raised = true;
      raise_(index, AlarmKind::OvertimeStay, now);
    }
  } else if (!trip.stay_raised && stay > config_.illegal_stay) {
    trip.stay_raised = true;
    raise_(index, AlarmKind::IllegalStay, now);
  }
}

bool AlarmRules::near_station(const Trip& trip, LatLon at) const {
  for (const LatLon& s : routes_[static_cast<std::size_t>(trip.route)].stations) {
    if (great_circle_km(s, at) <= config_.station_radius_km) return true;
  }
  return false;
}

void AlarmRules::scan(std::uint32_t index, Trip& trip, double now) const {
  if (!trip.comm_loss_raised && now - trip.last_report > config_.comm_loss) {
    trip.comm_loss_raised = true;
    raise_(index, AlarmKind::NoCommunication, now);
  }
  if (!trip.timeout_raised && overdue(trip, now)) {
    trip.timeout_raised = true;
    raise_(index, AlarmKind::JourneyTimeout, now);
  }
}

bool AlarmRules::overdue(const Trip& trip, double now) const {
  return trip.sealed >= 0 && now - trip.sealed > routes_[static_cast<std::size_t>(trip.route)].declared_time;
}

}  // namespace porttwin::corridor
