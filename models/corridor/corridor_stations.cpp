// A trip at stations: fixed and handheld readers, border customs, relock, unsealing at the destination (corridor_model.cpp lists the files of CorridorModel).
#include "models/corridor/corridor_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/corridor/record/corridor_events.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::corridor {

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
  if (!read_at_speed(trip, st)) {  // the vehicle stops with its seal at the antenna
    if (job.service_time < 0) job.service_time = st.read_time.sample(read_stream_);
    job.service_time += st.stop_time.sample(read_stream_);
  }
  readers_[static_cast<std::size_t>(station)]->arrive(job);
}

// A device is read at speed when it stays in the reader's field for its read_dwell: the field is a
// circle of its read range around the antenna, the seal passes reader_distance from it.
bool CorridorModel::read_at_speed(const Trip& trip, const CustomsStationConfig& st) const {
  const auto& type = config_.devices[static_cast<std::size_t>(trip.device)];
  const double range = devices_[static_cast<std::size_t>(trip.device)]->read_range(trip.battery);
  if (range <= st.reader_distance) return false;
  const double chord = 2 * std::sqrt(range * range - st.reader_distance * st.reader_distance);
  return chord / (st.pass_speed / 3.6) >= type.read_dwell;
}

// A fixed reader's read; a failed one is read again by hand where the station has handheld readers.
void CorridorModel::read(Job& job) {
  sample_tracks();
  Trip& trip = trips_.at(job.tag);
  const auto& type = config_.devices[static_cast<std::size_t>(trip.device)];
  const auto& st = config_.stations[static_cast<std::size_t>(station_of(trip))];
  const bool stopped = !read_at_speed(trip, st);
  if (stopped) ++stopped_reads_[static_cast<std::size_t>(trip.device)];
  reader_hours_by_device_[static_cast<std::size_t>(trip.device)] +=
      (st.read_time.mean() + (stopped ? st.stop_time.mean() : 0)) / 3600;
  const bool ok = read_stream_.bernoulli(type.read_success);
  if (type.drain_per_read > 0) trip.battery = std::max(0.0, trip.battery - type.drain_per_read);
  ++reads_;
  ++reads_by_device_[static_cast<std::size_t>(trip.device)];
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
  if (trip.attack_time >= 0 && undetected(trip) && supervised_by_device(trip) &&
      device.checkpoint_reveals(evidence_of(trip), ok)) {
    raise(index, AlarmKind::Checkpoint, now);
    // What the reader learns of when: a stamped log, to its clock's drift since sealing; else
    // only that it happened since the last good read.
    trip.tamper_window = ok && device.stamps_events(trip.battery)
                             ? 2 * device.config().clock_drift * (now - trip.sealed) / 86400
                             : now - (trip.last_read >= 0 ? trip.last_read : trip.sealed);
  }
  if (ok) trip.last_read = now;
  if (reporting_slot_[index] == kNoSlot && !trip.timeout_raised && rules_.overdue(trip, now)) {
    trip.timeout_raised = true;
    raise(index, AlarmKind::JourneyTimeout, now);
  }
  const bool last = static_cast<std::size_t>(trip.leg) + 1 == routes_[static_cast<std::size_t>(trip.route)].leg_km.size();
  if (last) return to_unsealing(index, station);
  if (config_.stations[static_cast<std::size_t>(station)].type == StationKind::Border) return border(index, station);
  leave(index);
}

