// /corridor in the run file: the map (stations, route polylines), the trips table and the device
// tracks. Positions lie on the route polyline except during a detour, periodic rows follow the track
// interval, rows come in time order, a trip's rows span its journey, and recording the tracks
// changes neither the events nor anything else between two runs of the same seed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/run_file.hpp"
#include "models/corridor/centre_config.hpp"
#include "models/corridor/geometry.hpp"
#include "sim/record/event_kind.hpp"
#include "models/corridor/record/corridor_layout.hpp"
#include "sim/record/h5_file.hpp"
#include "simulation_support.hpp"
#include "models/corridor/record/corridor_events.hpp"

using porttwin::CorridorTrackRow;
using porttwin::CorridorTripRow;
using porttwin::TrackCause;
using porttwin::testing::run_replications;
namespace h5 = porttwin::h5;
namespace corridor = porttwin::corridor;

namespace {

const std::string kRules = "tests/data/scenarios/corridor_rules.yaml";

struct Corridor {
  std::vector<porttwin::CorridorStationRow> stations;
  std::vector<porttwin::CorridorRouteRow> routes;
  std::vector<porttwin::CorridorVertexRow> vertices;
  std::vector<CorridorTripRow> trips;
  std::vector<CorridorTrackRow> tracks;
  double track_interval = 0, max_gap = 0;
};

Corridor read_corridor(const std::filesystem::path& file) {
  const h5::File f = h5::File::open_read(file.string());
  const h5::Group g = f.root().open_group("corridor");
  Corridor c;
  c.stations = h5::read_table<porttwin::CorridorStationRow>(g, "stations", porttwin::corridor_station_row_type());
  c.routes = h5::read_table<porttwin::CorridorRouteRow>(g, "routes", porttwin::corridor_route_row_type());
  c.vertices = h5::read_table<porttwin::CorridorVertexRow>(g, "route_vertices", porttwin::corridor_vertex_row_type());
  c.trips = h5::read_table<CorridorTripRow>(g, "trips", porttwin::corridor_trip_row_type());
  c.tracks = h5::read_table<CorridorTrackRow>(g, "tracks", porttwin::corridor_track_row_type());
  c.track_interval = g.double_attribute("track_interval");
  c.max_gap = g.open_dataset("tracks").double_attribute("max_gap");
  return c;
}

corridor::Polyline route_line(const Corridor& c, std::size_t route) {
  std::vector<corridor::LatLon> points;
  const auto& r = c.routes.at(route);
  for (std::uint64_t v = r.first_vertex; v < r.first_vertex + r.vertex_count; ++v) {
    points.push_back({c.vertices.at(v).lat, c.vertices.at(v).lon});
  }
  return corridor::Polyline(points);
}

bool same_row(const CorridorTrackRow& a, const CorridorTrackRow& b) {
  return a.time == b.time && a.trip == b.trip && a.lat == b.lat && a.lon == b.lon && a.km == b.km &&
         a.battery == b.battery && a.cause == b.cause && a.reported == b.reported && a.attacked == b.attacked &&
         a.silenced == b.silenced && a.off_route == b.off_route && a.alarm == b.alarm;
}

}  // namespace

