// The run file read back through the HDF5 API: layout, units, provenance, and agreement between
// what the run reported and what the file holds.
#include <catch2/catch.hpp>


#include <fstream>
#include <sstream>

#include "analysis/run_file.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/record/h5_file.hpp"
#include "porttwin_command.hpp"
#include "simulation_support.hpp"
#include "models/gate/record/gate_events.hpp"

namespace fs = std::filesystem;
using porttwin::testing::run_replications;

TEST_CASE("run file: groups, units, provenance and event counts read back through the HDF5 API", "[runfile]") {
  const auto reps = run_replications("scenarios/gate_default.yaml", 1, {{"horizon", "2d"}, {"warmup", "2h"}});
  const fs::path file = reps.files[0];
  const auto h5file = porttwin::h5::File::open_read(file.string());
  const auto root = h5file.root();
  for (const char* group : {"meta", "events", "kpi", "summary"}) CHECK(root.has(group));

  const auto meta = root.open_group("meta");
  std::ifstream in(porttwin::testing::source_path("scenarios/gate_default.yaml"));
  std::stringstream text;
  text << in.rdbuf();
  CHECK(meta.string_attribute("scenario_text") == text.str());
  CHECK(meta.string_attribute("scenario_sha256") == porttwin::sha256_hex(text.str()));
  CHECK(meta.string_attribute("scenario_sha256").size() == 64);
  CHECK(meta.int_attribute("seed") == 20260105);
  CHECK(meta.int_attribute("replication") == 0);
  CHECK(meta.string_attribute("porttwin_version") == PORTTWIN_VERSION);
  CHECK(meta.string_attribute("overrides") == "horizon=2d\nwarmup=2h");
  CHECK(meta.string_attribute("start") == "2026-01-05T00:00:00");
  for (const char* wall : {"wall_start", "wall_end"}) CHECK(meta.string_attribute(wall).size() == 20);

  const auto events = porttwin::analysis::read_events(file);
  CHECK(events.size() == meta.uint_attribute("event_count"));
  CHECK(static_cast<double>(events.size()) == reps.runs[0].value("run.events"));
  const auto places = porttwin::analysis::read_places(file);
  for (const auto& e : events) REQUIRE(e.place < places.size());
  CHECK(std::find(places.begin(), places.end(), "gate.lanes") != places.end());

  const auto kpis = porttwin::analysis::read_kpis(file);
  const auto& time = kpis.at("time");
  CHECK(time.size() == 2 * 24 * 4);  // 15 min over 2 days
  for (const auto& [name, series] : kpis) CHECK(series.size() == time.size());
  CHECK(root.open_group("kpi").dataset_attribute("time", "units") == "s");
  // Trucks counted through the gate per interval add up to the events recorded.
  double through = 0;
  for (double v : kpis.at("gate.gate_in")) through += v;
  const auto gate_ins = std::count_if(events.begin(), events.end(), [](const porttwin::EventRow& e) {
    return e.kind == porttwin::code_of(porttwin::GateEvent::GateIn);
  });
  CHECK(through == static_cast<double>(gate_ins));

  const auto summary = root.open_group("summary");
  CHECK(summary.dataset_attribute("gate.time.mean", "units") == "s");
  CHECK(summary.read_scalar("gate.trucks_in") == reps.runs[0].value("gate.trucks_in"));
  CHECK(summary.read_scalar("gate.trucks_in") > 500);
}

TEST_CASE("run file: a damaged event row is refused with the fingerprint, exit 2 from the readers", "[runfile]") {
  const auto reps = run_replications("scenarios/gate_default.yaml", 1, {{"horizon", "6h"}, {"warmup", "0s"}});
  const fs::path file = reps.files[0];
  REQUIRE(porttwin::analysis::read_events(file).size() > 100);
  porttwin::testing::damage_event_row(file);
  CHECK_THROWS_WITH(porttwin::analysis::read_events(file), Catch::Contains("does not match the run's fingerprint"));
  const auto r = porttwin::testing::run_porttwin({"trip", file.string(), "1"}, reps.scratch->path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("damaged") != std::string::npos);
}
