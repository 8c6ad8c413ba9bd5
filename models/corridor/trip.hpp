// A transit trip: plain data (not an actor), moved along its route's legs by kernel timers. It
// carries the truth of what was done to it (attack kind and time) and what the supervision
// detected, so detection can be scored per attack kind.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "models/corridor/geometry.hpp"
#include "models/corridor/record/corridor_names.hpp"

namespace porttwin::corridor {

// Alarms the device itself raises and keeps in its log: a border without the supervision platform
// learns of these (and only these) by reading the device.
inline bool stored_in_device(AlarmKind kind) {
  switch (kind) {
    case AlarmKind::IllegalOpening:
    case AlarmKind::CableCut:
    case AlarmKind::LowBattery:
    case AlarmKind::AbnormalOil:
    case AlarmKind::DeviceMalfunction:
    case AlarmKind::BodyDestroyed: return true;
    default: return false;
  }
}

struct Trip {
  std::uint64_t id = 0;
  int flow = 0, route = 0, device = 0;
  std::uint32_t vehicle = 0;  // of the flow's fleet (or a new one per trip)
  std::uint32_t driver = 0;   // of the flow's drivers (or the vehicle's own)
  TripState state = TripState::Sealing;
  double created = 0;
  double sealed = -1;       // when the device was sealed (departure)
  double completed = -1;    // when it was unsealed at the destination
  int leg = 0;              // current leg while in transit
  double leg_start = 0;     // when the current leg started
  double leg_duration = 0;  // its travel time
  double route_km = 0;      // km done before the current leg
  double leg_speed = 0;     // km/s on the current leg
  double detour_start = -1; // when a route-deviation detour starts (its leg is longer by the detour)
  double stop_km = 0;       // a rest stop: where on the route (km from the start) ...
  double stop_time = 0;     // ... how long (0: no stop) ...
  double stop_start = -1;   // ... and when it starts (set when its leg starts)
  bool tanker = false;      // liquid cargo (volume sensor)
  double at_station = -1;   // arrived at the current intermediate station (border dwell)
  std::int16_t country = 0; // where the vehicle is: the country of the last station passed
  bool crossed_border = false;  // passed customs at an intermediate border station
  bool from_port = false;   // a transit box of the modelled terminal (id = the box's id; models/port)
  bool to_port = false;     // an export box for the modelled terminal (id = the box's id; models/port)
  std::uint8_t risk = 0;    // RiskLevel assessed at sealing: 0 green, 1 yellow, 2 red

  // Truth.
  AttackKind attack = AttackKind::None;  // its attack's first step (AttackPlan)
  double attack_km = 0;     // where on the route (km from the start)
  double attack_time = -1;  // when it happened (set when the vehicle passes attack_km)
  bool silenced = false;    // no more reports (Faraday bag, removal) from attack_time
  bool jam_cellular = false;  // GPS jamming: the jammer blocks the cellular link too (no reports at all)
  bool coverage_gap = false;  // false-alarm noise: reports stop for longer than the comm-loss time
  bool battery_fault = false; // false-alarm noise: the device reports low battery wrongly
  bool malfunction = false;   // the device's self-test has failed (noise, per report)
  // An attack in steps (corridor.attacks.plans): which plan, the steps made so far and what they
  // left the device in; the steps' times and detections are in the model's step records.
  std::int16_t plan = -1;     // index into the plans; -1: no attack
  std::uint8_t steps_done = 0;  // steps made (or passed by: a detour while not driving)
  bool bagged = false;        // a Faraday bag is on now: no reports, no answer to a reader
  bool gone = false;          // the device was removed or destroyed
  bool cloned = false;        // a clone reports in its place
  bool logged = false;        // the device's own log holds an opening (its cable, bolt or sensors)
  std::uint16_t pending = 0;  // events sensed while bagged (bit per AlarmKind), sent when the bag is off
  double jam_start = -1;      // a jammer is on from here for attacks.jamming_time
  double last_step = -1;      // when its last step was made
  double detour_km = 0;       // where the detour leaves the route
  double leg_extra = 0;       // s a detour begun after the leg's end was scheduled adds to it
  std::uint32_t step_slot = 0xffffffffu;  // its step record (attacked trips)

  // Device.
  std::uint32_t unit = 0xffffffffu;  // the physical device (logistics fleet id); none without logistics or on a fallback
  std::uint8_t supervision = 0;      // logistics::Supervision: a device, or the fallback taken without one
  double battery = 0;       // Ah
  bool low_battery_raised = false;
  double last_report = 0;   // last report received by the supervision centre

  // Detection.
  double detected = -1;     // first alarm at or after the attack (or checkpoint finding)
  double last_read = -1;    // its last good read at a reader (or its sealing): a passive seal's tampering lies after it
  double tamper_window = -1;  // found at a reader: the width of the interval its log places the tampering in, s
  int alarms = 0;
  int false_alarms = 0;
  bool comm_loss_raised = false;
  bool deviation_raised = false;
  bool malfunction_raised = false;
  bool stay_raised = false;
  bool overtime_raised = false;
  bool timeout_raised = false;
  LatLon last_fix;            // last reported position, for the stay rules
  double last_fix_cos_lat = 1;  // its cos(latitude), kept for the next report's distance
  Vec3 last_fix_unit;           // and its point on the unit sphere (the stay rule's chord)
  double last_fix_time = -1;
  double still_since = -1;    // standing still since (-1: moving)

  // Supervision centre.
  bool inspect_on_arrival = false;  // an operator warned the destination ...
  std::int16_t warn_country = -1;   // ... of this country (without a unified platform, only it hears)
  std::uint8_t known_grade = 0;     // highest grade of the alarms raised (on the platform)
  std::uint8_t device_grade = 0;    // highest grade of the alarms the device stored
  bool patrol_called = false;       // a patrol was sent (one per trip)
};

}  // namespace porttwin::corridor
