// porttwin sweep through the real binary: every run made and summarised in sweep.h5, common random
// numbers across points, resuming (only missing, truncated or foreign run files are redone), a
// failed point that does not stop the others, KPI names checked against the first run, and the
// shipped sweep files. Short M/M/1 and gate runs (2 simulated days) keep it fast.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "analysis/run_file.hpp"
#include "sim/app/sweep/sweep_runner.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "shipped_files.hpp"
#include "sim/record/h5_columns.hpp"
#include "sim/stats/confidence.hpp"

namespace fs = std::filesystem;
using namespace porttwin;
using testing::ScratchDirectory;

namespace {

const std::string kMm1 = (testing::kSourceDir / "scenarios" / "validation" / "mm1.yaml").string();
const std::string kGate = (testing::kSourceDir / "scenarios" / "gate_default.yaml").string();

// The M/M/1 validation scenario with 1 and 2 servers, 3 replications of 2 simulated days each.
std::string mm_sweep(const std::string& kpis = "[server.wait.mean, server.utilisation]",
                     const std::string& horizon = "2d") {
  return "name: mm\nbase: " + kMm1 + R"(
replications: 3
parameters:
  - key: network.stations[0].servers
    values: [1, 2]
set: {horizon: )" + horizon + R"(, warmup: 6h}
kpis: )" + kpis + "\n";
}

fs::path write_file(const ScratchDirectory& dir, const std::string& name, const std::string& text) {
  const fs::path path = dir.path() / name;
  std::ofstream(path) << text;
  return path;
}

// Every entry of <folder>/runs, hidden temporaries included unless `finished_only`.
std::vector<std::string> run_files(const fs::path& folder, bool finished_only = false) {
  std::vector<std::string> names;
  if (!fs::exists(folder / "runs")) return names;
  for (const auto& e : fs::directory_iterator(folder / "runs")) {
    const std::string name = e.path().filename().string();
    if (!finished_only || name.front() != '.') names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

ino_t inode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_ino;
}

std::string meta_text(const fs::path& run, const std::string& key) {
  const h5::File file = h5::File::open_read(run.string());
  return file.root().open_group("meta").string_attribute(key);
}

}  // namespace

TEST_CASE("porttwin sweep: every point and replication runs, and sweep.h5 holds runs, points and paired differences",
          "[sweep][slow]") {
  ScratchDirectory scratch("sweep");
  write_file(scratch, "mm.sweep.yaml", mm_sweep());
  const auto r = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q"}, scratch.path(), scratch.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path out = scratch.path() / "sweeps" / "mm";
  CHECK(run_files(out) == std::vector<std::string>{"p0-r0.h5", "p0-r1.h5", "p0-r2.h5", "p1-r0.h5", "p1-r1.h5", "p1-r2.h5"});
  CHECK(r.out.find("server.wait.mean  ") != std::string::npos);  // durations carry their unit in each cell
  CHECK(r.out.find("paired differences against point 0") != std::string::npos);
  CHECK(r.out.find("sweep file: sweeps/mm/sweep.h5") != std::string::npos);

  const h5::File file = h5::File::open_read((out / "sweep.h5").string());
  const h5::Group root = file.root();
  CHECK(root.int_attribute("baseline_point") == 0);
  CHECK(root.string_attribute("design") == "grid");
  CHECK(h5::read_text_column(root, "kpis", "name") == std::vector<std::string>{"server.wait.mean", "server.utilisation"});
  CHECK(h5::read_text_column(root, "kpis", "units") == std::vector<std::string>{"s", "share"});

  // Replication-major order; each KPI value is the run file's own summary value.
  const auto point = h5::read_integer_column(root, "runs", "point");
  const auto replication = h5::read_integer_column(root, "runs", "replication");
  const auto files = h5::read_text_column(root, "runs", "file");
  const auto wait = h5::read_real_column(root, "runs", "server.wait.mean");
  CHECK(point == std::vector<std::int64_t>{0, 1, 0, 1, 0, 1});
  CHECK(replication == std::vector<std::int64_t>{0, 0, 1, 1, 2, 2});
  CHECK(h5::read_integer_column(root, "runs", "status") == std::vector<std::int64_t>(6, 0));
  std::vector<double> p0, p1;
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(wait[i] == analysis::read_summary(out / files[i]).value("server.wait.mean"));
    (point[i] == 0 ? p0 : p1).push_back(wait[i]);
  }
  CHECK(h5::read_text_column(root, "points", "network.stations[0].servers") == std::vector<std::string>{"1", "2"});
  const auto mean = h5::read_real_column(root, "points", "server.wait.mean.mean");
  const auto half = h5::read_real_column(root, "points", "server.wait.mean.ci95");
  CHECK(h5::read_integer_column(root, "points", "server.wait.mean.n") == std::vector<std::int64_t>{3, 3});
  CHECK(mean[0] == Approx(stats::student_t(p0).mean));
  CHECK(half[1] == Approx(stats::student_t(p1).half_width));
  const auto difference = h5::read_real_column(root, "differences", "server.wait.mean.mean");
  const auto difference_half = h5::read_real_column(root, "differences", "server.wait.mean.ci95");
  CHECK(difference[0] == 0);
  CHECK(difference_half[0] == 0);
  std::vector<double> paired;
  for (std::size_t i = 0; i < 3; ++i) paired.push_back(p1[i] - p0[i]);
  CHECK(difference[1] == Approx(stats::student_t(paired).mean));
  CHECK(difference_half[1] == Approx(stats::student_t(paired).half_width));
  CHECK(difference[1] < 0);  // a second server cuts the wait
}

