// porttwin_bench_snapshot: how long a snapshot of a mainline yard takes to write (the models' state
// serialised and written, inside the run at --at) and to read back (parsed with every value's
// position, and checked against the scenario, as `run --from` does). Figures go to bench/README.md.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <simgrid/s4u.hpp>

#include "models/model_table.hpp"
#include "models/scenario.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/core/units.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/simulation.hpp"

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"porttwin_bench_snapshot: write and read a snapshot of a terminal's yard or a corridor"};
  std::string scenario = PORTTWIN_SOURCE_DIR "/scenarios/terminal_mainline.yaml";
  std::string at = "14d";
  app.add_option("--scenario", scenario, "Scenario file (a terminal, a corridor, or both)")->check(CLI::ExistingFile);
  app.add_option("--at", at, "When the snapshot is taken (an offset from the start)");
  CLI11_PARSE(app, argc, argv);
  const auto when = porttwin::units::parse_duration(at);
  if (!when) return 2;
  const std::vector<porttwin::scenario::Override> overrides = {
      {"horizon", porttwin::units::format_duration(*when + 3600)}, {"warmup", "0s"}};
  const auto file = std::filesystem::temp_directory_path() / "porttwin-bench-snapshot.json";

  const auto codes = porttwin::run_in_processes(1, 1, [&](std::size_t) {
    const auto s = porttwin::load_scenario(scenario, overrides);
    porttwin::RunOptions options;
    options.instrument = [&](porttwin::Simulation&, const std::vector<std::unique_ptr<porttwin::Model>>& models) {
      simgrid::s4u::Actor::create("bench-save", simgrid::s4u::Engine::get_instance()->get_all_hosts().front(),
                                  [&models, &s, &file, t = *when] {
                                    simgrid::s4u::this_actor::sleep_until(t);
                                    const auto t0 = std::chrono::steady_clock::now();
                                    porttwin::snapshot::SnapshotWriter writer(t, s.run.start, s.run.name);
                                    for (const auto& m : models) m->save_state(writer);
                                    const std::string text = writer.text();
                                    porttwin::snapshot::write_file(file, text);
                                    std::printf("write: %.3f s (%zu bytes)\n", seconds_since(t0), text.size());
                                  });
    };
    porttwin::run_replication(s, options);
    return 0;
  });
  if (codes.front() != 0) return 1;

  const auto s = porttwin::load_scenario(scenario, overrides);
  const auto t0 = std::chrono::steady_clock::now();
  porttwin::scenario::Diagnostics d(file.string());
  const auto snap = porttwin::snapshot::read_snapshot(file, s.run.start, s.run.horizon, d);
  const double parse = seconds_since(t0);
  if (snap) porttwin::check_snapshot(s, *snap, d);
  const double read = seconds_since(t0);
  std::printf("parse: %.3f s, check: %.3f s\n", parse, read - parse);
  const auto& root = snap->document.root();
  auto count = [&root](const char* section, const char* list) {
    return root.contains(section) && root[section].contains(list) ? root[section][list].size() : std::size_t{0};
  };
  std::printf("read and check: %.3f s (%zu boxes, %zu truck visits, %zu corridor trips, %zu devices, %s)\n", read,
              count("terminal", "boxes"), count("terminal", "trucks"), count("corridor", "trips"),
              count("corridor", "devices"), d.ok() ? "valid" : "INVALID");
  return d.ok() ? 0 : 1;
}
