// What happened to an entity, as one small code per event row of /events/log. Station-level codes
// first, then domain codes named after DCSA Track & Trace where one fits (GTIN = gate in).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace porttwin {

enum class EventKind : std::uint16_t {
  Enter = 0,   // an entity is created by a source
  Arrive = 1,  // joins a station's queue
  Start = 2,   // service starts (detail = server index)
  Finish = 3,  // service ends (detail = server index)
  Balk = 4,    // turned away: the queue was full
  Renege = 5,  // left the queue: patience ran out
  Exit = 6,    // leaves the model
  GateIn = 7,  // GTIN: passed the in-gate
  GateException = 8,  // identification failed, sent to the exception desk
  Discharge = 9,      // DISC: a box lifted off a vessel (detail = quay crane)
  Load = 10,          // LOAD: a box loaded onto a vessel (detail = quay crane)
  GateOut = 11,       // GTOT: a truck passed the out-gate
  VesselArrive = 12,  // ARRI: a vessel call arrives at the port (entity = call index)
  Berth = 13,         // the call berths (detail = berth)
  VesselDepart = 14,  // DEPA: the call leaves its berth (detail = berth)
  Breakdown = 15,     // a crane breaks down (entity = crane index)
  Repaired = 16,      // it is back in service
  Seal = 17,          // RSEA: a transit trip's device sealed at departure (entity = trip)
  Inspect = 18,       // INSP: its device read at a reader checkpoint (detail = 1 when the read succeeded)
  Unseal = 19,        // RMVD: unsealed at destination (detail = 1 when manual)
  BorderCross = 20,   // CROS: the trip passed a border station
  Attack = 21,        // truth: an attack on the trip (detail = corridor::AttackKind)
  Alarm = 22,         // the supervision centre or a checkpoint raised an alarm (detail = corridor::AlarmKind)
  CustomsSelect = 23,  // CUSS: NII risk selection routed a box (detail = nii::Route: 0 release, 1 scan, 2 physical)
  NiiAlarm = 24,       // an NII primary alarm (detail 0 RPM, 1 X-ray, 2 X-ray alarm cleared by AI)
  CustomsInspect = 25, // CUSI: diverted to secondary inspection (detail = nii::SecondaryKind)
  CustomsRelease = 26, // CUSR: released by customs
  CustomsHold = 27,    // held after secondary inspection: a finding (detail = nii::Truth)
  Triage = 28,         // the supervision centre's operator triaged an alarm on the trip (detail = 0 dismiss, 1 warn, 2 patrol)
  PatrolOut = 29,      // a patrol unit left its base to intercept the trip's vehicle (detail = unit)
  Intercept = 30,      // the patrol reached the vehicle (detail = 0 cleared, 1 attack confirmed, 2 missed: it had arrived)
  PatrolBack = 31,     // the unit is back at its base (entity = unit index)
  ArrivalInspect = 32, // the destination inspected a trip the centre warned it of (detail = 1 attack found)
  BorderCheck = 33,    // customs at a border decided (detail = 0 released, 1 documents checked, 2 inspected)
  Relock = 34,         // the device deactivated (detail 0) or reactivated (1) at a relock station
  ScheduledDeparture = 35,  // the trip left on a scheduled departure (train, vessel; detail = leg)
  StationClosed = 36,  // the trip reached a closed station and waits for it to open
  IncidentStart = 40,     // an incident begins (entity = incident number, detail = its kind)
  SystemDown = 41,        // an IT/OT host or uplink goes off (entity = incident number, place = it.<host>)
  SystemUp = 42,          // it comes back
  IncidentDetected = 43,  // the incident is detected (detail = 1 by an alert, 0 noticed by users)
  StepDone = 44,          // a playbook step ends (detail = its index in the playbook)
  IncidentRestored = 45,  // the critical functions it took down are back
  IncidentRecovered = 46, // the playbook is complete and the functions are back: recovered
};

// Names stored in the HDF5 enum type, so h5py shows them.
inline const std::vector<std::pair<std::string, long long>>& event_kind_names() {
  static const std::vector<std::pair<std::string, long long>> names = {
      {"ENTER", 0}, {"ARRIVE", 1}, {"START", 2}, {"FINISH", 3}, {"BALK", 4},
      {"RENEGE", 5}, {"EXIT", 6}, {"GTIN", 7}, {"GATE_EXCEPTION", 8},
      {"DISC", 9}, {"LOAD", 10}, {"GTOT", 11}, {"ARRI", 12}, {"BERTH", 13}, {"DEPA", 14},
      {"BREAKDOWN", 15}, {"REPAIRED", 16}, {"RSEA", 17}, {"INSP", 18}, {"RMVD", 19}, {"CROS", 20},
      {"ATTACK", 21}, {"ALARM", 22}, {"CUSS", 23}, {"NII_ALARM", 24}, {"CUSI", 25}, {"CUSR", 26},
      {"HOLD", 27}, {"TRIAGE", 28}, {"PATROL_OUT", 29}, {"INTERCEPT", 30}, {"PATROL_BACK", 31},
      {"ARRIVAL_INSPECT", 32}, {"BORDER_CHECK", 33}, {"RELOCK", 34},
      {"SCHEDULED_DEPARTURE", 35}, {"STATION_CLOSED", 36}, {"INCIDENT", 40}, {"SYSTEM_DOWN", 41}, {"SYSTEM_UP", 42}, {"DETECTED", 43},
      {"STEP_DONE", 44}, {"RESTORED", 45}, {"RECOVERED", 46}};
  return names;
}

}  // namespace porttwin
