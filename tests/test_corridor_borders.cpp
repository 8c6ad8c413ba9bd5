// Crossing borders and the stations' working conditions: mutual recognition (no known alarm, no
// re-inspection) with or without a unified platform, inspection by alarm grade, other border
// formalities, relock stations (SELS), opening hours, handheld readers, scheduled rail departures,
// the device-destruction attack and the customs procedures. On the straight test corridor a - b - c
// (tests/data/scenarios/corridor_rules.yaml: b is the border).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "analysis/run_file.hpp"
#include "models/corridor/corridor_config.hpp"
#include "models/corridor/record/corridor_layout.hpp"
#include "sim/record/event_kind.hpp"
#include "sim/record/h5_file.hpp"
#include "porttwin_command.hpp"
#include "simulation_support.hpp"
#include "models/corridor/record/corridor_events.hpp"

using porttwin::testing::run_replications;
using Overrides = std::vector<porttwin::scenario::Override>;

namespace {
const std::string kRules = "tests/data/scenarios/corridor_rules.yaml";

template <porttwin::EventCode Kind>
std::vector<porttwin::EventRow> events_of(const porttwin::testing::Replications& reps, Kind kind, std::size_t run = 0) {
  std::vector<porttwin::EventRow> out;
  for (const auto& e : porttwin::analysis::read_events(reps.files[run])) {
    if (e.kind == static_cast<std::uint16_t>(kind)) out.push_back(e);
  }
  return out;
}
}  // namespace

TEST_CASE("corridor: a station's opening hours", "[corridor][borders]") {
  porttwin::corridor::CustomsStationConfig s;
  CHECK(porttwin::corridor::next_open(s, 3 * 3600.0) == 0);  // 24 h a day by default
  s.opens = 8 * 3600.0;
  s.hours_open = 12 * 3600.0;
  CHECK(porttwin::corridor::next_open(s, 8 * 3600.0) == 0);
  CHECK(porttwin::corridor::next_open(s, 19.5 * 3600) == 0);
  CHECK(porttwin::corridor::next_open(s, 20 * 3600.0) == Approx(12 * 3600.0));
  CHECK(porttwin::corridor::next_open(s, 2 * 3600.0) == Approx(6 * 3600.0));
  s.opens = 22 * 3600.0;  // overnight: 22:00 - 06:00
  s.hours_open = 8 * 3600.0;
  CHECK(porttwin::corridor::next_open(s, 23 * 3600.0) == 0);
  CHECK(porttwin::corridor::next_open(s, 5 * 3600.0) == 0);
  CHECK(porttwin::corridor::next_open(s, 6 * 3600.0) == Approx(16 * 3600.0));
}

TEST_CASE("corridor: trips reaching a closed office wait for it to open, half the closed time on average",
          "[corridor][borders]") {
  // The origin a opens 08:00-20:00: sealing only then; Poisson arrivals in the 12 closed hours wait
  // 6 h on average.
  const auto reps = run_replications(kRules, 1,
                                     {{"horizon", "20d"}, {"corridor.stations[0].opens", "08:00"},
                                      {"corridor.stations[0].hours_open", "12h"}});
  const auto& run = reps.runs[0];
  const double waits = run.value("corridor.stations.closed_waits");
  CHECK(waits > 300);
  const double mean = run.value("corridor.stations.closed_wait.mean");
  // Uniform on (0, 12 h): sd 3.46 h, so the mean of n waits has sd 3.46 h / sqrt(n).
  CHECK(std::abs(mean - 6 * 3600.0) < 4 * 12 * 3600 / std::sqrt(12.0) / std::sqrt(waits));
  for (const auto& e : events_of(reps, porttwin::CorridorEvent::Seal)) {
    const double tod = std::fmod(e.time, 86400.0);
    INFO("sealed at " << e.time);
    CHECK((tod >= 8 * 3600.0 && tod < 20 * 3600.0 + 600));  // a sealing started before closing may end after
  }
}

