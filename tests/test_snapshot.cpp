// Snapshots of the twin's state (docs/snapshot.md): located errors, the state saved and restored
// exactly, and a fork that behaves like the run it was taken from.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "analysis/welch_difference.hpp"
#include "analysis/yard_state.hpp"
#include "models/logistics/device_fleet.hpp"
#include "models/model_table.hpp"
#include "porttwin_command.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/core/units.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/snapshot/json_document.hpp"
#include "simulation_support.hpp"

namespace fs = std::filesystem;
using porttwin::snapshot::Json;

namespace {

const fs::path kBadSnapshots = fs::path(PORTTWIN_SOURCE_DIR) / "tests" / "data" / "bad_snapshots";

using porttwin::testing::run_in_child;

porttwin::Scenario with_snapshot(porttwin::Scenario s, const fs::path& file) {
  porttwin::scenario::Diagnostics d(file.string());
  s.from = porttwin::snapshot::read_snapshot(file, s.run.start, s.run.horizon, d);
  if (s.from) porttwin::check_snapshot(s, *s.from, d);
  INFO(d.format());
  REQUIRE(d.ok());
  return s;
}

Json read_json(const fs::path& file) { return Json::parse(porttwin::testing::read_text(file)); }

// Runs `s` (replication 0) into `run`, saving its state at `at`: the snapshot's path.
fs::path save_state_at(const porttwin::Scenario& s, double at, const fs::path& run) {
  run_in_child(s, run, 0, {at});
  const fs::path saved = porttwin::state_path(run, s, at);
  REQUIRE(fs::exists(saved));
  return saved;
}

// A run of `s` from the snapshot `saved` (into `run`), saving its state again at its first
// instant `at`: the new snapshot's path.
fs::path resave_from(const porttwin::Scenario& s, const fs::path& saved, double at, const fs::path& run) {
  return save_state_at(with_snapshot(s, saved), at, run);
}

std::multiset<std::string> as_set(const Json& array) {
  std::multiset<std::string> out;
  for (const auto& v : array) out.insert(v.dump());
  return out;
}

}  // namespace

TEST_CASE("snapshot JSON: every value's line and column, duplicate keys and syntax errors located") {
  porttwin::scenario::Diagnostics d("x.json");
  const std::string text = "{\n  \"a\": [1, {\"b\": \"é\", \"c\": true}],\n  \"d/e\": null\n}\n";
  auto doc = porttwin::snapshot::JsonDocument::parse(text, d);
  REQUIRE(doc);
  CHECK(doc->mark("").line == 1);
  CHECK(doc->mark("/a").line == 2);
  CHECK(doc->mark("/a").column == 8);
  CHECK(doc->mark("/a/0").column == 9);
  CHECK(doc->mark("/a/1").column == 12);
  CHECK(doc->mark("/a/1/b").column == 18);
  CHECK(doc->mark("/a/1/c").column == 28);  // "é" is one column, two bytes
  CHECK(doc->mark("/d~1e").line == 3);
  CHECK(doc->mark("/d~1e").column == 10);
  CHECK(doc->root()["a"][1]["b"] == "é");

  porttwin::scenario::Diagnostics twice("y.json");
  CHECK_FALSE(porttwin::snapshot::JsonDocument::parse("{\"k\": 1,\n \"k\": 2}", twice));
  CHECK(twice.format() == "y.json:2:2: error: /k: the key \"k\" appears twice in this object\n");
  porttwin::scenario::Diagnostics broken("z.json");
  CHECK_FALSE(porttwin::snapshot::JsonDocument::parse("{\"k\": [1, 2,, 3]}", broken));
  CHECK(broken.format().rfind("z.json:1:13: error: not valid JSON", 0) == 0);
}

