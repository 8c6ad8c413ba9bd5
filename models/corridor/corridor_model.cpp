// The corridor model, in the files of one class:
//   corridor_model.cpp     construction (stations, routes, devices, centre, patrols, logistics), start
//   corridor_trips.cpp     a trip from creation to the road: arrivals, sealing, legs, pauses, attacks
//   corridor_stations.cpp  at stations: readers, borders, relock, the destination's unsealing
//   corridor_alarms.cpp    reports, alarm rules, triage, patrols, track rows
//   corridor_summary.cpp   KPI series and the summary
//   corridor_costs.cpp     the full cost of ownership per trip of each device type
//   corridor_attack_steps.cpp  attacks in steps: making them, the device state they leave, scoring
//   corridor_sensors.cpp   a smart container's own sensors
#include "models/corridor/corridor_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/engine/delay.hpp"
#include "models/corridor/record/corridor_events.hpp"

namespace porttwin::corridor {

namespace {

LatLon point(const CustomsStationConfig& s) { return {s.lat, s.lon}; }

std::vector<LatLon> leg_points(const CorridorConfig& c, int from, const LegConfig& leg) {
  std::vector<LatLon> points{point(c.stations[static_cast<std::size_t>(from)])};
  for (std::size_t i = 0; i + 1 < leg.waypoints.size(); i += 2) points.push_back({leg.waypoints[i], leg.waypoints[i + 1]});
  points.push_back(point(c.stations[static_cast<std::size_t>(leg.to.index)]));
  return points;
}

}  // namespace

std::vector<std::string> CorridorModel::hosts(const CorridorConfig& c) {
  return {c.host, c.supervision.host, c.supervision.vehicle_host};
}

std::map<std::string, AccessLink> CorridorModel::access_links(const CorridorConfig& c) {
  return {{c.supervision.vehicle_host, {c.supervision.cellular_bandwidth, c.supervision.cellular_latency}}};
}

std::vector<double> CorridorModel::leg_lengths_km(const CorridorConfig& c, int route) {
  const RouteConfig& r = c.routes[static_cast<std::size_t>(route)];
  std::vector<double> out;
  int from = r.from.index;
  for (const auto& leg : r.legs) {
    out.push_back(Polyline(leg_points(c, from, leg)).length_km());
    from = leg.to.index;
  }
  return out;
}

CorridorModel::CorridorModel(Simulation& sim, const CorridorConfig& config, const Platform& platform)
    : sim_(sim),
      config_(config),
      reporting_(config.devices.size()),
      rules_(config.supervision, facts_, [this](std::size_t trip, AlarmKind kind, double now) { raise(trip, kind, now); }),
      risk_(config.risk),
      sealing_time_(config.sealing.mode == "quick" ? config.sealing.quick_time : config.sealing.manual_time),
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
      risk_stream_(sim.stream("corridor.risk")),
      find_stream_(sim.stream("corridor.inspection_finds")),
      sensor_stream_(sim.stream("corridor.sensors")),
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
  reads_by_device_.assign(devices_.size(), 0);
  stopped_reads_.assign(devices_.size(), 0);
  reports_by_device_.assign(devices_.size(), 0);
  reader_hours_by_device_.assign(devices_.size(), 0);
  const Distribution& sealing = config.sealing.mode == "quick" ? config.sealing.quick_time : config.sealing.manual_time;
  auto* host = platform.host(config.host);
  for (const auto& s : config.stations) {
    staff_.push_back(std::make_unique<Station>(
        sim, porttwin::StationConfig{"corridor." + s.name + ".staff", s.sealing_staff, sealing, false, -1, std::nullopt, "trips"},
        host));
    readers_.push_back(std::make_unique<Station>(
        sim, porttwin::StationConfig{"corridor." + s.name + ".readers", s.readers, s.read_time, false, -1, std::nullopt, "trips"},
        host));
    inspectors_.push_back(s.type != StationKind::Border ? nullptr
                                             : std::make_unique<Station>(
                                                   sim,
                                                   porttwin::StationConfig{"corridor." + s.name + ".inspectors",
                                                                           s.inspectors, config.cross_border.inspection_time,
                                                                           false, -1, std::nullopt, "trips"},
                                                   host));
    handheld_.push_back(s.handheld_readers == 0 ? nullptr
                                                : std::make_unique<Station>(
                                                      sim,
                                                      porttwin::StationConfig{"corridor." + s.name + ".handheld",
                                                                              s.handheld_readers, s.handheld_read_time,
                                                                              false, -1, std::nullopt, "trips"},
                                                      host));
    station_places_.push_back(sim.recorder().place("corridor." + s.name));
    static constexpr const char* kFacilityTypes[] = {"POTE", "INTE", "BOCR", "INTE"};  // kStationKindNames order
    sim.recorder().locate_place(station_places_.back(), s.location.un_locode, s.location.facility_code,
                                s.location.facility_code_list, kFacilityTypes[static_cast<std::size_t>(s.type)]);
  }
  const std::vector<std::string> countries = corridor_countries(config);
  for (const auto& s : config.stations) {
    const auto at = std::find(countries.begin(), countries.end(), s.country);
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
  // The run replays a file its scenario text does not hold: /meta names it and its hash.
  if (const auto& t = config.trips.trips) sim.recorder().meta("trace.corridor.trips", t->log->file + " sha256 " + t->log->sha256);
  for (std::size_t f = 0; f < config.flows.size(); ++f) {
    flow_streams_.push_back(sim.stream("corridor.flow." + std::to_string(f)));
    // A profiled flow: hourly rates of its weights scaled to trips_per_day, weekday factors to mean 1.
    const FlowConfig& flow = config.flows[f];
    ArrivalConfig a;
    if (!flow.hourly_profile.empty() || !flow.weekday_factors.empty()) {
      a.process = "profile";
      std::vector<double> hours = flow.hourly_profile.empty() ? std::vector<double>(24, 1.0) : flow.hourly_profile;
      const double hour_sum = std::accumulate(hours.begin(), hours.end(), 0.0);
      for (double& h : hours) h *= flow.trips_per_day / 3600.0 / hour_sum;
      a.hourly_profile = hours;
      if (!flow.weekday_factors.empty()) {
        const double week = std::accumulate(flow.weekday_factors.begin(), flow.weekday_factors.end(), 0.0) / 7;
        a.weekday_factors = flow.weekday_factors;
        for (double& w : a.weekday_factors) w /= week;
      }
    }
    profiled_.push_back(a.process == "profile");
    flow_profiles_.push_back(std::move(a));
  }
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
    route.name = config_.routes[r].name;
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
  if (config_.trips.trips) {
    replay_trips();
  } else {
    for (std::size_t f = 0; f < config_.flows.size(); ++f) {
      if (!config_.flows[f].from_port) schedule_arrival(f);  // port flows' trips come from the terminal
    }
  }
  for (std::size_t d = 0; d < devices_.size(); ++d) {
    if (!devices_[d]->reports()) continue;
    sim_.every(config_.devices[d].report_interval, "corridor.reports." + config_.devices[d].name,
               [this, d](double) { report_tick(d); });
  }
  if (restored_) {
    for (const SavedTrip& trip : restored_->trips) restore_trip(trip);
    restored_.reset();
  }
}

}  // namespace porttwin::corridor