TEST_CASE("porttwin sweep: replication r draws the same arrivals at every point, and equal points give equal runs",
          "[sweep][slow]") {
  ScratchDirectory scratch("sweep");
  // The exception desk's clerks do not touch the arrival streams; points 0 and 2 are the same point.
  write_file(scratch, "crn.sweep.yaml", "name: crn\nbase: " + kGate + R"(
replications: 2
parameters:
  - {key: gate.exception_desk.clerks, values: [2, 3, 2]}
set: {horizon: 2d, warmup: 6h}
kpis: [gate.lanes.arrivals, gate.exception_desk.wait.mean]
)");
  const auto r = testing::run_porttwin({"sweep", "crn.sweep.yaml", "-q"}, scratch.path(), scratch.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path out = scratch.path() / "sweeps" / "crn";
  const h5::File file = h5::File::open_read((out / "sweep.h5").string());
  const auto arrivals = h5::read_real_column(file.root(), "runs", "gate.lanes.arrivals");
  const auto wait = h5::read_real_column(file.root(), "runs", "gate.exception_desk.wait.mean");
  REQUIRE(arrivals.size() == 6);  // rows: p0 r0, p1 r0, p2 r0, p0 r1, p1 r1, p2 r1
  for (std::size_t r0 : {0u, 3u}) {
    CHECK(arrivals[r0] == arrivals[r0 + 1]);
    CHECK(arrivals[r0] == arrivals[r0 + 2]);
    CHECK(wait[r0] == wait[r0 + 2]);
    CHECK(wait[r0] != wait[r0 + 1]);
  }
  CHECK(arrivals[0] != arrivals[3]);  // replications differ
  CHECK(meta_text(out / "runs" / "p0-r1.h5", "fingerprint") == meta_text(out / "runs" / "p2-r1.h5", "fingerprint"));
  CHECK(meta_text(out / "runs" / "p0-r1.h5", "fingerprint") != meta_text(out / "runs" / "p1-r1.h5", "fingerprint"));
  const auto difference = h5::read_real_column(file.root(), "differences", "gate.exception_desk.wait.mean.mean");
  CHECK(difference[2] == 0);
}

TEST_CASE("porttwin sweep: started again, it redoes only missing, truncated or foreign run files", "[sweep][slow]") {
  ScratchDirectory scratch("sweep");
  const fs::path sweep_file = write_file(scratch, "mm.sweep.yaml", mm_sweep());
  const fs::path runs = scratch.path() / "sweeps" / "mm" / "runs";
  auto first = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q"}, scratch.path(), scratch.path());
  REQUIRE(first.exit_code == 0);

  const auto sweep = sweep::load_sweep(sweep_file);
  CHECK(sweep::complete_run_file(runs / "p1-r2.h5", sweep.scenarios[1], 2));
  CHECK_FALSE(sweep::complete_run_file(runs / "p1-r2.h5", sweep.scenarios[1], 1));  // another replication
  CHECK_FALSE(sweep::complete_run_file(runs / "p1-r2.h5", sweep.scenarios[0], 2));  // another point

  fs::remove(runs / "p1-r0.h5");                                  // missing
  fs::resize_file(runs / "p0-r1.h5", fs::file_size(runs / "p0-r1.h5") / 3);  // truncated
  fs::copy_file(runs / "p0-r2.h5", runs / "p1-r2.h5", fs::copy_options::overwrite_existing);  // another point's
  const ino_t kept[] = {inode_of(runs / "p0-r0.h5"), inode_of(runs / "p1-r1.h5"), inode_of(runs / "p0-r2.h5")};

  const auto again = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2"}, scratch.path(), scratch.path());
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("3 runs to do (3 reused)") != std::string::npos);
  CHECK(again.err.find("sweep: 6/6 runs, 0 failed") != std::string::npos);
  CHECK(inode_of(runs / "p0-r0.h5") == kept[0]);
  CHECK(inode_of(runs / "p1-r1.h5") == kept[1]);
  CHECK(inode_of(runs / "p0-r2.h5") == kept[2]);
  for (const auto& [name, point, replication] : {std::tuple{"p1-r0.h5", 1, 0}, {"p0-r1.h5", 0, 1}, {"p1-r2.h5", 1, 2}}) {
    INFO(name);
    CHECK(sweep::complete_run_file(runs / name, sweep.scenarios[static_cast<std::size_t>(point)],
                                   static_cast<std::uint32_t>(replication)));
  }
  const h5::File file = h5::File::open_read((runs.parent_path() / "sweep.h5").string());
  CHECK(h5::read_integer_column(file.root(), "runs", "reused") == std::vector<std::int64_t>{1, 0, 0, 1, 1, 0});

  const auto third = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-q"}, scratch.path(), scratch.path());
  REQUIRE(third.exit_code == 0);
  CHECK(inode_of(runs / "p1-r0.h5") != kept[0]);  // a nothing-to-do sweep rewrites only sweep.h5
  CHECK(run_files(runs.parent_path()).size() == 6);
}