TEST_CASE("snapshot times: date-times to the millisecond read back as they were written") {
  const double start = *porttwin::units::parse_datetime("2026-01-05T00:00");
  for (double t : {0.0, 0.25, 86399.999, 3 * 86400.0 + 45296.123}) {
    const std::string text = porttwin::snapshot::format_time(t, start);
    CHECK(*porttwin::units::parse_datetime(text) - start == Approx(t).margin(5e-4));
  }
  CHECK(porttwin::snapshot::format_time(0.9996, start) == "2026-01-05T00:00:01.000");
  CHECK_FALSE(porttwin::units::parse_datetime("2026-01-05T00:00:00."));
}

namespace {

// A trip or device with its measured numbers rounded (speeds, positions and the parts of a pause
// left are recomputed from the state when saved again, to the last bits of a double).
Json rounded(Json v) {
  for (const char* key : {"km", "kmh", "detour_left", "battery", "charge", "capacity", "step_left"}) {
    if (v.contains(key) && v[key].is_number()) v[key] = std::round(v[key].get<double>() * 1e6) / 1e6;
  }
  if (v.contains("stop")) v["stop"] = rounded(v["stop"]);
  if (v.contains("duration")) v["duration"] = std::round(v["duration"].get<double>() * 1e3) / 1e3;
  return v;
}

std::multiset<std::string> rounded_set(const Json& array) {
  std::multiset<std::string> out;
  for (const auto& v : array) out.insert(rounded(v).dump());
  return out;
}

porttwin::Scenario corridor_with_everything() {
  // Device logistics with one-way returns, faults and dispatch; attacks of every pace, rest stops.
  return porttwin::load_scenario(porttwin::testing::source_path("scenarios/returns_one_way.yaml"),
                                 {{"horizon", "14d"},
                                  {"corridor.logistics.faults.probability", "0.05"},
                                  {"corridor.logistics.faults.repair", "1d"},
                                  {"corridor.logistics.dispatch.policy", "optimised"},
                                  {"corridor.attacks.door_opening", "0.03"},
                                  {"corridor.attacks.faraday_bag", "0.03"},
                                  {"corridor.attacks.route_deviation", "0.05"},
                                  {"corridor.attacks.deviation_time", "6h"},
                                  {"corridor.stops.probability", "0.5"}});
}

}  // namespace

namespace {

// Every .json file of `dir` checked against `scenario`: refused with exactly its .expected errors,
// each located. Returns how many files there were.
std::size_t check_bad_snapshots(const fs::path& dir, const std::string& scenario) {
  const auto s = porttwin::load_scenario(porttwin::testing::source_path(scenario));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    INFO(file.filename().string());
    const fs::path expected = fs::path(file).replace_extension(".expected");
    REQUIRE(fs::exists(expected));
    porttwin::scenario::Diagnostics d(file.filename().string());
    auto snap = porttwin::snapshot::read_snapshot(file, s.run.start, s.run.horizon, d);
    if (snap) porttwin::check_snapshot(s, *snap, d);
    CHECK_FALSE(d.ok());
    CHECK(d.format() == porttwin::testing::read_text(expected));
    for (const auto& diagnostic : d.list()) CHECK((diagnostic.mark.line > 0 || file.filename() == "empty.json"));
  }
  return files.size();
}

}  // namespace

TEST_CASE("bad snapshots: fifteen or more broken files, each refused with exactly its located errors") {
  const std::size_t terminal = check_bad_snapshots(kBadSnapshots, "scenarios/terminal_small.yaml");
  const std::size_t corridor = check_bad_snapshots(kBadSnapshots / "corridor", "scenarios/returns_one_way.yaml");
  const std::size_t nii = check_bad_snapshots(kBadSnapshots / "nii", "scenarios/nii_primary.yaml") +
                          check_bad_snapshots(kBadSnapshots / "nii_terminal", "scenarios/terminal_nii.yaml");
  CHECK(terminal >= 15);
  CHECK(corridor >= 7);
  CHECK(nii >= 2);
  CHECK(check_bad_snapshots(kBadSnapshots / "incidents", "scenarios/drills/ot_breach.yaml") >= 1);
}

