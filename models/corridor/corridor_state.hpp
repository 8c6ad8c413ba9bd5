// The corridor's section of a snapshot (docs/snapshot.md, "corridor"): the trips not yet unsealed
// (where each is, its device, what was raised so far and, for a simulated state, the truth of what
// is done to it) and, with device logistics, every device in service with its store and state.
// Read and checked against the scenario (every error located) into plain data the model restores
// from; written from the model (corridor_snapshot.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/corridor/corridor_config.hpp"
#include "models/corridor/record/corridor_names.hpp"
#include "models/logistics/saved_device.hpp"
#include "sim/snapshot/snapshot.hpp"

namespace porttwin::corridor {

// Where a trip is: at its origin being sealed (waiting for a device or the staff), at a station
// waiting for a scheduled departure of its leg, on the road, or at the station its leg ends at
// (readers, border, relock, unsealing). Jobs at stations start again at the snapshot's time.
enum class TripPhase : std::uint8_t { Sealing, Departure, Road, Station };
inline const std::vector<std::string> kTripPhases = {"sealing", "departure", "road", "station"};

// The alarm rules that fire once per trip, by the alarm they raise.
inline constexpr AlarmKind kOnceAlarms[] = {AlarmKind::NoCommunication, AlarmKind::RouteDeviation,
                                            AlarmKind::DeviceMalfunction, AlarmKind::IllegalStay,
                                            AlarmKind::OvertimeStay, AlarmKind::JourneyTimeout, AlarmKind::LowBattery};

struct SavedTrip {
  std::uint64_t id = 0;
  std::string box;                  // a port trip (models/port): its box's ISO 6346 number, instead of an id
  int flow = 0;
  TripPhase phase = TripPhase::Road;
  double created = 0, sealed = -1;  // s
  int leg = 0;                      // departure, road, station: the leg (from 0)
  double km = 0;                    // road: km from the route's start
  double kmh = 0;                   // road: its speed on this leg
  double detour_left = 0;           // road: s of a detour in progress still to drive
  double arrived = -1;              // station: when it came to the station
  std::int64_t device = -1;         // with logistics: the device sealed on it (its id); -1 none
  int supervision = 0;              // logistics::Supervision
  double battery = -1;              // Ah left (-1: the type's full capacity)
  double last_report = -1;          // s: the last report the centre received (-1: sealed)
  double last_read = -1;            // s: its last good read at a reader (-1: none since sealing)
  int alarms = 0, false_alarms = 0;
  double detected = -1;
  std::vector<AlarmKind> raised;    // of kOnceAlarms
  int known_grade = 0, device_grade = 0;
  bool inspect_on_arrival = false, patrol_called = false;
  int warned_country = -1;          // index into the corridor's countries
  int risk = 0;                     // RiskLevel
  std::uint32_t vehicle = 0, driver = 0;
  double stop_km = 0, stop_time = 0;  // a rest stop still to make (0 s: none)
  // Truth (a simulated state's; left out, the scenario draws it as for a new trip).
  bool has_truth = false;
  AttackKind attack = AttackKind::None;
  double attack_km = 0, attack_time = -1;
  bool jam_cellular = false, coverage_gap = false, battery_fault = false, malfunction = false;
  // Its attack's plan (corridor.attacks.plans; a single kind's when no scenario is named) and the
  // steps passed so far: each made at `time` (-1: not made) and first detected at `detected`.
  int plan = -1;
  struct Step {
    double time = -1, detected = -1;
  };
  std::vector<Step> steps;
  bool logged = false;             // the device's log holds an opening
  std::vector<AlarmKind> pending;  // events sensed inside a Faraday bag, not yet sent
  std::string pointer;
};

struct CorridorState {
  std::vector<SavedTrip> trips;
  bool has_devices = false;  // without "devices" the stores start from the scenario's stocks
  std::vector<logistics::SavedDevice> devices;
  std::vector<double> vehicles_back;  // dispatch vehicles away: when each is back
};

// The station countries in the model's numbering (first seen first), for warned_country.
std::vector<std::string> corridor_countries(const CorridorConfig& config);

snapshot::Json corridor_state_schema();

// Reads and checks the section; every problem goes to the reader's diagnostics.
CorridorState read_corridor_state(const snapshot::SectionReader& reader, const snapshot::Json& section,
                                  const CorridorConfig& config);

}  // namespace porttwin::corridor