TEST_CASE("porttwin sweep: interrupted part-way and started again, it keeps every finished run and redoes the rest",
          "[sweep][slow]") {
  using namespace std::chrono;
  ScratchDirectory scratch("sweep");
  const fs::path sweep_file = write_file(scratch, "mm.sweep.yaml", mm_sweep("[server.wait.mean]", "8d"));
  const fs::path out = scratch.path() / "sweeps" / "mm";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::setpgid(0, 0);  // its own process group, as a shell job: the signal reaches every run process
    if (::chdir(scratch.path().c_str()) != 0) ::_exit(127);
    ::execl(testing::kPorttwinBinary.c_str(), "porttwin", "sweep", "mm.sweep.yaml", "-j", "2", "-q", nullptr);
    ::_exit(127);
  }
  ::setpgid(child, child);
  const auto started = steady_clock::now();
  while (run_files(out, true).size() < 2 && steady_clock::now() - started < seconds(30)) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  ::kill(-child, SIGINT);  // Ctrl-C
  int status = 0;
  ::waitpid(child, &status, 0);
  while (run_files(out).size() != run_files(out, true).size() && steady_clock::now() - started < seconds(40)) {
    std::this_thread::sleep_for(milliseconds(10));  // run processes removing their temporaries
  }
  const auto finished = run_files(out, true);
  INFO("finished before the interruption: " << finished.size());
  CHECK(WIFSIGNALED(status));
  CHECK(run_files(out) == finished);  // no temporary left behind
  REQUIRE(finished.size() >= 2);
  REQUIRE(finished.size() < 6);
  CHECK_FALSE(fs::exists(out / "sweep.h5"));
  const auto sweep = sweep::load_sweep(sweep_file);
  std::vector<ino_t> inodes;
  for (const auto& name : finished) {
    const auto point = static_cast<std::size_t>(name[1] - '0');
    CHECK(sweep::complete_run_file(out / "runs" / name, sweep.scenarios[point],
                                   static_cast<std::uint32_t>(name[4] - '0')));
    inodes.push_back(inode_of(out / "runs" / name));
  }

  const auto again = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2"}, scratch.path(), scratch.path());
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find(std::to_string(6 - finished.size()) + " run") != std::string::npos);
  CHECK(again.err.find("(" + std::to_string(finished.size()) + " reused)") != std::string::npos);
  for (std::size_t i = 0; i < finished.size(); ++i) CHECK(inode_of(out / "runs" / finished[i]) == inodes[i]);
  CHECK(run_files(out).size() == 6);
}

