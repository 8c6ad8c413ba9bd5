#include "models/corridor/track_log.hpp"

#include <algorithm>
#include <stdexcept>

namespace porttwin {

TrackLog::TrackLog(h5::Group& parent, const std::vector<CorridorStationRow>& stations,
                   const std::vector<CorridorRouteRow>& routes, const std::vector<CorridorVertexRow>& vertices,
                   const std::vector<CorridorDeviceTypeRow>& device_types, TrackLogOptions options,
                   const std::string& name)
    : options_(options),
      group_(parent.create_group(name)),
      tracks_(group_, "tracks", corridor_track_row_type(), options_.chunk_rows, options_.deflate) {
  group_.set_attribute("track_interval", options_.track_interval);
  group_.set_attribute("help", std::string("The corridor's map (stations, route polylines, device types), every trip, "
                                           "and where every trip's device was over time (tracks)"));
  h5::write_table(group_, "stations", corridor_station_row_type(), stations, "lat, lon: degrees",
              "Customs stations: index, name, kind (port, inland, border, rail), position");
  h5::write_table(group_, "routes", corridor_route_row_type(), routes, "km: km",
              "Routes: index, name, start and destination station indexes, length, and their rows "
              "[first_vertex, first_vertex + vertex_count) in route_vertices");
  h5::write_table(group_, "route_vertices", corridor_vertex_row_type(), vertices, "lat, lon: degrees; km: km",
              "Every route's polyline, route after route: lat, lon and km from the route's start");
  h5::write_table(group_, "device_types", corridor_device_type_row_type(), device_types,
              "report_interval: s; battery_capacity: Ah",
              "Device types: index (as in trips.device), name, type, real-time reporting, report interval");
  tracks_.set_attribute("units", std::string("time: s since the scenario start; lat, lon: degrees; km: km; battery: Ah"));
  tracks_.set_attribute(
      "help", std::string("Where every trip's device was, in time order: the truth (the vehicle's position), at each "
                          "real-time report and every track_interval (thinned), at sealing, arrival at and departure "
                          "from each station, the attack, each alarm and unsealing (cause). reported = 1: the position "
                          "was sent to customs in a report; 0: ground truth only. attacked, silenced, off_route: truth "
                          "flags; alarm: last alarm kind raised so far (-1 none). Between two rows of a trip, "
                          "interpolate km along its route (lat/lon while off_route)"));
  pending_.reserve(options_.chunk_rows);
}

TrackLog::~TrackLog() {
  try {
    flush();
  } catch (...) {
    // A destructor cannot report; callers who care call finish() themselves.
  }
}

void TrackLog::record(const CorridorTrackRow& row) {
  if (row.time < last_time_) {
    throw std::invalid_argument("TrackLog: row at " + std::to_string(row.time) + " s recorded after one at " +
                                std::to_string(last_time_) + " s");
  }
  last_time_ = row.time;
  if (row_count() % kTrackIndexEvery == 0) index_.push_back(row.time);
  pending_.push_back(row);
  if (pending_.size() >= options_.chunk_rows) flush();
}

void TrackLog::flush() {
  tracks_.append(pending_);
  pending_.clear();
}

void TrackLog::write_alarm_kinds(const std::vector<CorridorAlarmKindRow>& kinds) {
  h5::write_table(group_, "alarm_kinds", corridor_alarm_kind_row_type(), kinds, "grade: 1 info, 2 warning, 3 critical",
              "Alarm kinds (index = ALARM detail, tracks.alarm) and the grade the supervision centre gives each "
              "(corridor.centre.grades)");
}

void TrackLog::finish(const std::vector<CorridorTripRow>& trips, double max_gap,
                      const std::vector<CorridorPatrolRow>& patrols) {
  if (finished_) return;
  finished_ = true;
  flush();
  tracks_.set_attribute("max_gap", max_gap);
  group_.write_vector("track_index", index_, "s",
                      "Time of every " + std::to_string(kTrackIndexEvery) +
                          "th row of tracks (rows 0, every, 2 every, ...): where to read around a moment");
  group_.open_dataset("track_index").set_attribute("every", kTrackIndexEvery);
  h5::write_table(group_, "trips", corridor_trip_row_type(), trips, "created, sealed, completed, attack_time, detected: s",
              "Every trip in creation order: id, route, device type, physical unit, when it was created, sealed "
              "(-1 not yet) and completed (-1 not yet), its attack (truth) and when, its first alarm at or after "
              "the attack (detected, -1 none), alarms and false alarms");
  h5::write_table(group_, "patrols", corridor_patrol_row_type(), patrols, "time: s since the scenario start; lat, lon: degrees",
              "Where every patrol unit was, in time order: a row when it is at its base (state base, from the start "
              "and each return), leaves it (out), meets the vehicle (at_vehicle, inspecting it there), and leaves the "
              "vehicle (back); between a unit's out or back row and its next row it drives in a straight line. trip: "
              "the trip it was sent to (18446744073709551615 none). The rows of a unit's drive back are written when "
              "it meets the vehicle, so the last ones may lie after the horizon");
}

}  // namespace porttwin