TEST_CASE("corridor: mutual recognition releases trips without a known alarm at the border", "[corridor][borders]") {
  const Overrides base = {{"horizon", "2d"}, {"corridor.stations[1].border_wait", "30min"}};
  SECTION("no alarm: every trip released, no re-inspection at the destination") {
    const auto reps = run_replications(kRules, 1, base);
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.border.passages") > 100);
    CHECK(run.value("corridor.border.released_share") == 1);
    CHECK(run.value("corridor.destination.reinspections") == 0);
    CHECK(run.value("corridor.border.dwell_saved") > 0);
    // Reading (lognormal 20 s, 2 readers) and the 30 min of other formalities.
    CHECK(run.value("corridor.border.dwell.mean") > 1800);
    CHECK(run.value("corridor.border.dwell.mean") < 1800 + 120);
  }
  SECTION("without it the border selects by risk: documents for green, seal for yellow, inspection for red") {
    Overrides o = base;
    o.push_back({"corridor.cross_border.mutual_recognition", "false"});
    o.push_back({"corridor.risk.untrusted.yellow", "0.2"});
    o.push_back({"corridor.risk.untrusted.red", "0.1"});
    const auto reps = run_replications(kRules, 1, o);
    const auto& run = reps.runs[0];
    const double passages = run.value("corridor.border.passages");
    CHECK(run.value("corridor.border.released") == 0);
    CHECK(run.value("corridor.border.document_checks") + run.value("corridor.border.seal_checks") +
              run.value("corridor.border.inspections") == passages);
    // Not every truck: about a tenth inspected, a fifth seal-checked (trusted_share 0.3 has no selection).
    CHECK(run.value("corridor.border.inspections") < 0.2 * passages);
    CHECK(run.value("corridor.border.inspections") > 0);
    CHECK(run.value("corridor.border.seal_checks") > run.value("corridor.border.inspections"));
    // Red trips are inspected at their destination too.
    CHECK(run.value("corridor.destination.reinspections") > 0);
    CHECK(run.value("corridor.destination.reinspections") < 0.2 * run.value("corridor.trips.completed") + 4);
    // The same trips either way (common random numbers), slower through the border without recognition.
    const auto recognised = run_replications(kRules, 1, base);
    CHECK(recognised.runs[0].value("corridor.trips.created") == run.value("corridor.trips.created"));
    CHECK(recognised.runs[0].value("corridor.border.dwell.mean") < run.value("corridor.border.dwell.mean") - 200);
  }
}

TEST_CASE("corridor: what a border knows of a trip's alarms, with and without a unified platform",
          "[corridor][borders]") {
  // Every trip detours on the first leg: active devices raise route deviation (grade 3) on the
  // platform; the device stores nothing of it. Passive devices raise nothing before the border.
  const Overrides detour = {{"horizon", "2d"}, {"corridor.attacks.route_deviation", "1"},
                            {"corridor.flows[0].trips_per_day", "0.001"}};
  SECTION("unified platform: the border sees the deviation and inspects, finding the detour") {
    const auto reps = run_replications(kRules, 1, detour);
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.border.passages") > 40);
    CHECK(run.value("corridor.border.inspections") == run.value("corridor.border.passages"));
    CHECK(run.value("corridor.border.findings") == run.value("corridor.border.passages"));
  }
  SECTION("separate platforms: the border reads the device, learns nothing, releases") {
    Overrides o = detour;
    o.push_back({"corridor.cross_border.unified_platform", "false"});
    const auto reps = run_replications(kRules, 1, o);
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.border.released_share") == 1);
    CHECK(run.value("corridor.border.findings") == 0);
  }
  SECTION("a door opening is in the device's log: inspected either way") {
    Overrides o = {{"horizon", "2d"}, {"corridor.attacks.door_opening", "1"},
                   {"corridor.flows[0].trips_per_day", "0.001"}, {"corridor.cross_border.unified_platform", "false"}};
    const auto reps = run_replications(kRules, 1, o);
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.border.inspections") == run.value("corridor.border.passages"));
  }
  SECTION("a grade below inspect_grade gets a document check") {
    Overrides o = detour;
    o.push_back({"corridor.centre.grades.route_deviation", "1"});
    o.push_back({"corridor.centre.grades.illegal_stay", "1"});  // the detour halts 10 km off the route
    const auto reps = run_replications(kRules, 1, o);
    const auto& run = reps.runs[0];
    CHECK(run.value("corridor.border.document_checks") == run.value("corridor.border.passages"));
  }
}

