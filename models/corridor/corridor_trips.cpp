// A trip from its creation to the road: arrivals, sealing, legs, rest stops and detours, positions, attacks (corridor_model.cpp lists the files of CorridorModel).
#include "models/corridor/corridor_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/corridor/record/corridor_events.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::corridor {

void CorridorModel::schedule_arrival(std::size_t flow) {
  double gap = 0;
  if (profiled_[flow]) {
    gap = ArrivalProcess(flow_profiles_[flow], sim_.calendar(0)).next(Simulation::now(), flow_streams_[flow]) -
          Simulation::now();
  } else {
    gap = flow_streams_[flow].exponential(86400.0 / config_.flows[flow].trips_per_day);
  }
  if (Simulation::now() + gap >= sim_.horizon()) return;
  after(gap, [this, flow] {
    create_trip(flow);
    schedule_arrival(flow);
  });
}

// A trip log's rows from now to the horizon, each a trip of its flow created at its logged time
// exactly; each row schedules the next, so the log's order holds within an instant.
void CorridorModel::replay_trips(std::size_t row) {
  const TripLog& log = *config_.trips.trips;
  while (row < log.flows.size() && log.log->sim_time(row, sim_.calendar(0)) < Simulation::now()) ++row;
  if (row >= log.flows.size() || !(log.log->sim_time(row, sim_.calendar(0)) < sim_.horizon())) return;
  at_time(log.log->sim_time(row, sim_.calendar(0)), [this, row] {
    replay_trips(row + 1);
    create_trip(static_cast<std::size_t>(config_.trips.trips->flows[row]));
  });
}

void CorridorModel::create_trip(std::size_t flow) {
  const bool exports = config_.flows[flow].to_port && bound_box_;
  const std::size_t index = new_trip(flow, exports ? bound_box_() : inland_ids_ + sim_.next_entity());
  if (!from_store(trips_.at(index))) return go_to_sealing(index, logistics::Supervision::Device, logistics::kNoDevice);
  logistics_->request(trips_.at(index).route, trips_.at(index).device,
                      [this, index](logistics::Supervision how, logistics::DeviceId unit) { go_to_sealing(index, how, unit); });
}

std::size_t CorridorModel::open_port_trip(std::uint64_t box, int flow, std::function<void()> granted) {
  const std::size_t index = new_trip(static_cast<std::size_t>(flow), box);
  auto grant = [this, index, granted = std::move(granted)](logistics::Supervision how, logistics::DeviceId unit) {
    Trip& trip = trips_.at(index);
    trip.supervision = static_cast<std::uint8_t>(how);
    trip.unit = unit;
    granted();
  };
  if (!from_store(trips_.at(index))) grant(logistics::Supervision::Device, logistics::kNoDevice);
  else logistics_->request(trips_.at(index).route, trips_.at(index).device, std::move(grant));
  return index;
}

void CorridorModel::seal_port_trip(std::size_t index, std::function<void()> sealed) {
  port_sealed_.emplace(index, std::move(sealed));
  const Trip& trip = trips_.at(index);
  go_to_sealing(index, static_cast<logistics::Supervision>(trip.supervision), trip.unit);
}

void CorridorModel::depart_port_trip(std::size_t index) { depart(index); }

// A trip with its truths drawn (attack, stops, noise), in state Sealing at its route's start.
std::size_t CorridorModel::new_trip(std::size_t flow, std::uint64_t id) {
  sample_tracks();
  const auto& f = config_.flows[flow];
  Trip t;
  t.id = id;
  t.from_port = f.from_port;
  t.to_port = f.to_port && bound_box_;
  t.flow = static_cast<int>(flow);
  t.route = f.route.index;
  t.device = f.device.index;
  t.created = Simulation::now();
  draw_truth(t);
  t.tanker = f.tanker;
  t.vehicle = f.vehicles > 0 ? static_cast<std::uint32_t>(vehicle_stream_.below(static_cast<std::uint64_t>(f.vehicles)))
                             : static_cast<std::uint32_t>(next_vehicle_++);
  t.driver = f.drivers > 0 ? static_cast<std::uint32_t>(vehicle_stream_.below(static_cast<std::uint64_t>(f.drivers)))
                           : t.vehicle;
  const double route_km = lines_[static_cast<std::size_t>(t.route)].length_km();
  if (stop_stream_.bernoulli(config_.stops.probability)) {
    t.stop_km = route_km * stop_stream_.uniform01();
    t.stop_time = config_.stops.duration.sample(stop_stream_);
  }
  const std::size_t index = trips_.size();
  trips_.add(t);
  reporting_slot_.push_back(kNoSlot);
  const int origin = routes_[static_cast<std::size_t>(t.route)].stations.front();
  trips_.at(index).country = station_country_[static_cast<std::size_t>(origin)];
  sim_.recorder().event(t.created, EventKind::Enter, t.id, station_places_[static_cast<std::size_t>(origin)]);
  return index;
}

