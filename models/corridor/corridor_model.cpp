#include "models/corridor/corridor_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/engine/delay.hpp"
#include "models/corridor/record/corridor_events.hpp"

namespace porttwin::corridor {

namespace {

constexpr std::uint32_t kNoSlot = 0xffffffffu;
constexpr std::size_t kPrefetchAhead = 8;  // trips ahead of the report tick's loop (TripRegistry::prefetch)

LatLon point(const CustomsStationConfig& s) { return {s.lat, s.lon}; }

std::vector<LatLon> leg_points(const CorridorConfig& c, int from, const LegConfig& leg) {
  std::vector<LatLon> points{point(c.stations[static_cast<std::size_t>(from)])};
  for (std::size_t i = 0; i + 1 < leg.waypoints.size(); i += 2) points.push_back({leg.waypoints[i], leg.waypoints[i + 1]});
  points.push_back(point(c.stations[static_cast<std::size_t>(leg.to.index)]));
  return points;
}

double mean_of(const std::vector<std::unique_ptr<Station>>& stations) {
  double sum = 0;
  std::int64_t n = 0;
  for (const auto& s : stations) {
    if (s->waits().count() == 0) continue;
    sum += s->waits().mean() * static_cast<double>(s->waits().count());
    n += s->waits().count();
  }
  return n ? sum / static_cast<double>(n) : 0;
}

}  // namespace

std::vector<std::string> CorridorModel::hosts(const CorridorConfig& c) {
  return {c.host, c.supervision.host, c.supervision.vehicle_host};
}

std::map<std::string, AccessLink> CorridorModel::access_links(const CorridorConfig& c) {
  return {{c.supervision.vehicle_host, {c.supervision.cellular_bandwidth, c.supervision.cellular_latency}}};
}

CorridorModel::CorridorModel(Simulation& sim, const CorridorConfig& config, const Platform& platform)
    : sim_(sim),
      config_(config),
      reporting_(config.devices.size()),
      rules_(config.supervision, facts_, [this](std::size_t trip, AlarmKind kind, double now) { raise(trip, kind, now); }),
      supervision_(config.supervision, platform, trips_, rules_, reporting_,
                   [this](std::size_t trip, AlarmKind kind, double now) { raise(trip, kind, now); }),
      tracks_(config),
      travel_stream_(sim.stream("corridor.travel")),
      attack_stream_(sim.stream("corridor.attacks")),
      read_stream_(sim.stream("corridor.reads")),
      unseal_stream_(sim.stream("corridor.unsealing")),
      noise_stream_(sim.stream("corridor.false_alarms")),
      centre_stream_(sim.stream("corridor.centre")),
      stop_stream_(sim.stream("corridor.stops")),
      fault_stream_(sim.stream("corridor.faults")),
      jam_stream_(sim.stream("corridor.jamming")),
      border_stream_(sim.stream("corridor.borders")),
      vehicle_stream_(sim.stream("corridor.vehicles")),
      supervision_place_(sim.recorder().place("corridor.supervision")),
      patrol_place_(sim.recorder().place("corridor.patrols")),
      border_dwell_(sim.batch_plan()),
      closed_wait_(sim.batch_plan()),
      departure_wait_(sim.batch_plan()) {
  for (const auto& r : config.routes) {
    Route route;
    route.stations.push_back(r.from.index);
    std::vector<LatLon> all;
    int from = r.from.index;
    double km = 0;
    for (const auto& leg : r.legs) {
      const auto points = leg_points(config, from, leg);
      const double length = Polyline(points).length_km();
      route.leg_start.push_back(km);
      route.leg_km.push_back(length);
      km += length;
      all.insert(all.end(), all.empty() ? points.begin() : points.begin() + 1, points.end());
      route.stations.push_back(leg.to.index);
      from = leg.to.index;
    }
    booked_.emplace_back(r.legs.size());
    routes_.push_back(route);
    lines_.emplace_back(all);
    RouteFacts facts{lines_.back(), {}, r.transit_time};
    for (int s : route.stations) facts.stations.push_back(point(config.stations[static_cast<std::size_t>(s)]));
    if (facts.declared_time <= 0) facts.declared_time = km / config.supervision.declared_speed * 3600;
    facts_.push_back(std::move(facts));
  }
  for (const auto& d : config.devices) devices_.push_back(make_device(d));
  const Distribution& sealing = config.sealing.mode == "quick" ? config.sealing.quick_time : config.sealing.manual_time;
  auto* host = platform.host(config.host);
  for (const auto& s : config.stations) {
    staff_.push_back(std::make_unique<Station>(
        sim, porttwin::StationConfig{"corridor." + s.name + ".staff", s.sealing_staff, sealing, false, -1, std::nullopt},
        host));
    readers_.push_back(std::make_unique<Station>(
        sim, porttwin::StationConfig{"corridor." + s.name + ".readers", s.readers, s.read_time, false, -1, std::nullopt},
        host));
    inspectors_.push_back(s.type != StationKind::Border ? nullptr
                                             : std::make_unique<Station>(
                                                   sim,
                                                   porttwin::StationConfig{"corridor." + s.name + ".inspectors",
                                                                           s.inspectors, config.cross_border.inspection_time,
                                                                           false, -1, std::nullopt},
                                                   host));
    handheld_.push_back(s.handheld_readers == 0 ? nullptr
                                                : std::make_unique<Station>(
                                                      sim,
                                                      porttwin::StationConfig{"corridor." + s.name + ".handheld",
                                                                              s.handheld_readers, s.handheld_read_time,
                                                                              false, -1, std::nullopt},
                                                      host));
    station_places_.push_back(sim.recorder().place("corridor." + s.name));
  }
  std::vector<std::string> countries;
  for (const auto& s : config.stations) {
    auto at = std::find(countries.begin(), countries.end(), s.country);
    if (at == countries.end()) at = countries.insert(countries.end(), s.country);
    station_country_.push_back(static_cast<std::int16_t>(at - countries.begin()));
  }
  for (auto& st : staff_) {
    st->on_finish([this](Job& job) {
      Trip& trip = trips_.at(job.tag);
      if (trip.state == TripState::Sealing) sealed(job.tag);
      else unsealed(job.tag, job.priority == 1);
    });
  }
  for (auto& st : readers_) st->on_finish([this](Job& job) { read(job); });
  for (auto& st : handheld_) {
    if (st) st->on_finish([this](Job& job) { hand_read(job); });
  }
  for (std::size_t s = 0; s < inspectors_.size(); ++s) {
    if (inspectors_[s]) inspectors_[s]->on_finish([this, s](Job& job) { border_done(job.tag, static_cast<int>(s), job.priority); });
  }
  for (std::size_t f = 0; f < config.flows.size(); ++f) flow_streams_.push_back(sim.stream("corridor.flow." + std::to_string(f)));
  if (config.has_logistics) logistics_ = std::make_unique<logistics::DeviceLogistics>(sim, config.logistics, layout(), host);
  triage_ = std::make_unique<Triage>(sim, config.centre, platform.host(config.supervision.host),
                                     [this](std::uint32_t trip, AlarmKind, int grade, double raised) { act(trip, grade, raised); });
  std::vector<LatLon> bases;
  for (const auto& b : config.centre.patrols) {
    for (int u = 0; u < b.units; ++u) bases.push_back(point(config.stations[static_cast<std::size_t>(b.station.index)]));
  }
  patrols_ = std::make_unique<Patrols>(sim, config.centre, std::move(bases), patrol_hooks());
  std::vector<std::vector<int>> route_stations;
  for (const auto& r : routes_) route_stations.push_back(r.stations);
  tracks_.open(sim.recorder(), lines_, route_stations, static_cast<std::size_t>(sim.settings().event_chunk_rows),
               sim.settings().deflate);
  for (int u = 0; u < patrols_->units(); ++u) tracks_.patrol(0, u, patrols_->base(u), PatrolState::Base);
}

Patrols::Hooks CorridorModel::patrol_hooks() {
  Patrols::Hooks h;
  h.where = [this](std::uint32_t i, double at) { return position(trips_.at(i), at); };
  h.on_road = [this](std::uint32_t i) { return trips_.at(i).state == TripState::InTransit; };
  h.meet = [this](std::uint32_t i, int unit, bool met, double) { return patrol_meets(i, unit, met); };
  h.out = [this](std::uint32_t i, int unit, double) {
    sim_.recorder().event(Simulation::now(), CorridorEvent::PatrolOut, trips_.at(i).id, patrol_place_,
                          static_cast<std::uint16_t>(unit));
  };
  h.back = [this](int unit) {
    sim_.recorder().event(Simulation::now(), CorridorEvent::PatrolBack, static_cast<std::uint64_t>(unit), patrol_place_);
  };
  h.moved = [this](int unit, double at, LatLon where, int state, std::uint32_t i) {
    tracks_.patrol(at, unit, where, static_cast<PatrolState>(state), state == 0 ? kNoTrip : trips_.at(i).id);
  };
  return h;
}

logistics::CorridorLayout CorridorModel::layout() const {
  logistics::CorridorLayout out;
  for (const auto& s : config_.stations) out.stations.push_back({s.name, point(s)});
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    logistics::CorridorLayout::Route route;
    route.from = routes_[r].stations.front();
    route.to = routes_[r].stations.back();
    route.km = lines_[r].length_km();
    for (int s : routes_[r].stations) route.crosses_border = route.crosses_border || config_.stations[static_cast<std::size_t>(s)].type == StationKind::Border;
    out.routes.push_back(route);
  }
  for (const auto& d : config_.devices) out.devices.push_back({d.name, d.battery_capacity, d.trips_per_device});
  for (const auto& f : config_.flows) out.flows.push_back({f.route.index, f.device.index, f.trips_per_day});
  return out;
}

