// porttwin_bench: trucks per second of porttwin (M/M/c through the queue-network model, every
// event recorded to an HDF5 run file) against a bare SimGrid M/M/c loop of the same size and a bare
// C++ binary-heap event loop (the floor), all measured in the same run, and the
// wall time of a simulated year of a 20-lane gate at 10,000 trucks/day. Each measurement runs in
// its own process. Figures go to the README's performance section.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>

#include "heap_floor.hpp"
#include "measure.hpp"
#include "minimal_loop.hpp"
#include "sim/app/run/run_replication.hpp"
#include "models/scenario.hpp"

namespace {

using porttwin::bench::Measurement;
using porttwin::bench::measure_in_child;

std::string network_scenario(double trucks, int lanes, double rho, double mean_service) {
  const double rate = rho * lanes / mean_service;  // per second
  char text[1024];
  std::snprintf(text, sizeof text,
                "name: bench_mmc\nseed: 1\nhorizon: %.3fs\nrecord: {kpi_interval: 1h}\nnetwork:\n"
                "  sources: [{name: trucks, to: lanes, arrivals: {process: poisson, rate: %.9f/s}}]\n"
                "  stations: [{name: lanes, servers: %d, service: {dist: exponential, mean: %.6fs}}]\n",
                trucks / rate, rate, lanes, mean_service);
  return text;
}

std::string year_scenario() {
  return "name: bench_year\nseed: 1\nhorizon: 365d\nrecord: {kpi_interval: 15min}\n"
         "gate:\n  lanes: 20\n  arrivals: {process: poisson, rate: 10000/d}\n"
         "  transaction: {dist: lognormal, mean: 50s, cv: 0.4}\n";
}

double run_and_count(const std::string& text, const std::filesystem::path& out, const char* kpi) {
  const auto s = porttwin::parse_scenario(text, "bench");
  const auto result = porttwin::run_replication(s, {out, 0, false, {}});
  for (const auto& item : result.summary) {
    if (item.name == kpi) return item.value;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"porttwin_bench: engine throughput against a minimal SimGrid loop, and a simulated gate year"};
  double trucks = 1e6, rho = 0.9, mean_service = 60;
  int lanes = 4;
  bool skip_year = false;
  std::string dir = std::filesystem::temp_directory_path().string();
  app.add_option("--trucks", trucks, "Trucks through the M/M/c comparison")->check(CLI::PositiveNumber);
  app.add_option("--lanes", lanes, "Lanes c of the M/M/c comparison")->check(CLI::PositiveNumber);
  app.add_option("--rho", rho, "Utilisation of the M/M/c comparison")->check(CLI::Range(0.01, 0.99));
  app.add_option("--out-dir", dir, "Where the benchmark's run files go (removed afterwards)");
  app.add_flag("--skip-year", skip_year, "Skip the simulated year of a 20-lane gate");
  CLI11_PARSE(app, argc, argv);

  const auto out = std::filesystem::path(dir) / "porttwin-bench.h5";
  const Measurement floor = measure_in_child([&] {
    return static_cast<double>(porttwin::bench::heap_floor_mmc(static_cast<std::int64_t>(trucks), lanes,
                                                               rho * lanes / mean_service, mean_service, 1));
  });
  const Measurement minimal = measure_in_child([&] {
    return static_cast<double>(porttwin::bench::minimal_mmc(static_cast<std::int64_t>(trucks), lanes,
                                                            rho * lanes / mean_service, mean_service, 1));
  });
  const Measurement full = measure_in_child(
      [&] { return run_and_count(network_scenario(trucks, lanes, rho, mean_service), out, "lanes.completions"); });
  const double floor_rate = floor.count / floor.seconds;
  const double minimal_rate = minimal.count / minimal.seconds, full_rate = full.count / full.seconds;
  std::printf("M/M/%d, rho %.2f, %.0f trucks\n", lanes, rho, trucks);
  std::printf("  bare C++ binary-heap loop (the floor)     %10.0f trucks/s  (%.2f s)\n", floor_rate, floor.seconds);
  std::printf("  minimal SimGrid loop (nothing recorded)   %10.0f trucks/s  (%.2f s)\n", minimal_rate, minimal.seconds);
  std::printf("  porttwin, every event to HDF5             %10.0f trucks/s  (%.2f s, %.0f trucks)\n", full_rate,
              full.seconds, full.count);
  std::printf("  ratio porttwin / minimal SimGrid          %10.2f  (target >= 1.0, and >= 620000 trucks/s)\n",
              full_rate / minimal_rate);
  std::printf("  ratio porttwin / floor                    %10.3f  (moonshot >= 0.125)\n", full_rate / floor_rate);
  if (!skip_year) {
    const Measurement year = measure_in_child([&] { return run_and_count(year_scenario(), out, "gate.trucks_in"); });
    std::printf("simulated year, 20-lane gate, 10,000 trucks/day: %.2f s wall for %.0f trucks (target < 30 s)\n",
                year.seconds, year.count);
  }
  std::filesystem::remove(out);
  return 0;
}
