// The porttwin command line, through the real binary: validate, run (invalid input, --set, --help,
// interruption by SIGINT) and schema.
#include <catch2/catch.hpp>

#include "porttwin_command.hpp"
#include "shipped_files.hpp"
#include "scratch_directory.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

using porttwin::testing::ScratchDirectory;

namespace {

const fs::path kSource = porttwin::testing::kSourceDir;
const std::string kBinary = porttwin::testing::kPorttwinBinary;

using porttwin::testing::read_text;
using Result = porttwin::testing::CommandResult;
using porttwin::testing::run_porttwin;

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> files;
  for (const auto& f : porttwin::testing::shipped_scenario_files()) files.push_back(f.string());
  return files;
}

std::vector<std::string> entries_of(const fs::path& dir) {
  std::vector<std::string> names;
  if (!fs::exists(dir)) return names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

const std::string kMm1 = (kSource / "scenarios" / "validation" / "mm1.yaml").string();

}  // namespace

TEST_CASE("cli: validate exits 0 for the shipped scenarios and says ok for each") {
  ScratchDirectory scratch("cli");
  const auto files = shipped_scenarios();
  REQUIRE_FALSE(files.empty());
  std::vector<std::string> args = {"validate"};
  args.insert(args.end(), files.begin(), files.end());
  const Result r = run_porttwin(args, scratch.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  for (const auto& f : files) CHECK(r.out.find(f + ": ok (") != std::string::npos);
}

TEST_CASE("cli: validate exits 2 for a bad scenario and prints its errors on stderr") {
  ScratchDirectory scratch("cli");
  const fs::path bad = kSource / "tests" / "data" / "bad_scenarios";
  SECTION("one bad file") {
    const Result r = run_porttwin({"validate", "several_errors.yaml"}, scratch.path(), bad);
    CHECK(r.exit_code == 2);
    CHECK(r.err == read_text(bad / "several_errors.expected"));
    CHECK(r.out.empty());
  }
  SECTION("a good and a bad file: both are checked, the exit code says one failed") {
    const Result r = run_porttwin({"validate", kMm1, "wrong_type.yaml"}, scratch.path(), bad);
    CHECK(r.exit_code == 2);
    CHECK(r.out == kMm1 + ": ok (mm1)\n");
    CHECK(r.err == read_text(bad / "wrong_type.expected"));
  }
  SECTION("--set applies to the check") {
    const Result r = run_porttwin({"validate", kMm1, "--set", "network.stations[0].servers=zero"}, scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err == kMm1 + ": error: network.stations[0].servers: (--set network.stations[0].servers=zero) "
                          "found \"zero\", expected an integer in [1, 100000]\n");
  }
}

// CLI11 parse errors (a --set without '=', a file that does not exist) end through app.exit(e) with
// CLI11's own code 105, not with porttwin's "invalid input" code 2 (sim/app/cli/main.cpp).
TEST_CASE("cli: a malformed --set or a missing scenario file exits 2 (invalid input)") {
  ScratchDirectory scratch("cli");
  SECTION("--set without '='") {
    const Result r = run_porttwin({"validate", kMm1, "--set", "horizon"}, scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("expected key.path=value, found \"horizon\"") != std::string::npos);
  }
  SECTION("a missing file") {
    const Result r = run_porttwin({"validate", (scratch.path() / "nothing.yaml").string()}, scratch.path());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("nothing.yaml") != std::string::npos);
  }
}

TEST_CASE("cli: list indices in --set keys are checked whole: huge, negative and non-numeric ones say so, exit 2") {
  ScratchDirectory scratch("cli");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"network.stations.99999999999999999999.servers=2", "index 99999999999999999999 is past the end of a list of 1"},
      {"network.stations[-1].servers=2", "negative index -1: \"stations\" is a list, indexed from 0"},
      {"network.stations.first.servers=2", "\"stations\" is a list: expected an index from 0 to 0, found \"first\""},
      {"network.stations.7=2", "index 7 is past the end of a list of 1"}};
  for (const auto& [set, message] : cases) {
    const Result r = run_porttwin({"validate", kMm1, "--set", set}, scratch.path());
    INFO(set << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("(--set " + set + ") " + message) != std::string::npos);
  }
}