bool CorridorModel::supervised_by_device(const Trip& trip) const {
  return trip.supervision == static_cast<std::uint8_t>(logistics::Supervision::Device);
}

std::vector<Station*> CorridorModel::stations() {
  std::vector<Station*> out;
  for (auto& s : staff_) out.push_back(s.get());
  for (auto& s : readers_) out.push_back(s.get());
  for (auto* group : {&inspectors_, &handheld_}) {
    for (auto& s : *group) {
      if (s) out.push_back(s.get());
    }
  }
  out.push_back(&triage_->operators());
  if (logistics_) {
    for (Station* s : logistics_->stations()) out.push_back(s);
  }
  return out;
}

void CorridorModel::start() {
  for (auto& s : staff_) s->start();
  for (auto& s : readers_) s->start();
  for (auto* group : {&inspectors_, &handheld_}) {
    for (auto& s : *group) {
      if (s) s->start();
    }
  }
  supervision_.start();
  triage_->start();
  if (logistics_) logistics_->start();
  for (std::size_t f = 0; f < config_.flows.size(); ++f) schedule_arrival(f);
  for (std::size_t d = 0; d < devices_.size(); ++d) {
    if (!devices_[d]->reports()) continue;
    sim_.every(config_.devices[d].report_interval, "corridor.reports." + config_.devices[d].name,
               [this, d](double) { report_tick(d); });
  }
}

void CorridorModel::schedule_arrival(std::size_t flow) {
  const double mean_gap = 86400.0 / config_.flows[flow].trips_per_day;
  const double gap = flow_streams_[flow].exponential(mean_gap);
  if (Simulation::now() + gap >= sim_.horizon()) return;
  after(gap, [this, flow] {
    create_trip(flow);
    schedule_arrival(flow);
  });
}