TEST_CASE("porttwin run --from a bad snapshot: exit 2, the errors on stderr, nothing run or written") {
  porttwin::testing::ScratchDirectory scratch("snapshot-cli");
  const auto r = porttwin::testing::run_porttwin(
      {"run", (porttwin::testing::kSourceDir / "scenarios/terminal_small.yaml").string(), "--run", "0", "-q", "--from",
       (kBadSnapshots / "floating_box.json").string(), "--out", scratch.file("x.h5")},
      scratch.path(), scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("floating_box.json:8:7: error: /terminal/boxes/1: box MSKU0000006 floats") != std::string::npos);
  CHECK_FALSE(fs::exists(scratch.file("x.h5")));
}

TEST_CASE("a terminal's state saved at 10 d and restored holds exactly that state at its first instant") {
  porttwin::testing::ScratchDirectory scratch("snapshot-terminal");
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/terminal_small.yaml"));
  const double at = 10 * 86400.0;
  const fs::path original = scratch.path() / "original.h5";
  const fs::path saved = save_state_at(s, at, original);
  const fs::path restored = scratch.path() / "restored.h5";
  const fs::path resaved = resave_from(s, saved, at, restored);

  const Json a = read_json(saved)["terminal"], b = read_json(resaved)["terminal"];
  REQUIRE(a["boxes"].size() > 1000);
  CHECK(as_set(a["boxes"]) == as_set(b["boxes"]));
  CHECK(a["vessels"] == b["vessels"]);
  CHECK(a["trucks"].size() > 1000);
  CHECK(as_set(a["trucks"]) == as_set(b["trucks"]));

  // The yard rebuilt from the new run file at its first instant is the snapshot's, box by box: the
  // restored boxes have ids 1, 2, ... in the snapshot's order.
  const porttwin::analysis::YardState yard = porttwin::analysis::yard_state_at(restored, at);
  std::size_t in_yard = 0;
  for (std::size_t i = 0; i < a["boxes"].size(); ++i) {
    const Json& box = a["boxes"][i];
    if (box["where"] != "yard") continue;
    ++in_yard;
    const auto place = yard.find(i + 1);
    REQUIRE(place);
    CHECK(yard.blocks()[place->block].name == box["block"].get<std::string>());
    CHECK(place->slot == porttwin::yard::Slot{box["bay"].get<int>(), box["row"].get<int>(), box["tier"].get<int>()});
  }
  CHECK(yard.container_count() == in_yard);
  const auto meta = porttwin::analysis::read_summary(restored).meta;
  CHECK(meta.at("snapshot_file") == saved.string());
}

namespace {

// Six replications of `s` saving their state at the warm-up's end, then six forks from those
// snapshots with unchanged settings and their own streams (replication 100 + r: the same state, a
// different future): each KPI's difference, original - fork, within its 99% Welch interval.
void check_forks_reproduce(const porttwin::Scenario& s, const std::vector<std::string>& kpis, const fs::path& dir) {
  const double at = s.run.warmup;
  constexpr int kRuns = 6;
  std::vector<fs::path> originals, forks;
  for (int r = 0; r < kRuns; ++r) {
    originals.push_back(dir / ("original-r" + std::to_string(r) + ".h5"));
    forks.push_back(dir / ("fork-r" + std::to_string(r) + ".h5"));
  }
  auto codes = porttwin::run_in_processes(kRuns, porttwin::available_cores(), [&](std::size_t r) {
    porttwin::run_replication(s, {originals[r], static_cast<std::uint32_t>(r), false, {}, {at}});
    return 0;
  });
  REQUIRE(std::count(codes.begin(), codes.end(), 0) == kRuns);
  codes = porttwin::run_in_processes(kRuns, porttwin::available_cores(), [&](std::size_t r) {
    const auto fork = with_snapshot(s, porttwin::state_path(originals[r], s, at));
    porttwin::run_replication(fork, {forks[r], static_cast<std::uint32_t>(100 + r), false, {}});
    return 0;
  });
  REQUIRE(std::count(codes.begin(), codes.end(), 0) == kRuns);
  for (const std::string& kpi : kpis) {
    std::vector<double> a, b;
    for (int r = 0; r < kRuns; ++r) {
      a.push_back(porttwin::analysis::read_summary(originals[static_cast<std::size_t>(r)]).value(kpi));
      b.push_back(porttwin::analysis::read_summary(forks[static_cast<std::size_t>(r)]).value(kpi));
    }
    const auto d = porttwin::analysis::welch_difference(a, b, 0.99);
    INFO(kpi << ": original - fork = " << d.interval.mean << " ± " << d.interval.half_width);
    CHECK(std::abs(d.interval.mean) <= d.interval.half_width);
  }
}

}  // namespace