TEST_CASE("cli: --seed takes what the scenario's seed takes, 0 to 2^64-1, and refuses more instead of clamping") {
  ScratchDirectory scratch("cli");
  for (const std::string seed : {"18446744073709551616", "99999999999999999999", "-3", "7x"}) {
    const Result r = run_porttwin({"run", kMm1, "--seed", seed, "--run", "0", "--out", scratch.file("x.h5"), "-q"}, scratch.path());
    INFO(seed << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("seed: (--seed " + seed + ") found \"" + seed + "\", expected a whole number from 0 to 2^64-1") != std::string::npos);
    CHECK_FALSE(fs::exists(scratch.path() / "x.h5"));
  }
  const Result top = run_porttwin({"run", kMm1, "--seed", "18446744073709551615", "--set", "horizon=1h", "--set", "warmup=0s",
                                   "--run", "0", "--out", scratch.file("top.h5"), "-q"},
                                  scratch.path());
  INFO(top.err);
  CHECK(top.exit_code == 0);
  CHECK(top.out.find("seed 18446744073709551615") != std::string::npos);
}

TEST_CASE("cli: run on a bad scenario exits 2 and creates no output file") {
  ScratchDirectory scratch("cli");
  const fs::path out_dir = scratch.path() / "runs";
  const fs::path bad = kSource / "tests" / "data" / "bad_scenarios";
  const Result r =
      run_porttwin({"run", "undefined_station.yaml", "--run", "0", "--out", (out_dir / "x.h5").string(), "-q"},
               scratch.path(), bad);
  CHECK(r.exit_code == 2);
  CHECK(r.err == read_text(bad / "undefined_station.expected"));
  CHECK_FALSE(fs::exists(out_dir));
}

TEST_CASE("cli: run with --set of a bad value exits 2 and names the override") {
  ScratchDirectory scratch("cli");
  const fs::path out_dir = scratch.path() / "runs";
  const Result r = run_porttwin(
      {"run", kMm1, "--set", "horizon=-1d", "--run", "0", "--out", (out_dir / "x.h5").string(), "-q"},
      scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("horizon: (--set horizon=-1d) found \"-1d\"") != std::string::npos);
  CHECK_FALSE(fs::exists(out_dir));
}

TEST_CASE("cli: -j below 1 or not a number is refused in the user's terms, exit 2") {
  ScratchDirectory scratch("cli");
  for (const std::vector<std::string>& args : {std::vector<std::string>{"run", kMm1, "-j", "0"},
                                              std::vector<std::string>{"sweep", "scenarios/experiments/gate_lanes.sweep.yaml", "-j", "-3"},
                                              std::vector<std::string>{"size", "scenarios/experiments/gate_lanes.size.yaml", "-j", "two"}}) {
    const Result r = run_porttwin(args, scratch.path());
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--jobs: found " + args[3] + ", expected a whole number of processes, at least 1") != std::string::npos);
    CHECK(r.err.find("1.79e308") == std::string::npos);
  }
}

TEST_CASE("cli: a FIFO, a device or a folder as input, or a folder as --out, is refused before anything runs") {
  ScratchDirectory scratch("cli");
  const fs::path fifo = scratch.path() / "pipe.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& input : {fifo.string(), std::string("/dev/zero")}) {
    const Result r = run_porttwin({"run", input, "--run", "0", "-q"}, scratch.path());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(input + ": error: not a regular file") != std::string::npos);
  }
  const Result sweep = run_porttwin({"sweep", "/dev/zero"}, scratch.path());
  CHECK(sweep.exit_code == 2);
  CHECK(sweep.err.find("/dev/zero: error: not a regular file") != std::string::npos);

  const fs::path folder = scratch.path() / "existing";
  fs::create_directories(folder);
  const Result out = run_porttwin({"run", "scenarios/terminal_small.yaml", "--run", "0", "-q", "--out", folder.string()},
                                  scratch.path());
  INFO(out.err);
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("is a folder, expected the path of a run file") != std::string::npos);
  CHECK(fs::is_empty(folder));
}

TEST_CASE("cli: run --help mentions --seed, --run, --out and --set") {
  ScratchDirectory scratch("cli");
  const Result r = run_porttwin({"run", "--help"}, scratch.path());
  CHECK(r.exit_code == 0);
  for (const char* option : {"--seed", "--run", "--out", "--set", "--replications", "--jobs", "--quiet"}) {
    INFO(option);
    CHECK(r.out.find(option) != std::string::npos);
  }
}