TEST_CASE("corridor: a relock station stops the device's reports while the vehicle is at it", "[corridor][borders]") {
  // Border b: 1 h of formalities. Relocked, the active devices send no report for about that hour
  // (reports every 5 min: 12 fewer per passage).
  const Overrides base = {{"horizon", "2d"}, {"corridor.stations[1].border_wait", "1h"},
                          {"corridor.cross_border.relock_time", "10s"}};
  Overrides relock = base;
  relock.push_back({"corridor.stations[1].relock", "true"});
  const auto plain = run_replications(kRules, 1, base);
  const auto locked = run_replications(kRules, 1, relock);
  const auto relocks = events_of(locked, porttwin::CorridorEvent::Relock);
  REQUIRE(!relocks.empty());
  // Each deactivation (detail 0) is followed by the trip's reactivation (detail 1) at the same place.
  std::map<std::uint64_t, int> state;
  for (const auto& e : relocks) {
    INFO("trip " << e.entity << " at " << e.time);
    CHECK(e.detail == (state[e.entity] == 0 ? 0 : 1));
    state[e.entity] = 1 - state[e.entity];
  }
  const double passages = locked.runs[0].value("corridor.relocks");
  CHECK(passages == static_cast<double>(std::count_if(relocks.begin(), relocks.end(), [](const auto& e) { return e.detail == 0; })));
  const double fewer = plain.runs[0].value("corridor.reports.sent") - locked.runs[0].value("corridor.reports.sent");
  const double active_passages = passages / 2;  // one flow of two reports
  CHECK(fewer / active_passages == Approx(12).margin(2.5));
  CHECK(locked.runs[0].value("corridor.alarms.no_communication") == 0);
}

TEST_CASE("corridor: a failed fixed read is read again with a handheld reader", "[corridor][borders]") {
  const auto reps = run_replications(kRules, 1,
                                     {{"horizon", "10d"}, {"corridor.devices[0].read_success", "0.5"},
                                      {"corridor.stations[1].handheld_readers", "1"},
                                      {"corridor.stations[2].handheld_readers", "1"}});
  const auto& run = reps.runs[0];
  // Passive reads fail half the time (active ones always succeed: read_success 0.99 by default).
  const double handheld = run.value("corridor.reads.handheld");
  CHECK(handheld > 200);
  CHECK(handheld == Approx(run.value("corridor.reads.failed_share") * run.value("corridor.border.passages") * 2).epsilon(0.15));
  // Handheld reads fail as often as fixed ones: binomial(n, 0.5) within 4 sd.
  CHECK(std::abs(run.value("corridor.reads.handheld_failed") - handheld / 2) < 4 * std::sqrt(handheld / 4));
}

TEST_CASE("corridor: scheduled departures with a capacity", "[corridor][borders]") {
  // The leg b - c by train every 6 h from 03:00, 5 wagons a departure; the trucks of leg a - b arrive
  // at about 80 a day, so some wait for a later train.
  const auto reps = run_replications(kRules, 1,
                                     {{"horizon", "6d"}, {"corridor.routes[0].legs[1].mode", "rail"},
                                      {"corridor.routes[0].legs[1].departure_interval", "6h"},
                                      {"corridor.routes[0].legs[1].first_departure", "3h"},
                                      {"corridor.routes[0].legs[1].departure_capacity", "25"}});
  const auto departures = events_of(reps, porttwin::CorridorEvent::ScheduledDeparture);
  REQUIRE(departures.size() > 200);
  std::map<long, int> per_train;
  for (const auto& e : departures) {
    const double k = (e.time - 3 * 3600.0) / (6 * 3600.0);
    INFO("departure at " << e.time);
    CHECK(std::abs(k - std::round(k)) < 1e-6);
    ++per_train[std::lround(k)];
  }
  int full = 0;
  for (const auto& [train, n] : per_train) {
    CHECK(n <= 25);
    if (n == 25) ++full;
  }
  CHECK(full > 0);
  // Wait for the next train: uniform on (0, 6 h) without capacity limits, more with them.
  CHECK(reps.runs[0].value("corridor.departures.wait.mean") > 3 * 3600 * 0.9);
  CHECK(reps.runs[0].value("corridor.procedure.multimodal.trips") > 0);
}