// What is done to a trip: the attack (its plan and place, from the scenario's shares: the single
// kinds first, in their old order, so a scenario without stepped attacks draws as before) and the
// false-alarm noise of its device. Each from its own stream.
void CorridorModel::draw_truth(Trip& t) {
  const auto& a = config_.attacks;
  const double u = attack_stream_.uniform01();
  double p = 0;
  for (std::size_t i = 0; i < a.plans.size(); ++i) {
    p += a.plans[i].share;
    if (u < p) {
      t.plan = static_cast<std::int16_t>(i);
      t.attack = a.plans[i].steps.front().type;
      t.step_slot = static_cast<std::uint32_t>(step_records_.size());
      step_records_.emplace_back();
      break;
    }
  }
  const double route_km = lines_[static_cast<std::size_t>(t.route)].length_km();
  t.attack_km = route_km * attack_stream_.uniform(a.earliest, a.latest);
  t.jam_cellular = attack_stream_.bernoulli(a.jamming_cellular);  // drawn for every trip: common random numbers
  if (devices_[static_cast<std::size_t>(t.device)]->reports()) {
    t.coverage_gap = noise_stream_.bernoulli(config_.false_alarms.coverage_gap);
    t.battery_fault = noise_stream_.bernoulli(config_.false_alarms.battery_fault);
  }
}

// With a device from the store, or under the fallback its origin ran out into: the staff seal it
// either way (a mechanical seal, an escort's hand-over, the paperwork of an unsupervised trip).
void CorridorModel::go_to_sealing(std::size_t index, logistics::Supervision how, logistics::DeviceId unit) {
  Trip& trip = trips_.at(index);
  trip.supervision = static_cast<std::uint8_t>(how);
  trip.unit = unit;
  const int origin = routes_[static_cast<std::size_t>(trip.route)].stations.front();
  assess_risk(index);
  Job job = job_for(index);
  if (trip.risk == static_cast<std::uint8_t>(RiskLevel::Red)) {  // inspected before it is sealed
    job.service_time = sealing_time_.sample(unseal_stream_) + config_.cross_border.inspection_time.sample(border_stream_);
  }
  Station& staff = *staff_[static_cast<std::size_t>(origin)];
  if (!closed_for(index, origin, [&staff, job] { staff.arrive(job); })) staff.arrive(job);
}

Job CorridorModel::job_for(std::size_t index) const {
  const Trip& trip = trips_.at(index);
  Job job;
  job.id = trip.id;
  job.created = trip.created;
  job.tag = static_cast<std::uint32_t>(index);
  return job;
}

// A closed station keeps the trip until it opens, then runs `then`; false when it is open now.
bool CorridorModel::closed_for(std::size_t index, int station, std::function<void()> then) {
  const double now = Simulation::now();
  const double wait = next_open(config_.stations[static_cast<std::size_t>(station)], sim_.time_of_day(now));
  if (wait <= 0) return false;
  ++closed_waits_;
  closed_wait_.add(wait, now);
  sim_.recorder().event(now, CorridorEvent::StationClosed, trips_.at(index).id, station_places_[static_cast<std::size_t>(station)]);
  after(wait, std::move(then));
  return true;
}

// Sealed by the origin's staff: a trip of the corridor's own flows leaves at once, a port trip when
// its truck passes the terminal's out-gate (depart_port_trip).
void CorridorModel::sealed(std::size_t index) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  trip.sealed = now;
  const int origin = routes_[static_cast<std::size_t>(trip.route)].stations.front();
  sim_.recorder().event(now, CorridorEvent::Seal, trip.id, station_places_[static_cast<std::size_t>(origin)]);
  if (auto port = port_sealed_.find(index); port != port_sealed_.end()) {
    const std::function<void()> done = std::move(port->second);
    port_sealed_.erase(port);
    return done();
  }
  depart(index);
}

