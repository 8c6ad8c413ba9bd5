// Reports, alarms and the response: the report tick, alarm rules, triage, patrols, track rows (corridor_model.cpp lists the files of CorridorModel).
#include "models/corridor/corridor_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/corridor/record/corridor_events.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::corridor {

namespace {
constexpr std::size_t kPrefetchAhead = 8;  // trips ahead of the report tick's loop (TripRegistry::prefetch)
}  // namespace

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
    const bool jammed = trip.jam_start >= 0 && now < trip.jam_start + config_.attacks.jamming_time;
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
    r.position = trip.cloned ? reported_position(trip, now) : truth;
    if (jammed) r.position = destination(r.position, jam_stream_.uniform(0, 360), config_.attacks.cell_position_error);
    if (noise_stream_.bernoulli(config_.false_alarms.gps_drift)) {
      r.position = destination(r.position, noise_stream_.uniform(0, 360), 2 * config_.supervision.geofence_km);
    }
    r.low_battery = trip.battery_fault || trip.battery < cfg.low_battery * cfg.battery_capacity;
    if (!trip.malfunction) trip.malfunction = fault_stream_.bernoulli(config_.false_alarms.malfunction);
    r.malfunction = trip.malfunction;
    batch.reports.push_back(r);
    if (device.sensors()) sensor_false_alarms(index, cfg.report_interval, batch);
    if (trip.pending != 0) {  // events it logged while it could not send (a jammer's end): sent with this report
      for (std::size_t a = 0; a < kAlarmKinds; ++a) {
        if (!(trip.pending & (1u << a))) continue;
        Report e = r;
        e.is_event = true;
        e.event = static_cast<AlarmKind>(a);
        batch.reports.push_back(e);
      }
      trip.pending = 0;
    }
  }
  reports_by_device_[d] += static_cast<std::int64_t>(batch.reports.size());
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
    detect(trip, now);
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
  const bool confirmed = inspect(index, InspectionType::Physical);
  if (confirmed) ++confirmed_;
  else ++cleared_;
  if (confirmed) detect(trip, now);
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

Report CorridorModel::event_report(std::size_t index, AlarmKind alarm, double now) const {
  Report r;
  r.trip = static_cast<std::uint32_t>(index);
  r.position = position(trips_.at(index), now);
  r.is_event = true;
  r.event = alarm;
  return r;
}

}  // namespace porttwin::corridor
