// porttwin-view: opens a run file and rewinds the yard and the corridor to any moment (`porttwin
// view` runs it).
// Interactive by default; with --screenshot it renders one frame at --at and writes a PNG; with
// --bench-frames it times frames of the full window (bench/README.md).
#include <CLI/CLI.hpp>

#include <imgui.h>
#include <imgui_internal.h>

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "sim/record/h5_handle.hpp"
#include "viz/app/frame.hpp"
#include "viz/app/viewer.hpp"
#include "viz/app/window.hpp"

namespace {

using namespace porttwin::viz;
using Clock = std::chrono::steady_clock;
constexpr int kOk = 0, kFailed = 1, kInvalidInput = 2;

// Ctrl-C or a kill end the loop like closing the window, so that the layout is saved.
volatile std::sig_atomic_t stop_requested = 0;
void request_stop(int) { stop_requested = 1; }

// CPU time of the whole process (every thread, llvmpipe's rasterisers too), ms: on a machine shared
// with other work a steadier measure of a frame's cost than the wall clock.
double cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 +
          static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0);
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string ini_path() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::filesystem::path dir = config && *config ? std::filesystem::path(config) : home ? std::filesystem::path(home) / ".config" : "";
  if (dir.empty()) return "imgui.ini";
  dir /= "porttwin";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  return error ? "imgui.ini" : (dir / "viewer.ini").string();
}

// What the last frame asked the renderer for, per ImGui draw list (window): vertices, triangles and
// the pixels they cover (sum of triangle areas: what a software rasteriser shades and blends).
void print_draw_stats() {
  const ImDrawData* data = ImGui::GetDrawData();
  if (!data) return;
  double all_px = 0;
  long all_tris = 0;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    double px = 0;
    for (int i = 0; i + 2 < list->IdxBuffer.Size; i += 3) {
      const ImVec2 a = list->VtxBuffer[list->IdxBuffer[i]].pos, b = list->VtxBuffer[list->IdxBuffer[i + 1]].pos,
                   c = list->VtxBuffer[list->IdxBuffer[i + 2]].pos;
      px += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
    }
    all_px += px;
    all_tris += list->IdxBuffer.Size / 3;
    std::printf("  draw list %-40s %7d vertices %7d triangles %9.0f px (%d commands)\n",
                list->_OwnerName ? list->_OwnerName : "?", list->VtxBuffer.Size, list->IdxBuffer.Size / 3, px,
                list->CmdBuffer.Size);
  }
  std::printf("  all: %ld triangles covering %.0f px (%.2f window areas)\n", all_tris, all_px,
              all_px / (data->DisplaySize.x * data->DisplaySize.y));
}

struct Options {
  std::string file, at, screenshot, size = "1600x900", panel = "all", colour = "height", stack, tab = "yard";
  float recent = 30, trail = 60;
  std::uint64_t container = 0, trip = 0;
  bool attacks = false, kinds = false, no_patrols = false;
  int bench_frames = 0;
};

