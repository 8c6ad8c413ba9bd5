// porttwin_bench_corridor: wall time and peak memory of the corridor at national scale, by default
// scenarios/corridor_belarus_scale.yaml as shipped (about 10,000 active e-seals on the road at once,
// 5-minute reports, 30 days), on one core. The run file is left out unless --with-file is given, so
// the figure is the simulation's. Figures go to the README's performance section.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

#include "measure.hpp"
#include "sim/app/run/run_replication.hpp"
#include "models/scenario.hpp"

int main(int argc, char** argv) {
  CLI::App app{"porttwin_bench_corridor: the corridor at national scale, wall time and memory"};
  std::string scenario = PORTTWIN_SOURCE_DIR "/scenarios/corridor_belarus_scale.yaml";
  std::string horizon = "30d";
  bool with_file = false;
  app.add_option("--scenario", scenario, "Corridor scenario file")->check(CLI::ExistingFile);
  app.add_option("--horizon", horizon, "Simulated time (a scenario duration, e.g. 30d or 3d)");
  app.add_flag("--with-file", with_file, "Also write the run file to the temp folder");
  CLI11_PARSE(app, argc, argv);

  const std::vector<porttwin::scenario::Override> overrides = {{"horizon", horizon}};
  try {
    porttwin::load_scenario(scenario, overrides);
  } catch (const porttwin::scenario::InvalidScenario& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  const auto out = std::filesystem::temp_directory_path() / "porttwin-bench-corridor.h5";
  const auto m = porttwin::bench::measure_in_child([&] {
    const auto s = porttwin::load_scenario(scenario, overrides);
    const auto result = porttwin::run_replication(s, {with_file ? out : std::filesystem::path{}, 0, false, {}});
    for (const auto& item : result.summary) {
      if (item.name == "corridor.reports.sent") return item.value;
    }
    return 0.0;
  });
  std::printf("%s, horizon %s%s: %.1f s wall, %.0f reports (%.2f M reports/s), peak memory %.0f MiB "
              "(target for 30 days of corridor_belarus_scale: < 60 s on one core)\n",
              scenario.c_str(), horizon.c_str(), with_file ? ", with run file" : "", m.seconds, m.count,
              m.seconds > 0 ? m.count / m.seconds / 1e6 : 0, m.peak_rss_mib);
  std::filesystem::remove(out);
  return 0;
}
