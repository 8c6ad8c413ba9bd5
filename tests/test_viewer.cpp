// The viewer (viz/): its layout arithmetic, scrubbing (the cursor lands on exactly what
// yard_state_at returns), damaged run files (a clear message, never a crash), and screenshots
// rendered under xvfb-run and checked against the state by sampling pixels where the layout code
// says a stack or crane is drawn; the corridor map likewise for stations and devices.
//
// Sections: shared recorded runs (once per process); layout and calendar; RunSource and the yard
// plan; scrubbing and damaged files; yard screenshots; event index and move log; the corridor map
// (sources, screenshots, patrols); tabs of a combined run.
#include <catch2/catch.hpp>
#include <hdf5.h>

#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <tuple>

#include "analysis/run_file.hpp"
#include "analysis/yard_state.hpp"
#include "models/corridor/trip.hpp"
#include "models/scenario.hpp"
#include "sim/record/event_kind.hpp"
#include "sim/record/h5_file.hpp"
#include "models/yard/record/yard_layout.hpp"
#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "simulation_support.hpp"
#include "viz/core/calendar.hpp"
#include "viz/core/corridor_map.hpp"
#include "viz/core/corridor_source.hpp"
#include "viz/core/event_index.hpp"
#include "viz/core/layout.hpp"
#include "viz/core/legacy_yard_plan.hpp"
#include "viz/core/move_log.hpp"
#include "viz/core/palette.hpp"
#include "viz/core/run_source.hpp"
#include "viz/core/yard_cursor.hpp"
#include "models/corridor/record/corridor_events.hpp"
#include "models/incidents/record/incident_events.hpp"

using namespace porttwin;
using namespace porttwin::viz;
using porttwin::testing::read_text;
using porttwin::testing::run_porttwin;
using porttwin::testing::ScratchDirectory;
using porttwin::testing::shell_quoted;

namespace {

const std::string kViewer = PORTTWIN_VIEWER;

// `porttwin run ARGS` in `dir`, failing the test when the run fails.
void record_run(const ScratchDirectory& dir, const std::vector<std::string>& args) {
  const auto r = run_porttwin(args, dir.path());
  if (r.exit_code != 0) FAIL("porttwin run failed: " << r.err);
}

// A recorded run shared by the tests of this process: made on first use.
template <class Run>
const Run& once() {
  static const auto run = std::make_unique<Run>();
  return *run;
}

// Two days of the small terminal, recorded once per test process.
struct SmallRun {
  ScratchDirectory dir{"viewer"};
  std::string file = dir.file("small.h5");
  SmallRun() {
    record_run(dir, {"run", "scenarios/terminal_small.yaml", "--run", "0", "--set", "horizon=2d", "--set", "warmup=0s",
                     "-q", "--out", file});
  }
};

const SmallRun& small_run() { return once<SmallRun>(); }

struct Viewed {
  int exit_code = -1;
  std::string err;
};

// porttwin-view ARGS under xvfb-run (a private X server with Mesa's software renderer).
Viewed view(const std::vector<std::string>& args, const std::filesystem::path& scratch) {
  // Mesa's own allocations are not ours to judge in a sanitizer build.
  std::string command = testing::kXvfbRun + "-s '-screen 0 1920x1080x24' " + shell_quoted(kViewer);
  for (const auto& a : args) command.append(" ").append(shell_quoted(a));
  const auto err = scratch / "view-stderr.txt";
  command.append(" >/dev/null 2>").append(shell_quoted(err.string())).append(" </dev/null");
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(err)};
}

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;
  Rgb at(Vec2 p) const {
    const int x = static_cast<int>(std::floor(p.x)), y = static_cast<int>(std::floor(p.y));
    const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 3;
    return {rgb.at(i), rgb.at(i + 1), rgb.at(i + 2)};
  }
};

Image load_png(const std::string& file) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(file.c_str(), &image.width, &image.height, &channels, 3);
  REQUIRE(data != nullptr);
  image.rgb.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 3);
  stbi_image_free(data);
  return image;
}

// A day of the straight test corridor (tests/data/scenarios/corridor_rules.yaml) with its tracks,
// and the same run recorded without them (as files written before tracks existed), once per process.
struct CorridorRun {
  ScratchDirectory dir{"viewer-corridor"};
  std::string file = dir.file("corridor.h5"), old = dir.file("old.h5");
  CorridorRun() {
    for (const auto& [out, tracks] : {std::pair{file, "true"}, std::pair{old, "false"}}) {
      record_run(dir, {"run", "tests/data/scenarios/corridor_rules.yaml", "--run", "0", "--set", "horizon=1d", "--set",
                       "corridor.attacks.door_opening=0.3", "--set", std::string("corridor.record_tracks=") + tracks,
                       "-q", "--out", out});
    }
  }
};

const CorridorRun& corridor_run() { return once<CorridorRun>(); }

// A day of the straight test corridor with attacks and three patrol units
// (tests/data/scenarios/corridor_patrols.yaml), once per process.
struct PatrolRun {
  ScratchDirectory dir{"viewer-patrols"};
  std::string file = dir.file("patrols.h5");
  PatrolRun() {
    record_run(dir, {"run", "tests/data/scenarios/corridor_patrols.yaml", "--run", "0", "-q", "--out", file});
  }
};

const PatrolRun& patrol_run() { return once<PatrolRun>(); }

