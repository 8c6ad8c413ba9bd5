// Patrol units of the supervision centre: each based at a station, sent by the centre to intercept a
// vehicle, inspect it and drive back. The nearest free unit goes; when every unit is out, calls wait
// in order of arrival for the first unit back. Drives are timed from the real geometry: road distance
// (great-circle distance times a circuity factor) over the patrol's speed, to the point where the
// moving vehicle is met (kernel timers: no actor per unit).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "models/corridor/centre_config.hpp"
#include "models/corridor/geometry.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/stats/time_weighted.hpp"

namespace porttwin::corridor {

// Seconds a unit at `from` driving `kmh` over road `factor` x great-circle km needs to meet a vehicle
// that is at `where(t)` t seconds from now: the fixed point of t = factor * km(from, where(t)) / kmh,
// iterated to within a second (it converges while the patrol is faster than the vehicle).
double intercept_time(LatLon from, double kmh, double factor, const std::function<LatLon(double)>& where);

class Patrols {
 public:
  struct Hooks {
    std::function<LatLon(std::uint32_t trip, double at)> where;  // the vehicle's position at a future time
    std::function<bool(std::uint32_t trip)> on_road;             // still between departure and destination
    // A unit meets the vehicle (or finds it gone: `met` false); returns the inspection's duration.
    std::function<double(std::uint32_t trip, int unit, bool met, double raised)> meet;
    std::function<void(std::uint32_t trip, int unit, double travel)> out;  // a unit leaves its base
    std::function<void(int unit)> back;                                     // and returns to it
    // For the run file only (may be empty): from `at` on the unit is at `where` doing `state`
    // (PatrolState: 1 driving out, 2 at the vehicle, 3 driving back, 0 at its base). Called when
    // it leaves its base and when it meets the vehicle, then for the drive back and the return,
    // whose times are known then. Changes nothing in the simulation.
    std::function<void(int unit, double at, LatLon where, int state, std::uint32_t trip)> moved;
  };

  Patrols(Simulation& sim, const CentreConfig& config, std::vector<LatLon> bases, Hooks hooks);

  bool any() const { return !units_.empty(); }
  void call(std::uint32_t trip, double raised);  // from the centre: intercept this trip's vehicle

  int units() const { return static_cast<int>(units_.size()); }
  LatLon base(int unit) const { return units_[static_cast<std::size_t>(unit)].base; }
  std::int64_t dispatched() const { return dispatched_; }
  std::int64_t met() const { return met_; }
  std::int64_t missed() const { return missed_; }
  double travel_mean() const { return met_ ? travel_sum_ / static_cast<double>(met_) : 0; }  // of interceptions
  double response_mean() const { return met_ ? response_sum_ / static_cast<double>(met_) : 0; }
  double utilisation(double now) const;
  std::size_t waiting() const { return calls_.size(); }

 private:
  struct Unit {
    LatLon base;
    bool free = true;
  };
  struct Call {
    std::uint32_t trip;
    double raised;
    double travel = 0;  // drive from base, once a unit is sent
  };

  void send(int unit, Call call);
  void arrive(int unit, const Call& call);
  void returned(int unit);

  const CentreConfig& config_;
  Hooks hooks_;
  std::vector<Unit> units_;
  std::deque<Call> calls_;
  stats::TimeWeighted busy_;
  std::int64_t dispatched_ = 0, met_ = 0, missed_ = 0;
  double travel_sum_ = 0, response_sum_ = 0;
};

}  // namespace porttwin::corridor
