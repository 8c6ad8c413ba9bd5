// Run files are never silently replaced: `porttwin run` names its default run files by the
// overrides (--set, --seed) and refuses, before simulating, to replace a file that is not a run of
// the same configuration unless --force.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/record/h5_file.hpp"

namespace fs = std::filesystem;
using porttwin::testing::CommandResult;
using porttwin::testing::run_porttwin;
using porttwin::testing::ScratchDirectory;

namespace {

// A short M/M/1 (seed 101) in the scratch folder, so that a run without --set is quick.
void write_scenario(const fs::path& dir, const std::string& servers = "1") {
  std::ofstream(dir / "small.yaml") << "name: small\nseed: 101\nreplications: 2\nhorizon: 1d\nwarmup: 1h\n"
                                       "record: {kpi_interval: 1h}\nnetwork:\n  sources:\n"
                                       "    - {name: arrivals, to: server, arrivals: {process: poisson, rate: 48/h}}\n"
                                       "  stations:\n    - {name: server, servers: "
                                    << servers << ", service: {dist: exponential, mean: 1min}}\n";
}

std::vector<std::string> run_files(const fs::path& dir) {
  std::vector<std::string> names;
  if (!fs::exists(dir / "runs")) return names;
  for (const auto& e : fs::directory_iterator(dir / "runs")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string meta_overrides(const fs::path& file) {
  return porttwin::h5::File::open_read(file.string()).root().open_group("meta").string_attribute("overrides");
}

CommandResult run(const ScratchDirectory& scratch, std::vector<std::string> args) {
  args.insert(args.begin(), {"run", "small.yaml", "-q"});
  return run_porttwin(args, scratch.path(), scratch.path());
}

}  // namespace

TEST_CASE("run files: a plain run keeps its name, overrides add their hash to it", "[cli][run_files]") {
  ScratchDirectory scratch("runfiles");
  write_scenario(scratch.path());
  REQUIRE(run(scratch, {"--run", "0"}).exit_code == 0);
  CHECK(run_files(scratch.path()) == std::vector<std::string>{"small-s101-r0.h5"});

  const CommandResult two = run(scratch, {"--run", "0", "--set", "network.stations[0].servers=2"});
  INFO(two.err);
  REQUIRE(two.exit_code == 0);
  const CommandResult seven = run(scratch, {"--run", "0", "--seed", "7"});
  REQUIRE(seven.exit_code == 0);
  const auto names = run_files(scratch.path());
  REQUIRE(names.size() == 3);
  const std::regex hashed("small-s(101|7)-[0-9a-f]{6}-r0\\.h5");
  std::vector<std::string> with_hash;
  for (const auto& n : names) {
    if (std::regex_match(n, hashed)) with_hash.push_back(n);
  }
  REQUIRE(with_hash.size() == 2);
  CHECK(two.out.find("run file: runs/small-s101-") != std::string::npos);
  CHECK(seven.out.find("run file: runs/small-s7-") != std::string::npos);
  // The hash is of the overrides as /meta records them: the same --set gives the same name again.
  const fs::path two_file = scratch.path() / "runs" / with_hash[with_hash[0].starts_with("small-s101") ? 0 : 1];
  CHECK(meta_overrides(two_file) == "network.stations[0].servers=2");
  const CommandResult again = run(scratch, {"--run", "0", "--set", "network.stations[0].servers=2"});
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(run_files(scratch.path()).size() == 3);

  // Several replications: each its own file, with the hash.
  REQUIRE(run(scratch, {"--set", "horizon=12h", "-j", "2"}).exit_code == 0);
  CHECK(run_files(scratch.path()).size() == 5);
}

TEST_CASE("run files: run refuses to replace a run of another configuration, or a file that is not a run, "
          "unless --force",
          "[cli][run_files]") {
  ScratchDirectory scratch("runfiles");
  write_scenario(scratch.path());
  const std::string out = "runs/small-s101-r0.h5";
  REQUIRE(run(scratch, {"--run", "0"}).exit_code == 0);
  const fs::path file = scratch.path() / out;
  const auto written = fs::last_write_time(file);

  SECTION("the same configuration is run again and replaces its file") {
    const CommandResult r = run(scratch, {"--run", "0"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  SECTION("other overrides into the same file: refused before simulating, the file kept") {
    const CommandResult r = run(scratch, {"--run", "0", "--set", "horizon=12h", "--out", out});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "porttwin run: error: " + out +
                       " holds a run of another configuration: overrides (there: none; here: horizon=12h): not "
                       "replaced without --force (--out writes elsewhere)\n");
    CHECK(fs::last_write_time(file) == written);
    CHECK(meta_overrides(file).empty());
    const CommandResult forced = run(scratch, {"--run", "0", "--set", "horizon=12h", "--out", out, "--force"});
    INFO(forced.err);
    CHECK(forced.exit_code == 0);
    CHECK(meta_overrides(file) == "horizon=12h");
  }
  SECTION("another seed or replication into the same file: refused, saying which") {
    CommandResult r = run(scratch, {"--run", "0", "--seed", "7", "--out", out});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("overrides (there: none; here: seed=7), seed (there: 101; here: 7)") != std::string::npos);
    r = run(scratch, {"--run", "1", "--out", out});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("replication (there: 0; here: 1)") != std::string::npos);
    CHECK(fs::last_write_time(file) == written);
  }
  SECTION("the scenario's text changed (same name and seed, so the same default file): refused") {
    write_scenario(scratch.path(), "2");
    const CommandResult r = run(scratch, {"--run", "0"});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("error: " + out + " holds a run of another configuration: scenario text "
                     "(there: small.yaml, sha256 ") != std::string::npos);
    CHECK(fs::last_write_time(file) == written);
    CHECK(run(scratch, {"--run", "0", "--force"}).exit_code == 0);
  }
  SECTION("a file that is not a run file: refused, --force replaces it") {
    const fs::path other = scratch.path() / "notes.h5";
    std::ofstream(other) << "my notes\n";
    const CommandResult r = run(scratch, {"--run", "0", "--out", "notes.h5"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("error: notes.h5 exists and is not a readable run file (") != std::string::npos);
    CHECK(r.err.find("): not replaced without --force") != std::string::npos);
    CHECK(porttwin::testing::read_text(other) == "my notes\n");
    CHECK(run(scratch, {"--run", "0", "--out", "notes.h5", "--force"}).exit_code == 0);
    CHECK(meta_overrides(other).empty());
  }
  SECTION("with several replications, every file is checked before any runs") {
    REQUIRE(run(scratch, {"--out", "runs/both.h5"}).exit_code == 0);  // runs/both-r0.h5, runs/both-r1.h5
    const auto first = fs::last_write_time(scratch.path() / "runs/both-r0.h5");
    std::ofstream(scratch.path() / "runs/both-r1.h5") << "not a run\n";
    const CommandResult r = run(scratch, {"--out", "runs/both.h5"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("error: runs/both-r1.h5 exists and is not a readable run file") != std::string::npos);
    CHECK(fs::last_write_time(scratch.path() / "runs/both-r0.h5") == first);
  }
}
