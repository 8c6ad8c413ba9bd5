// porttwin_bench_terminal: wall time and peak memory of a simulated year (or any horizon) of a
// terminal scenario, by default scenarios/terminal_mainline.yaml as shipped, on one core. The run
// keeps everything the model computes; only the run file is left out unless --with-file is given,
// so the figure is the simulation's. Figures go to the README's performance section.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>

#include "measure.hpp"
#include "models/run_replication.hpp"
#include "models/scenario.hpp"

int main(int argc, char** argv) {
  CLI::App app{"porttwin_bench_terminal: a simulated year of a terminal scenario, wall time and memory"};
  std::string scenario = PORTTWIN_SOURCE_DIR "/scenarios/terminal_mainline.yaml";
  std::string horizon = "365d";
  bool with_file = false;
  app.add_option("--scenario", scenario, "Terminal scenario file")->check(CLI::ExistingFile);
  app.add_option("--horizon", horizon, "Simulated time (a scenario duration, e.g. 365d or 28d)");
  app.add_flag("--with-file", with_file, "Also write the run file (events, KPIs, /yard) to the temp folder");
  CLI11_PARSE(app, argc, argv);

  const auto out = std::filesystem::temp_directory_path() / "porttwin-bench-terminal.h5";
  double moves = 0;
  const auto m = porttwin::bench::measure_in_child([&] {
    const auto s = porttwin::load_scenario(scenario, {{"horizon", horizon}});
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
  std::filesystem::remove(out);
  return 0;
}