void CorridorModel::depart(std::size_t index) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  trips_.move(index, TripState::Sealing, TripState::InTransit);
  trip.last_report = now;
  const auto& device = config_.devices[static_cast<std::size_t>(trip.device)];
  trip.battery = trip.unit != logistics::kNoDevice ? logistics_->device(trip.unit).charge : device.battery_capacity;
  if (supervised_by_device(trip) && devices_[static_cast<std::size_t>(trip.device)]->reports()) {
    auto& list = reporting_[static_cast<std::size_t>(trip.device)];
    reporting_slot_[index] = static_cast<std::uint32_t>(list.size());
    list.push_back(static_cast<std::uint32_t>(index));
  }
  track(index, TrackCause::Seal);
  start_leg(index);
}

// A leg with scheduled departures (a train, a vessel) waits at its station for the next one with
// room; the vehicle stands at the station meanwhile (its position is the leg's start).
void CorridorModel::start_leg(std::size_t index) {
  Trip& trip = trips_.at(index);
  const double wait = departure_wait(trip);
  if (wait < 0) return travel(index);
  trip.route_km = routes_[static_cast<std::size_t>(trip.route)].leg_start[static_cast<std::size_t>(trip.leg)];
  trip.leg_start = Simulation::now();
  trip.leg_speed = 0;
  departure_wait_.add(wait, Simulation::now());
  after(wait, [this, index] {
    const Trip& t = trips_.at(index);
    const int from = routes_[static_cast<std::size_t>(t.route)].stations[static_cast<std::size_t>(t.leg)];
    sim_.recorder().event(Simulation::now(), CorridorEvent::ScheduledDeparture, t.id,
                          station_places_[static_cast<std::size_t>(from)], static_cast<std::uint16_t>(t.leg));
    travel(index);
  });
}

double CorridorModel::departure_wait(const Trip& trip) {
  const auto& leg = config_.routes[static_cast<std::size_t>(trip.route)].legs[static_cast<std::size_t>(trip.leg)];
  if (leg.departure_interval <= 0) return -1;
  const double now = Simulation::now();
  auto& booked = booked_[static_cast<std::size_t>(trip.route)][static_cast<std::size_t>(trip.leg)];
  auto k = static_cast<std::int64_t>(std::max(0.0, std::ceil((now - leg.first_departure) / leg.departure_interval - 1e-9)));
  booked.erase(booked.begin(), booked.lower_bound(k));  // departures gone
  while (leg.departure_capacity > 0 && booked[k] >= leg.departure_capacity) ++k;
  ++booked[k];
  return std::max(0.0, leg.first_departure + static_cast<double>(k) * leg.departure_interval - now);
}

void CorridorModel::travel(std::size_t index) {
  Trip& trip = trips_.at(index);
  const Route& route = routes_[static_cast<std::size_t>(trip.route)];
  const auto& leg = config_.routes[static_cast<std::size_t>(trip.route)].legs[static_cast<std::size_t>(trip.leg)];
  const double kmh = std::max(1.0, leg.speed.sample(travel_stream_));
  const auto l = static_cast<std::size_t>(trip.leg);
  drive(index, route.leg_start[l], route.leg_km[l], kmh, Simulation::now());
}

void CorridorModel::drive(std::size_t index, double from_km, double km, double kmh, double leg_start) {
  Trip& trip = trips_.at(index);
  trip.route_km = from_km;
  trip.leg_speed = kmh / 3600.0;
  trip.leg_start = leg_start;
  trip.leg_duration = km / trip.leg_speed;
  if (trip.leg > 0 && from_km == routes_[static_cast<std::size_t>(trip.route)].leg_start[static_cast<std::size_t>(trip.leg)]) {
    track(index, TrackCause::Depart);
  }
  schedule_pauses(index, km);
  after(trip.leg_start - Simulation::now() + trip.leg_duration, [this, index] { leg_done(index); });
}

// A rest stop and an attack on this leg: each starts when the vehicle reaches its km, later by the
// other's pause (stop or detour) when that comes first; both lengthen the leg.
void CorridorModel::schedule_pauses(std::size_t index, double km) {
  Trip& trip = trips_.at(index);
  const double now = trip.leg_start;  // the leg's (or its rest's) start
  const auto on_leg = [&](double at) { return at >= trip.route_km && at < trip.route_km + km; };
  const bool stop = trip.stop_time > 0 && on_leg(trip.stop_km);
  const bool attack = trip.attack != AttackKind::None && trip.attack_time < 0 && on_leg(trip.attack_km);
  const bool detours = trip.attack == AttackKind::RouteDeviation || trip.attack == AttackKind::ClonedDevice;
  const double detour = attack && detours ? config_.attacks.deviation_time : 0;
  if (stop) {
    const double before = attack && trip.attack_km < trip.stop_km ? detour : 0;
    trip.stop_start = now + (trip.stop_km - trip.route_km) / trip.leg_speed + before;
    trip.leg_duration += trip.stop_time;
  }
  if (!attack) return;
  const double delay = (trip.attack_km - trip.route_km) / trip.leg_speed + (stop && trip.stop_km <= trip.attack_km ? trip.stop_time : 0);
  if (detour > 0) {
    trip.detour_start = now + delay;
    trip.detour_km = trip.attack_km;
    trip.leg_duration += detour;
  }
  after(now - Simulation::now() + delay, [this, index] { inject_step(index); });
}

