#include "models/corridor/patrols.hpp"

#include <cmath>
#include <limits>

#include "sim/engine/delay.hpp"

namespace porttwin::corridor {

double intercept_time(LatLon from, double kmh, double factor, const std::function<LatLon(double)>& where) {
  const double km_per_s = kmh / 3600.0;
  double t = factor * great_circle_km(from, where(0)) / km_per_s;
  for (int step = 0; step < 200; ++step) {
    const double next = factor * great_circle_km(from, where(t)) / km_per_s;
    if (std::abs(next - t) < 1) return next;
    t = next;
  }
  return t;
}

Patrols::Patrols(Simulation& sim, const CentreConfig& config, std::vector<LatLon> bases, Hooks hooks)
    : config_(config), hooks_(std::move(hooks)), busy_(sim.batch_plan()) {
  for (const LatLon& base : bases) units_.push_back({base, true});
}

void Patrols::call(std::uint32_t trip, double raised) {
  const double now = Simulation::now();
  const LatLon at = hooks_.where(trip, now);
  int best = -1;
  double best_km = std::numeric_limits<double>::infinity();
  for (std::size_t u = 0; u < units_.size(); ++u) {
    if (!units_[u].free) continue;
    const double km = great_circle_km(units_[u].base, at);
    if (km < best_km) {
      best_km = km;
      best = static_cast<int>(u);
    }
  }
  if (best < 0) {
    calls_.push_back({trip, raised});
    return;
  }
  send(best, {trip, raised});
}

void Patrols::send(int unit, Call call) {
  const double now = Simulation::now();
  Unit& u = units_[static_cast<std::size_t>(unit)];
  u.free = false;
  busy_.add(1, now);
  call.travel = intercept_time(u.base, config_.patrol_speed, config_.road_factor,
                               [&](double t) { return hooks_.where(call.trip, now + t); });
  ++dispatched_;
  hooks_.out(call.trip, unit, call.travel);
  if (hooks_.moved) hooks_.moved(unit, now, u.base, 1, call.trip);
  after(call.travel, [this, unit, call] { arrive(unit, call); });
}

// At the meeting point: inspect the vehicle if it is still on the road, then drive back to base.
void Patrols::arrive(int unit, const Call& call) {
  const double now = Simulation::now();
  const bool on_road = hooks_.on_road(call.trip);
  const LatLon here = hooks_.where(call.trip, now);
  if (on_road) {
    ++met_;
    travel_sum_ += call.travel;
    response_sum_ += now - call.raised;
  } else {
    ++missed_;
  }
  const double inspection = hooks_.meet(call.trip, unit, on_road, call.raised);
  const LatLon base = units_[static_cast<std::size_t>(unit)].base;
  const double back = config_.road_factor * great_circle_km(here, base) / (config_.patrol_speed / 3600.0);
  if (hooks_.moved) {
    hooks_.moved(unit, now, here, 2, call.trip);
    hooks_.moved(unit, now + inspection, here, 3, call.trip);
    hooks_.moved(unit, now + inspection + back, base, 0, call.trip);
  }
  after(inspection + back, [this, unit] { returned(unit); });
}

void Patrols::returned(int unit) {
  const double now = Simulation::now();
  hooks_.back(unit);
  units_[static_cast<std::size_t>(unit)].free = true;
  busy_.add(-1, now);
  while (!calls_.empty()) {
    const Call next = calls_.front();
    calls_.pop_front();
    if (hooks_.on_road(next.trip)) return send(unit, next);
    ++missed_;  // the vehicle reached its destination while the call waited
  }
}

double Patrols::utilisation(double now) const { return units_.empty() ? 0 : busy_.mean(now) / static_cast<double>(units_.size()); }

}  // namespace porttwin::corridor