int run(const Options& o) {
  int width = 0, height = 0;
  if (std::sscanf(o.size.c_str(), "%dx%d", &width, &height) != 2 || width < 200 || height < 150 || width > 8192 ||
      height > 8192) {
    std::cerr << "porttwin view: --size " << o.size << ": expected WIDTHxHEIGHT, e.g. 1600x900 (200x150 to 8192x8192)\n";
    return kInvalidInput;
  }
  static const std::map<std::string, Panel> panels = {{"all", Panel::All},         {"yard", Panel::Yard},
                                                      {"bay", Panel::Bay},         {"kpi", Panel::Kpi},
                                                      {"timeline", Panel::Timeline}, {"inspector", Panel::Inspector},
                                                      {"corridor", Panel::Corridor}};
  static const std::map<std::string, ColourMode> colours = {{"height", ColourMode::Height},
                                                            {"category", ColourMode::Category},
                                                            {"dwell", ColourMode::Dwell},
                                                            {"inspection", ColourMode::Inspection}};
  const Clock::time_point opening = Clock::now();
  auto viewer = std::make_unique<Viewer>(o.file);
  Viewer& v = *viewer;
  const double open_ms = ms_since(opening);
  if (!o.at.empty()) {
    const auto t = v.source.calendar().parse(o.at);
    if (!t) {
      std::cerr << "porttwin view: --at " << o.at
                << ": expected a date-time YYYY-MM-DDTHH:MM[:SS] or a duration since the start (e.g. 2d14h)\n";
      return kInvalidInput;
    }
    if (*t < 0 || *t > v.source.horizon()) {
      std::cerr << "porttwin view: --at " << o.at << " is outside the run (" << v.source.calendar().format(0) << " to "
                << v.source.calendar().format(v.source.horizon()) << ")\n";
      return kInvalidInput;
    }
    v.seek(*t);
  } else if (v.source.begin() > 0) {  // a run from a snapshot opens at its first instant: the snapshot's yard
    v.seek(v.source.begin());
  }
  v.colour = colours.at(o.colour);
  v.recent_minutes = o.recent;
  v.trail_minutes = o.trail;
  v.show_attacks = o.attacks;
  v.alarm_by_grade = !o.kinds;
  v.show_patrols = !o.no_patrols;
  v.plan_tab = o.tab == "corridor" ? Viewer::PlanTab::Corridor : Viewer::PlanTab::Yard;
  v.select_plan_tab = 3;
  if (!o.stack.empty()) {
    char block[64] = {};
    int bay = 0, row = 0;
    bool found = false;
    if (std::sscanf(o.stack.c_str(), "%63[^:]:%d:%d", block, &bay, &row) == 3) {
      for (std::size_t b = 0; b < v.geometry.blocks.size(); ++b) {
        const BlockGeometry& g = v.geometry.blocks[b];
        if (g.name == block && bay >= 0 && bay < g.bays && row >= 0 && row < g.rows) {
          v.selected_stack = StackHit{static_cast<int>(b), bay, row};
          found = true;
        }
      }
    }
    if (!found) {
      std::cerr << "porttwin view: --stack " << o.stack << ": expected BLOCK:BAY:ROW of a stack in the yard\n";
      return kInvalidInput;
    }
  }
  if (o.container) v.select_container(o.container);
  if (o.trip) v.select_trip(o.trip);

  const bool headless = !o.screenshot.empty() || o.bench_frames > 0;
  if (headless) {
    // Everything the frame reads, read before the window: a damaged file fails here, cleanly.
    v.events.finish();  // markers, berths and dwell complete before the picture
    v.cursor.state();
    v.cursor.recent(v.recent_minutes * 60.0);
    v.corridor.devices_at(v.time(), v.trail_minutes * 60.0);
    v.corridor.patrols_at(v.time());
  }
  Window window(width, height, !headless, "porttwin view " + o.file, headless ? "" : ini_path());
  v.textures = std::make_unique<BlockTextures>();
  struct DropTextures {
    Viewer& v;
    ~DropTextures() { v.textures.reset(); }
  } drop_textures{v};
  const Panel panel = panels.at(o.panel);
  if (headless) {
    // A few frames: ImGui sizes windows and tables from the frames before.
    for (int i = 0; i < 3; ++i) {
      window.begin_frame();
      draw_frame(v, panel, static_cast<float>(window.width()), static_cast<float>(window.height()), true);
      window.render();
      if (i < 2) window.present();
    }
    if (!o.screenshot.empty()) {
      try {
        write_png(o.screenshot, window.width(), window.height(), window.read_rgb());
      } catch (const std::exception& e) {
        std::cerr << "porttwin view: error: " << e.what() << "\n";
        return kFailed;
      }
    }
    if (o.bench_frames > 0) {
      // Frames at the cursor's moment (what panning, zooming or hovering costs), then frames each
      // at a new moment, the yard rebuilt every time (what playback or scrubbing costs). Each
      // waits for the renderer to finish.
      for (const bool moving : {false, true}) {
        double total = 0, worst = 0, rebuild_total = 0, draw_total = 0, render_total = 0, present_total = 0;
        const double still = v.time();
        const double cpu_start = cpu_ms();
        for (int i = 0; i < o.bench_frames; ++i) {
          const Clock::time_point start = Clock::now();
          v.seek(moving ? v.source.horizon() * (i + 0.5) / o.bench_frames : still);
          const Clock::time_point rebuild = Clock::now();
          v.cursor.state();
          v.corridor.devices_at(v.time(), v.trail_minutes * 60.0);
          rebuild_total += ms_since(rebuild);
          const Clock::time_point drawing = Clock::now();
          window.begin_frame();
          draw_frame(v, panel, static_cast<float>(window.width()), static_cast<float>(window.height()), true);
          draw_total += ms_since(drawing);
          const Clock::time_point rendering = Clock::now();
          window.render();
          window.finish();
          render_total += ms_since(rendering);
          // The swap hands the frame to the X server (Xvfb: a copy of the whole window); waited for
          // here so that the next frame's render does not pay for it.
          const Clock::time_point presenting = Clock::now();
          window.present();
          window.finish();
          present_total += ms_since(presenting);
          const double ms = ms_since(start);
          if (std::getenv("PORTTWIN_BENCH_EACH")) std::printf("  frame %d: %.1f ms\n", i, ms);
          total += ms;
          worst = std::max(worst, ms);
        }
        const double n = o.bench_frames;
        const double cpu = (cpu_ms() - cpu_start) / n;
        std::printf("panel %s %dx%d, %d frames %s: mean %.1f ms, max %.1f ms (yard rebuild %.1f, panels %.1f, "
                    "render %.1f, present %.1f); CPU %.1f ms a frame, all threads\n",
                    o.panel.c_str(), window.width(), window.height(), o.bench_frames,
                    moving ? "each at a new moment" : "at one moment", total / n, worst, rebuild_total / n,
                    draw_total / n, render_total / n, present_total / n, cpu);
      }
      print_draw_stats();
      std::printf("open %.1f ms (%llu moves, %zu keyframes, %llu track rows); renderer %s\n", open_ms,
                  static_cast<unsigned long long>(v.source.yard().move_count()), v.source.yard().keyframes().size(),
                  static_cast<unsigned long long>(v.corridor.row_count()), window.renderer().c_str());
    }
    return kOk;
  }
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  Clock::time_point last = Clock::now();
  while (!window.should_close() && !stop_requested) {
    const Clock::time_point now = Clock::now();
    const double before = v.time();
    try {
      v.tick(std::chrono::duration<double>(now - last).count());
      v.cursor.state();  // rebuilt here, so that a damaged file is reported before drawing
    } catch (const std::exception& e) {
      v.message = e.what();
      v.playing = false;
      v.seek(before);
    }
    last = now;
    const double good = v.time();
    window.begin_frame();
    try {
      draw_frame(v, panel, static_cast<float>(window.width()), static_cast<float>(window.height()), false);
    } catch (const std::exception& e) {
      // A damaged part of the file: say so, close what the frame left open, stay where it was good.
      ImGui::ErrorCheckEndFrameRecover(nullptr);
      v.message = e.what();
      v.playing = false;
      v.seek(good);
    }
    window.render();
    window.present();
  }
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"porttwin view: open a run file and rewind the yard and the corridor to any moment (Dear ImGui + GLFW). "
               "Keys: space play/pause, left/right previous/next event, shift+left/right previous/next yard move"};
  Options o;
  app.add_option("runfile", o.file, "Run file (HDF5) of a terminal or corridor run")->required();
  app.add_option("--at", o.at, "Moment to show: YYYY-MM-DDTHH:MM[:SS] or a duration since the start (2d14h)");
  app.add_option("--screenshot", o.screenshot, "Render one frame without a user and write it to this PNG file");
  app.add_option("--size", o.size, "Window or screenshot size WIDTHxHEIGHT")->capture_default_str();
  app.add_option("--panel", o.panel, "Panel to show alone: all, yard, bay, kpi, timeline, inspector, corridor")
      ->check(CLI::IsMember({"all", "yard", "bay", "kpi", "timeline", "inspector", "corridor"}))
      ->capture_default_str();
  app.add_option("--colour", o.colour, "Stack colour: height, category, dwell, inspection")
      ->check(CLI::IsMember({"height", "category", "dwell", "inspection"}))
      ->capture_default_str();
  app.add_option("--recent", o.recent, "Outline stacks moved in the last this many minutes")->capture_default_str();
  app.add_option("--stack", o.stack, "Select a stack, BLOCK:BAY:ROW (its bay in the side view)");
  app.add_option("--container", o.container, "Open this container in the inspector");
  app.add_option("--trip", o.trip, "Open this corridor trip in the inspector (and ring it on the map)");
  app.add_option("--trail", o.trail, "Corridor map: draw each device's positions of the last this many minutes")
      ->capture_default_str();
  app.add_flag("--attacks", o.attacks, "Corridor map: show the truth (attacked devices, detours) as rings");
  app.add_flag("--alarm-kinds", o.kinds, "Corridor map: colour alarmed devices by their last alarm's kind, not its grade");
  app.add_flag("--no-patrols", o.no_patrols, "Corridor map: leave the patrol units out");
  app.add_option("--tab", o.tab, "A run with a yard and a corridor: the plan window's tab, yard or corridor")
      ->check(CLI::IsMember({"yard", "corridor"}))
      ->capture_default_str();
  app.add_option("--bench-frames", o.bench_frames, "Time this many headless frames of the window and print the figures");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kOk : kInvalidInput;
  }
  try {
    return run(o);
  } catch (const ViewerError& e) {
    std::cerr << "porttwin view: " << e.what() << "\n";
    return kInvalidInput;
  } catch (const porttwin::h5::Error& e) {
    std::cerr << "porttwin view: " << o.file << ": the run file is damaged or truncated: " << e.what() << "\n";
    return kInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "porttwin view: " << e.what() << "\n";
    return kFailed;
  }
}
