// porttwin_bench_terminal: wall time and peak memory of a simulated year (or any horizon) of a
// terminal scenario, by default scenarios/terminal_mainline.yaml as shipped, on one core. The run
// keeps everything the model computes; only the run file is left out unless --with-file is given,
// so the figure is the simulation's. Figures go to the README's performance section.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "analysis/yard_state.hpp"

#include "measure.hpp"
#include "sim/app/run/run_replication.hpp"
#include "models/scenario.hpp"

int main(int argc, char** argv) {
  CLI::App app{"porttwin_bench_terminal: a simulated year of a terminal scenario, wall time and memory"};
  std::string scenario = PORTTWIN_SOURCE_DIR "/scenarios/terminal_mainline.yaml";
  std::string horizon = "365d";
  std::string warmup;
  bool with_file = false;
  int rewind_queries = 0;
  app.add_option("--scenario", scenario, "Terminal scenario file")->check(CLI::ExistingFile);
  app.add_option("--horizon", horizon, "Simulated time (a scenario duration, e.g. 365d or 28d)");
  app.add_option("--warmup", warmup, "Warm-up (default: the scenario's; give a shorter one with a short horizon)");
  app.add_flag("--with-file", with_file, "Also write the run file (events, KPIs, /yard) to the temp folder");
  app.add_option("--rewind-queries", rewind_queries,
                 "With --with-file: then time this many yard_state_at queries spread over the run");
  CLI11_PARSE(app, argc, argv);

  try {
    porttwin::load_scenario(scenario, warmup.empty() ? std::vector<porttwin::scenario::Override>{{"horizon", horizon}}
                                                     : std::vector<porttwin::scenario::Override>{{"horizon", horizon},
                                                                                                 {"warmup", warmup}});
  } catch (const porttwin::scenario::InvalidScenario& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  const auto out = std::filesystem::temp_directory_path() / "porttwin-bench-terminal.h5";
  double moves = 0;
  const auto m = porttwin::bench::measure_in_child([&] {
    std::vector<porttwin::scenario::Override> overrides = {{"horizon", horizon}};
    if (!warmup.empty()) overrides.push_back({"warmup", warmup});
    const auto s = porttwin::load_scenario(scenario, overrides);
    const auto result = porttwin::run_replication(s, {with_file ? out : std::filesystem::path{}, 0, false, {}});
    for (const auto& item : result.summary) {
      if (item.name == "terminal.containers.created") moves = item.value;
    }
    return moves;
  });
  std::printf("%s, horizon %s%s: %.1f s wall, %.0f containers, peak memory %.0f MiB "
              "(targets for a year of terminal_mainline: < 60 s, < 2048 MiB)\n",
              scenario.c_str(), horizon.c_str(), with_file ? ", with run file" : "", m.seconds, m.count,
              m.peak_rss_mib);
  if (with_file && rewind_queries > 0) {
    const porttwin::analysis::YardReader reader(out);
    const double end = reader.keyframes().empty() ? 0 : reader.keyframes().back().time + reader.keyframe_interval();
    double fresh = 0, kept = 0, worst = 0;
    std::size_t boxes = 0;
    for (int q = 0; q < rewind_queries; ++q) {
      // Just before a keyframe is the most replay a query can need.
      const double t = end * (q + 0.999) / rewind_queries;
      auto t0 = std::chrono::steady_clock::now();
      boxes += porttwin::analysis::yard_state_at(out, t).container_count();
      const double one = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      fresh += one;
      worst = std::max(worst, one);
      t0 = std::chrono::steady_clock::now();
      boxes += reader.state_at(t).container_count();
      kept += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    std::printf("rewind: %d queries, %.1f ms mean (file opened each time), %.1f ms worst, %.1f ms mean through a "
                "kept-open YardReader; %.0f boxes in the yard on average; file %.0f MiB\n",
                rewind_queries, 1e3 * fresh / rewind_queries, 1e3 * worst, 1e3 * kept / rewind_queries,
                static_cast<double>(boxes) / (2.0 * rewind_queries),
                static_cast<double>(std::filesystem::file_size(out)) / (1024 * 1024));
  }
  std::filesystem::remove(out);
  return 0;
}