// A cloned device reports the clean track: where the vehicle would be had it not made its detour.
LatLon CorridorModel::reported_position(const Trip& trip, double now) const {
  if (!trip.cloned || trip.detour_start < trip.leg_start || now < trip.detour_start) {
    return position(trip, now);
  }
  const double leg_km = routes_[static_cast<std::size_t>(trip.route)].leg_km[static_cast<std::size_t>(trip.leg)];
  double elapsed = now - trip.leg_start;
  if (trip.stop_start >= trip.leg_start && now >= trip.stop_start) elapsed -= std::min(now - trip.stop_start, trip.stop_time);
  return lines_[static_cast<std::size_t>(trip.route)].at(trip.route_km + std::clamp(elapsed * trip.leg_speed, 0.0, leg_km));
}

LatLon CorridorModel::position(const Trip& trip, double now) const {
  const Polyline& line = lines_[static_cast<std::size_t>(trip.route)];
  if (trip.detour_start >= 0 && now >= trip.detour_start && now < trip.detour_start + config_.attacks.deviation_time) {
    const LatLon on = line.at(trip.detour_km);
    const double heading = bearing_deg(line.at(trip.detour_km - 1), line.at(trip.detour_km + 1));
    return destination(on, heading + 90, config_.attacks.deviation_km);
  }
  return line.at(km_at(trip, now));
}

double CorridorModel::km_at(const Trip& trip, double now) const {
  double elapsed = now - trip.leg_start;
  if (trip.detour_start >= 0 && now >= trip.detour_start) {
    if (now < trip.detour_start + config_.attacks.deviation_time) return trip.detour_km;
    if (trip.detour_start >= trip.leg_start) elapsed -= config_.attacks.deviation_time;
  }
  if (trip.stop_start >= trip.leg_start && now >= trip.stop_start) {
    if (now < trip.stop_start + trip.stop_time) return trip.stop_km;
    elapsed -= trip.stop_time;
  }
  // Clamped to the leg's end rather than by its length: a restored trip's leg starts part-way.
  const Route& route = routes_[static_cast<std::size_t>(trip.route)];
  const auto l = static_cast<std::size_t>(trip.leg);
  return std::clamp(trip.route_km + elapsed * trip.leg_speed, trip.route_km, route.leg_start[l] + route.leg_km[l]);
}

// Vehicles and drivers are numbered per flow: their history keys carry the flow.
void CorridorModel::assess_risk(std::size_t index) {
  Trip& trip = trips_.at(index);
  const FlowConfig& f = config_.flows[static_cast<std::size_t>(trip.flow)];
  const auto flow = static_cast<std::uint64_t>(trip.flow) << 40;
  const bool trusted = risk_stream_.bernoulli(f.trusted_share);
  const RiskLevel level = risk_.assess(trusted, f.risk_factor, trip.attack != AttackKind::None, flow | trip.vehicle,
                                       flow | (std::uint64_t{1} << 39) | trip.driver, risk_stream_);
  trip.risk = static_cast<std::uint8_t>(level);
  if (Simulation::now() >= sim_.warmup()) ++risk_levels_[trip.risk];
}

bool CorridorModel::inspect(std::size_t index, InspectionType type) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  if (trip.attack == AttackKind::None || trip.attack_time < 0 || trip.attack_time > now) return false;
  const bool found = risk_.finds(findable(trip, type), type, find_stream_);
  ++inspection_outcomes_[static_cast<std::size_t>(type)][found ? 1 : 0];
  if (found) {
    const auto flow = static_cast<std::uint64_t>(trip.flow) << 40;
    risk_.violation(flow | trip.vehicle, flow | (std::uint64_t{1} << 39) | trip.driver);
  }
  return found;
}

int CorridorModel::station_of(const Trip& trip) const {
  return routes_[static_cast<std::size_t>(trip.route)].stations[static_cast<std::size_t>(trip.leg) + 1];
}

}  // namespace porttwin::corridor
