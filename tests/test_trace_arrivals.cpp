// Arrivals from a real log (`arrivals: {process: trace, file: LOG.csv, time: COLUMN}`): the log's
// times replayed exactly, and every bad log refused with its file:line before anything runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "analysis/run_file.hpp"
#include "models/scenario.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/core/units.hpp"
#include "sim/record/h5_file.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/scenario/csv_file.hpp"
#include "simulation_support.hpp"

namespace fs = std::filesystem;

namespace {

// A gate scenario in `dir` replaying `log` (written beside it as log.csv).
std::string gate_with_log(const porttwin::testing::ScratchDirectory& dir, const std::string& log,
                          const std::string& column = "time") {
  std::ofstream(dir.file("log.csv")) << log;
  return "name: trace\nhorizon: 1d\nstart: 2026-01-05T00:00\ngate:\n  lanes: 2\n  arrivals:\n    process: trace\n"
         "    file: log.csv\n    time: " + column + "\n";
}

std::string errors_of(const porttwin::testing::ScratchDirectory& dir, const std::string& text) {
  try {
    porttwin::parse_scenario(text, dir.file("trace.yaml"));
  } catch (const porttwin::scenario::InvalidScenario& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a trace replays the log's arrival times exactly") {
  porttwin::testing::ScratchDirectory scratch("trace-replay");
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/gate_trace.yaml"));
  const fs::path run = scratch.path() / "run.h5";
  const auto codes = porttwin::run_in_processes(1, 1, [&](std::size_t) {
    porttwin::run_replication(s, {run, 0, false, {}, {}});
    return 0;
  });
  REQUIRE(codes.front() == 0);
  std::string problem;
  const auto log = porttwin::scenario::read_csv(porttwin::testing::source_path("scenarios/data/gate_log_7d.csv"), problem);
  REQUIRE(log);
  const auto column = log->column("time");
  REQUIRE(column);
  std::vector<double> logged;
  for (const auto& record : log->records) logged.push_back(*porttwin::units::parse_datetime(record[*column]) - s.run.start);

  const auto places = porttwin::analysis::read_places(run);
  std::vector<double> entered;
  for (const auto& e : porttwin::analysis::read_events(run)) {
    if (e.kind == static_cast<std::uint16_t>(porttwin::EventKind::Enter) && places[e.place] == "gate.arrivals") {
      entered.push_back(e.time);
    }
  }
  REQUIRE(logged.size() > 10000);
  CHECK(entered == logged);  // every truck of the week, at its logged second, none drawn
  // The run names the log it replayed and its hash (the scenario's text does not hold it).
  const porttwin::h5::File file = porttwin::h5::File::open_read(run.string());
  const std::string provenance = file.root().open_group("meta").string_attribute("trace.gate.arrivals");
  CHECK(provenance.find("gate_log_7d.csv sha256 " + log->sha256) != std::string::npos);
  CHECK(log->sha256.size() == 64);
}

TEST_CASE("a trace's offsets from the start replay too; rows before the start or after the horizon are not arrivals") {
  porttwin::testing::ScratchDirectory scratch("trace-offsets");
  auto s = porttwin::parse_scenario(gate_with_log(scratch, "at,truck\n0s,a\n90s,b\n90s,c\n2h,d\n25h,e\n", "at"),
                                    scratch.file("trace.yaml"));
  REQUIRE(s.gate.arrivals.trace);
  CHECK_FALSE(s.gate.arrivals.trace->calendar);
  CHECK(s.gate.arrivals.trace->times == std::vector<double>{0, 90, 90, 7200, 90000});
  const fs::path run = scratch.path() / "run.h5";
  const auto codes = porttwin::run_in_processes(1, 1, [&](std::size_t) {
    porttwin::run_replication(s, {run, 0, false, {}, {}});
    return 0;
  });
  REQUIRE(codes.front() == 0);
  std::vector<double> entered;
  for (const auto& e : porttwin::analysis::read_events(run)) {
    if (e.kind == static_cast<std::uint16_t>(porttwin::EventKind::Enter)) entered.push_back(e.time);
  }
  CHECK(entered == std::vector<double>{0, 90, 90, 7200});  // two trucks in one second both come
}

TEST_CASE("a bad log is refused with its file:line and what was expected, before anything runs") {
  porttwin::testing::ScratchDirectory scratch("trace-bad");
  const std::string log = scratch.file("log.csv");
  struct Case {
    std::string text, column, expected;
  };
  const std::vector<Case> cases = {
      {"time,truck\n2026-01-05T06:00,a\n2026-01-05T06:01,\"b\n", "time", log + ":3: a quoted field is not closed"},
      {"time,truck\n2026-01-05T06:00,a\n2026-01-05T06:01,b,extra\n", "time", log + ":3: found 3 fields, expected 2"},
      {"time,truck\n2026-01-05T06:00,a\nsix o'clock,b\n", "time",
       log + ":3: found \"six o'clock\" in column time, expected a date-time"},
      {"time,truck\n2026-01-05T06:00,a\n2026-01-05T05:00,b\n", "time", log + ":3: found \"2026-01-05T05:00\" before the row above"},
      {"time,truck\n2026-01-05T06:00,a\n6h,b\n", "time", log + ":3: found \"6h\", expected a date-time like the rows above"},
      {"times,truck\n2026-01-05T06:00,a\n", "time", "expected a column of " + log + " (times, truck) (did you mean \"times\"?)"},
      {"time,truck\n", "time", log + ": no records"},
      {"", "time", log + ":1: the file is empty"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const std::string errors = errors_of(scratch, gate_with_log(scratch, c.text, c.column));
    CHECK(errors.find(c.expected) != std::string::npos);
    CHECK(errors.find("trace.yaml:") != std::string::npos);  // at the scenario's key, too
  }
  fs::remove(log);
  CHECK(errors_of(scratch, "name: trace\nhorizon: 1d\ngate:\n  arrivals:\n    process: trace\n    file: nowhere.csv\n")
            .find("nowhere.csv") != std::string::npos);
  CHECK(errors_of(scratch, "name: trace\nhorizon: 1d\ngate:\n  arrivals:\n    process: trace\n")
            .find("expected a file:") != std::string::npos);
}
