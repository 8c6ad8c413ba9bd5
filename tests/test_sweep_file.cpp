// Sweep files: parsing through the scenario declarations, grid and one-at-a-time expansion, ranges,
// and every error located at its file:line:column in the sweep file -- its own keys as well as key
// paths and values the base scenario rejects.
#include <catch2/catch.hpp>

#include "sim/app/sweep/sweep_file.hpp"
#include "porttwin_command.hpp"

using namespace porttwin;

namespace {

const std::string kGate = (testing::kSourceDir / "scenarios" / "gate_default.yaml").string();
const std::string kMm1 = (testing::kSourceDir / "scenarios" / "validation" / "mm1.yaml").string();

sweep::Sweep parsed(const std::string& text) { return sweep::parse_sweep(text, "s.sweep.yaml"); }

// The diagnostics of a sweep that must fail, with the absolute base path shortened for reading.
std::string errors_of(const std::string& text) {
  try {
    parsed(text);
  } catch (const sweep::InvalidSweep& e) {
    std::string out = e.what();
    for (std::size_t at; (at = out.find(kGate)) != std::string::npos;) out.replace(at, kGate.size(), "GATE");
    return out;
  }
  FAIL("the sweep file was accepted");
  return {};
}

std::vector<std::string> labels(const sweep::Sweep& s) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p < s.points.size(); ++p) out.push_back(s.label(p));
  return out;
}

}  // namespace

TEST_CASE("sweep::parse_sweep: a grid is every combination of the values, the last key turning fastest", "[sweep]") {
  const auto s = parsed("base: " + kGate + R"(
parameters:
  - {key: gate.lanes, values: [4, 6]}
  - {key: gate.exception_desk.clerks, values: [1, 2, 3]}
set: {horizon: 2d}
)");
  CHECK(s.design == "grid");
  CHECK(labels(s) == std::vector<std::string>{
                         "gate.lanes=4, gate.exception_desk.clerks=1", "gate.lanes=4, gate.exception_desk.clerks=2",
                         "gate.lanes=4, gate.exception_desk.clerks=3", "gate.lanes=6, gate.exception_desk.clerks=1",
                         "gate.lanes=6, gate.exception_desk.clerks=2", "gate.lanes=6, gate.exception_desk.clerks=3"});
  CHECK(s.baseline_point == 0);
  CHECK(s.name == "s");                     // from the file name, without .sweep.yaml
  CHECK(s.replications == 4);               // the base scenario's
  CHECK(s.output_dir == "sweeps/s");
  REQUIRE(s.scenarios.size() == 6);
  CHECK(s.scenarios[4].gate.lanes == 6);
  CHECK(s.scenarios[4].gate.desk.clerks == 2);
  CHECK(s.scenarios[4].run.horizon == 2 * 86400);  // `set` applies to every point
  const auto overrides = s.overrides(4);
  REQUIRE(overrides.size() == 3);
  CHECK(overrides[0].path == "horizon");
  CHECK(overrides[2].path == "gate.exception_desk.clerks");
  CHECK(overrides[2].value == "2");

  SECTION("an explicit baseline picks its point of the grid") {
    const auto b = parsed("base: " + kGate + R"(
parameters:
  - {key: gate.lanes, values: [4, 6]}
  - {key: gate.exception_desk.clerks, values: [1, 2, 3]}
baseline: {gate.lanes: 6, gate.exception_desk.clerks: 2}
)");
    CHECK(b.baseline_point == 4);
  }
}

TEST_CASE("sweep::parse_sweep: one-at-a-time varies each key alone around the baseline", "[sweep]") {
  const std::string head = "base: " + kGate + R"(
design: one_at_a_time
parameters:
  - {key: gate.lanes, values: [4, 6, 8]}
  - {key: gate.exception_desk.clerks, values: [1, 2]}
)";
  SECTION("the baseline is the first value of each key by default") {
    const auto s = parsed(head);
    CHECK(labels(s) == std::vector<std::string>{
                           "gate.lanes=4, gate.exception_desk.clerks=1", "gate.lanes=6, gate.exception_desk.clerks=1",
                           "gate.lanes=8, gate.exception_desk.clerks=1", "gate.lanes=4, gate.exception_desk.clerks=2"});
    CHECK(s.baseline_point == 0);
  }
  SECTION("an explicit baseline, even one not among the values, is the centre") {
    const auto s = parsed(head + "baseline: {gate.lanes: 5}\n");
    CHECK(labels(s) == std::vector<std::string>{
                           "gate.lanes=5, gate.exception_desk.clerks=1", "gate.lanes=4, gate.exception_desk.clerks=1",
                           "gate.lanes=6, gate.exception_desk.clerks=1", "gate.lanes=8, gate.exception_desk.clerks=1",
                           "gate.lanes=5, gate.exception_desk.clerks=2"});
    CHECK(s.baseline_point == 0);
  }
}