void CorridorModel::create_trip(std::size_t flow) {
  sample_tracks();
  const auto& f = config_.flows[flow];
  Trip t;
  t.id = sim_.next_entity();
  t.flow = static_cast<int>(flow);
  t.route = f.route.index;
  t.device = f.device.index;
  t.created = Simulation::now();
  const auto& a = config_.attacks;
  const double u = attack_stream_.uniform01();
  double p = 0;
  for (auto [kind, prob] : {std::pair{AttackKind::DoorOpening, a.door_opening}, std::pair{AttackKind::FaradayBag, a.faraday_bag},
                            std::pair{AttackKind::DeviceRemoval, a.device_removal},
                            std::pair{AttackKind::RouteDeviation, a.route_deviation},
                            std::pair{AttackKind::ClonedDevice, a.cloned_device},
                            std::pair{AttackKind::GpsJamming, a.gps_jamming},
                            std::pair{AttackKind::DeviceDestruction, a.device_destruction}}) {
    p += prob;
    if (u < p) {
      t.attack = kind;
      break;
    }
  }
  const double route_km = lines_[static_cast<std::size_t>(t.route)].length_km();
  t.attack_km = route_km * attack_stream_.uniform(a.earliest, a.latest);
  t.jam_cellular = attack_stream_.bernoulli(a.jamming_cellular);  // drawn for every trip: common random numbers
  t.tanker = f.tanker;
  t.vehicle = f.vehicles > 0 ? static_cast<std::uint32_t>(vehicle_stream_.below(static_cast<std::uint64_t>(f.vehicles)))
                             : static_cast<std::uint32_t>(next_vehicle_++);
  t.driver = f.drivers > 0 ? static_cast<std::uint32_t>(vehicle_stream_.below(static_cast<std::uint64_t>(f.drivers)))
                           : t.vehicle;
  if (stop_stream_.bernoulli(config_.stops.probability)) {
    t.stop_km = route_km * stop_stream_.uniform01();
    t.stop_time = config_.stops.duration.sample(stop_stream_);
  }
  if (devices_[static_cast<std::size_t>(t.device)]->reports()) {
    t.coverage_gap = noise_stream_.bernoulli(config_.false_alarms.coverage_gap);
    t.battery_fault = noise_stream_.bernoulli(config_.false_alarms.battery_fault);
  }
  const std::size_t index = trips_.size();
  trips_.add(t);
  reporting_slot_.push_back(kNoSlot);
  const int origin = routes_[static_cast<std::size_t>(t.route)].stations.front();
  trips_.at(index).country = station_country_[static_cast<std::size_t>(origin)];
  sim_.recorder().event(t.created, EventKind::Enter, t.id, station_places_[static_cast<std::size_t>(origin)]);
  if (!logistics_) return go_to_sealing(index, logistics::Supervision::Device, logistics::kNoDevice);
  logistics_->request(t.route, t.device, [this, index](logistics::Supervision how, logistics::DeviceId unit) {
    go_to_sealing(index, how, unit);
  });
}

// With a device from the store, or under the fallback its origin ran out into: the staff seal it
// either way (a mechanical seal, an escort's hand-over, the paperwork of an unsupervised trip).
void CorridorModel::go_to_sealing(std::size_t index, logistics::Supervision how, logistics::DeviceId unit) {
  Trip& trip = trips_.at(index);
  trip.supervision = static_cast<std::uint8_t>(how);
  trip.unit = unit;
  const int origin = routes_[static_cast<std::size_t>(trip.route)].stations.front();
  const Job job = job_for(index);
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

void CorridorModel::sealed(std::size_t index) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  trips_.move(index, TripState::Sealing, TripState::InTransit);
  trip.sealed = now;
  trip.last_report = now;
  const auto& device = config_.devices[static_cast<std::size_t>(trip.device)];
  trip.battery = trip.unit != logistics::kNoDevice ? logistics_->device(trip.unit).charge : device.battery_capacity;
  const int origin = routes_[static_cast<std::size_t>(trip.route)].stations.front();
  sim_.recorder().event(now, CorridorEvent::Seal, trip.id, station_places_[static_cast<std::size_t>(origin)]);
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
  const double now = Simulation::now();
  const double km = route.leg_km[static_cast<std::size_t>(trip.leg)];
  const double kmh = std::max(1.0, leg.speed.sample(travel_stream_));
  trip.route_km = route.leg_start[static_cast<std::size_t>(trip.leg)];
  trip.leg_speed = kmh / 3600.0;
  trip.leg_start = now;
  trip.leg_duration = km / trip.leg_speed;
  if (trip.leg > 0) track(index, TrackCause::Depart);
  schedule_pauses(index, km);
  after(trip.leg_duration, [this, index] { end_leg(index); });
}

// A rest stop and an attack on this leg: each starts when the vehicle reaches its km, later by the
// other's pause (stop or detour) when that comes first; both lengthen the leg.
void CorridorModel::schedule_pauses(std::size_t index, double km) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
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
    trip.leg_duration += detour;
  }
  after(delay, [this, index] { inject_attack(index); });
}

// A cloned device reports the clean track: where the vehicle would be had it not made its detour.
LatLon CorridorModel::reported_position(const Trip& trip, double now) const {
  if (trip.attack != AttackKind::ClonedDevice || trip.detour_start < trip.leg_start || now < trip.detour_start) {
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
    const LatLon on = line.at(trip.attack_km);
    const double heading = bearing_deg(line.at(trip.attack_km - 1), line.at(trip.attack_km + 1));
    return destination(on, heading + 90, config_.attacks.deviation_km);
  }
  return line.at(km_at(trip, now));
}

double CorridorModel::km_at(const Trip& trip, double now) const {
  double elapsed = now - trip.leg_start;
  if (trip.detour_start >= 0 && now >= trip.detour_start) {
    if (now < trip.detour_start + config_.attacks.deviation_time) return trip.attack_km;
    if (trip.detour_start >= trip.leg_start) elapsed -= config_.attacks.deviation_time;
  }
  if (trip.stop_start >= trip.leg_start && now >= trip.stop_start) {
    if (now < trip.stop_start + trip.stop_time) return trip.stop_km;
    elapsed -= trip.stop_time;
  }
  const double leg_km = routes_[static_cast<std::size_t>(trip.route)].leg_km[static_cast<std::size_t>(trip.leg)];
  return trip.route_km + std::clamp(elapsed * trip.leg_speed, 0.0, leg_km);
}