TEST_CASE("corridor tracks: the map, positions on the route, periodic rows and truth flags", "[corridor][tracks]") {
  // Half the trips leave the route for 2 h, 10 km off (geofence 1 km); a fifth are bagged.
  const auto reps = run_replications(kRules, 1,
                                     {{"corridor.track_interval", "5min"},
                                      {"corridor.attacks.route_deviation", "0.5"},
                                      {"corridor.attacks.faraday_bag", "0.2"}});
  const Corridor c = read_corridor(reps.files[0]);
  const auto& run = reps.runs[0];

  REQUIRE(c.stations.size() == 3);
  CHECK(std::string(h5::text_of(c.stations[1].name)) == "b");
  CHECK(std::string(h5::text_of(c.stations[1].kind)) == "border");
  CHECK(c.stations[2].lon == 116);
  REQUIRE(c.routes.size() == 1);
  CHECK(c.routes[0].vertex_count == 4);  // a, the waypoint, b, c
  CHECK(c.routes[0].km == Approx(c.vertices[3].km));
  CHECK(c.routes[0].km == Approx(578).epsilon(0.01));
  CHECK(c.trips.size() == static_cast<std::size_t>(run.value("corridor.trips.created")));
  CHECK(c.track_interval == 300);

  const corridor::Polyline line = route_line(c, 0);
  std::map<std::uint64_t, std::vector<const CorridorTrackRow*>> by_trip;
  std::size_t off_route = 0;
  for (std::size_t i = 0; i < c.tracks.size(); ++i) {
    const CorridorTrackRow& row = c.tracks[i];
    if (i > 0) REQUIRE(row.time >= c.tracks[i - 1].time);
    by_trip[row.trip].push_back(&row);
    const double off = line.distance_to({row.lat, row.lon});
    if (row.off_route) {
      ++off_route;
      CHECK(off == Approx(10).margin(0.1));  // the detour, seen by the geofence
    } else {
      REQUIRE(off < 0.01);  // on the polyline (lat/lon stored as f4: under a metre)
      CHECK(line.at(row.km).lat == Approx(row.lat).margin(1e-4));
      CHECK(line.at(row.km).lon == Approx(row.lon).margin(1e-4));
    }
  }
  CHECK(off_route > 100);

  std::size_t completed = 0, attacked = 0;
  double gap = 0;
  for (const CorridorTripRow& trip : c.trips) {
    if (trip.sealed < 0) {
      CHECK(by_trip.count(trip.trip) == 0);  // not on the road yet
      continue;
    }
    const auto& rows = by_trip.at(trip.trip);
    CHECK(rows.front()->cause == TrackCause::Seal);
    CHECK(rows.front()->time == trip.sealed);
    CHECK(rows.front()->km == 0);
    for (std::size_t i = 1; i < rows.size(); ++i) gap = std::max(gap, rows[i]->time - rows[i - 1]->time);
    std::size_t periodic = 0, other = 0, reported = 0;
    for (const CorridorTrackRow* row : rows) {
      if (row->cause == TrackCause::Report || row->cause == TrackCause::Sample) {
        ++periodic;
      } else {
        ++other;
      }
      if (row->reported) ++reported;
      if (trip.attack_time >= 0) CHECK(row->attacked == (row->time >= trip.attack_time ? 1 : 0));
      if (row->silenced) CHECK(row->reported == 0);
    }
    if (trip.device == 0) CHECK(reported == 0);  // passive: ground truth only
    if (trip.completed < 0) continue;
    ++completed;
    if (trip.attack_time >= 0) ++attacked;
    CHECK(rows.back()->cause == TrackCause::Unseal);
    CHECK(rows.back()->time == trip.completed);
    CHECK(rows.back()->km == Approx(c.routes[0].km).epsilon(1e-5));
    // One periodic row per interval, less one per station/attack/alarm row that reset the count.
    const double intervals = (trip.completed - trip.sealed) / c.track_interval;
    CHECK(static_cast<double>(periodic) <= intervals + 1);
    CHECK(static_cast<double>(periodic) >= intervals - static_cast<double>(other) - 2);
  }
  CHECK(completed > 150);
  CHECK(attacked > 80);
  CHECK(c.max_gap == gap);
  CHECK(gap <= 2 * c.track_interval);
}

TEST_CASE("corridor tracks: the default interval thins active reports to one row in six", "[corridor][tracks]") {
  const auto reps = run_replications(kRules, 1, {{"horizon", "1d"}});
  const Corridor c = read_corridor(reps.files[0]);
  CHECK(c.track_interval == 1800);
  std::map<std::uint64_t, std::uint32_t> device;
  for (const auto& trip : c.trips) device[trip.trip] = trip.device;
  std::size_t reports = 0;
  for (const auto& row : c.tracks) {
    const bool periodic = row.cause == TrackCause::Report || row.cause == TrackCause::Sample;
    if (periodic && device.at(row.trip) == 1) ++reports;
  }
  // Active trips report every 5 min; about one report in six gets a row (a few give way to
  // station rows or to the sampler at the same moment).
  const double sent = reps.runs[0].value("corridor.reports.sent");
  CHECK(static_cast<double>(reports) > sent / 6 * 0.8);
  CHECK(static_cast<double>(reports) < sent / 6 * 1.05);
}

TEST_CASE("corridor tracks: recording them changes no event, and the same seed writes the same tracks",
          "[corridor][tracks][determinism]") {
  const std::vector<porttwin::scenario::Override> attacks = {{"corridor.attacks.route_deviation", "0.3"},
                                                             {"corridor.attacks.door_opening", "0.3"},
                                                             {"corridor.false_alarms.gps_drift", "0.001"},
                                                             {"horizon", "2d"}};
  auto without = attacks;
  without.push_back({"corridor.record_tracks", "false"});
  const auto a = run_replications(kRules, 1, attacks);
  const auto b = run_replications(kRules, 1, attacks);
  const auto off = run_replications(kRules, 1, without);
  CHECK(a.runs[0].meta.at("fingerprint") == off.runs[0].meta.at("fingerprint"));
  CHECK(a.runs[0].meta.at("fingerprint") == b.runs[0].meta.at("fingerprint"));
  const h5::File f = h5::File::open_read(off.files[0].string());
  CHECK_FALSE(f.root().has("corridor"));
  const Corridor ca = read_corridor(a.files[0]), cb = read_corridor(b.files[0]);
  REQUIRE(ca.tracks.size() == cb.tracks.size());
  REQUIRE(!ca.tracks.empty());
  for (std::size_t i = 0; i < ca.tracks.size(); ++i) REQUIRE(same_row(ca.tracks[i], cb.tracks[i]));
}

