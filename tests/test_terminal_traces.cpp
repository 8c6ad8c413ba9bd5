// The terminal replaying real logs: truck visits from a gate log and vessel calls from a berth
// schedule (`terminal.trucks.arrivals` and `terminal.vessels.arrivals`, process: trace). Each logged
// row is one arrival at exactly its logged time, its attributes (visit type, box, service, moves)
// go where the log says, and every bad log is refused with its file:line before anything runs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "analysis/run_file.hpp"
#include "models/gate/record/gate_events.hpp"
#include "models/scenario.hpp"
#include "models/terminal/record/terminal_events.hpp"
#include "models/terminal/record/terminal_layout.hpp"
#include "scratch_directory.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/core/units.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/scenario/csv_file.hpp"
#include "simulation_support.hpp"

namespace fs = std::filesystem;
using porttwin::EventRow;

namespace {

fs::path run_once(const porttwin::Scenario& s, const fs::path& file) {
  const auto codes = porttwin::run_in_processes(1, 1, [&](std::size_t) {
    porttwin::run_replication(s, {file, 0, false, {}, {}});
    return 0;
  });
  REQUIRE(codes.front() == 0);
  return file;
}

std::uint16_t code(porttwin::GateEvent e) { return static_cast<std::uint16_t>(e); }
std::uint16_t code(porttwin::TerminalEvent e) { return static_cast<std::uint16_t>(e); }

// The events of `kind` at `place`, in the order recorded.
std::vector<EventRow> events_of(const fs::path& run, std::uint16_t kind, const std::string& place) {
  const auto places = porttwin::analysis::read_places(run);
  std::vector<EventRow> out;
  for (const auto& e : porttwin::analysis::read_events(run)) {
    if (e.kind == kind && places[e.place] == place) out.push_back(e);
  }
  return out;
}

porttwin::scenario::CsvFile csv_of(const std::string& relative) {
  std::string problem;
  auto csv = porttwin::scenario::read_csv(porttwin::testing::source_path(relative), problem);
  REQUIRE(csv);
  return *csv;
}

std::string column(const porttwin::scenario::CsvFile& csv, std::size_t row, const std::string& name) {
  return csv.records[row][*csv.column(name)];
}

}  // namespace

TEST_CASE("a terminal replays its gate log and berth schedule: every row one arrival, at its time, as the log says") {
  porttwin::testing::ScratchDirectory scratch("terminal-trace");
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/terminal_trace.yaml"));
  const fs::path run = run_once(s, scratch.path() / "run.h5");
  const auto gate_log = csv_of("scenarios/data/gate_log_7d.csv");
  const auto schedule = csv_of("scenarios/data/vessel_schedule_3w.csv");
  auto at = [&](const std::string& text) { return *porttwin::units::parse_datetime(text) - s.run.start; };

  // Truck visits: every row of the log (all inside the run) one truck at the in-gate, at its second.
  const auto entered = events_of(run, static_cast<std::uint16_t>(porttwin::EventKind::Enter), "terminal.gate");
  REQUIRE(entered.size() == gate_log.records.size());
  std::map<std::uint64_t, std::size_t> row_of;  // truck -> log row
  for (std::size_t i = 0; i < entered.size(); ++i) {
    CHECK(entered[i].time == at(column(gate_log, i, "time")));
    CHECK(row_of.emplace(entered[i].entity, i).second);  // a truck of its own
  }

  // Vessel calls: the schedule's rows from the start on, ARRI at the logged arrival, of its service.
  const porttwin::h5::File file = porttwin::h5::File::open_read(run.string());
  const auto records = porttwin::read_terminal_records(file.root());
  std::vector<std::size_t> in_run;
  for (std::size_t i = 0; i < schedule.records.size(); ++i) {
    if (at(column(schedule, i, "time")) >= 0) in_run.push_back(i);
  }
  REQUIRE(records.calls.size() == in_run.size());  // rows after the horizon are calls too (they take exports)
  const auto arrivals = events_of(run, code(porttwin::TerminalEvent::VesselArrive), "quay");
  std::size_t arrived = 0;
  for (std::size_t k = 0; k < in_run.size(); ++k) {
    const std::size_t i = in_run[k];
    const auto& call = records.calls[k];
    INFO(column(schedule, i, "call"));
    CHECK(std::string(call.service) == column(schedule, i, "service"));
    CHECK(call.scheduled == at(column(schedule, i, "scheduled")));
    if (at(column(schedule, i, "time")) < s.run.horizon) {
      REQUIRE(arrived < arrivals.size());
      CHECK(arrivals[arrived].entity == static_cast<std::uint64_t>(call.call));
      CHECK(arrivals[arrived].time == at(column(schedule, i, "time")));
      ++arrived;
      if (call.departed >= 0) CHECK(call.discharged == std::stoi(column(schedule, i, "discharge")));
    }
  }
  CHECK(arrived == arrivals.size());
  CHECK(arrived >= 16);

  // The boxes are the log's: a drop-off's box has its number and kind, a pickup's box its number,
  // discharged by a call of its line.
  std::map<std::string, std::string> owner_of;  // service -> line
  for (const auto& service : s.terminal.vessels.services) owner_of[service.name] = service.owner;
  std::size_t drops = 0, pickups = 0;
  for (const auto& v : records.truck_visits) {
    const std::size_t row = row_of.at(v.truck);
    const std::string type = column(gate_log, row, "visit_type"), box = column(gate_log, row, "container");
    INFO(type << " " << box << " line " << gate_log.lines[row]);
    if (type == "import_pickup") {
      REQUIRE(v.pickup > 0);
      const auto& b = records.boxes.at(v.pickup - 1);
      CHECK(std::string(b.container) == box);
      REQUIRE(b.call_in >= 0);
      CHECK(owner_of.at(records.calls.at(static_cast<std::size_t>(b.call_in)).service) == box.substr(0, 4));
      ++pickups;
    } else {
      REQUIRE(v.drop > 0);
      const auto& b = records.boxes.at(v.drop - 1);
      CHECK(std::string(b.container) == box);
      CHECK(b.call_in == -1);
      CHECK(b.category == (type == "empty_return" ? porttwin::BoxCategory::Empty : porttwin::BoxCategory::Export));
      ++drops;
    }
  }
  CHECK(pickups > 5000);
  CHECK(drops > 6000);
  // Conservation: every truck gated in, was refused, or is still in the lanes at the horizon.
  const auto refused = events_of(run, code(porttwin::GateEvent::GateRefused), "terminal.gate");
  std::set<std::uint64_t> done;
  for (const auto& v : records.truck_visits) CHECK(done.insert(v.truck).second);
  for (const auto& e : refused) CHECK(done.insert(e.entity).second);
  CHECK(done.size() <= entered.size());
  CHECK(entered.size() - done.size() <= 20);  // in a lane or its queue at the horizon
  CHECK(refused.size() < 40);  // the log's few boxes seen twice (21 of 11,326)

  // The run names the logs it replayed and their hashes.
  const auto meta = file.root().open_group("meta");
  const std::string trucks = meta.string_attribute("trace.terminal.trucks.arrivals");
  const std::string calls = meta.string_attribute("trace.terminal.vessels.arrivals");
  CHECK(trucks.find("gate_log_7d.csv sha256 " + gate_log.sha256) != std::string::npos);
  CHECK(calls.find("vessel_schedule_3w.csv sha256 " + schedule.sha256) != std::string::npos);
}