// Where the corridor panel of a width x height window draws a position.
class MapScreen {
 public:
  MapScreen(const CorridorSource& corridor, int width, int height)
      : projection_(corridor.map()), t_(projection_.bounds(), corridor_panel_canvas(0, 0, width, height)) {}
  Vec2 operator()(double lat, double lon) const {
    const Vec2 p = projection_.to_plane(lat, lon);
    return t_.to_screen(p.x, p.y);
  }

 private:
  MapProjection projection_;
  PlanTransform t_;
};

int stack_height(const analysis::BlockOccupancy& b, int bay, int row) {
  int h = 0;
  while (h < b.tiers && b.slots[(static_cast<std::size_t>(bay) * b.rows + row) * b.tiers + h] != 0) ++h;
  return h;
}

}  // namespace

TEST_CASE("viz::layout: a fitted plan maps every stack back to itself and keeps the yard inside the canvas", "[viewer]") {
  Scenario scenario = load_scenario(testing::kSourceDir / "scenarios/terminal_small.yaml");
  std::vector<YardBlockRow> rows;
  for (std::size_t i = 0; i < scenario.terminal.yard.blocks.size(); ++i) {
    const auto& c = scenario.terminal.yard.blocks[i];
    YardBlockRow r;
    r.index = static_cast<std::uint32_t>(i);
    std::snprintf(r.name, sizeof r.name, "%s", c.name.c_str());
    r.bays = c.bays, r.rows = c.rows, r.tiers = c.tiers;
    rows.push_back(r);
  }
  const YardPlan plan = terminal::yard_plan(scenario.terminal);
  const YardGeometry g = yard_geometry(&plan, rows);
  REQUIRE(g.from_scenario);
  const Rect canvas = yard_panel_canvas(0, 0, 1600, 900);
  const PlanTransform t(g.world_bounds(), canvas);
  for (std::size_t b = 0; b < g.blocks.size(); ++b) {
    const Rect br = block_rect(t, g.blocks[b]);
    CHECK(br.x0 >= canvas.x0);
    CHECK(br.x1 <= canvas.x1);
    CHECK(br.y0 >= canvas.y0);
    CHECK(br.y1 <= canvas.y1);
    for (int bay = 0; bay < g.blocks[b].bays; bay += 7) {
      for (int row = 0; row < g.blocks[b].rows; ++row) {
        const auto hit = stack_at(t, g, stack_rect(t, g.blocks[b], bay, row).centre());
        REQUIRE(hit);
        CHECK(*hit == StackHit{static_cast<int>(b), bay, row});
      }
    }
  }
  SECTION("zooming at a point keeps that point under the mouse") {
    PlanTransform z = t;
    const Vec2 p{700, 300};
    const Vec2 before = z.to_world(p);
    z.zoom_at(p, 2.5f);
    const Vec2 after = z.to_world(p);
    CHECK(after.x == Approx(before.x).margin(1e-3));
    CHECK(after.y == Approx(before.y).margin(1e-3));
  }
  SECTION("without a scenario the blocks are laid out apart") {
    const YardGeometry alone = yard_geometry(nullptr, rows);
    CHECK_FALSE(alone.from_scenario);
    CHECK(alone.blocks[1].origin_y >= alone.blocks[0].origin_y + alone.blocks[0].depth());
  }
}

namespace {

// Everything the plan decides: each block's name, area and placement, the quay and the gate.
void check_same_geometry(const YardGeometry& a, const YardGeometry& b) {
  auto block = [](const BlockGeometry& g) {
    return std::tie(g.name, g.area, g.origin_x, g.origin_y, g.bay_length, g.row_width, g.bays, g.rows, g.tiers);
  };
  auto terminal = [](const YardGeometry& g) {
    return std::tie(g.berths, g.berth_length, g.cranes_per_berth, g.gate_x, g.gate_y, g.gate_in_lanes, g.gate_out_lanes);
  };
  REQUIRE(a.blocks.size() == b.blocks.size());
  for (std::size_t i = 0; i < a.blocks.size(); ++i) {
    INFO("block " << a.blocks[i].name);
    CHECK(block(a.blocks[i]) == block(b.blocks[i]));
  }
  CHECK(terminal(a) == terminal(b));
}

}  // namespace