void CorridorModel::inject_attack(std::size_t index) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  trip.attack_time = now;
  if (trip.attack == AttackKind::FaradayBag || trip.attack == AttackKind::DeviceRemoval ||
      trip.attack == AttackKind::DeviceDestruction) {
    trip.silenced = true;
  }
  sim_.recorder().event(now, CorridorEvent::Attack, trip.id, supervision_place_, static_cast<std::uint16_t>(trip.attack));
  if (trip.state == TripState::InTransit) track(index, TrackCause::Attack);
  AlarmKind alarm{};
  if (trip.state == TripState::InTransit && supervised_by_device(trip) &&
      devices_[static_cast<std::size_t>(trip.device)]->event_alarm(trip.attack, alarm)) {
    Report r;
    r.trip = static_cast<std::uint32_t>(index);
    r.position = position(trip, now);
    r.is_event = true;
    r.event = alarm;
    ReportBatch batch{-1, {r}};
    if (trip.tanker && trip.attack == AttackKind::DoorOpening) {
      r.event = AlarmKind::AbnormalOil;
      batch.reports.push_back(r);
    }
    supervision_.send(std::move(batch));
  }
}

int CorridorModel::station_of(const Trip& trip) const {
  return routes_[static_cast<std::size_t>(trip.route)].stations[static_cast<std::size_t>(trip.leg) + 1];
}

// At a station: a relock station deactivates the device first (SELS), a closed one keeps the
// vehicle waiting for its opening, then the fixed readers.
void CorridorModel::end_leg(std::size_t index) {
  sample_tracks();
  Trip& trip = trips_.at(index);
  const int station = station_of(trip);
  const auto& st = config_.stations[static_cast<std::size_t>(station)];
  const double now = Simulation::now();
  if (st.type == StationKind::Border) {
    sim_.recorder().event(now, CorridorEvent::BorderCross, trip.id, station_places_[static_cast<std::size_t>(station)]);
  }
  track(index, TrackCause::Arrive);
  trip.at_station = now;
  if (!st.relock) return queue_for_reader(index);
  ++relocks_;
  stop_reporting(index);
  sim_.recorder().event(now, CorridorEvent::Relock, trip.id, station_places_[static_cast<std::size_t>(station)], 0);
  after(config_.cross_border.relock_time.sample(border_stream_), [this, index] { queue_for_reader(index); });
}

void CorridorModel::queue_for_reader(std::size_t index) {
  const Trip& trip = trips_.at(index);
  const int station = station_of(trip);
  const auto& st = config_.stations[static_cast<std::size_t>(station)];
  if (closed_for(index, station, [this, index] { queue_for_reader(index); })) return;
  Job job = job_for(index);
  const bool last = static_cast<std::size_t>(trip.leg) + 2 == routes_[static_cast<std::size_t>(trip.route)].stations.size();
  if (st.type == StationKind::Border && !last && !config_.cross_border.unified_platform) {
    // No shared platform: the officer reads the supervision data the device stores.
    job.service_time = st.read_time.sample(read_stream_) + config_.cross_border.device_read_time.sample(border_stream_);
  }
  readers_[static_cast<std::size_t>(station)]->arrive(job);
}

// A fixed reader's read; a failed one is read again by hand where the station has handheld readers.
void CorridorModel::read(Job& job) {
  sample_tracks();
  const Trip& trip = trips_.at(job.tag);
  const bool ok = read_stream_.bernoulli(config_.devices[static_cast<std::size_t>(trip.device)].read_success);
  ++reads_;
  if (!ok) ++failed_reads_;
  auto& hand = handheld_[static_cast<std::size_t>(station_of(trip))];
  if (ok || !hand) return checked(job.tag, ok);
  ++handheld_reads_;
  Job again = job;
  again.service_time = -1;
  hand->arrive(again);
}

void CorridorModel::hand_read(Job& job) {
  const Trip& trip = trips_.at(job.tag);
  const bool ok = read_stream_.bernoulli(config_.devices[static_cast<std::size_t>(trip.device)].read_success);
  if (!ok) ++handheld_failed_;
  checked(job.tag, ok);
}

void CorridorModel::checked(std::size_t index, bool ok) {
  Trip& trip = trips_.at(index);
  const int station = station_of(trip);
  const double now = Simulation::now();
  const auto& device = *devices_[static_cast<std::size_t>(trip.device)];
  sim_.recorder().event(now, CorridorEvent::Inspect, trip.id, station_places_[static_cast<std::size_t>(station)], ok ? 1 : 0);
  if (trip.attack_time >= 0 && trip.detected < 0 && supervised_by_device(trip) && device.checkpoint_reveals(trip.attack, ok)) {
    raise(index, AlarmKind::Checkpoint, now);
  }
  if (reporting_slot_[index] == kNoSlot && !trip.timeout_raised && rules_.overdue(trip, now)) {
    trip.timeout_raised = true;
    raise(index, AlarmKind::JourneyTimeout, now);
  }
  const bool last = static_cast<std::size_t>(trip.leg) + 1 == routes_[static_cast<std::size_t>(trip.route)].leg_km.size();
  if (last) return to_unsealing(index, station);
  if (config_.stations[static_cast<std::size_t>(station)].type == StationKind::Border) return border(index, station);
  leave(index);
}

// Customs at a border decide from what they know of the trip's alarms (mutual recognition), or
// inspect every trip (without it). Both times are drawn for every passage (common random numbers),
// so the inspection time mutual recognition spared is known.
void CorridorModel::border(std::size_t index, int station) {
  Trip& trip = trips_.at(index);
  const auto& x = config_.cross_border;
  const double inspect = x.inspection_time.sample(border_stream_);
  const double documents = x.document_check_time.sample(border_stream_);
  int decision = 2;
  if (x.mutual_recognition) {
    const int known = x.unified_platform ? trip.known_grade : trip.device_grade;
    const bool warned = x.unified_platform && trip.inspect_on_arrival;
    decision = known >= x.inspect_grade || warned ? 2 : known > 0 ? 1 : 0;
  }
  if (decision < 2) dwell_saved_ += inspect - (decision == 1 ? documents : 0);
  sim_.recorder().event(Simulation::now(), CorridorEvent::BorderCheck, trip.id,
                        station_places_[static_cast<std::size_t>(station)], static_cast<std::uint16_t>(decision));
  if (decision == 0) return border_done(index, station, 0);
  Job job = job_for(index);
  job.priority = decision;
  job.service_time = decision == 2 ? inspect : documents;
  inspectors_[static_cast<std::size_t>(station)]->arrive(job);
}

