// A smart container's own sensors (corridor_model.cpp lists the files of CorridorModel): the box
// is the device, so it senses what is done to the box, not to a seal. The door contact and the
// light sensor sense any opening (through the hinges too, which no seal sees), a reefer's
// temperature/humidity probe the air let in, the shock sensor the blows of destroying the device or
// working the hinge pins. Each alarms at its probability after its delay, and falsely at its rate.
#include <cmath>

#include "models/corridor/corridor_model.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::corridor {

void CorridorModel::sense(std::size_t index, AttackKind kind) {
  Trip& trip = trips_.at(index);
  const SmartSensorsConfig& s = *devices_[static_cast<std::size_t>(trip.device)]->sensors();
  const bool opening = kind == AttackKind::DoorOpening || kind == AttackKind::HingeRemoval;
  const bool blows = kind == AttackKind::DeviceDestruction || kind == AttackKind::DeviceRemoval || kind == AttackKind::HingeRemoval;
  const bool reefer = config_.flows[static_cast<std::size_t>(trip.flow)].reefer;
  const std::pair<AlarmKind, const SensorConfig*> all[] = {{AlarmKind::IllegalOpening, opening ? &s.door : nullptr},
                                                           {AlarmKind::LightInside, opening ? &s.light : nullptr},
                                                           {AlarmKind::Climate, opening && reefer ? &s.climate : nullptr},
                                                           {AlarmKind::Shock, blows ? &s.shock : nullptr}};
  const double now = Simulation::now();
  ReportBatch batch{-1, {}};
  for (auto [alarm, sensor] : all) {
    if (!sensor || !sensor_stream_.bernoulli(sensor->probability)) continue;
    trip.logged = true;  // in the box's own event log too, for a reader
    if (sensor->delay > 0) {
      after(sensor->delay, [this, index, alarm] {
        const Trip& t = trips_.at(index);
        if (t.state == TripState::InTransit && !t.gone) send_event(index, alarm);
      });
    } else if (cannot_send(trip, now)) {
      trip.pending = static_cast<std::uint16_t>(trip.pending | (1u << static_cast<unsigned>(alarm)));
    } else {
      Report r = event_report(index, alarm, now);
      batch.reports.push_back(r);
    }
  }
  if (kind == AttackKind::DoorOpening && trip.tanker && !cannot_send(trip, now)) {  // its volume sensor, as an e-lock's
    Report r = event_report(index, AlarmKind::AbnormalOil, now);
    batch.reports.push_back(r);
  }
  if (!batch.reports.empty()) supervision_.send(std::move(batch));
}

void CorridorModel::send_event(std::size_t index, AlarmKind alarm) {
  Trip& trip = trips_.at(index);
  if (cannot_send(trip, Simulation::now())) {
    trip.pending = static_cast<std::uint16_t>(trip.pending | (1u << static_cast<unsigned>(alarm)));
    return;
  }
  Report r = event_report(index, alarm, Simulation::now());
  supervision_.send(ReportBatch{-1, {r}});
}

// Each sensor's false alarms over one report interval: a Poisson process at its daily rate, sent
// with the report (a sensor event the centre cannot tell from a real one).
void CorridorModel::sensor_false_alarms(std::size_t index, double interval, ReportBatch& batch) {
  const Trip& trip = trips_.at(index);
  const SmartSensorsConfig& s = *devices_[static_cast<std::size_t>(trip.device)]->sensors();
  const bool reefer = config_.flows[static_cast<std::size_t>(trip.flow)].reefer;
  const std::pair<AlarmKind, const SensorConfig*> all[] = {{AlarmKind::IllegalOpening, &s.door},
                                                           {AlarmKind::LightInside, &s.light},
                                                           {AlarmKind::Climate, reefer ? &s.climate : nullptr},
                                                           {AlarmKind::Shock, &s.shock}};
  for (auto [alarm, sensor] : all) {
    if (!sensor || sensor->false_alarms_per_day <= 0) continue;
    if (!sensor_stream_.bernoulli(1 - std::exp(-sensor->false_alarms_per_day * interval / 86400))) continue;
    Report r;
    r.trip = static_cast<std::uint32_t>(index);
    r.position = batch.reports.back().position;
    r.is_event = true;
    r.event = alarm;
    batch.reports.push_back(r);
  }
}

}  // namespace porttwin::corridor