TEST_CASE("a fork from the warm-up's end with unchanged settings reproduces the original's KPIs within their CIs") {
  porttwin::testing::ScratchDirectory scratch("snapshot-fork");
  check_forks_reproduce(porttwin::load_scenario(porttwin::testing::source_path("scenarios/terminal_small.yaml")),
                        {"terminal.truck_turn.mean", "terminal.quay.turnaround.mean", "terminal.gate.trucks_per_hour",
                         "terminal.yard.crane_utilisation", "terminal.yard.rehandles_per_retrieval"},
                        scratch.path());
}

TEST_CASE("porttwin schema --snapshot is a JSON Schema that a saved snapshot satisfies and a broken one does not") {
  porttwin::testing::ScratchDirectory scratch("snapshot-schema");
  const auto schema = porttwin::testing::run_porttwin({"schema", "--snapshot"}, scratch.path());
  REQUIRE(schema.exit_code == 0);
  std::ofstream(scratch.file("schema.json")) << schema.out;
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/terminal_small.yaml"));
  const fs::path run = scratch.path() / "run.h5";
  run_in_child(s, run, 0, {3 * 86400.0});
  const fs::path saved = porttwin::state_path(run, s, 3 * 86400.0);
  const auto corridor = corridor_with_everything();
  const fs::path corridor_run = scratch.path() / "corridor.h5";
  run_in_child(corridor, corridor_run, 0, {3 * 86400.0});
  const fs::path corridor_saved = porttwin::state_path(corridor_run, corridor, 3 * 86400.0);
  // Both saved snapshots satisfy the schema; the broken ones (wrong types in each section) do not.
  const std::string check =
      "cd " + porttwin::testing::shell_quoted(scratch.path().string()) +
      " && /usr/bin/python3 -c 'import json, sys, jsonschema\n"
      "schema = json.load(open(\"schema.json\"))\n"
      "jsonschema.Draft202012Validator.check_schema(schema)\n"
      "v = jsonschema.Draft202012Validator(schema)\n"
      "good = [e for f in sys.argv[1:3] for e in v.iter_errors(json.load(open(f)))]\n"
      "bad = list(v.iter_errors(json.load(open(sys.argv[3]))))\n"
      "bad_corridor = list(v.iter_errors(json.load(open(sys.argv[4]))))\n"
      "print(good[:3])\n"
      "sys.exit(0 if not good and len(bad) >= 5 and len(bad_corridor) >= 3 else 1)' " +
      porttwin::testing::shell_quoted(saved.string()) + " " + porttwin::testing::shell_quoted(corridor_saved.string()) +
      " " + porttwin::testing::shell_quoted((kBadSnapshots / "wrong_types.json").string()) + " " +
      porttwin::testing::shell_quoted((kBadSnapshots / "corridor" / "wrong_types.json").string());
  CHECK(std::system(check.c_str()) == 0);
}