TEST_CASE("corridor tracks: patrol units' rows follow their PATROL_OUT, INTERCEPT and PATROL_BACK events, grades "
          "per alarm kind, and change no event",
          "[corridor][tracks][patrols]") {
  const std::string patrols = "tests/data/scenarios/corridor_patrols.yaml";
  const auto a = run_replications(patrols, 1);
  const auto off = run_replications(patrols, 1, {{"corridor.record_tracks", "false"}});
  CHECK(a.runs[0].meta.at("fingerprint") == off.runs[0].meta.at("fingerprint"));
  const h5::File f = h5::File::open_read(a.files[0].string());
  const h5::Group g = f.root().open_group("corridor");
  const auto kinds = h5::read_table<porttwin::CorridorAlarmKindRow>(g, "alarm_kinds", porttwin::corridor_alarm_kind_row_type());
  REQUIRE(kinds.size() == corridor::kAlarmKinds);
  corridor::CentreConfig defaults;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    CHECK(kinds[k].index == k);
    CHECK(std::string(h5::text_of(kinds[k].name)) == corridor::kAlarmNames[k]);
    CHECK(kinds[k].grade == defaults.grades[k]);
  }
  const auto rows = h5::read_table<porttwin::CorridorPatrolRow>(g, "patrols", porttwin::corridor_patrol_row_type());
  REQUIRE(!rows.empty());
  for (std::size_t i = 1; i < rows.size(); ++i) REQUIRE(rows[i].time >= rows[i - 1].time);
  // Per unit: base at the start, then out, at the vehicle, back, base, ...
  std::map<std::uint32_t, std::vector<porttwin::CorridorPatrolRow>> by_unit;
  for (const auto& r : rows) by_unit[r.unit].push_back(r);
  REQUIRE(by_unit.size() == 3);
  std::multiset<std::pair<double, std::uint64_t>> outs, meets;
  for (const auto& [unit, unit_rows] : by_unit) {
    INFO("unit " << unit);
    CHECK(unit_rows.front().time == 0);
    CHECK(unit_rows.front().state == porttwin::PatrolState::Base);
    const double base_lon = unit < 2 ? 113 : 116;
    for (std::size_t i = 1; i < unit_rows.size(); ++i) {
      const auto& prev = unit_rows[i - 1];
      const auto& r = unit_rows[i];
      const int expected = (static_cast<int>(prev.state) + 1) % 4;  // base, out, at_vehicle, back, base
      CHECK(static_cast<int>(r.state) == expected);
      if (r.state == porttwin::PatrolState::Out || r.state == porttwin::PatrolState::Base) CHECK(r.lon == base_lon);
      if (r.state == porttwin::PatrolState::Back) CHECK((r.lat == prev.lat && r.lon == prev.lon));
      if (r.state == porttwin::PatrolState::Out) outs.insert({r.time, r.trip});
      if (r.state == porttwin::PatrolState::AtVehicle) {
        meets.insert({r.time, r.trip});
        CHECK(r.trip == prev.trip);
        // The drive out is timed to where the vehicle was expected to be (Patrols::send); the row
        // is where it was when the unit arrived (a station may have held it meanwhile).
        CHECK(r.time > prev.time);
      }
      if (r.state == porttwin::PatrolState::Base) {
        const double km = corridor::great_circle_km({prev.lat, prev.lon}, {r.lat, r.lon});
        CHECK(r.time - prev.time == Approx(1.3 * km / 80 * 3600).margin(1e-3));
      }
    }
  }
  std::multiset<std::pair<double, std::uint64_t>> out_events, meet_events;
  for (const auto& e : porttwin::analysis::read_events(a.files[0])) {
    if (e.kind == static_cast<std::uint16_t>(porttwin::CorridorEvent::PatrolOut)) out_events.insert({e.time, e.entity});
    if (e.kind == static_cast<std::uint16_t>(porttwin::CorridorEvent::Intercept)) meet_events.insert({e.time, e.entity});
  }
  CHECK(outs.size() > 3);
  CHECK(outs == out_events);
  CHECK(meets == meet_events);
}