TEST_CASE("corridor: a destroyed device body raises body destroyed at once on active devices", "[corridor][borders]") {
  const auto reps = run_replications(kRules, 1, {{"horizon", "2d"}, {"corridor.attacks.device_destruction", "1"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("corridor.active.detection.device_destruction.attacks") > 20);
  CHECK(run.value("corridor.active.detection.device_destruction.rate") == 1);
  CHECK(run.value("corridor.active.detection.device_destruction.latency.mean") < 5);  // the event, over the cellular link
  CHECK(run.value("corridor.alarms.body_destroyed") >= run.value("corridor.active.detection.device_destruction.attacks"));
  CHECK(run.value("corridor.alarms.cable_cut") == 0);
  // A passive seal does not answer the border reader: found there, hours later.
  CHECK(run.value("corridor.passive.detection.device_destruction.rate") == 1);
  CHECK(run.value("corridor.passive.detection.device_destruction.latency.mean") > 3600);
}

TEST_CASE("corridor: the procedure of a flow follows its route, and is on each trip's record", "[corridor][borders]") {
  const auto reps = run_replications(kRules, 1,
                                     {{"horizon", "1d"}, {"corridor.flows[0].vehicles", "3"}, {"corridor.flows[0].drivers", "2"}});
  const auto& run = reps.runs[0];
  CHECK(run.value("corridor.procedure.cross_border_one_way.trips") == run.value("corridor.trips.completed"));
  const porttwin::h5::File f = porttwin::h5::File::open_read(reps.files[0].string());
  const auto trips = porttwin::h5::read_table<porttwin::CorridorTripRow>(f.root().open_group("corridor"), "trips",
                                                                          porttwin::corridor_trip_row_type());
  REQUIRE(!trips.empty());
  for (const auto& t : trips) {
    CHECK(t.procedure == 4);  // cross_border_one_way
    if (t.flow == 0) {
      CHECK(t.vehicle < 3);
      CHECK(t.driver < 2);
    } else {
      CHECK(t.driver == t.vehicle);  // each vehicle its own driver
    }
  }
}

TEST_CASE("porttwin trip: a trip's record, truth and timeline from the run file", "[corridor][borders][cli]") {
  const auto reps = run_replications(kRules, 1, {{"horizon", "1d"}, {"corridor.attacks.door_opening", "1"}});
  const porttwin::h5::File f = porttwin::h5::File::open_read(reps.files[0].string());
  const auto trips = porttwin::h5::read_table<porttwin::CorridorTripRow>(f.root().open_group("corridor"), "trips",
                                                                          porttwin::corridor_trip_row_type());
  const auto done = std::find_if(trips.begin(), trips.end(), [](const auto& t) { return t.completed >= 0 && t.device == 1; });
  REQUIRE(done != trips.end());
  const auto& scratch = reps.files[0].parent_path();
  const auto r = porttwin::testing::run_porttwin({"trip", reps.files[0].string(), std::to_string(done->trip)}, scratch);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("route abc, device type active, procedure cross_border_one_way") != std::string::npos);
  CHECK(r.out.find("truth: door_opening at") != std::string::npos);
  for (const char* kind : {"SEAL", "CROS", "BORDER_CHECK", "ATTACK", "ALARM", "RMVD", "EXIT"}) {
    INFO(kind);
    CHECK(r.out.find(kind) != std::string::npos);
  }
  CHECK(r.out.find("illegal_opening") != std::string::npos);
  const auto missing = porttwin::testing::run_porttwin({"trip", reps.files[0].string(), "999999999"}, scratch);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no trip 999999999") != std::string::npos);
}