TEST_CASE("porttwin sweep: SIGKILLed part-way, its run processes die with it; started again, it ends with the tables of a sweep never interrupted",
          "[sweep][process][slow]") {
  using namespace std::chrono;
  ScratchDirectory killed("sweep-killed"), whole("sweep-whole");
  for (const auto* dir : {&killed, &whole}) write_file(*dir, "mm.sweep.yaml", mm_sweep("[server.wait.mean, server.utilisation]", "40d"));
  const fs::path out = killed.path() / "sweeps" / "mm";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    if (::chdir(killed.path().c_str()) != 0) ::_exit(127);
    ::execl(testing::kPorttwinBinary.c_str(), "porttwin", "sweep", "mm.sweep.yaml", "-j", "2", "-q", nullptr);
    ::_exit(127);
  }
  const auto started = steady_clock::now();
  while (run_files(out, true).size() < 2 && steady_clock::now() - started < seconds(60)) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  ::kill(child, SIGKILL);  // the parent only: no handler of its runs, and no process-group signal
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));
  // Its run processes get SIGTERM from the kernel (parent-death signal) and remove their temporaries.
  while (run_files(out).size() != run_files(out, true).size() && steady_clock::now() - started < seconds(90)) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  const auto finished = run_files(out, true);
  INFO("finished before the kill: " << finished.size());
  CHECK(run_files(out) == finished);
  REQUIRE(finished.size() < 6);
  CHECK_FALSE(fs::exists(out / "sweep.h5"));

  const auto resumed = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q"}, killed.path(), killed.path());
  const auto uninterrupted = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q"}, whole.path(), whole.path());
  INFO(resumed.err << uninterrupted.err);
  REQUIRE(resumed.exit_code == 0);
  REQUIRE(uninterrupted.exit_code == 0);
  CHECK(resumed.out.find("paired differences") != std::string::npos);
  CHECK(resumed.out == uninterrupted.out);
  for (const auto& name : run_files(whole.path() / "sweeps" / "mm")) {
    CHECK(meta_text(out / "runs" / name, "fingerprint") == meta_text(whole.path() / "sweeps" / "mm" / "runs" / name, "fingerprint"));
  }
}

TEST_CASE("porttwin sweep: a failed point is reported with its error and the other points still run",
          "[sweep][slow]") {
  ScratchDirectory scratch("sweep");
  write_file(scratch, "mm.sweep.yaml", mm_sweep());
  const fs::path runs = scratch.path() / "sweeps" / "mm" / "runs";
  // A folder where a run file should go: that run cannot be committed.
  for (const char* name : {"p1-r0.h5", "p1-r1.h5", "p1-r2.h5"}) fs::create_directories(runs / name);
  const auto r = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q"}, scratch.path(), scratch.path());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("run p1-r0 FAILED: ") != std::string::npos);
  CHECK(r.err.find("cannot rename") != std::string::npos);
  CHECK(r.out.find("3 runs FAILED") != std::string::npos);
  for (const char* name : {"p0-r0.h5", "p0-r1.h5", "p0-r2.h5"}) CHECK(fs::is_regular_file(runs / name));

  const h5::File file = h5::File::open_read((runs.parent_path() / "sweep.h5").string());
  const auto root = file.root();
  CHECK(root.int_attribute("failed_runs") == 3);
  CHECK(h5::read_integer_column(root, "runs", "status") == std::vector<std::int64_t>{0, 1, 0, 1, 0, 1});
  CHECK(h5::read_text_column(root, "runs", "error")[1].find("cannot rename") != std::string::npos);
  CHECK(std::isnan(h5::read_real_column(root, "runs", "server.wait.mean")[1]));
  CHECK(h5::read_integer_column(root, "points", "server.wait.mean.n") == std::vector<std::int64_t>{3, 0});
}