TEST_CASE("a corridor's state saved at 10 d 2 h and restored holds exactly that state at its first instant") {
  porttwin::testing::ScratchDirectory scratch("snapshot-corridor");
  const auto s = corridor_with_everything();
  const double at = 10 * 86400.0 + 7200;  // a day's return batch and a dispatch are on the road
  const fs::path original = scratch.path() / "original.h5";
  const fs::path saved = save_state_at(s, at, original);
  const fs::path restored = scratch.path() / "restored.h5";
  const fs::path resaved = resave_from(s, saved, at, restored);

  const Json a = read_json(saved)["corridor"], b = read_json(resaved)["corridor"];
  // Every kind of trip and device the section holds is in this state.
  std::set<std::string> phases, states;
  std::size_t attacked = 0, detouring = 0, stopping = 0;
  for (const auto& t : a["trips"]) {
    phases.insert(t["phase"].get<std::string>());
    attacked += t["truth"]["attack"] != "none";
    detouring += t.contains("detour_left");
    stopping += t.contains("stop");
  }
  for (const auto& d : a["devices"]) states.insert(d["state"].get<std::string>());
  CHECK(a["trips"].size() > 250);
  CHECK(phases.count("road"));
  CHECK(phases.count("station"));
  CHECK(attacked > 20);
  CHECK(stopping > 50);
  CHECK(states.count("ready"));
  CHECK(states.count("in_use"));
  CHECK(states.count("awaiting_return"));
  CHECK(states.count("returning"));
  CHECK(states.count("faulty"));
  CHECK(states.count("dispatched"));
  CHECK(a["vehicles_away"].size() > 0);
  INFO("detours under way: " << detouring);

  CHECK(a["trips"].size() == b["trips"].size());
  CHECK(rounded_set(a["trips"]) == rounded_set(b["trips"]));
  CHECK(a["devices"].size() == b["devices"].size());
  CHECK(rounded_set(a["devices"]) == rounded_set(b["devices"]));
  CHECK(a["vehicles_away"] == b["vehicles_away"]);
}

TEST_CASE("a corridor run from a snapshot conserves its trips and devices from there to its end") {
  porttwin::testing::ScratchDirectory scratch("snapshot-corridor-on");
  const auto s = corridor_with_everything();
  const double at = 10 * 86400.0 + 7200;
  const fs::path original = scratch.path() / "original.h5";
  run_in_child(s, original, 0, {at});
  const fs::path saved = porttwin::state_path(original, s, at);
  const Json state = read_json(saved)["corridor"];
  std::size_t devices = state["devices"].size(), on_the_road = 0;
  for (const auto& t : state["trips"]) on_the_road += t["phase"] != "sealing";

  // The run goes on to its horizon: the device and trip registries check their books at every KPI
  // sample (a lost or doubled device or trip ends the run with an error).
  const fs::path restored = scratch.path() / "restored.h5";
  run_in_child(with_snapshot(s, saved), restored, 0);
  const auto summary = porttwin::analysis::read_summary(restored);
  CHECK(summary.meta.at("snapshot_file") == saved.string());
  // Every trip of the snapshot is in the registry with the new ones, each in one state, and those
  // on the road at 10 d (none lasts 4 days) have all been unsealed.
  const double created = summary.value("corridor.trips.created");
  CHECK(created > static_cast<double>(state["trips"].size()));
  CHECK(summary.value("corridor.trips.sealing") + summary.value("corridor.trips.in_transit") +
            summary.value("corridor.trips.completed") == created);
  CHECK(summary.value("corridor.trips.completed") >= static_cast<double>(on_the_road));
  // The fleet is the snapshot's, every device in one state at the end.
  CHECK(summary.value("corridor.logistics.fleet") == static_cast<double>(devices));
  double in_states = 0;
  for (const auto& name : porttwin::logistics::kDeviceStateNames) {
    in_states += summary.value("corridor.logistics.devices." + std::string(name));
  }
  CHECK(in_states == static_cast<double>(devices));
}

TEST_CASE("a corridor fork from the warm-up's end with unchanged settings reproduces the original's KPIs within their CIs") {
  porttwin::testing::ScratchDirectory scratch("snapshot-corridor-fork");
  // Statistics of the measured time (after warm-up): waits, dwell, detection, device balance.
  check_forks_reproduce(corridor_with_everything(),
                        {"corridor.sealing.wait.mean", "corridor.border.dwell.mean", "corridor.false_alarms_per_1000_trips",
                         "corridor.detection.route_deviation.latency.mean", "corridor.logistics.mombasa.elock.ready.mean",
                         "corridor.logistics.trips"},
                        scratch.path());
}