// Customs at a border decide from what they know of the trip's alarms and its risk level (below).
// Both times are drawn for every passage (common random numbers), so the inspection time spared
// against inspecting every trip is known.
void CorridorModel::border(std::size_t index, int station) {
  Trip& trip = trips_.at(index);
  const auto& x = config_.cross_border;
  const double inspect = x.inspection_time.sample(border_stream_);
  const double documents = x.document_check_time.sample(border_stream_);
  // The trip's alarms, as far as this border knows them, and its risk level decide: with mutual
  // recognition the departure's assessment stands (only red, a known alarm of inspect_grade or a
  // warning is inspected; a lesser alarm gets a document check); without it, the border selects
  // by risk too, and checks every trip's documents at least (yellow: and the seal).
  const int known = x.unified_platform ? trip.known_grade : trip.device_grade;
  const bool warned = x.unified_platform && trip.inspect_on_arrival;
  const auto level = static_cast<RiskLevel>(trip.risk);
  int decision = 0;
  if (known >= x.inspect_grade || warned || level == RiskLevel::Red) {
    decision = 2;
  } else if (x.mutual_recognition) {
    decision = known > 0 ? 1 : 0;
  } else {
    decision = level == RiskLevel::Yellow ? 3 : 1;
  }
  const double seal = decision == 3 ? x.seal_check_time.sample(border_stream_) : 0;
  if (decision != 2) dwell_saved_ += inspect - (decision == 0 ? 0 : documents + seal);
  sim_.recorder().event(Simulation::now(), CorridorEvent::BorderCheck, trip.id,
                        station_places_[static_cast<std::size_t>(station)], static_cast<std::uint16_t>(decision));
  if (decision == 0) return border_done(index, station, 0);
  Job job = job_for(index);
  job.priority = decision;
  job.service_time = decision == 2 ? inspect : documents + seal;
  inspectors_[static_cast<std::size_t>(station)]->arrive(job);
}

void CorridorModel::border_done(std::size_t index, int station, int decision) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  ++border_decisions_[static_cast<std::size_t>(decision)];
  const InspectionType type = decision == 2   ? InspectionType::Physical
                              : decision == 3 ? InspectionType::SealCheck
                                              : InspectionType::Documentary;
  if (decision != 0 && inspect(index, type)) {
    ++border_findings_;
    if (undetected(trip)) raise(index, AlarmKind::Checkpoint, now);
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
// warned this country, or when the trip was assessed red.
void CorridorModel::to_unsealing(std::size_t index, int station) {
  Trip& trip = trips_.at(index);
  const auto& x = config_.cross_border;
  const std::int16_t here = station_country_[static_cast<std::size_t>(station)];
  trip.inspect_on_arrival = trip.inspect_on_arrival && (x.unified_platform || trip.warn_country == here);
  Job job = job_for(index);
  const bool manual = !unseal_stream_.bernoulli(config_.sealing.auto_unseal_success);
  job.priority = manual ? 1 : 0;
  job.service_time = (manual ? config_.sealing.manual_unseal_time : config_.sealing.auto_unseal_time).sample(unseal_stream_);
  if (trip.inspect_on_arrival) {
    job.service_time += config_.centre.arrival_inspection.sample(centre_stream_);
  } else if (trip.risk == static_cast<std::uint8_t>(RiskLevel::Red)) {
    trip.inspect_on_arrival = true;  // a red trip is inspected at its destination too: found like a warned trip's
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
  if (trip.plan >= 0) {  // the steps still to come are not made: the trip has arrived
    const auto& steps = config_.attacks.plans[static_cast<std::size_t>(trip.plan)].steps;
    for (std::size_t k = trip.steps_done; k < steps.size(); ++k) ++steps_missed_[static_cast<std::size_t>(steps[k].type)];
    trip.steps_done = static_cast<std::uint8_t>(steps.size());
  }
  trips_.move(index, TripState::InTransit, TripState::Completed);
  trip.completed = now;
  track(index, TrackCause::Unseal);
  const int station = routes_[static_cast<std::size_t>(trip.route)].stations.back();
  const auto place = station_places_[static_cast<std::size_t>(station)];
  if (trip.inspect_on_arrival) {
    // The staff inspected the vehicle before unsealing: an attack that happened is found.
    const bool found = inspect(index, InspectionType::Physical);
    ++arrival_inspections_;
    if (found) ++arrival_found_;
    if (found) detect(trip, now);
    sim_.recorder().event(now, CorridorEvent::ArrivalInspect, trip.id, place, found ? 1 : 0);
  }
  sim_.recorder().event(now, CorridorEvent::Unseal, trip.id, place, manual ? 1 : 0);
  sim_.recorder().event(now, EventKind::Exit, trip.id, place);
  if (from_store(trip)) logistics_->trip_done(trip.route, trip.unit, trip.battery);
  if (trip.to_port && bound_arrived_) bound_arrived_(index);
}

}  // namespace porttwin::corridor