void CorridorModel::border_done(std::size_t index, int station, int decision) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  ++border_decisions_[static_cast<std::size_t>(decision)];
  if (decision == 2 && trip.attack_time >= 0 && trip.attack_time <= now) {
    ++border_findings_;
    if (trip.detected < 0) raise(index, AlarmKind::Checkpoint, now);
  }
  trip.country = station_country_[static_cast<std::size_t>(station)];
  trip.crossed_border = true;
  const double wait = config_.stations[static_cast<std::size_t>(station)].border_wait.sample(border_stream_);
  if (wait <= 0) return leave(index);
  after(wait, [this, index] { leave(index); });
}

// Leaving an intermediate station: a relock station reactivates the device first.
void CorridorModel::leave(std::size_t index) {
  const int station = station_of(trips_.at(index));
  if (!config_.stations[static_cast<std::size_t>(station)].relock) return next_leg(index);
  after(config_.cross_border.relock_time.sample(border_stream_), [this, index, station] {
    resume_reporting(index);
    sim_.recorder().event(Simulation::now(), CorridorEvent::Relock, trips_.at(index).id,
                          station_places_[static_cast<std::size_t>(station)], 1);
    next_leg(index);
  });
}

void CorridorModel::next_leg(std::size_t index) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  if (config_.stations[static_cast<std::size_t>(station_of(trip))].type == StationKind::Border) {
    border_dwell_.add(now - trip.at_station, now);
  }
  trip.at_station = -1;
  ++trip.leg;
  start_leg(index);
}

// Destination: automatic unsealing (manual when it fails), after an inspection when the centre
// warned this country, or when the trip crossed a border and there is no mutual recognition.
void CorridorModel::to_unsealing(std::size_t index, int station) {
  Trip& trip = trips_.at(index);
  const auto& x = config_.cross_border;
  const std::int16_t here = station_country_[static_cast<std::size_t>(station)];
  const int origin = routes_[static_cast<std::size_t>(trip.route)].stations.front();
  const bool crossed = trip.crossed_border || here != station_country_[static_cast<std::size_t>(origin)];
  trip.inspect_on_arrival = trip.inspect_on_arrival && (x.unified_platform || trip.warn_country == here);
  Job job = job_for(index);
  const bool manual = !unseal_stream_.bernoulli(config_.sealing.auto_unseal_success);
  job.priority = manual ? 1 : 0;
  job.service_time = (manual ? config_.sealing.manual_unseal_time : config_.sealing.auto_unseal_time).sample(unseal_stream_);
  if (trip.inspect_on_arrival) {
    job.service_time += config_.centre.arrival_inspection.sample(centre_stream_);
  } else if (crossed && !x.mutual_recognition) {
    trip.inspect_on_arrival = true;  // re-inspected: found like a warned trip's
    ++reinspections_;
    job.service_time += x.inspection_time.sample(border_stream_);
  }
  staff_[static_cast<std::size_t>(station)]->arrive(job);
}

void CorridorModel::stop_reporting(std::size_t index) {
  const auto slot = reporting_slot_[index];
  if (slot == kNoSlot) return;
  auto& list = reporting_[static_cast<std::size_t>(trips_.at(index).device)];
  list[slot] = list.back();
  reporting_slot_[list[slot]] = slot;
  list.pop_back();
  reporting_slot_[index] = kNoSlot;
}

void CorridorModel::resume_reporting(std::size_t index) {
  Trip& trip = trips_.at(index);
  if (reporting_slot_[index] != kNoSlot || !supervised_by_device(trip) ||
      !devices_[static_cast<std::size_t>(trip.device)]->reports()) {
    return;
  }
  trip.last_report = Simulation::now();
  trip.still_since = -1;
  auto& list = reporting_[static_cast<std::size_t>(trip.device)];
  reporting_slot_[index] = static_cast<std::uint32_t>(list.size());
  list.push_back(static_cast<std::uint32_t>(index));
}

void CorridorModel::unsealed(std::size_t index, bool manual) {
  sample_tracks();
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  if (manual) ++manual_unseals_;
  stop_reporting(index);
  trips_.move(index, TripState::InTransit, TripState::Completed);
  trip.completed = now;
  track(index, TrackCause::Unseal);
  const int station = routes_[static_cast<std::size_t>(trip.route)].stations.back();
  const auto place = station_places_[static_cast<std::size_t>(station)];
  if (trip.inspect_on_arrival) {
    // The staff inspected the vehicle before unsealing: an attack that happened is found.
    const bool found = trip.attack_time >= 0;
    ++arrival_inspections_;
    if (found) ++arrival_found_;
    if (found && trip.detected < 0) trip.detected = now;
    sim_.recorder().event(now, CorridorEvent::ArrivalInspect, trip.id, place, found ? 1 : 0);
  }
  sim_.recorder().event(now, CorridorEvent::Unseal, trip.id, place, manual ? 1 : 0);
  sim_.recorder().event(now, EventKind::Exit, trip.id, place);
  if (logistics_) logistics_->trip_done(trip.route, trip.unit, trip.battery);
}