TEST_CASE("a port and its corridor saved at 12 d 7 h and restored hold exactly that state, and conserve every box from there") {
  porttwin::testing::ScratchDirectory scratch("snapshot-coupled");
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/port_corridor.yaml"));
  const double at = 12 * 86400.0 + 7 * 3600;  // boxes at the rail side and on trucks leaving, NII at work
  const fs::path original = scratch.path() / "original.h5";
  const fs::path saved = save_state_at(s, at, original);
  const fs::path restored = scratch.path() / "restored.h5";
  const fs::path resaved = resave_from(s, saved, at, restored);

  const Json a = read_json(saved), b = read_json(resaved);
  std::size_t transit_in_terminal = 0, port_trips = 0, bound_trips = 0, at_rail = 0;
  for (const auto& box : a["terminal"]["boxes"]) {
    transit_in_terminal += box.contains("transit");
    at_rail += box.value("where", "yard") == "rail";
  }
  CHECK(at_rail > 0);
  CHECK(a["nii"]["boxes"].size() > 50);
  CHECK(rounded_set(a["nii"]["boxes"]) == rounded_set(b["nii"]["boxes"]));
  for (const auto& t : a["corridor"]["trips"]) {
    if (!t.contains("box")) continue;
    ++port_trips;
    bound_trips += t["flow"].get<std::size_t>() < s.corridor.flows.size() && s.corridor.flows[t["flow"].get<std::size_t>()].to_port;
  }
  CHECK(transit_in_terminal > 100);
  CHECK(port_trips > 100);
  CHECK(bound_trips > 0);
  CHECK(as_set(a["terminal"]["boxes"]) == as_set(b["terminal"]["boxes"]));
  CHECK(a["terminal"]["vessels"] == b["terminal"]["vessels"]);
  CHECK(as_set(a["terminal"]["trucks"]) == as_set(b["terminal"]["trucks"]));
  CHECK(rounded_set(a["corridor"]["trips"]) == rounded_set(b["corridor"]["trips"]));
  CHECK(rounded_set(a["corridor"]["devices"]) == rounded_set(b["corridor"]["devices"]));

  // On to the horizon: the port checks at every KPI sample that every transit box is in exactly
  // one place across the terminal and the corridor (the run fails otherwise).
  const fs::path onward = scratch.path() / "onward.h5";
  run_in_child(with_snapshot(s, saved), onward, 0);
  const auto summary = porttwin::analysis::read_summary(onward);
  CHECK(summary.value("port.transit.departed") > 0);
}

TEST_CASE("a transit box's trip being sealed is not in a snapshot, and a box is in one place: the terminal or a trip") {
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/port_corridor.yaml"));
  std::size_t flow = 0;
  while (!s.corridor.flows[flow].from_port) ++flow;
  porttwin::testing::ScratchDirectory scratch("snapshot-coupled-bad");
  const fs::path file = scratch.file("coupled.json");
  std::ofstream(file) << "{\"format\": \"porttwin-snapshot\", \"version\": 1, \"time\": \"" +
                             porttwin::snapshot::format_time(86400, s.run.start) +
                             "\",\n \"corridor\": {\"trips\": [\n  {\"box\": \"CSQU3054383\", \"flow\": " + std::to_string(flow) +
                             ", \"phase\": \"sealing\", \"created\": \"" + porttwin::snapshot::format_time(80000, s.run.start) +
                             "\", \"supervision\": \"escort\"},\n  {\"id\": 4, \"flow\": " + std::to_string(flow) +
                             ", \"phase\": \"sealing\", \"created\": \"" + porttwin::snapshot::format_time(80000, s.run.start) +
                             "\", \"supervision\": \"escort\"}]},\n \"terminal\": {\"boxes\": [{\"id\": \"CSQU3054383\", "
                             "\"category\": \"import\", \"where\": \"overflow\"}]}}\n";
  porttwin::scenario::Diagnostics d("coupled.json");
  auto snap = porttwin::snapshot::read_snapshot(file, s.run.start, s.run.horizon, d);
  REQUIRE(snap);
  porttwin::check_snapshot(s, *snap, d);
  const std::string errors = d.format();
  INFO(errors);
  CHECK(errors.find("coupled.json:3:") != std::string::npos);
  CHECK(errors.find("/corridor/trips/0/phase: a transit box's trip is sealed at the terminal's gate") != std::string::npos);
  CHECK(errors.find("/corridor/trips/1/id: a trip of the port's flows is named by its box") != std::string::npos);
  CHECK(errors.find("/corridor/trips/1/box: missing (required)") != std::string::npos);
  CHECK(errors.find("/corridor/trips/0/box: box CSQU3054383 is in the terminal too (terminal.boxes)") != std::string::npos);
}

