#include "models/corridor/track_recorder.hpp"

#include <algorithm>
#include <limits>

#include "sim/record/h5_types.hpp"

namespace porttwin::corridor {

namespace {
constexpr std::uint32_t kOffRoad = 0xffffffffu;
}

void TrackRecorder::open(Recorder& recorder, const std::vector<Polyline>& lines,
                         const std::vector<std::vector<int>>& route_stations, std::size_t chunk_rows, int deflate) {
  if (!config_.record_tracks || !recorder.has_file()) return;
  std::vector<CorridorStationRow> stations;
  for (std::size_t s = 0; s < config_.stations.size(); ++s) {
    CorridorStationRow row;
    row.index = static_cast<std::uint32_t>(s);
    h5::copy_text(row.name, config_.stations[s].name);
    h5::copy_text(row.kind, config_.stations[s].kind);
    row.lat = config_.stations[s].lat;
    row.lon = config_.stations[s].lon;
    stations.push_back(row);
  }
  std::vector<CorridorRouteRow> routes;
  std::vector<CorridorVertexRow> vertices;
  for (std::size_t r = 0; r < lines.size(); ++r) {
    CorridorRouteRow row;
    row.index = static_cast<std::uint32_t>(r);
    h5::copy_text(row.name, config_.routes[r].name);
    row.from = static_cast<std::uint32_t>(route_stations[r].front());
    row.to = static_cast<std::uint32_t>(route_stations[r].back());
    row.km = lines[r].length_km();
    row.first_vertex = vertices.size();
    const auto& points = lines[r].points();
    double km = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (i > 0) km += great_circle_km(points[i - 1], points[i]);
      vertices.push_back({static_cast<std::uint32_t>(r), points[i].lat, points[i].lon, km});
    }
    row.vertex_count = points.size();
    routes.push_back(row);
  }
  std::vector<CorridorDeviceTypeRow> devices;
  for (std::size_t d = 0; d < config_.devices.size(); ++d) {
    const auto& c = config_.devices[d];
    CorridorDeviceTypeRow row;
    row.index = static_cast<std::uint32_t>(d);
    h5::copy_text(row.name, c.name);
    h5::copy_text(row.type, c.type);
    row.real_time = c.real_time && (c.type == "active" || c.type == "smart_container") ? 1 : 0;
    row.report_interval = c.report_interval;
    row.battery_capacity = c.battery_capacity;
    devices.push_back(row);
  }
  h5::Group root = recorder.root_group();
  TrackLogOptions options;
  options.track_interval = config_.track_interval;
  options.chunk_rows = chunk_rows;
  options.deflate = deflate;
  log_ = std::make_unique<TrackLog>(root, stations, routes, vertices, devices, options);
  std::vector<CorridorAlarmKindRow> kinds;
  for (std::size_t k = 0; k < kAlarmKinds; ++k) {
    CorridorAlarmKindRow row;
    row.index = static_cast<std::uint32_t>(k);
    h5::copy_text(row.name, std::string(kAlarmNames[k]));
    row.grade = static_cast<std::uint8_t>(config_.centre.grade(static_cast<AlarmKind>(k)));
    kinds.push_back(row);
  }
  log_->write_alarm_kinds(kinds);
}

void TrackRecorder::patrol(double time, int unit, LatLon at, PatrolState state, std::uint64_t trip) {
  if (!log_) return;
  patrols_.push_back({time, static_cast<std::uint32_t>(unit), at.lat, at.lon, state, trip});
}

void TrackRecorder::record(const Trip& trip, std::size_t index, TrackCause cause, double now, LatLon at, double km,
                           bool reported, int alarm) {
  if (!log_) return;
  if (index >= last_.size()) {
    last_.resize(index + 1, -std::numeric_limits<double>::infinity());
    alarm_.resize(index + 1, -1);
    slot_.resize(index + 1, kOffRoad);
  }
  if (cause == TrackCause::Alarm) alarm_[index] = static_cast<std::int8_t>(alarm);
  if (cause == TrackCause::Seal && slot_[index] == kOffRoad) {
    slot_[index] = static_cast<std::uint32_t>(road_.size());
    road_.push_back(static_cast<std::uint32_t>(index));
  } else if (cause == TrackCause::Unseal && slot_[index] != kOffRoad) {
    const std::uint32_t slot = slot_[index];
    road_[slot] = road_.back();
    slot_[road_[slot]] = slot;
    road_.pop_back();
    slot_[index] = kOffRoad;
  }
  if (last_[index] > -std::numeric_limits<double>::infinity()) max_gap_ = std::max(max_gap_, now - last_[index]);
  last_[index] = now;
  CorridorTrackRow row;
  row.time = now;
  row.trip = trip.id;
  row.lat = static_cast<float>(at.lat);
  row.lon = static_cast<float>(at.lon);
  row.km = static_cast<float>(km);
  row.battery = static_cast<float>(trip.battery);
  row.cause = cause;
  row.reported = reported ? 1 : 0;
  row.attacked = trip.attack_time >= 0 && now >= trip.attack_time ? 1 : 0;
  row.silenced = trip.silenced ? 1 : 0;
  row.off_route = trip.detour_start >= 0 && now >= trip.detour_start &&
                          now < trip.detour_start + config_.attacks.deviation_time
                      ? 1
                      : 0;
  row.alarm = alarm_[index];
  log_->record(row);
}

void TrackRecorder::finish(const TripRegistry& trips) {
  if (!log_) return;
  std::vector<CorridorTripRow> rows;
  rows.reserve(trips.size());
  for (std::size_t i = 0; i < trips.size(); ++i) {
    const Trip& t = trips.at(i);
    CorridorTripRow row;
    row.trip = t.id;
    row.route = static_cast<std::uint32_t>(t.route);
    row.flow = static_cast<std::uint32_t>(t.flow);
    row.procedure = static_cast<std::uint8_t>(config_.flows[static_cast<std::size_t>(t.flow)].procedure_index);
    row.vehicle = t.vehicle;
    row.driver = t.driver;
    row.device = static_cast<std::uint32_t>(t.device);
    row.unit = t.unit;
    row.created = t.created;
    row.sealed = t.sealed;
    row.completed = t.state == TripState::Completed && i < last_.size() ? last_[i] : -1;  // its Unseal row
    row.attack = static_cast<std::uint8_t>(t.attack);
    row.attack_time = t.attack_time;
    row.detected = t.detected;
    row.risk = t.risk;
    row.alarms = static_cast<std::uint32_t>(t.alarms);
    row.false_alarms = static_cast<std::uint32_t>(t.false_alarms);
    rows.push_back(row);
  }
  // Rows recorded ahead of their time (a drive back) go into place; a unit's rows at one moment keep
  // their order (back at base, then out again).
  std::stable_sort(patrols_.begin(), patrols_.end(),
                   [](const CorridorPatrolRow& a, const CorridorPatrolRow& b) { return a.time < b.time; });
  log_->finish(rows, max_gap_, patrols_);
  log_.reset();
}

}  // namespace porttwin::corridor