TEST_CASE("sweep::parse_sweep: a range gives evenly spaced values, both ends included", "[sweep]") {
  const auto s = parsed("name: lanes\nreplications: 2\noutput: out/here\nbase: " + kGate + R"(
parameters:
  - key: gate.lanes
    range: {from: 2, to: 10, step: 2}
  - key: gate.ocr.night_accuracy
    range: {from: 0.7, to: 0.9, step: 0.1}
)");
  REQUIRE(s.parameters.size() == 2);
  std::vector<std::string> lanes, accuracy;
  for (const auto& v : s.parameters[0].values) lanes.push_back(v.text);
  for (const auto& v : s.parameters[1].values) accuracy.push_back(v.text);
  CHECK(lanes == std::vector<std::string>{"2", "4", "6", "8", "10"});
  CHECK(accuracy == std::vector<std::string>{"0.7", "0.8", "0.9"});
  CHECK(s.points.size() == 15);
  CHECK(s.name == "lanes");
  CHECK(s.replications == 2);
  CHECK(s.output_dir == "out/here");
}

TEST_CASE("sweep::parse_sweep: every error is reported at its file:line:column in the sweep file", "[sweep]") {
  SECTION("the sweep file's own keys: unknown, out of range, not a choice, missing") {
    CHECK(errors_of(R"(name: bad
replications: 0
desing: grid
design: gridd
parameters:
  - {key: gate.lanes, valeus: [2]}
)") == "s.sweep.yaml:1:1: error: base: missing required key, expected a text\n"
       "s.sweep.yaml:2:15: error: replications: found \"0\", expected an integer in [1, 100000]\n"
       "s.sweep.yaml:3:1: error: desing: unknown key (did you mean \"design\"?)\n"
       "s.sweep.yaml:4:9: error: design: found \"gridd\", expected one of: grid, one_at_a_time (did you mean \"grid\"?)\n"
       "s.sweep.yaml:6:23: error: parameters[0].valeus: unknown key (did you mean \"values\"?)\n");
  }
  SECTION("parameters: both values and range, an empty range, a key twice, no values") {
    CHECK(errors_of("base: " + kGate + R"(
parameters:
  - {key: gate.lanes, values: [2], range: {from: 1, to: 3}}
  - {key: gate.exception_desk.clerks, range: {from: 3, to: 1}}
  - {key: gate.lanes, values: [3]}
  - {key: seed}
)") == "s.sweep.yaml:3:43: error: parameters[0].range: found both values and range, expected one of them\n"
       "s.sweep.yaml:4:60: error: parameters[1].range.to: found 1, expected a value >= from (3)\n"
       "s.sweep.yaml:5:11: error: parameters[2].key: found \"gate.lanes\" a second time, expected each key swept once\n"
       "s.sweep.yaml:6:11: error: parameters[3]: missing values, expected values: [...] or range: {from, to, step}\n");
    CHECK(errors_of("base: " + kGate + "\nparameters: [{key: gate.lanes, values: [{a: 1}, []]}]\n") ==
          "s.sweep.yaml:2:41: error: parameters[0].values: found a map in the list, expected a single value\n"
          "s.sweep.yaml:2:49: error: parameters[0].values: found a list in the list, expected a single value\n");
  }
  SECTION("key paths and values the base scenario rejects, and a baseline that is not a point of the grid") {
    CHECK(errors_of("base: " + kGate + R"(
parameters:
  - key: gate.lane
    values: [2, 4]
  - key: gate.exception_desk.clerks
    values: [1, 0, x]
baseline: {gate.exception_desk.clerks: 7, gate.lanse: 3}
)") == "s.sweep.yaml:3:10: error: parameters[0].key: the base scenario rejects the key gate.lane: unknown key (did "
       "you mean \"lanes\"?)\n"
       "s.sweep.yaml:6:17: error: parameters[1].values: the base scenario rejects gate.exception_desk.clerks=0: found "
       "\"0\", expected an integer in [1, 500]\n"
       "s.sweep.yaml:6:20: error: parameters[1].values: the base scenario rejects gate.exception_desk.clerks=x: found "
       "\"x\", expected an integer in [1, 500]\n"
       "s.sweep.yaml:7:40: error: baseline.gate.exception_desk.clerks: found \"7\", expected one of the values of "
       "gate.exception_desk.clerks: 1, 0, x\n"
       "s.sweep.yaml:7:43: error: baseline.gate.lanse: found a key that is not swept, expected one of: gate.lane, "
       "gate.exception_desk.clerks (did you mean \"gate.lane\"?)\n");
  }
  SECTION("`set` entries the base scenario rejects, alone or together with a swept value") {
    CHECK(errors_of("base: " + kGate + R"(
parameters:
  - {key: horizon, values: [12h, 2d]}
set: {warmup: 13h}
)") == "s.sweep.yaml:4:15: error: set.warmup: the base scenario rejects warmup=13h: found 13h, expected a warm-up "
       "shorter than the horizon (12h)\n");
    CHECK(errors_of("base: " + kGate + R"(
parameters:
  - {key: gate.lanes, values: [2]}
set: {gate.ocr.day_accuracy: 2, gate.lanes: 3}
)") == "s.sweep.yaml:4:33: error: set.gate.lanes: found a key that is also swept, expected it in one place only\n");
    CHECK(errors_of("base: " + kGate + R"(
parameters:
  - {key: gate.lanes, values: [2]}
set: {gate.ocr.day_accuracy: 2, horizon: 1d}
)") == "s.sweep.yaml:4:30: error: set.gate.ocr.day_accuracy: the base scenario rejects gate.ocr.day_accuracy=2: "
       "found \"2\", expected a probability in [0, 1]\n");
    // The base's own warm-up (1d) against a horizon from `set`: a combination, reported at `set`.
    CHECK(errors_of("base: " + kGate + R"(
parameters:
  - {key: gate.lanes, values: [2]}
set: {horizon: 1d}
)") == "s.sweep.yaml:4:6: error: set: the base scenario rejects these settings: warmup: found 1d, expected a "
       "warm-up shorter than the horizon (1d)\n");
    CHECK(errors_of("base: " + kGate + R"(
parameters:
  - {key: gate.lanes, values: [2, 3]}
  - {key: stats.batches, values: [10, 20]}
  - {key: gate.ocr.day_starts, values: ["06:00", "21:00"]}
)") == "s.sweep.yaml:3:3: error: parameters: the base scenario rejects point 1 (gate.lanes=2, stats.batches=10, "
       "gate.ocr.day_starts=21:00) and 3 other points: gate.ocr.night_starts: found 20:00, expected a time after "
       "day_starts (21:00)\n");
  }
  SECTION("a base scenario that is missing, or has errors of its own") {
    CHECK(errors_of("base: nope.yaml\nparameters: [{key: gate.lanes, values: [2]}]\n") ==
          "s.sweep.yaml:1:7: error: base: found \"nope.yaml\", expected a scenario file (relative to the sweep file): "
          "cannot read nope.yaml\n");
    const std::string broken = (testing::kSourceDir / "tests" / "data" / "bad_scenarios" / "unknown_key.yaml").string();
    const std::string out = errors_of("base: " + broken + "\nparameters: [{key: gate.lanes, values: [2]}]\n");
    CHECK(out.rfind("s.sweep.yaml:1:7: error: base: the base scenario \"" + broken + "\" has errors (below)\n" + broken +
                        ":",
                    0) == 0);
  }
}

TEST_CASE("sweep::check_kpis: KPI names the runs do not have are reported where the sweep file lists them",
          "[sweep]") {
  const auto s = parsed("base: " + kMm1 + R"(
parameters: [{key: "network.stations[0].servers", values: [1, 2]}]
kpis: [server.wait.mean,
       server.wiat.mean, nothing.like.it]
)");
  CHECK(s.scenarios.size() == 2);
  CHECK(sweep::check_kpis(s, {"server.wait.mean", "server.utilisation"}) ==
        "s.sweep.yaml:4:8: error: kpis: found \"server.wiat.mean\", expected a summary KPI of the runs (did you mean "
        "\"server.wait.mean\"?) (porttwin run --all lists them)\n"
        "s.sweep.yaml:4:26: error: kpis: found \"nothing.like.it\", expected a summary KPI of the runs (porttwin run "
        "--all lists them)\n");
  CHECK(sweep::check_kpis(s, {"server.wait.mean", "server.wiat.mean", "nothing.like.it"}).empty());
}