TEST_CASE("NII's boxes in process and held, saved and restored, are exactly those at the first instant, fed by the terminal or not") {
  std::set<std::string> stages;  // over both runs: a few boxes at secondary at any instant
  for (const std::string scenario : {"scenarios/terminal_nii.yaml", "scenarios/nii_primary.yaml"}) {
    INFO(scenario);
    porttwin::testing::ScratchDirectory scratch("snapshot-nii");
    const auto s = porttwin::load_scenario(porttwin::testing::source_path(scenario));
    const double at = 5 * 86400.0 + 3 * 3600;
    const fs::path original = scratch.path() / "original.h5";
    const fs::path saved = save_state_at(s, at, original);
    const Json a = read_json(saved)["nii"]["boxes"];
    const Json b = read_json(resave_from(s, saved, at, scratch.path() / "restored.h5"))["nii"]["boxes"];
    std::size_t held = 0;
    for (const auto& box : a) {
      held += box["outcome"] == "held";
      if (box.contains("stage")) stages.insert(box["stage"].get<std::string>());
    }
    CHECK(held > 10);
    CHECK(a.size() == b.size());
    CHECK(rounded_set(a) == rounded_set(b));
    // On to the horizon: NII checks when it writes its summary that every box presented ended
    // released or held, the restored ones with them.
    const fs::path onward = scratch.path() / "onward.h5";
    run_in_child(with_snapshot(s, saved), onward, 0);
    const auto summary = porttwin::analysis::read_summary(onward);
    CHECK(summary.value("nii.boxes.held") >= static_cast<double>(held));
  }
  CHECK(stages.count("secondary"));
}

TEST_CASE("a drill from a snapshot: a one-off incident before the snapshot's time has happened, one after it comes") {
  // tos_outage: the TOS crashes at 9 d 10 h plus up to 4 h (9 d 13 h 20 min in replication 0) and
  // is recovered before 9 d 15 h.
  porttwin::testing::ScratchDirectory scratch("snapshot-drill");
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/drills/tos_outage.yaml"));
  const double before = 9 * 86400.0, during = 9 * 86400.0 + 14 * 3600, after = 10 * 86400.0;
  const fs::path original = scratch.path() / "original.h5";
  run_in_child(s, original, 0, {before, during, after});
  for (const auto& [at, occurrences] : {std::pair{before, 1.0}, std::pair{during, 1.0}, std::pair{after, 0.0}}) {
    const fs::path fork = scratch.path() / ("fork-" + std::to_string(static_cast<int>(at)) + ".h5");
    run_in_child(with_snapshot(s, porttwin::state_path(original, s, at)), fork, 0);
    CHECK(porttwin::analysis::read_summary(fork).value("incident.tos_crash.occurrences") == occurrences);
  }
}