void CorridorModel::report_tick(std::size_t d) {
  sample_tracks();
  const double now = Simulation::now();
  const auto& device = *devices_[d];
  const auto& cfg = device.config();
  ReportBatch batch;
  batch.device = static_cast<int>(d);
  const auto& reporting = reporting_[d];
  batch.reports.reserve(reporting.size());
  for (std::size_t k = 0; k < reporting.size(); ++k) {
    if (k + kPrefetchAhead < reporting.size()) trips_.prefetch(reporting[k + kPrefetchAhead]);
    const std::uint32_t index = reporting[k];
    Trip& trip = trips_.at(index);
    trip.battery = std::max(0.0, device.battery_after_report(trip.battery));
    bool sent = !trip.silenced;
    if (trip.coverage_gap) {
      const double gap_start = trip.sealed + 1800;
      if (now >= gap_start && now < gap_start + config_.supervision.comm_loss + 3600) sent = false;
    }
    const bool jammed = trip.attack == AttackKind::GpsJamming && trip.attack_time >= 0 &&
                        now < trip.attack_time + config_.attacks.jamming_time;
    if (jammed && trip.jam_cellular) sent = false;
    const bool tracked = tracks_.active() && tracks_.due(index, now);
    if (!sent && !tracked) continue;
    const LatLon truth = position(trip, now);  // once for the report and its track row
    const double km = km_at(trip, now);
    if (tracked) tracks_.record(trip, index, TrackCause::Report, now, truth, km, sent);
    if (!sent) continue;
    Report r;
    r.trip = index;
    r.km_hint = km;
    r.position = trip.attack == AttackKind::ClonedDevice ? reported_position(trip, now) : truth;
    if (jammed) r.position = destination(r.position, jam_stream_.uniform(0, 360), config_.attacks.cell_position_error);
    if (noise_stream_.bernoulli(config_.false_alarms.gps_drift)) {
      r.position = destination(r.position, noise_stream_.uniform(0, 360), 2 * config_.supervision.geofence_km);
    }
    r.low_battery = trip.battery_fault || trip.battery < cfg.low_battery * cfg.battery_capacity;
    if (!trip.malfunction) trip.malfunction = fault_stream_.bernoulli(config_.false_alarms.malfunction);
    r.malfunction = trip.malfunction;
    batch.reports.push_back(r);
  }
  supervision_.send(std::move(batch));
}

void CorridorModel::raise(std::size_t index, AlarmKind kind, double now) {
  Trip& trip = trips_.at(index);
  ++alarms_[static_cast<std::size_t>(kind)];
  ++trip.alarms;
  sim_.recorder().event(now, CorridorEvent::Alarm, trip.id, supervision_place_, static_cast<std::uint16_t>(kind));
  if (trip.state == TripState::InTransit) track(index, TrackCause::Alarm, false, static_cast<int>(kind));
  const auto grade = static_cast<std::uint8_t>(config_.centre.grade(kind));
  trip.known_grade = std::max(trip.known_grade, grade);
  if (stored_in_device(kind)) trip.device_grade = std::max(trip.device_grade, grade);
  triage_->alarm(static_cast<std::uint32_t>(index), trip.id, kind, now);
  if (kind == AlarmKind::DeviceMalfunction) return;  // a real fault of the device: neither detection nor false alarm
  if (kind == AlarmKind::LowBattery) {
    if (trip.battery_fault) {
      ++trip.false_alarms;
      ++false_alarms_;
    }
    return;
  }
  if (trip.attack_time >= 0 && now >= trip.attack_time) {
    if (trip.detected < 0) trip.detected = now;
    return;
  }
  ++trip.false_alarms;
  ++false_alarms_;
}

// What the operator's triage leads to. The vehicle may have arrived meanwhile: then nothing is left
// to do. Without patrol units a patrol action warns the destination instead; one patrol per trip.
void CorridorModel::act(std::uint32_t index, int grade, double raised) {
  Trip& trip = trips_.at(index);
  AlarmAction action = config_.centre.action(grade);
  if (action == AlarmAction::Patrol && (!patrols_->any() || trip.patrol_called)) action = AlarmAction::Warn;
  sim_.recorder().event(Simulation::now(), CorridorEvent::Triage, trip.id, supervision_place_, static_cast<std::uint16_t>(action));
  if (trip.state != TripState::InTransit) {
    ++after_arrival_;
    return;
  }
  ++actions_[static_cast<std::size_t>(action)];
  if (action == AlarmAction::Warn) {
    trip.inspect_on_arrival = true;
    trip.warn_country = trip.country;
  }
  if (action == AlarmAction::Patrol) {
    trip.patrol_called = true;
    patrols_->call(index, raised);
  }
}

// A patrol at the vehicle inspects it: an attack that has happened is confirmed (a detection if no
// alarm had caught it yet), otherwise the alarm is cleared. The inspection's duration keeps the unit.
double CorridorModel::patrol_meets(std::uint32_t index, int, bool met) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  if (!met) {
    sim_.recorder().event(now, CorridorEvent::Intercept, trip.id, patrol_place_, 2);
    return 0;
  }
  const bool confirmed = trip.attack_time >= 0 && trip.attack_time <= now;
  if (confirmed) ++confirmed_;
  else ++cleared_;
  if (confirmed && trip.detected < 0) trip.detected = now;
  sim_.recorder().event(now, CorridorEvent::Intercept, trip.id, patrol_place_, confirmed ? 1 : 0);
  return config_.centre.patrol_inspection.sample(centre_stream_);
}

void CorridorModel::track(std::size_t index, TrackCause cause, bool reported, int alarm) {
  if (!tracks_.active()) return;
  const Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  tracks_.record(trip, index, cause, now, position(trip, now), km_at(trip, now), reported, alarm);
}

// Once per track_interval: a row for each trip on the road that has had none for that long (devices
// that do not report, silenced ones, trips waiting at a station). Called from the model's own
// callbacks (arrivals, stations, report ticks), never from a timer or actor of its own: another
// timer changes the order SimGrid fires simultaneous ones in, and so the events; recording must not.
void CorridorModel::sample_tracks() {
  const double now = Simulation::now();
  if (!tracks_.sample_due(now)) return;
  for (std::uint32_t index : tracks_.on_the_road()) {
    if (tracks_.due(index, now)) track(index, TrackCause::Sample);
  }
  tracks_.sampled(now);
}

void CorridorModel::finish_recording() { tracks_.finish(trips_); }

void CorridorModel::declare_kpis(Recorder& r) {
  kpi_in_transit_ = r.kpi_series("corridor.in_transit", "1", "Trips sealed and on their way, at the sample time");
  kpi_completed_ = r.kpi_series("corridor.completed", "1", "Trips unsealed at destination in the interval");
  if (logistics_) logistics_->declare_kpis(r);
}

