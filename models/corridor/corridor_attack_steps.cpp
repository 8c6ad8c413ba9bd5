// Attacks in steps (corridor_model.cpp lists the files of CorridorModel): a trip's attack plan
// (corridor.attacks.plans) is made step by step, the first at its attack place, each later one a
// time after the one before. Each step changes what the device can do (a bag silences it until it
// comes off, a removal for good, a clone reports in its place, a jammer blinds it); the truth of
// when each step was made is kept only to score detection, per step and per attack.
#include <algorithm>

#include "models/corridor/corridor_model.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "sim/engine/delay.hpp"

namespace porttwin::corridor {

void CorridorModel::inject_step(std::size_t index) {
  Trip& trip = trips_.at(index);
  const double now = Simulation::now();
  const AttackPlan& plan = config_.attacks.plans[static_cast<std::size_t>(trip.plan)];
  const std::size_t k = trip.steps_done;
  if (k >= plan.steps.size()) return;  // the trip arrived first (unsealed() counted the rest as not made)
  const AttackKind kind = plan.steps[k].type;
  ++trip.steps_done;
  if (k > 0 && trip.state != TripState::InTransit) {  // it arrived first: this step and the rest are not made
    for (std::size_t rest = k; rest < plan.steps.size(); ++rest) ++steps_missed_[static_cast<std::size_t>(plan.steps[rest].type)];
    trip.steps_done = static_cast<std::uint8_t>(plan.steps.size());
    return;
  }
  const bool detour = kind == AttackKind::RouteDeviation || kind == AttackKind::ClonedDevice;
  if (k > 0 && detour && !start_detour(index, now)) {  // not driving (at a station, resting): no detour
    ++steps_missed_[static_cast<std::size_t>(kind)];
    if (trip.steps_done < plan.steps.size()) next_step_at(index, now + plan.steps[trip.steps_done].after);
    return;
  }
  if (k == 0) trip.attack_time = now;
  trip.last_step = now;
  step_records_[trip.step_slot].time[k] = now;
  ++steps_made_[static_cast<std::size_t>(kind)];
  const auto& device = *devices_[static_cast<std::size_t>(trip.device)];
  switch (kind) {
    case AttackKind::FaradayBag: trip.bagged = true; break;
    case AttackKind::BagOff: trip.bagged = false; break;
    case AttackKind::DeviceRemoval:
    case AttackKind::DeviceDestruction: trip.gone = true; break;
    case AttackKind::ClonedDevice: trip.cloned = true; break;
    case AttackKind::GpsJamming: trip.jam_start = now; break;
    case AttackKind::DoorOpening: trip.logged = trip.logged || !device.sensors(); break;  // the seal's cable or bolt
    default: break;
  }
  trip.silenced = trip.bagged || trip.gone;
  sim_.recorder().event(now, CorridorEvent::Attack, trip.id, supervision_place_, static_cast<std::uint16_t>(kind));
  if (trip.state == TripState::InTransit) track(index, TrackCause::Attack);
  if (trip.state == TripState::InTransit && supervised_by_device(trip)) {
    AlarmKind alarm{};
    if (device.event_alarm(kind, alarm)) {
      if (cannot_send(trip, now)) {  // kept in its log, sent once it can send again
        trip.pending = static_cast<std::uint16_t>(trip.pending | (1u << static_cast<unsigned>(alarm)));
      } else {
        Report r = event_report(index, alarm, now);
        ReportBatch batch{-1, {r}};
        if (trip.tanker && kind == AttackKind::DoorOpening) {
          r.event = AlarmKind::AbnormalOil;
          batch.reports.push_back(r);
        }
        supervision_.send(std::move(batch));
      }
    }
    if (device.sensors()) sense(index, kind);
    if (kind == AttackKind::BagOff && trip.pending != 0 && !trip.gone && !cannot_send(trip, now)) {  // its log's events, at once
      ReportBatch batch{-1, {}};
      for (std::size_t a = 0; a < kAlarmKinds; ++a) {
        if (!(trip.pending & (1u << a))) continue;
        Report r = event_report(index, static_cast<AlarmKind>(a), now);
        batch.reports.push_back(r);
      }
      trip.pending = 0;
      supervision_.send(std::move(batch));
    }
  }
  if (trip.steps_done < plan.steps.size()) next_step_at(index, now + plan.steps[trip.steps_done].after);
}

// Inside a Faraday bag, or under a jammer that blocks the cellular link too, nothing gets out.
bool CorridorModel::cannot_send(const Trip& trip, double now) const {
  return trip.bagged || (trip.jam_cellular && trip.jam_start >= 0 && now < trip.jam_start + config_.attacks.jamming_time);
}

void CorridorModel::next_step_at(std::size_t index, double when) {
  after(std::max(0.0, when - Simulation::now()), [this, index] { inject_step(index); });
}

// The vehicle leaves the route where it drives now, for attacks.deviation_time: its leg (and a
// rest stop still ahead on it) is that much later. False when it is not driving on the road.
bool CorridorModel::start_detour(std::size_t index, double now) {
  Trip& t = trips_.at(index);
  if (t.state != TripState::InTransit || t.at_station >= 0 || t.leg_speed <= 0 || now < t.leg_start ||
      now >= t.leg_start + t.leg_duration) {
    return false;
  }
  if (t.stop_start >= t.leg_start && now >= t.stop_start && now < t.stop_start + t.stop_time) return false;
  const double dev = config_.attacks.deviation_time;
  if (t.detour_start >= 0 && now < t.detour_start + dev) return false;
  t.detour_km = km_at(t, now);
  t.detour_start = now;
  t.leg_duration += dev;
  t.leg_extra += dev;
  if (t.stop_start >= t.leg_start && t.stop_start > now) t.stop_start += dev;
  return true;
}

void CorridorModel::leg_done(std::size_t index) {
  Trip& t = trips_.at(index);
  if (t.leg_extra > 0) {
    const double extra = t.leg_extra;
    t.leg_extra = 0;
    after(extra, [this, index] { leg_done(index); });
    return;
  }
  end_leg(index);
}

void CorridorModel::detect(Trip& trip, double now) {
  if (trip.detected < 0) trip.detected = now;
  if (trip.step_slot == 0xffffffffu) return;
  StepRecord& rec = step_records_[trip.step_slot];
  for (std::size_t k = 0; k < trip.steps_done && k < kMaxAttackSteps; ++k) {
    if (rec.time[k] >= 0 && now >= rec.time[k] && rec.detected[k] < 0) rec.detected[k] = now;
  }
}

bool CorridorModel::undetected(const Trip& trip) const {
  if (trip.step_slot == 0xffffffffu) return trip.detected < 0;
  const StepRecord& rec = step_records_[trip.step_slot];
  for (std::size_t k = 0; k < trip.steps_done && k < kMaxAttackSteps; ++k) {
    if (rec.time[k] >= 0 && rec.detected[k] < 0) return true;
  }
  return false;
}

AttackKind CorridorModel::findable(const Trip& trip, InspectionType type) const {
  if (trip.plan < 0 || trip.step_slot == 0xffffffffu) return trip.attack;
  const AttackPlan& plan = config_.attacks.plans[static_cast<std::size_t>(trip.plan)];
  if (plan.steps.size() == 1) return trip.attack;
  const StepRecord& rec = step_records_[trip.step_slot];
  AttackKind best = trip.attack;
  double p = -1;
  for (std::size_t k = 0; k < trip.steps_done && k < plan.steps.size(); ++k) {
    if (rec.time[k] < 0) continue;
    const double q = config_.risk.find[static_cast<std::size_t>(plan.steps[k].type)].of(type);
    if (q > p) {
      p = q;
      best = plan.steps[k].type;
    }
  }
  return best;
}

}  // namespace porttwin::corridor
