// Every name of the corridor's codes, once: the code names the scenario and the run file use
// (HDF5 enum labels, summary KPI names) and the labels shown to people (viewer, `porttwin trip`).
// The model, the track recorder, the viewer and the trip timeline all read these tables.
//   AttackKind     ATTACK detail, /corridor/trips.attack
//   AlarmKind      ALARM detail, /corridor/tracks.alarm, /corridor/alarm_kinds
//   Procedure      corridor.flows[].procedure, /corridor/trips.procedure
//   StationKind    corridor.stations[].kind, /corridor/stations.kind
//   AlarmAction    TRIAGE detail, corridor.centre.<grade>.action
//   TripState, TrackCause, PatrolState, and the details of BORDER_CHECK, INTERCEPT
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porttwin::corridor {

template <std::size_t N>
using Names = std::array<std::string_view, N>;

// The name of `code` in `names`, or "?" for a code this build does not know (a newer run file).
// Names are literals: data() is a terminated C string.
template <std::size_t N>
std::string_view name_of(const Names<N>& names, long long code) {
  return code >= 0 && static_cast<std::size_t>(code) < N ? names[static_cast<std::size_t>(code)] : std::string_view("?");
}

// `names` as an HDF5 enumeration's labels, numbered from `first`.
template <std::size_t N>
std::vector<std::pair<std::string, long long>> enum_labels(const Names<N>& names, std::size_t first = 0) {
  std::vector<std::pair<std::string, long long>> out;
  for (std::size_t i = first; i < N; ++i) out.emplace_back(std::string(names[i]), static_cast<long long>(i));
  return out;
}

// `names` as the list of choices a scenario key accepts.
template <std::size_t N>
std::vector<std::string> name_list(const Names<N>& names) {
  return {names.begin(), names.end()};
}

enum class AttackKind : std::uint8_t {
  None, DoorOpening, FaradayBag, DeviceRemoval, RouteDeviation, ClonedDevice, GpsJamming, DeviceDestruction,
  BagOff,       // a step only: the Faraday bag taken off again (the device answers and reports again)
  HingeRemoval  // the doors opened by taking out the hinge pins: the seal stays intact
};
inline constexpr std::size_t kAttackKinds = 10;
inline constexpr Names<kAttackKinds> kAttackNames = {
    "none", "door_opening", "faraday_bag", "device_removal", "route_deviation", "cloned_device", "gps_jamming",
    "device_destruction", "bag_off", "hinge_removal"};
inline constexpr Names<kAttackKinds> kAttackLabels = {
    "none", "door opening", "Faraday bag", "device removal", "route deviation", "cloned device", "GPS jamming",
    "device destruction", "Faraday bag off", "hinge removal"};

// IllegalOpening is also a smart container's door sensor; the last three are its other sensors.
enum class AlarmKind : std::uint8_t {
  RouteDeviation, NoCommunication, IllegalOpening, CableCut, LowBattery, Checkpoint,
  IllegalStay, OvertimeStay, JourneyTimeout, AbnormalOil, DeviceMalfunction, BodyDestroyed,
  LightInside, Climate, Shock
};
inline constexpr std::size_t kAlarmKinds = 15;
inline constexpr Names<kAlarmKinds> kAlarmNames = {
    "route_deviation", "no_communication", "illegal_opening", "cable_cut",    "low_battery",       "checkpoint",
    "illegal_stay",    "overtime_stay",    "journey_timeout", "abnormal_oil", "device_malfunction", "body_destroyed",
    "light_inside",    "climate",          "shock"};
inline constexpr Names<kAlarmKinds> kAlarmLabels = {
    "route deviation", "no communication", "illegal opening", "cable cut",           "low battery",        "checkpoint finding",
    "illegal stay",    "overtime stay",    "journey timeout", "abnormal oil volume", "device malfunction", "body destroyed",
    "light inside",    "temperature/humidity change", "shock"};
// Short labels for a map legend.
inline constexpr Names<kAlarmKinds> kAlarmShortLabels = {
    "deviation", "no comm.", "opening", "cable cut", "battery", "checkpoint",
    "stay", "overtime", "timeout", "oil", "malfunction", "destroyed", "light", "climate", "shock"};

// The customs procedure a flow's trips follow (WCO SSD study report, chapters 7-8); "auto" is never
// stored: the scenario check derives a real one from the route.
enum class Procedure : std::uint8_t {
  Auto, DomesticImport, DomesticExport, DomesticInternal, CrossBorderOneWay, CrossBorderTwoWay, Multimodal
};
inline constexpr std::size_t kProcedureCount = 7;
inline constexpr Names<kProcedureCount> kProcedureNames = {
    "auto", "domestic_import", "domestic_export", "domestic_internal", "cross_border_one_way",
    "cross_border_two_way", "multimodal"};

enum class StationKind : std::uint8_t { Port, Inland, Border, Rail };
inline constexpr std::size_t kStationKindCount = 4;
inline constexpr Names<kStationKindCount> kStationKindNames = {"port", "inland", "border", "rail"};

// What the supervision centre's operator does with an alarm of a grade (TRIAGE detail).
enum class AlarmAction : std::uint8_t { Dismiss, Warn, Patrol };
inline constexpr Names<3> kAlarmActionNames = {"dismiss", "warn", "patrol"};
inline constexpr int kGrades = 3;  // 1 info, 2 warning, 3 critical
inline constexpr Names<kGrades> kGradeNames = {"info", "warning", "critical"};

enum class TripState : std::uint8_t { Sealing, InTransit, Completed };
inline constexpr std::size_t kTripStates = 3;
inline constexpr Names<kTripStates> kTripStateNames = {"sealing", "in_transit", "completed"};

// Why a track row was written (/corridor/tracks.cause).
enum class TrackCause : std::uint8_t { Report = 0, Sample = 1, Seal = 2, Arrive = 3, Depart = 4, Attack = 5, Alarm = 6, Unseal = 7 };
inline constexpr Names<8> kTrackCauseNames = {"report", "sample", "seal", "arrive", "depart", "attack", "alarm", "unseal"};
inline constexpr Names<8> kTrackCauseLabels = {"report", "sample", "sealed", "arrived at a station", "left a station",
                                               "attack", "alarm", "unsealed"};

// What a patrol unit does from its row on (/corridor/patrols.state).
enum class PatrolState : std::uint8_t { Base = 0, Out = 1, AtVehicle = 2, Back = 3 };
inline constexpr Names<4> kPatrolStateNames = {"base", "out", "at_vehicle", "back"};
inline constexpr Names<4> kPatrolStateLabels = {"at base", "out", "at vehicle", "back"};

// Details of BORDER_CHECK and INTERCEPT events.
inline constexpr Names<4> kBorderDecisionLabels = {"released", "documents checked", "inspected",
                                                   "documents and seal checked"};
inline constexpr Names<3> kInterceptLabels = {"cleared", "attack confirmed", "missed: arrived"};

}  // namespace porttwin::corridor
