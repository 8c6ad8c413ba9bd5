// Damaged run files and sweep folders (issue 22): one changed byte anywhere in a run file, and an
// empty or part-zeroed sweep.h5. Every reader either reads what the undamaged file holds (the
// byte did not matter) or refuses with exit 2 and one line naming the file; never a signal, never
// an unexpected error (exit 1), never other output.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/yard_state.hpp"
#include "models/corridor/record/corridor_layout.hpp"
#include "porttwin_command.hpp"
#include "sim/record/h5_file.hpp"
#include "simulation_support.hpp"
#include "viz/core/event_index.hpp"
#include "viz/core/run_source.hpp"

namespace fs = std::filesystem;
using porttwin::testing::read_text;
using porttwin::testing::run_porttwin;

namespace {

std::string bytes_of(const fs::path& file) { return read_text(file); }

void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// What the viewer reads of a run file, in a child process (a crash is a signal there, not the end
// of the test): its scenario name, horizon, the yard at the horizon and the event index. Exit 0
// with that description in `out`, or exit 2 with the error (one line) in `err`.
porttwin::testing::CommandResult view_in_process(const fs::path& file, const fs::path& scratch) {
  const fs::path out = scratch / "view-out.txt", err = scratch / "view-err.txt";
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    // A crash here is the child's end, not a failure Catch's handlers (inherited) would report.
    for (const int signal : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL}) std::signal(signal, SIG_DFL);
    int code = 0;
    try {
      const porttwin::viz::RunSource source(file);
      const porttwin::analysis::YardState yard = source.state_at(source.horizon());
      porttwin::viz::EventIndex index(file);
      index.finish();
      std::ofstream(out) << source.scenario_name() << " " << source.horizon() << " boxes " << yard.container_count()
                         << " events " << index.event_count() << " markers " << index.markers().size() << "\n";
    } catch (const std::exception& e) {
      std::ofstream(err) << e.what() << "\n";
      code = 2;
    }
    std::_Exit(code);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  porttwin::testing::CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

// The CSV files `export --csv` wrote into `dir`, concatenated by name.
std::string csv_of(const fs::path& dir) {
  std::vector<fs::path> files;
  if (fs::exists(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) all += f.filename().string() + "\n" + read_text(f);
  return all;
}

// A refusal: one line, naming the file.
bool refused_in_one_line(const std::string& err, const fs::path& file) {
  return err.find(file.string()) != std::string::npos && std::count(err.begin(), err.end(), '\n') == 1 &&
         err.back() == '\n';
}

}  // namespace

TEST_CASE("damaged run files: 300 one-byte changes, each read as the original or refused with exit 2 in one line "
          "naming the file",
          "[runfile][damage][slow]") {
  const auto reps = porttwin::testing::run_replications("tests/data/scenarios/corridor_rules.yaml", 1,
                                                        {{"horizon", "6h"}, {"corridor.attacks.door_opening", "1"}});
  // compare needs a second configuration to set the damaged run against.
  const auto other = porttwin::testing::run_replications("tests/data/scenarios/corridor_rules.yaml", 1,
                                                         {{"horizon", "6h"}, {"corridor.attacks.door_opening", "0.5"}});
  const fs::path scratch = reps.scratch->path();
  const fs::path original = reps.files[0];
  const std::string pristine = bytes_of(original);
  std::uint64_t trip = 0;
  {
    const auto f = porttwin::h5::File::open_read(original.string());
    const auto trips = porttwin::h5::read_table<porttwin::CorridorTripRow>(f.root().open_group("corridor"), "trips",
                                                                            porttwin::corridor_trip_row_type());
    REQUIRE_FALSE(trips.empty());
    trip = trips.front().trip;
  }
  // The file the readers get, at one path so that outputs naming it compare as they are.
  const fs::path file = scratch / "damaged.h5";
  const fs::path csv = scratch / "csv";
  const std::string id = std::to_string(trip);
  auto trip_of = [&] { return run_porttwin({"trip", file.string(), id}, scratch); };
  auto compare_of = [&] { return run_porttwin({"compare", other.files[0].string(), file.string(), "--all"}, scratch); };
  auto export_of = [&] {
    fs::remove_all(csv);
    auto r = run_porttwin({"export", file.string(), "--csv", csv.string()}, scratch);
    r.out += csv_of(csv);
    return r;
  };
  auto view_of = [&] { return view_in_process(file, scratch); };

  write_bytes(file, pristine);
  const auto trip0 = trip_of(), compare0 = compare_of(), export0 = export_of(), view0 = view_of();
  INFO(trip0.err << compare0.err << export0.err << view0.err);
  REQUIRE(trip0.exit_code == 0);
  REQUIRE(compare0.exit_code == 0);
  REQUIRE(export0.exit_code == 0);
  REQUIRE(view0.exit_code == 0);

  std::mt19937_64 random(20261207);
  std::uniform_int_distribution<std::size_t> offset_of(0, pristine.size() - 1);
  std::uniform_int_distribution<int> flip_of(1, 255);
  int refused = 0;
  for (int mutation = 0; mutation < 300; ++mutation) {
    std::string damaged = pristine;
    const std::size_t offset = offset_of(random);
    damaged[offset] = static_cast<char>(damaged[offset] ^ flip_of(random));
    write_bytes(file, damaged);
    struct Reader {
      const char* name;
      porttwin::testing::CommandResult result, expected;
    };
    for (const Reader& r : {Reader{"trip", trip_of(), trip0}, Reader{"compare", compare_of(), compare0},
                            Reader{"export --csv", export_of(), export0}, Reader{"view (run source)", view_of(), view0}}) {
      INFO("byte " << offset << " of " << pristine.size() << ", " << r.name << ": exit " << r.result.exit_code
                   << "\n" << r.result.err);
      if (r.result.exit_code == 2) {
        CHECK(refused_in_one_line(r.result.err, file));
        ++refused;
      } else {
        if (r.result.exit_code != 0) {
          // Kept for a look in a debugger: the readers crashed or failed on it.
          const fs::path kept = fs::temp_directory_path() / ("porttwin-damaged-" + std::to_string(offset) + ".h5");
          write_bytes(kept, damaged);
          FAIL_CHECK("kept as " << kept.string());
        }
        REQUIRE(r.result.exit_code == 0);
        CHECK(r.result.out == r.expected.out);
        CHECK(r.result.err == r.expected.err);
      }
    }
  }
  // Most bytes of a run file matter (its headers and compressed chunks are checksummed).
  CHECK(refused > 300);
}

TEST_CASE("damaged sweep.h5: empty or part-zeroed, compare and report refuse with exit 2 naming it",
          "[sweep][damage][slow]") {
  porttwin::testing::ScratchDirectory scratch("damaged-sweep");
  const std::string mm1 = (porttwin::testing::kSourceDir / "scenarios" / "validation" / "mm1.yaml").string();
  std::ofstream(scratch.path() / "mm.sweep.yaml")
      << "name: mm\nbase: " << mm1
      << "\nreplications: 2\nparameters:\n  - key: network.stations[0].servers\n    values: [1, 2]\n"
         "set: {horizon: 1d, warmup: 1h}\nkpis: [server.wait.mean]\n";
  REQUIRE(run_porttwin({"sweep", "mm.sweep.yaml", "-j", "2", "-q"}, scratch.path(), scratch.path()).exit_code == 0);
  const fs::path sweep = scratch.path() / "sweeps" / "mm" / "sweep.h5";
  const std::string pristine = bytes_of(sweep);
  REQUIRE(pristine.size() > 4096);
  const std::string page = (scratch.path() / "report.html").string();

  std::vector<std::pair<std::string, std::string>> damages = {{"empty", ""}};
  for (const double from : {0.0, 0.25, 0.5, 0.75}) {
    std::string zeroed = pristine;
    const auto at = static_cast<std::size_t>(from * static_cast<double>(zeroed.size()));
    std::fill(zeroed.begin() + static_cast<std::ptrdiff_t>(at),
              zeroed.begin() + static_cast<std::ptrdiff_t>(std::min(zeroed.size(), at + 2048)), '\0');
    damages.emplace_back("2 KiB zeroed at " + std::to_string(at), zeroed);
  }
  for (const auto& [what, bytes] : damages) {
    write_bytes(sweep, bytes);
    for (const auto& args : {std::vector<std::string>{"compare", sweep.string()},
                             std::vector<std::string>{"report", sweep.string(), "-o", page}}) {
      const auto r = run_porttwin(args, scratch.path(), scratch.path());
      INFO(what << ": " << args[0] << " exit " << r.exit_code << "\n" << r.err);
      CHECK(r.exit_code == 2);
      CHECK(refused_in_one_line(r.err, sweep));
      CHECK_FALSE(fs::exists(page));
    }
  }
}