void CorridorModel::sample_kpis(Recorder& r, double) {
  r.kpi_value(kpi_in_transit_, static_cast<double>(trips_.count(TripState::InTransit)));
  const std::int64_t done = trips_.count(TripState::Completed);
  r.kpi_value(kpi_completed_, static_cast<double>(done - last_completed_));
  last_completed_ = done;
  if (logistics_) logistics_->sample_kpis(r);
}

void CorridorModel::write_summary(Recorder& r, double now) const {
  const std::string broken = trips_.conservation_error();
  if (!broken.empty()) throw std::logic_error("corridor conservation: " + broken);
  for (const auto& s : staff_) s->write_summary(r, now);
  for (const auto& s : readers_) s->write_summary(r, now);
  for (auto* group : {&inspectors_, &handheld_}) {
    for (const auto& s : *group) {
      if (s) s->write_summary(r, now);
    }
  }
  if (logistics_) logistics_->write_summary(r, now);
  write_centre_summary(r, now);
  write_border_summary(r);
  const auto created = static_cast<double>(trips_.size());
  const auto completed = static_cast<double>(trips_.count(TripState::Completed));
  r.summary("corridor.trips.created", created, "1", "Trips created");
  for (std::size_t s = 0; s < kTripStates; ++s) {
    r.summary("corridor.trips." + std::string(kTripStateNames[s]), static_cast<double>(trips_.count(static_cast<TripState>(s))),
              "1", "Trips in this state at the horizon (they add up to the trips created)", s == 2);
  }
  // Devices: one sealed per trip; on the road while the trip is in transit, then recovered for reuse
  // (or destroyed, one-off devices) at the destination.
  std::int64_t destroyed = 0, recovered = 0;
  for (const auto& t : trips_.trips()) {
    if (t.state != TripState::Completed) continue;
    if (config_.devices[static_cast<std::size_t>(t.device)].trips_per_device == 1) ++destroyed;
    else ++recovered;
  }
  const std::int64_t issued = trips_.count(TripState::InTransit) + trips_.count(TripState::Completed);
  if (issued != trips_.count(TripState::InTransit) + destroyed + recovered) {
    throw std::logic_error("corridor conservation: devices issued do not match devices on trips, recovered and destroyed");
  }
  r.summary("corridor.devices.issued", static_cast<double>(issued), "1", "Devices sealed on a trip");
  r.summary("corridor.devices.on_trip", static_cast<double>(trips_.count(TripState::InTransit)), "1",
            "Devices on a trip at the horizon");
  r.summary("corridor.devices.recovered", static_cast<double>(recovered), "1",
            "Reusable devices recovered at destinations");
  r.summary("corridor.devices.destroyed", static_cast<double>(destroyed), "1", "One-off devices destroyed at destinations");
  r.summary("corridor.trips_per_day", completed / (now / 86400.0), "1/d", "Trips completed per day", true);
  r.summary("corridor.sealing.wait.mean", mean_of(staff_), "s", "Mean wait for sealing or unsealing staff", true);
  r.summary("corridor.reading.wait.mean", mean_of(readers_), "s", "Mean wait for a fixed reader", true);
  r.summary("corridor.reads.failed_share", reads_ ? static_cast<double>(failed_reads_) / static_cast<double>(reads_) : 0,
            "1", "Share of reads at fixed readers that failed");
  r.summary("corridor.unsealing.automatic_share",
            completed > 0 ? 1 - static_cast<double>(manual_unseals_) / completed : 0, "1",
            "Share of unsealings done automatically", true);
  for (std::size_t k = 0; k < kAlarmKinds; ++k) {
    r.summary("corridor.alarms." + std::string(kAlarmNames[k]), static_cast<double>(alarms_[k]), "1", "Alarms raised");
  }
  r.summary("corridor.false_alarms_per_1000_trips", completed > 0 ? 1000.0 * static_cast<double>(false_alarms_) / completed : 0,
            "1", "False alarms (no attack, or before it) per 1,000 completed trips", true);
  r.summary("corridor.reports.sent", static_cast<double>(supervision_.reports_sent()), "1", "Reports sent by devices");
  r.summary("corridor.reports.lost", static_cast<double>(supervision_.reports_lost()), "1",
            "Reports lost on the cellular link (send timeout)");

  // Detection, scored on completed trips whose attack happened: overall and per device type.
  const std::size_t nd = config_.devices.size();
  std::vector<std::array<std::int64_t, kAttackKinds>> attacked(nd + 1), detected(nd + 1);
  std::vector<std::array<double, kAttackKinds>> latency(nd + 1);
  std::vector<double> cost(nd + 1, 0);
  std::vector<std::int64_t> done(nd + 1, 0);
  for (const auto& t : trips_.trips()) {
    if (t.state != TripState::Completed) continue;
    const auto& dev = config_.devices[static_cast<std::size_t>(t.device)];
    const double c = dev.unit_cost / dev.trips_per_device + dev.trip_cost;
    for (std::size_t d : {static_cast<std::size_t>(t.device), nd}) {
      cost[d] += c;
      ++done[d];
      if (t.attack_time < 0) continue;
      const auto k = static_cast<std::size_t>(t.attack);
      ++attacked[d][k];
      if (t.detected >= 0) {
        ++detected[d][k];
        latency[d][k] += t.detected - t.attack_time;
      }
    }
  }
  for (std::size_t d = 0; d <= nd; ++d) {
    const std::string prefix = d == nd ? "corridor." : "corridor." + config_.devices[d].name + ".";
    r.summary(prefix + "device_cost_per_trip", done[d] ? cost[d] / static_cast<double>(done[d]) : 0, "USD",
              "Device cost per completed trip: unit cost over its trips plus the per-trip cost", d == nd);
    for (std::size_t k = 1; k < kAttackKinds; ++k) {
      const std::string name = prefix + "detection." + std::string(kAttackNames[k]);
      r.summary(name + ".attacks", static_cast<double>(attacked[d][k]), "1", "Completed trips with this attack");
      r.summary(name + ".rate", attacked[d][k] ? static_cast<double>(detected[d][k]) / static_cast<double>(attacked[d][k]) : 0,
                "1", "Share of these attacks detected (alarm at or after the attack)", d == nd);
      r.summary(name + ".latency.mean", detected[d][k] ? latency[d][k] / static_cast<double>(detected[d][k]) : 0, "s",
                "Mean time from the attack to its first alarm", d == nd);
    }
  }
}