TEST_CASE("an incident under way, saved and restored, is the same occurrence at the first instant and its drill goes on") {
  porttwin::testing::ScratchDirectory scratch("snapshot-incident");
  const auto s = porttwin::load_scenario(porttwin::testing::source_path("scenarios/drills/tos_outage.yaml"));
  const double at = 9 * 86400.0 + 14 * 3600;  // detected, its first step done, the TOS still down
  const fs::path original = scratch.path() / "original.h5";
  const fs::path saved = save_state_at(s, at, original);
  const Json a = read_json(saved)["incidents"]["occurrences"];
  REQUIRE(a.size() == 1);
  CHECK(a[0]["steps_done"] == 1);
  CHECK(a[0]["step_left"].get<double>() > 0);  // the second step is under way
  CHECK_FALSE(a[0].contains("restored"));
  const fs::path restored = scratch.path() / "restored.h5";
  CHECK(rounded_set(read_json(resave_from(s, saved, at, restored))["incidents"]["occurrences"]) == rounded_set(a));
  // The fork's occurrence keeps its start and detection, and is restored and recovered after the
  // snapshot's time by the rest of its playbook.
  const auto fork = porttwin::analysis::read_summary(restored);
  const auto base = porttwin::analysis::read_summary(original);
  CHECK(fork.value("incident.tos_crash.time_to_detect") == Approx(base.value("incident.tos_crash.time_to_detect")));
  const double start = porttwin::units::parse_datetime(a[0]["start"].get<std::string>()).value() - s.run.start;
  CHECK(start + fork.value("incident.tos_crash.time_to_restore") > at);
  CHECK(fork.value("incident.tos_crash.time_to_recover") >= fork.value("incident.tos_crash.time_to_restore"));
}

TEST_CASE("a trip mid-way through an attack in steps, saved and restored, goes on with its next steps where it was") {
  porttwin::testing::ScratchDirectory scratch("snapshot-corridor-steps");
  // Every trip: a Faraday bag on, the doors opened inside it 30 min later, the bag off 30 min after
  // that (before the border reader: only the bag's end brings the opening out of a real-time device).
  const auto s = porttwin::load_scenario(
      porttwin::testing::source_path("tests/data/scenarios/corridor_steps.yaml"),
      {{"corridor.attacks.scenarios",
        "[{name: s, share: 1, steps: [{kind: faraday_bag}, {kind: door_opening, after: 30min}, {kind: bag_off, after: 30min}]}]"}});
  const double at = 86400.0 + 7200;
  const fs::path saved = save_state_at(s, at, scratch.path() / "original.h5");
  const fs::path resaved = resave_from(s, saved, at, scratch.path() / "restored.h5");
  const Json a = read_json(saved)["corridor"], b = read_json(resaved)["corridor"];
  std::map<std::size_t, int> by_steps;
  int pending = 0, logged = 0;
  for (const auto& t : a["trips"]) {
    const Json& truth = t["truth"];
    if (!truth.contains("scenario")) continue;
    CHECK(truth["scenario"] == "s");
    ++by_steps[truth.contains("steps") ? truth["steps"].size() : 0];
    pending += truth.contains("pending");
    logged += truth.value("logged", false);
  }
  INFO("trips by steps made: 0 " << by_steps[0] << ", 1 " << by_steps[1] << ", 2 " << by_steps[2] << ", 3 " << by_steps[3]);
  CHECK(by_steps[1] > 0);  // bagged, doors still to open
  CHECK(by_steps[2] > 0);  // doors opened inside the bag, bag still on
  CHECK(pending > 0);      // an e-lock's or smart container's opening, kept until the bag is off
  CHECK(logged > 0);
  CHECK(rounded_set(a["trips"]) == rounded_set(b["trips"]));

  // From the snapshot on: the restored trips' bags come off and their kept events are sent then,
  // 30 min after the opening; the steps made and scored add up (the summary checks them).
  const fs::path on = scratch.path() / "on.h5";
  run_in_child(with_snapshot(s, saved), on, 0);
  const auto summary = porttwin::analysis::read_summary(on);
  CHECK(summary.value("corridor.attacks.steps.bag_off.made") > 0);
  CHECK(summary.value("corridor.active.detection.step.door_opening.rate") == 1);
  CHECK(summary.value("corridor.active.detection.step.door_opening.latency.mean") == Approx(1800).margin(5));
}