TEST_CASE("viz::RunSource: the yard's plan comes from the run file, and older files rebuild it from their scenario",
          "[viewer]") {
  const SmallRun& run = small_run();
  const RunSource source(run.file);
  REQUIRE(source.plan());
  const YardGeometry recorded = yard_geometry(&*source.plan(), source.yard().blocks());
  REQUIRE(recorded.from_scenario);
  CHECK(recorded.blocks.size() == 4);
  CHECK(recorded.berths == 1);

  // The same scenario read the old way gives the same geometry, box by box.
  const h5::File file = h5::File::open_read(run.file);
  const h5::Group meta = file.root().open_group("meta");
  std::string problem;
  const auto legacy = legacy_yard_plan(meta.string_attribute("scenario_text"), "terminal_small.yaml",
                                       meta.string_attribute("overrides"), problem);
  INFO(problem);
  REQUIRE(legacy);
  check_same_geometry(recorded, yard_geometry(&*legacy, source.yard().blocks()));

  SECTION("a run file without /yard/plan (written before it existed) still opens with its geometry") {
    ScratchDirectory dir("viewer-old-plan");
    const std::string old = dir.file("old.h5");
    std::filesystem::copy_file(run.file, old);
    {
      const hid_t f = H5Fopen(old.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
      REQUIRE(f >= 0);
      CHECK(H5Ldelete(f, "/yard/plan", H5P_DEFAULT) >= 0);
      CHECK(H5Ldelete(f, "/yard/terminal", H5P_DEFAULT) >= 0);
      H5Fclose(f);
    }
    const RunSource old_source(old);
    REQUIRE(old_source.plan());
    check_same_geometry(recorded, yard_geometry(&*old_source.plan(), old_source.yard().blocks()));
  }
}

TEST_CASE("viz::Calendar: date-times and durations since the start read back", "[viewer]") {
  const Calendar cal(1767571200.0);  // 2026-01-05T00:00
  CHECK(cal.format(14 * 3600 + 32 * 60) == "2026-01-05 14:32:00");
  CHECK(cal.parse("2026-01-06T14:32") == Approx(86400 + 14 * 3600 + 32 * 60));
  CHECK(cal.parse("2026-01-06 14:32:30") == Approx(86400 + 14 * 3600 + 32 * 60 + 30));
  CHECK(cal.parse("1d6h") == Approx(30 * 3600));
  CHECK_FALSE(cal.parse("tomorrow"));
  CHECK(cal.parse("3600") == Approx(3600));
  CHECK(is_night(cal.time_of_day(22 * 3600)));
  CHECK_FALSE(is_night(cal.time_of_day(12 * 3600)));
}

TEST_CASE("viz::YardCursor: scrubbing back and forth lands on the state yard_state_at returns", "[viewer]") {
  const SmallRun& run = small_run();
  const RunSource source(run.file);
  const MoveLog moves(run.file);
  REQUIRE(moves.count() > 100);
  YardCursor cursor(source, moves);
  const double h = source.horizon();
  // Forward, back over keyframes, between moves, at the ends, and repeated.
  const std::vector<double> path = {0.3 * h, 0.9 * h, 0.1 * h, 0.5 * h, 0.5 * h + 1, 0.49 * h, h, 0, 0.75 * h, 0.3 * h};
  for (double t : path) {
    cursor.seek(t);
    INFO("t = " << t);
    CHECK(cursor.state() == analysis::yard_state_at(run.file, t));
  }
  SECTION("the moves of a window are the ones with time in it") {
    const double t = 0.6 * h;
    const auto recent = moves.between(t - 3600, t);
    REQUIRE_FALSE(recent.empty());
    for (const auto& m : recent) {
      CHECK(m.time > t - 3600);
      CHECK(m.time <= t);
    }
    CHECK(moves.next_after(t) > t);
    CHECK(moves.last_before(t) < t);
  }
  SECTION("a container's history is every move of it in time order") {
    const auto recent = moves.between(0, h, 1);
    REQUIRE(recent.size() == 1);
    const auto lifts = moves.history(recent.front().container);
    REQUIRE_FALSE(lifts.empty());
    CHECK(std::is_sorted(lifts.begin(), lifts.end(), [](const Lift& a, const Lift& b) { return a.move.time < b.move.time; }));
    CHECK(lifts.front().move.kind == YardMoveKind::Receive);
  }
}

TEST_CASE("porttwin view: a missing, foreign or truncated run file gets a clear message, not a crash", "[viewer]") {
  const SmallRun& run = small_run();
  ScratchDirectory dir("viewer-bad");
  const std::string garbage = dir.file("garbage.h5"), truncated = dir.file("truncated.h5");
  std::ofstream(garbage) << "this is not HDF5\n";
  {
    const std::string bytes = read_text(run.file);
    std::ofstream(truncated, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 3));
  }
  CHECK_THROWS_WITH(RunSource(dir.file("absent.h5")), Catch::Contains("no such run file"));
  CHECK_THROWS_WITH(RunSource(garbage), Catch::Contains("not a run file"));
  CHECK_THROWS_AS(RunSource(truncated), ViewerError);
  for (const auto& [file, says] : std::vector<std::pair<std::string, std::string>>{
           {garbage, "not a run file"}, {truncated, "truncated or damaged"}, {dir.file("absent.h5"), "no such run file"}}) {
    const auto r = run_porttwin({"view", file, "--screenshot", dir.file("x.png")}, dir.path());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(says));
  }
  SECTION("a file damaged in the middle fails at the moment it is read, with a message") {
    std::string bytes = read_text(run.file);
    for (std::size_t at = bytes.size() / 4; at + 2048 < bytes.size(); at += bytes.size() / 9) {
      for (std::size_t i = 0; i < 2048; ++i) bytes[at + i] = static_cast<char>((i * 131 + at) & 0xff);
    }
    const std::string damaged = dir.file("damaged.h5");
    std::ofstream(damaged, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    for (const char* at : {"0", "12h", "1d20h"}) {
      const auto r = view({damaged, "--at", at, "--screenshot", dir.file("x.png"), "--container", "50"}, dir.path());
      INFO(at << ": " << r.err);
      CHECK((r.exit_code == 0 || r.exit_code == 2));
      if (r.exit_code == 2) CHECK_THAT(r.err, Catch::Contains("damaged"));
    }
  }
  SECTION("a moment outside the run is refused") {
    const auto r = view({run.file, "--at", "1999-01-01T00:00", "--screenshot", dir.file("x.png")}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("outside the run"));
  }
}