TEST_CASE("porttwin sweep: KPI names are checked against the first finished run, at their place in the sweep file",
          "[sweep][slow]") {
  ScratchDirectory scratch("sweep");
  write_file(scratch, "mm.sweep.yaml", mm_sweep("[server.wait.mean, server.wiat.mean]"));
  const std::string expected =
      "mm.sweep.yaml:8:26: error: kpis: found \"server.wiat.mean\", expected a summary KPI of the runs (did you mean "
      "\"server.wait.mean\"?) (porttwin run --all lists them)\n";
  const auto r = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-j", "1", "-q"}, scratch.path(), scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err == expected);
  const fs::path out = scratch.path() / "sweeps" / "mm";
  CHECK(run_files(out) == std::vector<std::string>{"p0-r0.h5"});  // no run started after the first
  CHECK_FALSE(fs::exists(out / "sweep.h5"));
  // Started again, the existing run answers before anything runs.
  const auto again = testing::run_porttwin({"sweep", "mm.sweep.yaml", "-q"}, scratch.path(), scratch.path());
  CHECK(again.exit_code == 2);
  CHECK(again.err == expected);
  CHECK(run_files(out).size() == 1);
}

TEST_CASE("porttwin sweep: an invalid sweep file exits 2 before any run and writes nothing", "[sweep]") {
  ScratchDirectory scratch("sweep");
  write_file(scratch, "bad.sweep.yaml", "base: " + kMm1 + "\nparameters: [{key: network.stations, values: [1]}]\n");
  const auto r = testing::run_porttwin({"sweep", "bad.sweep.yaml"}, scratch.path(), scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "bad.sweep.yaml:2:47: error: parameters[0].values: the base scenario rejects network.stations=1: found \"1\", "
        "expected a list of maps\n");
  CHECK_FALSE(fs::exists(scratch.path() / "sweeps"));
}

TEST_CASE("porttwin sweep: the shipped sweep files pass --dry-run", "[sweep]") {
  ScratchDirectory scratch("sweep");
  const auto files = testing::shipped_sweep_files();
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    INFO(f);
    const auto r = testing::run_porttwin({"sweep", f.string(), "--dry-run"}, scratch.path(), scratch.path());
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find(" points x ") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(scratch.path() / "sweeps"));
}

TEST_CASE("porttwin sweep: an overloaded point is flagged unstable in the table, on stderr and in sweep.h5",
          "[sweep][slow]") {
  ScratchDirectory scratch("sweep-unstable");
  // M/M/1 with a 1-minute mean service: rho 0.5 and 1.25 (the queue builds up about 15 an hour).
  write_file(scratch, "load.sweep.yaml", "name: load\nbase: " + kMm1 + R"(
replications: 3
parameters:
  - key: network.sources[0].arrivals.rate
    values: [30/h, 75/h]
set: {horizon: 2d, warmup: 6h, record.kpi_interval: 1h}
kpis: [server.wait.mean]
)");
  const auto r = testing::run_porttwin({"sweep", "load.sweep.yaml", "-j", "2", "-q"}, scratch.path(), scratch.path());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("1 unstable") != std::string::npos);
  CHECK(r.out.find("0* unstable") == std::string::npos);
  CHECK(r.err.find("warning: point 1 (network.sources[0].arrivals.rate=75/h) is unstable: its queue grows over the "
                   "run (/kpi/server.queue in 3 of 3 replications)") != std::string::npos);
  CHECK(r.err.find("point 0 (") == std::string::npos);
  const h5::File file = h5::File::open_read((scratch.path() / "sweeps" / "load" / "sweep.h5").string());
  CHECK(h5::read_integer_column(file.root(), "growing_queues", "point") == std::vector<std::int64_t>{1, 1, 1});
  CHECK(h5::read_text_column(file.root(), "growing_queues", "series") ==
        std::vector<std::string>(3, "server.queue"));
}
