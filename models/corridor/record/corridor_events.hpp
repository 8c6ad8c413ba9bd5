// Event codes of the transit corridor: a trip's device from sealing to unsealing, its alarms and
// the supervision centre's response. The entity is the trip (the patrol unit for PATROL_BACK).
#pragma once

#include <array>

#include "sim/record/event_kind.hpp"

namespace porttwin {

enum class CorridorEvent : std::uint16_t {
  Seal = 17,           // SEAL: a transit trip's device sealed at departure (entity = trip); DCSA has no code
                       // for a first sealing (its RSEA is "resealed after inspection": RELOCK 1 here)
  Inspect = 18,        // INSP: its device read at a reader checkpoint (detail = 1 when the read succeeded)
  Unseal = 19,         // RMVD: unsealed at destination (detail = 1 when manual)
  BorderCross = 20,    // CROS: the trip passed a border station
  Attack = 21,         // truth: an attack on the trip (detail = AttackKind)
  Alarm = 22,          // the supervision centre or a checkpoint raised an alarm (detail = AlarmKind)
  Triage = 28,         // the centre's operator triaged an alarm on the trip (detail = 0 dismiss, 1 warn, 2 patrol)
  PatrolOut = 29,      // a patrol unit left its base to intercept the trip's vehicle (detail = unit)
  Intercept = 30,      // the patrol reached the vehicle (detail = 0 cleared, 1 attack confirmed, 2 missed: it had arrived)
  PatrolBack = 31,     // the unit is back at its base (entity = unit index)
  ArrivalInspect = 32, // the destination inspected a trip the centre warned it of (detail = 1 attack found)
  BorderCheck = 33,    // customs at a border decided (detail = 0 released, 1 documents checked, 2 inspected,
                       // 3 documents and seal checked)
  Relock = 34,         // the device deactivated (detail 0) or reactivated (1) at a relock station
  ScheduledDeparture = 35,  // the trip left on a scheduled departure (train, vessel; detail = leg)
  StationClosed = 36,  // the trip reached a closed station and waits for it to open
};

inline constexpr std::array<EventKindName, 15> kCorridorEventNames = {{
    {"SEAL", 17}, {"INSP", 18}, {"RMVD", 19}, {"CROS", 20}, {"ATTACK", 21}, {"ALARM", 22}, {"TRIAGE", 28},
    {"PATROL_OUT", 29}, {"INTERCEPT", 30}, {"PATROL_BACK", 31}, {"ARRIVAL_INSPECT", 32}, {"BORDER_CHECK", 33},
    {"RELOCK", 34}, {"SCHEDULED_DEPARTURE", 35}, {"STATION_CLOSED", 36}}};

}  // namespace porttwin