TEST_CASE("porttwin view: damage confined to /events fails the event index's fingerprint check, exit 2", "[viewer]") {
  const SmallRun& run = small_run();
  ScratchDirectory dir("viewer-events");
  const std::string damaged = dir.file("damaged.h5");
  std::filesystem::copy_file(run.file, damaged);
  porttwin::testing::damage_event_row(damaged);
  // The index reads the log a piece at a time; the check comes with its last row.
  EventIndex index(damaged);
  CHECK_THROWS_WITH(index.finish(), Catch::Contains(damaged + ": /events/log does not match the run's fingerprint"));
  CHECK(index.markers().empty());
  EventIndex intact(run.file);
  CHECK_NOTHROW(intact.finish());
  const auto r = view({damaged, "--screenshot", dir.file("x.png")}, dir.path());
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("does not match the run's fingerprint") && Catch::Contains("damaged"));
  CHECK_FALSE(std::filesystem::exists(dir.file("x.png")));
}

TEST_CASE("porttwin view --screenshot: stacks and cranes are drawn where the layout puts them, as the state says", "[viewer][xvfb]") {
  const SmallRun& run = small_run();
  ScratchDirectory dir("viewer-shot");
  const RunSource source(run.file);
  const YardGeometry g = yard_geometry(source.plan() ? &*source.plan() : nullptr, source.yard().blocks());
  REQUIRE(g.from_scenario);
  const int width = 1600, height = 900;
  const PlanTransform t(g.world_bounds(), yard_panel_canvas(0, 0, width, height));

  for (double t_at : {0.35 * source.horizon(), 0.8 * source.horizon()}) {
    const std::string png = dir.file("yard.png");
    const auto r = view({run.file, "--at", source.calendar().format(t_at).replace(10, 1, "T"), "--screenshot", png,
                         "--size", "1600x900", "--panel", "yard", "--recent", "0"},
                        dir.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const Image image = load_png(png);
    REQUIRE(image.width == width);
    REQUIRE(image.height == height);
    // The screenshot's moment is rounded to the second by its calendar text.
    const double at = std::floor(t_at);
    const analysis::YardState state = analysis::yard_state_at(run.file, at);
    INFO("t = " << at);

    // Stacks away from every crane's gantry line and disc.
    auto under_crane = [&](const Rect& r) {
      for (const auto& c : state.cranes()) {
        const Vec2 p = t.to_screen(c.x, c.y);
        if (c.block < g.blocks.size()) {
          const Rect gantry = block_rect(t, g.blocks[c.block]);
          if (std::abs(p.x - r.centre().x) < r.width() + 4 && r.y1 >= gantry.y0 - 2 && r.y0 <= gantry.y1 + 2) return true;
        }
        if (std::hypot(p.x - r.centre().x, p.y - r.centre().y) < crane_radius(t) + r.width()) return true;
      }
      return false;
    };
    int empty_checked = 0, tall_checked = 0;
    for (std::size_t b = 0; b < g.blocks.size(); ++b) {
      const analysis::BlockOccupancy& occ = state.blocks()[b];
      for (int bay = 0; bay < occ.bays; ++bay) {
        for (int row = 0; row < occ.rows; ++row) {
          const Rect r = stack_rect(t, g.blocks[b], bay, row);
          if (under_crane(r)) continue;
          const int h = stack_height(occ, bay, row);
          INFO(g.blocks[b].name << " bay " << bay << " row " << row << " height " << h);
          if (h == 0 && empty_checked < 40) {
            CHECK(image.at(r.centre()) == kEmptyStack);
            ++empty_checked;
          } else if (h >= occ.tiers - 1 && tall_checked < 40) {
            CHECK(image.at(r.centre()) == height_colour(h, occ.tiers));
            ++tall_checked;
          }
        }
      }
    }
    CHECK(empty_checked > 0);
    CHECK(tall_checked > 0);
    // Each crane's spreader disc in its colour (cranes drawn later cover earlier ones).
    int cranes_checked = 0;
    for (std::size_t i = 0; i < state.cranes().size(); ++i) {
      const auto& c = state.cranes()[i];
      bool covered = false;
      for (std::size_t j = i + 1; j < state.cranes().size(); ++j) {
        const auto& d = state.cranes()[j];
        const Vec2 a = t.to_screen(c.x, c.y), e = t.to_screen(d.x, d.y);
        if (std::abs(a.x - e.x) < 2 * crane_radius(t) + 4) covered = true;
      }
      if (covered) continue;
      INFO("crane " << c.crane << " at " << c.x << ", " << c.y << " job " << c.container);
      CHECK(image.at(t.to_screen(c.x, c.y)) == (c.container ? kCraneBusy : kCraneIdle));
      ++cranes_checked;
    }
    CHECK(cranes_checked > 0);
  }
}

TEST_CASE("porttwin view --screenshot: every panel renders headless", "[viewer][xvfb]") {
  const SmallRun& run = small_run();
  ScratchDirectory dir("viewer-panels");
  for (const char* panel : {"all", "kpi", "timeline", "bay", "inspector"}) {
    const std::string png = dir.file(std::string(panel) + ".png");
    const auto r = view({run.file, "--at", "1d2h", "--screenshot", png, "--size", "1000x700", "--panel", panel,
                         "--stack", "A1:5:2", "--container", "1"},
                        dir.path());
    INFO(panel << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::file_size(png) > 1000);
  }
  SECTION("porttwin view runs the viewer with its arguments") {
    const std::string png = dir.file("through-cli.png");
    const std::string command = testing::kXvfbRun + shell_quoted(testing::kPorttwinBinary) +
                                " view " + shell_quoted(run.file) + " --at 1d --screenshot " + shell_quoted(png) +
                                " --size 640x400 >/dev/null 2>&1 </dev/null";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(load_png(png).width == 640);
  }
}

TEST_CASE("viz::CorridorSource: devices at a moment lie between their track rows, on their route", "[viewer][corridor]") {
  const CorridorRun& run = corridor_run();
  CorridorSource corridor(run.file);
  REQUIRE(corridor.available());
  REQUIRE(corridor.map().stations.size() == 3);
  REQUIRE(corridor.map().routes.size() == 1);
  const MapRoute& route = corridor.map().routes[0];
  CHECK(route.length() == Approx(578).epsilon(0.01));
  const double t = 15 * 3600 + 7;
  const auto devices = corridor.devices_at(t, 3600);
  REQUIRE(devices.size() > 10);
  for (const DeviceAt& d : devices) {
    INFO("trip " << d.trip);
    const CorridorTripRow* trip = corridor.trip(d.trip);
    REQUIRE(trip);
    CHECK(trip->sealed <= t);
    CHECK((trip->completed < 0 || trip->completed > t));
    CHECK(d.last.time <= t);
    CHECK(d.last.time > t - corridor.max_gap() - 1);
    // The straight corridor at 30 N: on the route between a (110 E) and c (116 E).
    CHECK(d.at.lat == Approx(30).margin(0.05));
    CHECK(d.at.lon >= 110 - 1e-9);
    CHECK(d.at.lon <= 116 + 1e-9);
    CHECK(d.trail.size() >= 2);
  }
  SECTION("a run without tracks is unavailable with a sentence saying why") {
    CorridorSource old(run.old);
    CHECK_FALSE(old.available());
    CHECK_THAT(old.problem(), Catch::Contains("no device tracks"));
    CHECK(old.devices_at(t, 3600).empty());
  }
}

TEST_CASE("porttwin view --panel corridor: stations and devices are drawn where the map puts them", "[viewer][xvfb][corridor]") {
  const CorridorRun& run = corridor_run();
  ScratchDirectory dir("viewer-corridor-shot");
  CorridorSource corridor(run.file);
  REQUIRE(corridor.available());
  const int width = 1400, height = 700;
  const MapScreen screen(corridor, width, height);
  const std::string png = dir.file("corridor.png");
  const std::string at = "15h";
  const auto r = view({run.file, "--at", at, "--screenshot", png, "--size", "1400x700", "--panel", "corridor", "--trail", "0"},
                      dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Image image = load_png(png);
  REQUIRE(image.width == width);
  const auto& devices = corridor.devices_at(15 * 3600, 0);
  REQUIRE_FALSE(devices.empty());
  std::vector<Vec2> device_px;
  for (const DeviceAt& d : devices) device_px.push_back(screen(d.at.lat, d.at.lon));
  auto crowded = [&](Vec2 p, std::size_t self) {
    for (std::size_t i = 0; i < device_px.size(); ++i) {
      if (i != self && std::hypot(device_px[i].x - p.x, device_px[i].y - p.y) < 2 * kDeviceRadius + 3) return true;
    }
    return false;
  };
  int stations_checked = 0;
  for (const MapStation& s : corridor.map().stations) {
    const Vec2 p = screen(s.lat, s.lon);
    if (crowded(p, device_px.size())) continue;
    INFO("station " << s.name);
    CHECK(image.at(p) == station_colour(s.kind));
    ++stations_checked;
  }
  CHECK(stations_checked > 0);
  int devices_checked = 0;
  for (std::size_t i = 0; i < devices.size(); ++i) {
    const Vec2 p = device_px[i];
    bool near_station = false;
    for (const MapStation& s : corridor.map().stations) {
      const Vec2 q = screen(s.lat, s.lon);
      if (std::abs(q.x - p.x) < 2 * kStationSize + kDeviceRadius + 4) near_station = true;  // marker and label
    }
    if (near_station || crowded(p, i)) continue;
    const MapDeviceType& type = corridor.map().device_types.at(devices[i].device_type);
    if (type.real_time && devices[i].last.silenced) continue;  // drawn hollow
    INFO("trip " << devices[i].trip << " at " << p.x << ", " << p.y);
    CHECK(image.at(p) == marker_colour(corridor.map(), devices[i].last.alarm, type.type, true));  // by grade
    ++devices_checked;
  }
  CHECK(devices_checked > 3);
  SECTION("a corridor run without tracks shows a message, the whole window too") {
    for (const char* panel : {"corridor", "all", "yard"}) {
      const std::string old_png = dir.file(std::string("old-") + panel + ".png");
      const auto o = view({run.old, "--at", at, "--screenshot", old_png, "--size", "1000x600", "--panel", panel}, dir.path());
      INFO(panel << ": " << o.err);
      CHECK(o.exit_code == 0);
      CHECK(std::filesystem::file_size(old_png) > 1000);
    }
  }
  SECTION("the whole window and the inspector with a trip open") {
    const std::string all = dir.file("corridor-all.png");
    const auto a = view({run.file, "--at", at, "--screenshot", all, "--size", "1600x900", "--trip",
                         std::to_string(devices.front().trip), "--attacks"},
                        dir.path());
    INFO(a.err);
    CHECK(a.exit_code == 0);
    CHECK(load_png(all).width == 1600);
  }
}

TEST_CASE("viz::patrol_at: a unit drives in a straight line between its rows, waits at the vehicle and at its base",
          "[viewer][corridor]") {
  const std::vector<CorridorPatrolRow> rows = {
      {0, 4, 30, 113, PatrolState::Base, kNoTrip},
      {1000, 4, 30, 113, PatrolState::Out, 77},
      {3000, 4, 30.2, 111, PatrolState::AtVehicle, 77},
      {4800, 4, 30.2, 111, PatrolState::Back, 77},
      {6800, 4, 30, 113, PatrolState::Base, 77},
      {6800, 4, 30, 113, PatrolState::Out, 78},  // back at base and out again at once
      {7800, 4, 30, 114, PatrolState::AtVehicle, 78},
  };
  CHECK_FALSE(patrol_at(rows, -1).has_value());
  const auto at = [&](double t) {
    const auto p = patrol_at(rows, t);
    REQUIRE(p.has_value());
    return *p;
  };
  CHECK(at(0).state == PatrolState::Base);
  CHECK(at(500).at.lon == 113);
  CHECK(at(500).trip == kNoTrip);
  // Out: a quarter of the way at a quarter of the time.
  const PatrolAt out = at(1500);
  CHECK(out.unit == 4);
  CHECK(out.state == PatrolState::Out);
  CHECK(out.trip == 77);
  CHECK(out.since == 1000);
  CHECK(out.at.lat == Approx(30.05));
  CHECK(out.at.lon == Approx(112.5));
  // Inspecting: stays where it met the vehicle.
  CHECK(at(3000).state == PatrolState::AtVehicle);
  CHECK(at(4000).at.lon == Approx(111));
  CHECK(at(4000).at.lat == Approx(30.2));
  // Back: halfway at half the time.
  const PatrolAt back = at(5800);
  CHECK(back.state == PatrolState::Back);
  CHECK(back.at.lat == Approx(30.1));
  CHECK(back.at.lon == Approx(112));
  // Two rows at one moment: the later one holds (out again to trip 78).
  CHECK(at(6800).state == PatrolState::Out);
  CHECK(at(6800).trip == 78);
  CHECK(at(7300).at.lon == Approx(113.5));
  // After the last row: there.
  CHECK(at(9000).state == PatrolState::AtVehicle);
  CHECK(at(9000).at.lon == Approx(114));
}

TEST_CASE("viz::CorridorSource: patrol units and alarm grades from the run file", "[viewer][corridor]") {
  const PatrolRun& run = patrol_run();
  CorridorSource corridor(run.file);
  REQUIRE(corridor.available());
  // The grades of corridor.centre.grades (defaults): illegal opening critical, low battery info.
  REQUIRE(corridor.map().alarm_kinds.size() == porttwin::corridor::kAlarmKinds);
  CHECK(corridor.map().alarm_kinds[2].name == "illegal_opening");
  CHECK(corridor.map().grade(2) == 3);
  CHECK(corridor.map().grade(4) == 1);
  CHECK(corridor.map().grade(1) == 2);
  CHECK(corridor.map().grade(-1) == 0);
  REQUIRE(corridor.patrol_units() == 3);
  // At the start every unit is at its base: two at b, one at c.
  const auto start = corridor.patrols_at(0);
  REQUIRE(start.size() == 3);
  for (const PatrolAt& p : start) {
    CHECK(p.state == PatrolState::Base);
    CHECK(p.at.lat == Approx(30));
    CHECK(p.at.lon == Approx(p.unit < 2 ? 113 : 116));
  }
  // Over the day units go out; a unit out is on its way to a trip on the road.
  int out = 0, at_vehicle = 0;
  for (double t = 0; t < 86400; t += 600) {
    const auto units = corridor.patrols_at(t);
    for (const PatrolAt& p : units) {
      if (p.state == PatrolState::Base) continue;
      CHECK(p.trip != kNoTrip);
      CHECK(corridor.trip(p.trip) != nullptr);
      CHECK(p.at.lat == Approx(30).margin(0.2));
      CHECK(p.at.lon >= 110 - 0.2);
      CHECK(p.at.lon <= 116 + 0.2);
      out += p.state == PatrolState::Out;
      at_vehicle += p.state == PatrolState::AtVehicle;
    }
  }
  CHECK(out > 0);
  CHECK(at_vehicle > 0);
  SECTION("a file without patrol rows or grades has no units and colours by kind") {
    const CorridorRun& old = corridor_run();
    CorridorSource plain(old.file);
    CHECK(plain.patrol_units() == 0);
    CHECK(plain.patrols_at(3600).empty());
    CorridorMap no_grades = plain.map();
    no_grades.alarm_kinds.clear();
    CHECK(marker_colour(no_grades, 2, "active", true) == alarm_colour(2));
    CHECK(marker_colour(plain.map(), 2, "active", true) == grade_colour(3));
    CHECK(marker_colour(plain.map(), 2, "active", false) == alarm_colour(2));
    CHECK(marker_colour(plain.map(), -1, "active", true) == device_type_colour("active"));
  }
}

TEST_CASE("porttwin view --panel corridor: patrol units at their interpolated positions, devices by alarm grade",
          "[viewer][xvfb][corridor]") {
  const PatrolRun& run = patrol_run();
  CorridorSource corridor(run.file);
  REQUIRE(corridor.available());
  const int width = 1400, height = 700;
  const MapScreen screen(corridor, width, height);
  auto apart = [](Vec2 a, Vec2 b, float px) { return std::hypot(a.x - b.x, a.y - b.y) > px; };
  // A minute when a unit is driving out (not at a row), clear of the other units and the stations.
  double when = -1;
  PatrolAt chosen;
  for (int minute = 60; minute < 24 * 60 && when < 0; minute += 7) {
    const auto units = corridor.patrols_at(minute * 60.0);
    for (const PatrolAt& p : units) {
      if (p.state != PatrolState::Out || minute * 60.0 - p.since < 600) continue;
      const Vec2 q = screen(p.at.lat, p.at.lon);
      bool clear = true;
      for (const PatrolAt& o : units) {
        if (o.unit != p.unit && !apart(q, screen(o.at.lat, o.at.lon), 3 * kPatrolSize)) clear = false;
      }
      for (const MapStation& s : corridor.map().stations) {
        const Vec2 sp = screen(s.lat, s.lon);
        if (std::abs(sp.x - q.x) < 110) clear = false;  // its marker, label and waiting units
      }
      if (clear) {
        when = minute * 60.0;
        chosen = p;
        break;
      }
    }
  }
  REQUIRE(when > 0);
  ScratchDirectory dir("viewer-patrol-shot");
  const std::string png = dir.file("patrols.png");
  const auto r = view({run.file, "--at", std::to_string(static_cast<int>(when / 60)) + "min", "--screenshot", png, "--size",
                       "1400x700", "--panel", "corridor", "--trail", "0"},
                      dir.path());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Image image = load_png(png);
  REQUIRE(image.width == width);
  const Vec2 q = screen(chosen.at.lat, chosen.at.lon);
  INFO("unit " << chosen.unit << " at " << q.x << ", " << q.y << " at t = " << when);
  CHECK(image.at(q) == patrol_colour(static_cast<int>(PatrolState::Out)));
  CHECK(image.at({q.x + 3, q.y + 2}) == patrol_colour(static_cast<int>(PatrolState::Out)));
  // Devices with an alarm, away from everything else, in their alarm's grade colour.
  const auto& devices = corridor.devices_at(when, 0);
  const auto& units = corridor.patrols_at(when);
  int graded = 0;
  for (const DeviceAt& d : devices) {
    if (d.last.alarm < 0) continue;
    const Vec2 p = screen(d.at.lat, d.at.lon);
    bool clear = true;
    for (const DeviceAt& o : devices) {
      if (o.trip != d.trip && !apart(p, screen(o.at.lat, o.at.lon), 2 * kDeviceRadius + 3)) clear = false;
    }
    for (const PatrolAt& u : units) {
      if (!apart(p, screen(u.at.lat, u.at.lon), kPatrolSize + kDeviceRadius + 4)) clear = false;
    }
    for (const MapStation& s : corridor.map().stations) {
      const Vec2 sp = screen(s.lat, s.lon);
      if (std::abs(sp.x - p.x) < 2 * kStationSize + kDeviceRadius + 4) clear = false;
    }
    if (!clear) continue;
    INFO("trip " << d.trip << " alarm " << int(d.last.alarm));
    CHECK(image.at(p) == grade_colour(corridor.map().grade(d.last.alarm)));
    ++graded;
  }
  CHECK(graded > 0);
}

TEST_CASE("viz::EventIndex: incidents (INCIDENT .. RECOVERED) are timeline markers at their times", "[viewer]") {
  ScratchDirectory dir("viewer-incidents");
  const std::string file = dir.file("incident.h5");
  const auto r = run_porttwin({"run", "tests/data/scenarios/nii_incident.yaml", "--run", "0", "-q", "--out", file}, dir.path());
  REQUIRE(r.exit_code == 0);
  std::vector<std::pair<double, int>> expected;
  for (const EventRow& e : analysis::read_events(file)) {
    if (e.kind >= static_cast<int>(IncidentEvent::IncidentStart) && e.kind <= static_cast<int>(IncidentEvent::IncidentRecovered)) {
      expected.emplace_back(e.time, e.kind);
    }
  }
  REQUIRE(expected.size() >= 4);
  EventIndex index(file);
  index.finish();
  std::vector<std::pair<double, int>> found;
  for (const Marker& m : index.markers()) {
    if (is_incident_marker(m.kind)) found.emplace_back(m.time, m.kind);
  }
  CHECK(found == expected);
  bool started = false, recovered = false;
  for (const auto& [time, kind] : found) {
    started = started || kind == static_cast<int>(IncidentEvent::IncidentStart);
    recovered = recovered || kind == static_cast<int>(IncidentEvent::IncidentRecovered);
    // Each jumps the cursor to its own moment: the next event at or after just before it is it.
    CHECK(index.next_event_after(time - 1e-3) <= time);
  }
  CHECK(started);
  CHECK(recovered);
  CHECK(std::string(marker_label(static_cast<int>(IncidentEvent::IncidentDetected))) == "incident detected");
  CHECK_FALSE(is_incident_marker(static_cast<int>(CorridorEvent::Alarm)));
}

TEST_CASE("porttwin view: a run with a yard and a corridor shows both, as tabs of the plan window", "[viewer][xvfb][corridor]") {
  ScratchDirectory dir("viewer-both");
  const std::string file = dir.file("both.h5");
  const auto r = run_porttwin({"run", "tests/data/scenarios/terminal_corridor.yaml", "--run", "0", "--set", "horizon=1d",
                               "--set", "warmup=0s", "-q", "--out", file},
                              dir.path());
  REQUIRE(r.exit_code == 0);
  CorridorSource corridor(file);
  REQUIRE(corridor.available());
  REQUIRE(RunSource(file).has_yard());
  // Pixels of a station's colour in the plan window's area: the border station's diamond.
  const Rgb border = station_colour("border");
  auto count = [&](const Image& image, Rgb colour) {
    int n = 0;
    for (int y = 96; y < image.height * 2 / 3; ++y) {
      for (int x = 0; x < image.width * 64 / 100; ++x) n += image.at({static_cast<float>(x), static_cast<float>(y)}) == colour;
    }
    return n;
  };
  std::map<std::string, Image> shots;
  for (const char* tab : {"yard", "corridor"}) {
    const std::string png = dir.file(std::string("both-") + tab + ".png");
    const auto v = view({file, "--at", "15h", "--screenshot", png, "--size", "1600x900", "--tab", tab}, dir.path());
    INFO(tab << ": " << v.err);
    REQUIRE(v.exit_code == 0);
    shots[tab] = load_png(png);
  }
  CHECK(count(shots["corridor"], border) > 40);
  CHECK(count(shots["yard"], border) < 5);
  // --panel corridor and --panel yard still give each alone.
  for (const char* panel : {"corridor", "yard"}) {
    const std::string png = dir.file(std::string("alone-") + panel + ".png");
    const auto v = view({file, "--at", "15h", "--screenshot", png, "--size", "1000x600", "--panel", panel}, dir.path());
    INFO(panel << ": " << v.err);
    CHECK(v.exit_code == 0);
  }
  const Image alone = load_png(dir.file("alone-corridor.png"));
  int border_px = 0;
  for (int y = 0; y < alone.height; ++y) {
    for (int x = 0; x < alone.width; ++x) border_px += alone.at({static_cast<float>(x), static_cast<float>(y)}) == border;
  }
  CHECK(border_px > 40);
}

TEST_CASE("viz::MoveLog: each lift names the remote desk that worked it, and no desk works two cranes at once",
          "[viewer]") {
  ScratchDirectory dir("viewer-desks");
  const std::string file = dir.file("desks.h5");
  const auto r = run_porttwin({"run", "scenarios/terminal_small.yaml", "--run", "0", "--set", "horizon=1d", "--set",
                               "warmup=0s", "--set", "terminal.yard_cranes.remote_stations=2", "-q", "--out", file},
                              dir.path());
  REQUIRE(r.exit_code == 0);
  const h5::File f = h5::File::open_read(file);
  const auto track = h5::read_table<YardCraneRow>(f.root().open_group("yard"), "crane_track", yard_crane_row_type());
  REQUIRE(track.size() > 100);
  std::map<int, std::uint32_t> working;  // desk -> the crane it works
  std::map<std::uint32_t, int> desk_of;  // crane -> its desk
  int jobs = 0;
  for (const YardCraneRow& row : track) {
    INFO("crane " << row.crane << " at " << row.time);
    if (auto was = desk_of.find(row.crane); was != desk_of.end() && was->second != row.desk) {
      working.erase(was->second);
      desk_of.erase(was);
    }
    if (row.container == 0) {
      CHECK(row.desk == -1);
      continue;
    }
    REQUIRE(row.desk >= 0);
    CHECK(row.desk < 2);
    const auto [at, fresh] = working.emplace(row.desk, row.crane);
    CHECK(at->second == row.crane);  // the desk is free, or already this crane's
    if (fresh) ++jobs;
    desk_of[row.crane] = row.desk;
  }
  CHECK(jobs > 50);
  const MoveLog moves(file);
  const auto some = moves.between(0, 86400, 1);
  REQUIRE(some.size() == 1);
  for (const Lift& lift : moves.history(some.front().container)) {
    if (lift.crane < 0) continue;
    CHECK(lift.desk >= 0);
    CHECK(lift.desk < 2);
  }
  SECTION("operators on board: no desk") {
    for (const Lift& lift : MoveLog(small_run().file).history(MoveLog(small_run().file).between(0, 3600 * 48, 1).front().container)) {
      CHECK(lift.desk == -1);
    }
  }
}

TEST_CASE("porttwin view of a run from a snapshot opens at its first instant, on the snapshot's yard", "[viewer][xvfb]") {
  ScratchDirectory dir("viewer-snapshot");
  const std::string scenario = (porttwin::testing::kSourceDir / "scenarios/terminal_small.yaml").string();
  const std::string original = dir.file("original.h5"), forked = dir.file("fork.h5");
  REQUIRE(run_porttwin({"run", scenario, "--run", "0", "-q", "--out", original, "--save-state", "10d"}, dir.path()).exit_code == 0);
  const std::string state = dir.file("original.state-2026-01-15T00-00-00.json");
  REQUIRE(std::filesystem::exists(state));
  REQUIRE(run_porttwin({"run", scenario, "--run", "0", "-q", "--from", state, "--out", forked}, dir.path()).exit_code == 0);
  auto shot = [&](const std::vector<std::string>& at, const std::string& png) {
    std::vector<std::string> args = {forked, "--screenshot", png, "--size", "1200x700", "--panel", "yard", "--recent", "0"};
    args.insert(args.end(), at.begin(), at.end());
    const auto r = view(args, dir.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return read_text(png);
  };
  const std::string opened = shot({}, dir.file("opened.png"));
  CHECK(opened == shot({"--at", "2026-01-15T00:00"}, dir.file("at-snapshot.png")));
  CHECK(opened != shot({"--at", "1d"}, dir.file("before.png")));  // nothing before the run began
}