namespace {

// A one-berth terminal replaying `schedule` and `gate` (written beside it), with `extra` appended.
std::string terminal_with_logs(const porttwin::testing::ScratchDirectory& dir, const std::string& schedule,
                               const std::string& gate, const std::string& extra = "") {
  std::ofstream(dir.file("calls.csv")) << schedule;
  std::ofstream(dir.file("gate.csv")) << gate;
  return "name: logs\nhorizon: 3d\nstart: 2026-01-05T00:00\nterminal:\n"
         "  vessels:\n"
         "    services:\n      - {name: A, owner: MSCU, cranes: 1}\n      - {name: B, owner: MAEU, cranes: 1}\n"
         "    discharge_reefer_share: 0\n    discharge_empty_share: 0\n    load_reefer_share: 0\n"
         "    load_empty_share: 0\n"
         "    arrivals: {process: trace, file: calls.csv, time: time}\n"
         "  yard:\n    blocks:\n"
         "      - {name: I, area: import, bays: 10, rows: 4, tiers: 3, origin_x: 20, origin_y: 100}\n"
         "      - {name: E, area: export, bays: 10, rows: 4, tiers: 3, origin_x: 200, origin_y: 100}\n"
         "  trucks:\n    arrivals: {process: trace, file: gate.csv, time: time}\n" +
         extra;
}

std::string errors_of(const porttwin::testing::ScratchDirectory& dir, const std::string& text) {
  try {
    porttwin::parse_scenario(text, dir.file("logs.yaml"));
  } catch (const porttwin::scenario::InvalidScenario& e) {
    return e.what();
  }
  return "";
}

const std::string kCalls = "time,service,discharge,load\n1h,A,6,0\n2d,B,0,0\n";

}  // namespace

