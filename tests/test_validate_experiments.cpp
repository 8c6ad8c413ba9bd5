// `porttwin validate` on sweep and size files: known by their content (base: with parameters:, or
// with resource:/target:), checked as `porttwin sweep --dry-run` and `porttwin size` check them, every
// point's scenario included, errors located in the sweep or size file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "shipped_files.hpp"

namespace fs = std::filesystem;
using porttwin::testing::CommandResult;
using porttwin::testing::run_porttwin;
using porttwin::testing::ScratchDirectory;

namespace {

const fs::path kSource = porttwin::testing::kSourceDir;

// gate_default.yaml as gate.yaml, and `name` with `text`, in the scratch folder.
void write_files(const ScratchDirectory& scratch, const std::string& name, const std::string& text) {
  fs::copy_file(kSource / "scenarios" / "gate_default.yaml", scratch.path() / "gate.yaml",
                fs::copy_options::overwrite_existing);
  std::ofstream(scratch.path() / name) << text;
}

}  // namespace

TEST_CASE("validate: a sweep file is checked as sweep --dry-run checks it, and says what it holds", "[cli][validate]") {
  ScratchDirectory scratch("validate");
  const CommandResult r =
      run_porttwin({"validate", "scenarios/experiments/gate_lanes.sweep.yaml"}, scratch.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "scenarios/experiments/gate_lanes.sweep.yaml: sweep file OK: 9 points x 4 replications = 36 runs, design grid, "
        "scenario scenarios/gate_default.yaml (gate_default), 5 KPIs (names checked on the first run)\n");
  CHECK_FALSE(fs::exists(kSource / "scenarios" / "experiments" / "sweeps"));
}

TEST_CASE("validate: a size file is checked as size checks it, at every value of its range", "[cli][validate]") {
  ScratchDirectory scratch("validate");
  const CommandResult r = run_porttwin({"validate", "scenarios/experiments/gate_lanes.size.yaml"}, scratch.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "scenarios/experiments/gate_lanes.size.yaml: size file OK: gate.lanes in [1, 40] (all 40 values checked), "
        "target gate.time.p95 < 3min at 95% confidence, scenario scenarios/gate_default.yaml (target KPI name checked "
        "on the first run)\n");
}

TEST_CASE("validate: every shipped sweep and size file validates", "[cli][validate]") {
  ScratchDirectory scratch("validate");
  std::vector<std::string> args = {"validate"};
  for (const auto& f : porttwin::testing::shipped_sweep_files()) args.push_back(f.string());
  for (const auto& f : porttwin::testing::shipped_size_files()) args.push_back(f.string());
  REQUIRE(args.size() > 3);
  const CommandResult r = run_porttwin(args, scratch.path(), scratch.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  for (std::size_t i = 1; i < args.size(); ++i) {
    const bool sweep = args[i].ends_with(".sweep.yaml");
    CHECK(r.out.find(args[i] + (sweep ? ": sweep file OK: " : ": size file OK: ")) != std::string::npos);
  }
}

TEST_CASE("validate: a bad sweep file's errors are located in it, a point's scenario error at the value",
          "[cli][validate]") {
  ScratchDirectory scratch("validate");
  write_files(scratch, "bad.sweep.yaml",
              "base: gate.yaml\n"
              "parameters:\n"
              "  - key: gate.lanes\n"
              "    values: [4, 0]\n"
              "set: {horizon: 2d}\n");
  const CommandResult r = run_porttwin({"validate", "gate.yaml", "bad.sweep.yaml"}, scratch.path(), scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.out == "gate.yaml: ok (gate_default)\n");
  CHECK(r.err == "bad.sweep.yaml:4:17: error: parameters[0].values: the base scenario rejects gate.lanes=0: found "
                 "\"0\", expected an integer in [1, 500]\n");
  CHECK_FALSE(fs::exists(scratch.path() / "sweeps"));
}

TEST_CASE("validate: a bad size file's errors are located in it", "[cli][validate]") {
  ScratchDirectory scratch("validate");
  write_files(scratch, "bad.size.yaml",
              "base: gate.yaml\n"
              "resource:\n"
              "  key: gate.lanes\n"
              "  from: 1\n"
              "  to: 600\n"
              "target: gate.time.p95 < 3min\n");
  CommandResult r = run_porttwin({"validate", "bad.size.yaml"}, scratch.path(), scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "bad.size.yaml:5:7: error: resource.to: the base scenario rejects gate.lanes=600: found \"600\", "
                 "expected an integer in [1, 500]\n");

  write_files(scratch, "target.yaml",  // known by its content, whatever its name
              "base: gate.yaml\n"
              "resource: {key: gate.lanes, to: 10}\n"
              "target: gate.time.p95 = 3min\n");
  r = run_porttwin({"validate", "target.yaml"}, scratch.path(), scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err == "target.yaml:3:9: error: target: found \"gate.time.p95 = 3min\", expected \"KPI < value\" or \"KPI > "
                 "value\", e.g. \"gate.time.p95 < 45min\"\n");
  CHECK_FALSE(fs::exists(scratch.path() / "sizes"));
}

TEST_CASE("validate: --set and --snapshot apply to scenarios, not to a sweep or size file", "[cli][validate]") {
  ScratchDirectory scratch("validate");
  const CommandResult r = run_porttwin(
      {"validate", "scenarios/experiments/gate_lanes.sweep.yaml", "--set", "gate.lanes=3"}, scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("gate_lanes.sweep.yaml is a sweep file: --set applies to scenarios") != std::string::npos);
}
