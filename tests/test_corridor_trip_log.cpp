// Corridor trips from a real trip log (`corridor.trips: {process: trace}`): each row one trip of the
// flow its route and device name, created at exactly its logged time; every bad row refused with
// its file:line before anything runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/run_file.hpp"
#include "models/corridor/record/corridor_layout.hpp"
#include "models/scenario.hpp"
#include "scratch_directory.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/record/h5_file.hpp"
#include "simulation_support.hpp"

namespace fs = std::filesystem;

namespace {

// tests/data/scenarios/corridor_rules.yaml (route abc from a; device types passive and active, one
// flow each) replaying `log`, written beside it.
std::string corridor_with_log(const porttwin::testing::ScratchDirectory& dir, const std::string& log,
                              const std::string& columns = "") {
  std::ofstream(dir.file("trips.csv")) << log;
  std::ifstream in(porttwin::testing::source_path("tests/data/scenarios/corridor_rules.yaml"));
  std::stringstream text;
  text << in.rdbuf();
  return text.str() + "  trips: {process: trace, file: trips.csv, time: time" + columns + "}\n";
}

std::string errors_of(const porttwin::testing::ScratchDirectory& dir, const std::string& text) {
  try {
    porttwin::parse_scenario(text, dir.file("trips.yaml"));
  } catch (const porttwin::scenario::InvalidScenario& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a trip log's rows are the corridor's trips, each of its flow, at its logged time") {
  porttwin::testing::ScratchDirectory scratch("corridor-trip-log");
  const auto s = porttwin::parse_scenario(
      corridor_with_log(scratch, "time,trip,route,device\n0s,T1,abc,passive\n90s,T2,abc,active\n90s,T3,abc,active\n"
                                 "2h,T4,abc,passive\n1d,T5,abc,active\n3d,T6,abc,passive\n80h,T7,abc,active\n"),
      scratch.file("trips.yaml"));
  REQUIRE(s.corridor.trips.trips);
  CHECK(s.corridor.trips.trips->flows == std::vector<int>{0, 1, 1, 0, 1, 0, 1});
  const fs::path run = scratch.path() / "run.h5";
  const auto codes = porttwin::run_in_processes(1, 1, [&](std::size_t) {
    porttwin::run_replication(s, {run, 0, false, {}, {}});
    return 0;
  });
  REQUIRE(codes.front() == 0);
  // One trip a row before the horizon (3 days), at its second, at its route's first station.
  const auto places = porttwin::analysis::read_places(run);
  std::vector<double> created;
  for (const auto& e : porttwin::analysis::read_events(run)) {
    if (e.kind == static_cast<std::uint16_t>(porttwin::EventKind::Enter)) {
      CHECK(places[e.place] == "corridor.a");
      created.push_back(e.time);
    }
  }
  CHECK(created == std::vector<double>{0, 90, 90, 7200, 86400});
  // Their flow and device are the row's.
  const porttwin::h5::File f = porttwin::h5::File::open_read(run.string());
  const auto trips = porttwin::h5::read_table<porttwin::CorridorTripRow>(f.root().open_group("corridor"), "trips",
                                                                          porttwin::corridor_trip_row_type());
  REQUIRE(trips.size() == 5);
  const std::vector<std::uint32_t> devices = {0, 1, 1, 0, 1};
  for (std::size_t i = 0; i < trips.size(); ++i) {
    CHECK(trips[i].created == created[i]);
    CHECK(trips[i].device == devices[i]);
    CHECK(trips[i].flow == devices[i]);
  }
  const std::string provenance = f.root().open_group("meta").string_attribute("trace.corridor.trips");
  CHECK(provenance.find("trips.csv sha256 ") != std::string::npos);
}

TEST_CASE("a bad trip log is refused with its file:line and what was expected") {
  porttwin::testing::ScratchDirectory scratch("corridor-trip-log-bad");
  const std::string log = scratch.file("trips.csv");
  struct Case {
    std::string text, columns, expected;
  };
  const std::vector<Case> cases = {
      {"time,route,device\n1h,abc,passive\n2h,abd,passive\n", "",
       log + ":3: found \"abd\" in column route, expected abc (the names of corridor.routes)"},
      {"time,route,device\n1h,abc,pasive\n", "",
       log + ":2: found \"pasive\" in column device, expected passive or active (did you mean \"passive\"?)"},
      {"time,route,seal\n1h,abc,passive\n", "",
       "corridor.trips.columns.device: found \"device\", expected a column of " + log + " (time, route, seal)"},
      {"time,route,device\n1h,abc,passive\n30min,abc,active\n", "", log + ":3: found \"30min\" before the row above"},
      {"time,route\n1h,abc\n", ", columns: {device: none}", ""},  // no device column: the route's first flow
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::string errors = errors_of(scratch, corridor_with_log(scratch, c.text, c.columns));
    if (c.expected.empty()) {
      CHECK(errors.empty());
      continue;
    }
    CHECK(errors.find(c.expected) != std::string::npos);
    CHECK(errors.find("trips.yaml:") != std::string::npos);
  }
  // A route and device no flow pairs.
  std::string text = corridor_with_log(scratch, "time,route,device\n1h,abc,active\n");
  const std::string active_flow = "    - {route: abc, device: active, trips_per_day: 40}\n";
  REQUIRE(text.find(active_flow) != std::string::npos);
  text.replace(text.find(active_flow), active_flow.size(), "");
  CHECK(errors_of(scratch, text).find(log + ":2: found route abc with active, expected the route and device of a flow "
                                            "of corridor.flows (abc with passive)") != std::string::npos);
}