TEST_CASE("cli: a short run writes exactly its output file and no temporary") {
  ScratchDirectory scratch("cli");
  const fs::path out_dir = scratch.path() / "runs";
  const Result r = run_porttwin(
      {"run", kMm1, "--set", "horizon=1d", "--set", "warmup=1h", "--run", "0", "--out", (out_dir / "mm1.h5").string(), "-q"},
      scratch.path());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(entries_of(out_dir) == std::vector<std::string>{"mm1.h5"});
  CHECK(r.out.find("run file: " + (out_dir / "mm1.h5").string()) != std::string::npos);
}

namespace {

// Starts a long run (mm1 over 2000 days, ~20 s), waits until its temporary exists and at least 0.5 s
// have passed, sends `signal_number`, and returns the wait status (killing it if it does not stop).
int interrupted_run_status(const fs::path& out_dir, int signal_number, bool& seen_temporary) {
  const std::string out = (out_dir / "mm1.h5").string();
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(kBinary.c_str(), "porttwin", "run", kMm1.c_str(), "--set", "horizon=2000d", "--run", "0", "--out",
            out.c_str(), "-q", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  using namespace std::chrono;
  const auto started = steady_clock::now();
  const fs::path temporary = out_dir / (".mm1.h5.tmp-" + std::to_string(child));
  seen_temporary = false;
  while (steady_clock::now() - started < seconds(5)) {
    seen_temporary = seen_temporary || fs::exists(temporary);
    if (seen_temporary && steady_clock::now() - started >= milliseconds(500)) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  ::kill(child, signal_number);
  int status = 0;
  pid_t done = 0;
  while ((done = ::waitpid(child, &status, WNOHANG)) == 0 && steady_clock::now() - started < seconds(10)) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  if (done == 0) {  // the signal did not stop it: do not leave it running
    ::kill(child, SIGKILL);
    ::waitpid(child, &status, 0);
  }
  return status;
}

}  // namespace

// SimGrid's Engine constructor (sim/engine/simulation.cpp:32) installs its own SIGINT handler, which
// replaces the cleanup handler that run_command.cpp:65 installed earlier: on Ctrl-C porttwin exits
// with code 1 and leaves .mm1.h5.tmp-PID behind. SIGTERM, which SimGrid leaves alone, is cleaned up.
TEST_CASE("cli: a run interrupted by SIGINT or SIGTERM leaves neither the run file nor a temporary") {
  for (const int signal_number : {SIGINT, SIGTERM}) {
    ScratchDirectory scratch("cli");
    const fs::path out_dir = scratch.path() / "runs";
    bool seen_temporary = false;
    const int status = interrupted_run_status(out_dir, signal_number, seen_temporary);
    INFO("signal " << signal_number << ", wait status " << status
                   << (WIFEXITED(status) ? ", exited with code " + std::to_string(WEXITSTATUS(status)) : std::string()));
    CHECK(seen_temporary);  // the run was under way when the signal came
    CHECK(WIFSIGNALED(status));
    if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == signal_number);
    CHECK(entries_of(out_dir).empty());
  }
}

TEST_CASE("cli: schema lists every key, including gate.lanes and network.stations[].servers") {
  ScratchDirectory scratch("cli");
  const Result r = run_porttwin({"schema"}, scratch.path());
  CHECK(r.exit_code == 0);
  for (const char* key : {"`gate.lanes`", "`network.stations[].servers`", "`horizon`", "`warmup`",
                          "`gate.arrivals.hourly_profile`", "`network.stations[].routes[].probability`"}) {
    INFO(key);
    CHECK(r.out.find(key) != std::string::npos);
  }
}

TEST_CASE("cli: run prints the headline KPIs and the run file, and --all prints every summary KPI") {
  ScratchDirectory scratch("cli");
  const std::string out = (scratch.path() / "gate.h5").string();
  const std::string gate = (kSource / "scenarios" / "gate_default.yaml").string();
  const Result brief = run_porttwin({"run", gate, "--run", "0", "--set", "horizon=2d", "--out", out}, scratch.path());
  REQUIRE(brief.exit_code == 0);
  CHECK(brief.out.find("gate.time.mean") != std::string::npos);
  CHECK(brief.out.find("gate.lanes.utilisation") != std::string::npos);
  CHECK(brief.out.find("gate.lanes.arrivals") == std::string::npos);
  CHECK(brief.out.find("run file: " + out) != std::string::npos);
  const Result full =
      run_porttwin({"run", gate, "--run", "0", "--set", "horizon=2d", "--out", out, "--all"}, scratch.path());
  REQUIRE(full.exit_code == 0);
  CHECK(full.out.find("gate.lanes.arrivals") != std::string::npos);
  CHECK(full.out.find("gate.time.mean") != std::string::npos);
}