TEST_CASE("a logged truck whose box the yard cannot give, or holds already, is refused at the in-gate") {
  porttwin::testing::ScratchDirectory scratch("terminal-trace-refused");
  // Row 2 comes before any discharge; rows 3-5 take call A's imports (the second of a line no
  // service has takes any line's); rows 6-8 bring an export, ask for it, and bring it again.
  const std::string gate =
      "time,visit_type,container\n"
      "10min,import_pickup,MSCU1234566\n"
      "1d,import_pickup,MSCU3054389\n"
      "1d1min,import_pickup,CSQU3054383\n"
      "1d2min,import_pickup,MSCU3054389\n"
      "1d3min,export_drop,MAEU1000002\n"
      "1d4h,import_pickup,MAEU1000002\n"
      "1d5h,export_drop,MAEU1000002\n";
  // Check digits: the two MSCU numbers, CSQU3054383 and MAEU1000002 are valid ISO 6346 numbers.
  const auto s = porttwin::parse_scenario(terminal_with_logs(scratch, kCalls, gate), scratch.file("logs.yaml"));
  const fs::path run = run_once(s, scratch.path() / "run.h5");
  const auto entered = events_of(run, static_cast<std::uint16_t>(porttwin::EventKind::Enter), "terminal.gate");
  REQUIRE(entered.size() == 7);
  CHECK(entered[0].time == 600);
  CHECK(entered[4].time == 86400 + 180);
  std::map<std::uint64_t, std::uint16_t> why;
  for (const auto& e : events_of(run, code(porttwin::GateEvent::GateRefused), "terminal.gate")) why[e.entity] = e.detail;
  CHECK(why.size() == 4);
  CHECK(why.at(entered[0].entity) == 1);  // no import of its line in the yard yet
  CHECK(why.at(entered[3].entity) == 3);  // its box left already (row 3 took it)
  CHECK(why.at(entered[5].entity) == 3);  // its box is an export waiting for its vessel
  CHECK(why.at(entered[6].entity) == 2);  // its box is in the terminal already
  const porttwin::h5::File file = porttwin::h5::File::open_read(run.string());
  const auto records = porttwin::read_terminal_records(file.root());
  std::set<std::string> out;
  for (const auto& v : records.truck_visits) {
    if (v.pickup) out.insert(records.boxes.at(v.pickup - 1).container);
  }
  CHECK(out == std::set<std::string>{"MSCU3054389", "CSQU3054383"});
  CHECK(porttwin::analysis::read_summary(run).value("terminal.gate.refused") == 4);
}

TEST_CASE("a bad gate log or berth schedule is refused with its file:line and what was expected") {
  porttwin::testing::ScratchDirectory scratch("terminal-trace-bad");
  const std::string calls = scratch.file("calls.csv"), gate = scratch.file("gate.csv");
  const std::string ok_gate = "time,visit_type,container\n1d,import_pickup,MSCU3054389\n";
  struct Case {
    std::string schedule, gate, extra, expected;
  };
  const std::vector<Case> cases = {
      {kCalls, "time,visit_type,container\n1d,import_pickup,MSCU3054389\n1d,pick_up,MSCU3054389\n", "",
       gate + ":3: found \"pick_up\" in column visit_type, expected import_pickup, export_drop, dual or empty_return"},
      {kCalls, "time,visit_type,container\n1d,import_pickup,MSCU3054385\n", "",
       gate + ":2: found \"MSCU3054385\" in column container, expected an ISO 6346 container number with check digit 9"},
      {kCalls, "time,visit_type,container\n1d,import_pickup,box 7\n", "",
       gate + ":2: found \"box 7\" in column container, expected an ISO 6346 container number (owner code"},
      {kCalls, "time,visit_type,box\n1d,import_pickup,MSCU3054389\n", "",
       "terminal.trucks.arrivals.columns.container: found \"container\", expected a column of " + gate +
           " (time, visit_type, box)"},
      {kCalls, "time,visit_type,container\n1d,empty_return,MSCU3054389\n", "",
       gate + ":2: found an empty_return visit, expected a block with area empty"},
      {"time,service,discharge,load\n1h,A,6,0\n2d,C,0,0\n", ok_gate, "",
       calls + ":3: found \"C\" in column service, expected A or B"},
      {"time,service,discharge,load\n1h,A,six,0\n", ok_gate, "",
       calls + ":2: found \"six\" in column discharge, expected a whole number of boxes in [0, 50000]"},
      {"time,service,discharge,load\n2h,A,6,0\n1h,B,0,0\n", ok_gate, "", calls + ":3: found \"1h\" before the row above"},
      {"time,service,moves\n1h,A,6\n", ok_gate, "",
       "terminal.vessels.arrivals.columns.discharge: found \"discharge\", expected a column of " + calls},
      {"time,service,discharge,load,planned\n2026-01-05T06:00,A,6,0,soon\n", ok_gate,
       "", ""},  // filled below: a scheduled column of the wrong kind
  };
  for (std::size_t i = 0; i + 1 < cases.size(); ++i) {
    const Case& c = cases[i];
    INFO(c.schedule << c.gate);
    const std::string errors = errors_of(scratch, terminal_with_logs(scratch, c.schedule, c.gate, c.extra));
    CHECK(errors.find(c.expected) != std::string::npos);
    CHECK(errors.find("logs.yaml:") != std::string::npos);  // at the scenario's key, too
  }
  // A scheduled column must hold the time column's kind of time.
  std::string text = terminal_with_logs(scratch, cases.back().schedule, ok_gate);
  text.replace(text.find("time: time}\n  yard"), 11, "time: time, columns: {scheduled: planned}}");
  CHECK(errors_of(scratch, text).find(calls + ":2: found \"soon\" in column planned, expected a date-time") !=
        std::string::npos);
  // Not yet: a gate log's trucks beside the port's transit boxes.
  CHECK(errors_of(scratch, terminal_with_logs(scratch, kCalls, ok_gate,
                                              "corridor:\n  stations: [{name: P, kind: port}]\nport: {station: P}\n"))
            .find("terminal.trucks.arrivals.process: found trace with a port: section") != std::string::npos);
}