namespace {
double mean_or_zero(const stats::Tally& t) { return t.count() ? t.mean() : 0; }
}  // namespace

void CorridorModel::write_border_summary(Recorder& r) const {
  const auto& d = border_decisions_;
  const double passages = static_cast<double>(d[0] + d[1] + d[2]);
  r.summary("corridor.border.passages", passages, "1", "Trips that passed customs at a border station");
  r.summary("corridor.border.released", static_cast<double>(d[0]), "1",
            "Released without re-inspection (mutual recognition, no known alarm)");
  r.summary("corridor.border.document_checks", static_cast<double>(d[1]), "1", "Documents checked (a known alarm below inspect_grade)");
  r.summary("corridor.border.inspections", static_cast<double>(d[2]), "1", "Inspected at a border");
  r.summary("corridor.border.released_share", passages > 0 ? static_cast<double>(d[0]) / passages : 0, "1",
            "Share of border passages released without re-inspection", true);
  r.summary("corridor.border.findings", static_cast<double>(border_findings_), "1", "Border inspections that found an attack");
  r.summary("corridor.border.dwell.mean", mean_or_zero(border_dwell_), "s",
            "Mean time at a border station: queues, reading, customs, other formalities (after warm-up)", true);
  r.summary("corridor.border.dwell_saved", dwell_saved_ / 3600, "h",
            "Inspection time mutual recognition spared at borders (drawn for every passage, queues not counted)", true);
  r.summary("corridor.destination.reinspections", static_cast<double>(reinspections_), "1",
            "Cross-border trips re-inspected at their destination (no mutual recognition)");
  r.summary("corridor.reads.handheld", static_cast<double>(handheld_reads_), "1", "Failed fixed reads read again by hand");
  r.summary("corridor.reads.handheld_failed", static_cast<double>(handheld_failed_), "1", "Handheld reads that failed too");
  r.summary("corridor.stations.closed_waits", static_cast<double>(closed_waits_), "1", "Arrivals at a closed station");
  r.summary("corridor.stations.closed_wait.mean", mean_or_zero(closed_wait_), "s", "Mean wait for a closed station to open");
  r.summary("corridor.departures.wait.mean", mean_or_zero(departure_wait_), "s",
            "Mean wait for a scheduled departure (trains, vessels)");
  r.summary("corridor.relocks", static_cast<double>(relocks_), "1", "Device deactivations at relock stations");
  // Per procedure: trips completed and their mean time from creation to unsealing.
  std::vector<double> done(kProcedures.size()), time(kProcedures.size());
  for (std::size_t i = 0; i < trips_.size(); ++i) {
    const Trip& t = trips_.at(i);
    if (t.state != TripState::Completed) continue;
    const auto p = static_cast<std::size_t>(config_.flows[static_cast<std::size_t>(t.flow)].procedure_index);
    done[p] += 1;
    time[p] += t.completed - t.created;
  }
  for (std::size_t p = 1; p < kProcedures.size(); ++p) {
    if (done[p] == 0) continue;
    r.summary("corridor.procedure." + kProcedures[p] + ".trips", done[p], "1", "Trips completed under this procedure");
    r.summary("corridor.procedure." + kProcedures[p] + ".transit_time.mean", time[p] / done[p], "s",
              "Mean time from the trip's creation to its unsealing");
  }
}

void CorridorModel::write_centre_summary(Recorder& r, double now) const {
  triage_->write_summary(r, now);
  for (std::size_t a = 0; a < actions_.size(); ++a) {
    r.summary("corridor.centre.actions." + kAlarmActions[a], static_cast<double>(actions_[a]), "1",
              "Alarms triaged to this action while the vehicle was on the road");
  }
  r.summary("corridor.centre.after_arrival", static_cast<double>(after_arrival_), "1",
            "Alarms triaged after the vehicle had reached its destination (nothing left to do)");
  r.summary("corridor.centre.arrival_inspections", static_cast<double>(arrival_inspections_), "1",
            "Warned trips inspected at their destination");
  r.summary("corridor.centre.arrival_findings", static_cast<double>(arrival_found_), "1",
            "Destination inspections that found an attack");
  const Patrols& p = *patrols_;
  r.summary("corridor.patrols.units", p.units(), "1", "Patrol units");
  r.summary("corridor.patrols.dispatched", static_cast<double>(p.dispatched()), "1", "Patrol units sent to a vehicle");
  r.summary("corridor.patrols.interceptions", static_cast<double>(p.met()), "1", "Vehicles reached on the road", true);
  r.summary("corridor.patrols.confirmed", static_cast<double>(confirmed_), "1", "Interceptions that confirmed an attack");
  r.summary("corridor.patrols.cleared", static_cast<double>(cleared_), "1", "Interceptions that cleared the alarm");
  r.summary("corridor.patrols.missed", static_cast<double>(p.missed()), "1",
            "Calls whose vehicle reached its destination before a unit did");
  r.summary("corridor.patrols.waiting", static_cast<double>(p.waiting()), "1", "Calls waiting for a unit at the horizon");
  r.summary("corridor.patrols.utilisation", p.utilisation(now), "1",
            "Time-average share of units away from base (driving, inspecting, returning)", true);
  r.summary("corridor.patrols.travel.mean", p.travel_mean(), "s", "Mean drive from base to an intercepted vehicle");
  r.summary("corridor.patrols.response.mean", p.response_mean(), "s",
            "Mean time from the alarm to a unit at the vehicle (triage, wait for a unit, drive)", true);
}

}  // namespace porttwin::corridor
