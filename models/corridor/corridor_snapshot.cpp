// The corridor's state in a snapshot (corridor_state.hpp reads and checks it; docs/snapshot.md
// says what each field means): written from the model, and restored into it at the start of a run
// from a snapshot. Jobs at stations (sealing, reading, border checks, unsealing) start again at the
// snapshot's time; a trip on the road goes on from where it is at the speed it had.
#include <algorithm>
#include <stdexcept>

#include "models/corridor/corridor_model.hpp"
#include "models/corridor/risk_assessment.hpp"
#include "models/corridor/record/corridor_events.hpp"

namespace porttwin::corridor {

using snapshot::Json;

namespace {

// The flag of an alarm raised once per trip (Trip or const Trip).
template <class T>
auto& raised_flag(T& t, AlarmKind kind) {
  switch (kind) {
    case AlarmKind::NoCommunication: return t.comm_loss_raised;
    case AlarmKind::RouteDeviation: return t.deviation_raised;
    case AlarmKind::DeviceMalfunction: return t.malfunction_raised;
    case AlarmKind::IllegalStay: return t.stay_raised;
    case AlarmKind::OvertimeStay: return t.overtime_raised;
    case AlarmKind::JourneyTimeout: return t.timeout_raised;
    default: return t.low_battery_raised;
  }
}

}  // namespace

void CorridorModel::save_state(snapshot::SnapshotWriter& w) const {
  const double now = Simulation::now();
  Json& section = w.section("corridor");
  const std::vector<std::string> countries = corridor_countries(config_);
  Json trips = Json::array();
  // A transit box's trip being sealed is left out (its box is in the terminal and asks again); the
  // device it was given is saved back in its store.
  std::vector<bool> back_in_store(logistics_ ? logistics_->fleet().size() : 0, false);
  for (std::size_t i = 0; i < trips_.size(); ++i) {
    const Trip& t = trips_.at(i);
    if (t.state == TripState::Completed) continue;
    if (t.from_port && t.state == TripState::Sealing) {
      if (t.unit != logistics::kNoDevice && logistics_) back_in_store[t.unit] = true;
      continue;
    }
    Json j;
    if (t.from_port || t.to_port) j["box"] = port_state_.number(t.id);
    else j["id"] = t.id;
    j["flow"] = t.flow;
    const bool sealing = t.state == TripState::Sealing;
    const bool at_station = !sealing && t.at_station >= 0;
    const bool departing = !sealing && !at_station && t.leg_speed == 0;
    const bool road = !sealing && !at_station && !departing;
    j["phase"] = sealing ? "sealing" : at_station ? "station" : departing ? "departure" : "road";
    j["created"] = w.time_text(t.created);
    double km = 0;
    if (!sealing) {
      j["sealed"] = w.time_text(t.sealed);
      j["leg"] = t.leg;
    }
    const bool detouring = t.detour_start >= 0 && now >= t.detour_start && now < t.detour_start + config_.attacks.deviation_time;
    if (road) {
      km = km_at(t, now);
      j["km"] = km;
      j["kmh"] = t.leg_speed * 3600;
      if (detouring) j["detour_left"] = t.detour_start + config_.attacks.deviation_time - now;
    } else if (!sealing) {
      km = routes_[static_cast<std::size_t>(t.route)].leg_start[static_cast<std::size_t>(t.leg)];
    }
    if (at_station) j["arrived"] = w.time_text(t.at_station);
    if (t.unit != logistics::kNoDevice && logistics_) j["device"] = logistics_->device(t.unit).serial;
    if (!supervised_by_device(t)) j["supervision"] = logistics::kSupervisionNames[t.supervision];
    if (!sealing) {
      j["battery"] = t.battery;
      j["last_report"] = w.time_text(std::min(t.last_report, now));
      if (t.last_read >= 0) j["last_read"] = w.time_text(t.last_read);
    }
    if (t.alarms > 0) j["alarms"] = t.alarms;
    if (t.false_alarms > 0) j["false_alarms"] = t.false_alarms;
    if (t.detected >= 0) j["detected"] = w.time_text(t.detected);
    Json raised = Json::array();
    for (AlarmKind kind : kOnceAlarms) {
      if (raised_flag(t, kind)) raised.push_back(kAlarmNames[static_cast<std::size_t>(kind)]);
    }
    if (!raised.empty()) j["raised"] = std::move(raised);
    if (t.known_grade > 0) j["known_grade"] = t.known_grade;
    if (t.device_grade > 0) j["device_grade"] = t.device_grade;
    if (t.inspect_on_arrival) j["inspect_on_arrival"] = true;
    if (t.warn_country >= 0) j["warned"] = countries[static_cast<std::size_t>(t.warn_country)];
    if (t.patrol_called) j["patrol_called"] = true;
    if (!sealing) j["risk"] = kRiskLevelNames[t.risk];
    j["vehicle"] = t.vehicle;
    j["driver"] = t.driver;
    // A rest stop under way keeps what is left of it; one made is left out.
    if (t.stop_time > 0) {
      const bool on_leg = road && t.stop_start >= t.leg_start;
      if (on_leg && now >= t.stop_start && now < t.stop_start + t.stop_time) {
        j["stop"] = {{"km", t.stop_km}, {"duration", t.stop_start + t.stop_time - now}};
      } else if (!(on_leg && now >= t.stop_start) && t.stop_km >= km) {
        j["stop"] = {{"km", t.stop_km}, {"duration", t.stop_time}};
      }
    }
    Json truth;
    truth["attack"] = kAttackNames[static_cast<std::size_t>(t.attack)];
    if (t.attack != AttackKind::None) truth["km"] = t.attack_km;
    if (t.attack_time >= 0) truth["time"] = w.time_text(t.attack_time);
    if (t.jam_cellular) truth["jam_cellular"] = true;
    if (t.coverage_gap) truth["coverage_gap"] = true;
    if (t.battery_fault) truth["battery_fault"] = true;
    if (t.malfunction) truth["malfunction"] = true;
    if (t.plan >= 0 && !config_.attacks.plans[static_cast<std::size_t>(t.plan)].single) {
      truth["scenario"] = config_.attacks.plans[static_cast<std::size_t>(t.plan)].name;
      Json steps = Json::array();
      const StepRecord& rec = step_records_[t.step_slot];
      for (std::size_t k = 0; k < t.steps_done; ++k) {
        Json step = Json::object();
        if (rec.time[k] >= 0) step["time"] = w.time_text(rec.time[k]);
        if (rec.detected[k] >= 0) step["detected"] = w.time_text(rec.detected[k]);
        steps.push_back(std::move(step));
      }
      if (!steps.empty()) truth["steps"] = std::move(steps);
    }
    if (t.logged) truth["logged"] = true;
    if (t.pending != 0) {
      Json pending = Json::array();
      for (std::size_t a = 0; a < kAlarmKinds; ++a) {
        if (t.pending & (1u << a)) pending.push_back(kAlarmNames[a]);
      }
      truth["pending"] = std::move(pending);
    }
    j["truth"] = std::move(truth);
    trips.push_back(std::move(j));
  }
  section["trips"] = std::move(trips);
  if (logistics_) logistics_->save_state(section, w, back_in_store);
}

void CorridorModel::restore_state(const snapshot::Snapshot& snap) {
  scenario::Diagnostics d(snap.source);
  snapshot::SectionReader reader(snap, d);
  const Json* section = reader.section("corridor");
  if (!section) return;
  restored_ = std::make_unique<CorridorState>(read_corridor_state(reader, *section, config_));
  if (!d.ok()) throw std::logic_error("a snapshot reached the corridor unchecked:\n" + d.format());
  if (logistics_ && restored_->has_devices) logistics_->restore_state(restored_->devices, restored_->vehicles_back);
  std::uint64_t last = 0;
  for (const SavedTrip& t : restored_->trips) {
    if (t.box.empty()) last = std::max(last, t.id - std::min(t.id, inland_ids_));
  }
  sim_.entities_from(last);  // the flows' new trips are numbered after the restored ones
}

// A snapshot trip's attack: its plan, the steps it has passed (times and detections) and the state
// they leave the device in (a bag on, removed, cloned, jammed), as inject_step left them. A step
// passed but not made was counted by the run that saved it; one made is counted again here, so
// that this run's steps made are those of its trips.
void CorridorModel::restore_steps(const SavedTrip& s, Trip& t) {
  if (s.plan < 0) return;
  t.plan = static_cast<std::int16_t>(s.plan);
  t.step_slot = static_cast<std::uint32_t>(step_records_.size());
  StepRecord& rec = step_records_.emplace_back();
  const auto& steps = config_.attacks.plans[static_cast<std::size_t>(s.plan)].steps;
  t.steps_done = static_cast<std::uint8_t>(s.steps.size());
  for (std::size_t k = 0; k < s.steps.size(); ++k) {
    rec.time[k] = s.steps[k].time;
    rec.detected[k] = s.steps[k].detected;
    if (s.steps[k].time < 0) continue;
    t.last_step = s.steps[k].time;
    ++steps_made_[static_cast<std::size_t>(steps[k].type)];  // the run's trips' steps, restored ones too
    switch (steps[k].type) {
      case AttackKind::FaradayBag: t.bagged = true; break;
      case AttackKind::BagOff: t.bagged = false; break;
      case AttackKind::DeviceRemoval:
      case AttackKind::DeviceDestruction: t.gone = true; break;
      case AttackKind::ClonedDevice: t.cloned = true; break;
      case AttackKind::GpsJamming: t.jam_start = s.steps[k].time; break;
      case AttackKind::DoorOpening: t.logged = t.logged || !devices_[static_cast<std::size_t>(t.device)]->sensors(); break;
      default: break;
    }
  }
  t.silenced = t.bagged || t.gone;
  t.logged = t.logged || s.logged;
  for (AlarmKind a : s.pending) t.pending = static_cast<std::uint16_t>(t.pending | (1u << static_cast<unsigned>(a)));
}

// A trip of the snapshot, at the first instant of the run (start()).
void CorridorModel::restore_trip(const SavedTrip& s) {
  sample_tracks();
  const double now = Simulation::now();
  const FlowConfig& f = config_.flows[static_cast<std::size_t>(s.flow)];
  const Route& route = routes_[static_cast<std::size_t>(f.route.index)];
  Trip t;
  t.id = s.id;
  if (!s.box.empty()) t.id = f.from_port ? port_state_.departed(s.box, s.flow, trips_.size()) : port_state_.bound(s.box);
  t.from_port = f.from_port;
  t.to_port = f.to_port && bound_box_;
  t.flow = s.flow;
  t.route = f.route.index;
  t.device = f.device.index;
  t.created = s.created;
  t.tanker = f.tanker;
  t.vehicle = s.vehicle;
  t.driver = s.driver;
  t.risk = static_cast<std::uint8_t>(s.risk);
  t.stop_km = s.stop_km;
  t.stop_time = s.stop_time;
  if (s.has_truth) {
    t.attack = s.attack;
    t.attack_km = s.attack_km;
    t.attack_time = s.attack_time;
    t.jam_cellular = s.jam_cellular;
    t.coverage_gap = s.coverage_gap;
    t.battery_fault = s.battery_fault;
    t.malfunction = s.malfunction;
    restore_steps(s, t);
  } else {
    draw_truth(t);  // an attack drawn behind the trip's position does not happen
  }
  t.alarms = s.alarms;
  t.false_alarms = s.false_alarms;
  t.detected = s.detected;
  for (AlarmKind kind : s.raised) raised_flag(t, kind) = true;
  t.known_grade = static_cast<std::uint8_t>(s.known_grade);
  t.device_grade = static_cast<std::uint8_t>(s.device_grade);
  t.inspect_on_arrival = s.inspect_on_arrival;
  t.warn_country = static_cast<std::int16_t>(s.warned_country);
  t.patrol_called = s.patrol_called;
  // Where the vehicle is: the country of the last border passed (the origin's before one).
  t.country = station_country_[static_cast<std::size_t>(route.stations.front())];
  for (int k = 1; k <= s.leg && s.phase != TripPhase::Sealing; ++k) {
    const int st = route.stations[static_cast<std::size_t>(k)];
    if (config_.stations[static_cast<std::size_t>(st)].type != StationKind::Border) continue;
    t.country = station_country_[static_cast<std::size_t>(st)];
    t.crossed_border = true;
  }
  const std::size_t index = trips_.size();
  trips_.add(t);
  reporting_slot_.push_back(kNoSlot);
  sim_.recorder().event(now, EventKind::Enter, t.id, station_places_[static_cast<std::size_t>(route.stations.front())]);
  if (t.plan >= 0 && t.steps_done > 0 && s.phase != TripPhase::Sealing) {  // the next step, a time after the last
    const auto& steps = config_.attacks.plans[static_cast<std::size_t>(t.plan)].steps;
    if (t.steps_done < steps.size()) next_step_at(index, t.last_step + steps[t.steps_done].after);
  }
  const auto how = static_cast<logistics::Supervision>(s.supervision);
  if (s.phase == TripPhase::Sealing) {  // sealed again, with its device (or asking for one again)
    if (logistics_ && s.device >= 0) {
      return go_to_sealing(index, how, logistics_->restore_in_use(static_cast<std::uint32_t>(s.device), t.route));
    }
    if (!from_store(t) || how != logistics::Supervision::Device) return go_to_sealing(index, how, logistics::kNoDevice);
    return logistics_->request(t.route, t.device, [this, index](logistics::Supervision h, logistics::DeviceId unit) {
      go_to_sealing(index, h, unit);
    });
  }

  Trip& trip = trips_.at(index);
  trips_.move(index, TripState::Sealing, TripState::InTransit);
  trip.sealed = s.sealed;
  trip.supervision = static_cast<std::uint8_t>(how);
  if (logistics_ && s.device >= 0) trip.unit = logistics_->restore_in_use(static_cast<std::uint32_t>(s.device), trip.route);
  trip.battery = s.battery >= 0 ? s.battery : config_.devices[static_cast<std::size_t>(trip.device)].battery_capacity;
  trip.last_report = s.last_report >= 0 ? s.last_report : now;
  trip.last_read = s.last_read;
  trip.leg = s.leg;
  const auto l = static_cast<std::size_t>(s.leg);
  const int station = route.stations[l + 1];
  const bool deactivated = s.phase == TripPhase::Station && config_.stations[static_cast<std::size_t>(station)].relock;
  if (supervised_by_device(trip) && devices_[static_cast<std::size_t>(trip.device)]->reports() && !deactivated) {
    auto& list = reporting_[static_cast<std::size_t>(trip.device)];
    reporting_slot_[index] = static_cast<std::uint32_t>(list.size());
    list.push_back(static_cast<std::uint32_t>(index));
  }
  switch (s.phase) {
    case TripPhase::Departure:
      trip.route_km = route.leg_start[l];
      track(index, TrackCause::Seal);
      return start_leg(index);
    case TripPhase::Station:
      trip.route_km = route.leg_start[l] + route.leg_km[l];
      trip.leg_start = now;
      trip.leg_speed = 0;
      trip.at_station = s.arrived;
      track(index, TrackCause::Seal);
      return queue_for_reader(index);
    case TripPhase::Road: {
      if (s.detour_left > 0) {
        trip.detour_start = now - (config_.attacks.deviation_time - s.detour_left);
        trip.detour_km = s.km;
      }
      const double end = route.leg_start[l] + route.leg_km[l];
      drive(index, s.km, std::max(0.0, end - s.km), s.kmh, now + s.detour_left);
      track(index, TrackCause::Seal);
      return;
    }
    case TripPhase::Sealing: return;
  }
}

}  // namespace porttwin::corridor
