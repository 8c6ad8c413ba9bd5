// The HDF5 row types of the run file's /corridor group, shared by TrackLog (writing) and the
// viewer (reading). Layout: docs/run-file.md, "/corridor".
//   /corridor/stations        one row per customs station: name, kind, position
//   /corridor/routes          one row per route: name, length, its rows in route_vertices
//   /corridor/route_vertices  every route's polyline, route after route (lat, lon, km from its start)
//   /corridor/device_types    one row per device type: name, type, real-time, report interval
//   /corridor/trips           one row per trip: route, device type, times, attack truth, alarms
//   /corridor/tracks          where every trip's device was over time, in time order
//   /corridor/alarm_kinds     one row per alarm kind: name and the grade the supervision centre gives it
//   /corridor/patrols         where every patrol unit was over time, in time order
#pragma once

#include <cstdint>

#include "models/corridor/record/corridor_names.hpp"
#include "sim/record/h5_types.hpp"

namespace porttwin {

struct CorridorStationRow {
  std::uint32_t index = 0;
  char name[60] = {};
  char kind[16] = {};  // kStationKindNames: port, inland, border, rail
  double lat = 0;
  double lon = 0;
};

struct CorridorRouteRow {
  std::uint32_t index = 0;
  char name[60] = {};
  std::uint32_t from = 0;  // station index of the start (sealing)
  std::uint32_t to = 0;    // station index of the destination (unsealing)
  double km = 0;           // length of the polyline
  std::uint64_t first_vertex = 0;  // its first row in /corridor/route_vertices
  std::uint64_t vertex_count = 0;
};

struct CorridorVertexRow {
  std::uint32_t route = 0;
  double lat = 0;
  double lon = 0;
  double km = 0;  // along the route from its start
};

struct CorridorDeviceTypeRow {
  std::uint32_t index = 0;
  char name[60] = {};
  char type[16] = {};  // passive, semi_active, active, smart_container
  std::uint8_t real_time = 0;
  double report_interval = 0;    // s (real-time types)
  double battery_capacity = 0;   // Ah
};

// Why a track row was written. Stored values of CorridorTrackRow::cause.
using corridor::TrackCause;  // corridor_names.hpp

// One position of one trip's device. The position is the truth (where the vehicle was); `reported`
// says whether customs got it in a real-time report (sent: it may still be lost on the link). GPS
// drift on a report is not in the row.
struct CorridorTrackRow {
  double time = 0;          // s since the scenario start
  std::uint64_t trip = 0;   // the trip's id (entity in /events/log, trip in /corridor/trips)
  float lat = 0;            // degrees
  float lon = 0;
  float km = 0;             // along its route (during a detour: where it left the route)
  float battery = 0;        // Ah left in the device
  TrackCause cause = TrackCause::Sample;
  std::uint8_t reported = 0;   // 1: sent to the supervision centre in a report
  std::uint8_t attacked = 0;   // truth: the trip's attack has happened
  std::uint8_t silenced = 0;   // truth: the device cannot report (Faraday bag, removed)
  std::uint8_t off_route = 0;  // truth: on a detour away from the route
  std::int8_t alarm = -1;      // last alarm kind raised on the trip so far (ALARM detail), -1 none
};

// CorridorTripRow::unit of a trip without a physical device (no logistics, or a fallback).
inline constexpr std::uint32_t kNoTripUnit = 0xffffffffu;

struct CorridorTripRow {
  std::uint64_t trip = 0;  // id
  std::uint32_t route = 0;
  std::uint32_t device = 0;  // device type index
  std::uint32_t unit = kNoTripUnit;  // physical device (logistics fleet id), 0xffffffff none
  double created = 0;
  double sealed = -1;     // departure, -1 not yet
  double completed = -1;  // unsealed at destination, -1 not yet
  std::uint8_t attack = 0;  // ATTACK detail (0 none)
  double attack_time = -1;
  double detected = -1;
  std::uint32_t alarms = 0;
  std::uint32_t false_alarms = 0;
  std::uint32_t flow = 0;      // index in corridor.flows
  std::uint8_t procedure = 0;  // customs procedure (enum, as corridor.flows[].procedure)
  std::uint32_t vehicle = 0;   // vehicle number within its flow's fleet
  std::uint32_t driver = 0;    // driver number within its flow's drivers
  std::uint8_t risk = 0;       // risk level assessed at sealing: 0 green, 1 yellow, 2 red
};

// An alarm kind (ALARM detail = index) and its grade at the supervision centre (corridor.centre.grades).
struct CorridorAlarmKindRow {
  std::uint32_t index = 0;
  char name[32] = {};
  std::uint8_t grade = 0;  // 1 info, 2 warning, 3 critical
};

// What a patrol unit does from its row on. Stored values of CorridorPatrolRow::state.
using corridor::PatrolState;  // corridor_names.hpp

inline constexpr std::uint64_t kNoTrip = ~std::uint64_t{0};

// A patrol unit's position and what it does from then on until its next row: at its base (Base),
// driving in a straight line to the next row's position (Out to the vehicle, Back to its base), or
// inspecting the vehicle where it met it (AtVehicle).
struct CorridorPatrolRow {
  double time = 0;              // s since the scenario start
  std::uint32_t unit = 0;       // patrol unit (PATROL_OUT detail)
  double lat = 0, lon = 0;      // degrees
  PatrolState state = PatrolState::Base;
  std::uint64_t trip = kNoTrip;  // the trip it was sent to (kNoTrip at its base)
};

h5::CompoundType corridor_station_row_type();      // /corridor/stations
h5::CompoundType corridor_route_row_type();        // /corridor/routes
h5::CompoundType corridor_vertex_row_type();       // /corridor/route_vertices
h5::CompoundType corridor_device_type_row_type();  // /corridor/device_types
h5::CompoundType corridor_trip_row_type();         // /corridor/trips
h5::CompoundType corridor_track_row_type();        // /corridor/tracks
h5::CompoundType corridor_alarm_kind_row_type();   // /corridor/alarm_kinds
h5::CompoundType corridor_patrol_row_type();       // /corridor/patrols

}  // namespace porttwin
