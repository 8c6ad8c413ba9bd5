#include "simulation_support.hpp"

#include <stdexcept>

#include "sim/app/run/run_replication.hpp"
#include "sim/engine/process_pool.hpp"

namespace porttwin::testing {

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(PORTTWIN_SOURCE_DIR) / relative;
}

stats::Interval Replications::interval(const std::string& kpi, double level) const {
  std::vector<double> values;
  for (const auto& r : runs) values.push_back(r.value(kpi));
  return stats::student_t(values, level);
}

Replications run_replications(const std::string& scenario, int count,
                              const std::vector<scenario::Override>& overrides, std::uint32_t first) {
  Replications out;
  out.scenario = load_scenario(source_path(scenario), overrides);
  out.scratch = std::make_shared<ScratchDirectory>(out.scenario.run.name);
  const auto& dir = out.scratch->path();
  for (int i = 0; i < count; ++i) out.files.push_back(dir / ("r" + std::to_string(first + i) + ".h5"));
  const auto codes = run_in_processes(static_cast<std::size_t>(count), available_cores(), [&](std::size_t i) {
    run_replication(out.scenario, {out.files[i], first + static_cast<std::uint32_t>(i), false, {}});
    return 0;
  });
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] != 0) throw std::runtime_error("replication " + std::to_string(first + i) + " failed");
    out.runs.push_back(analysis::read_summary(out.files[i]));
  }
  return out;
}

}  // namespace porttwin::testing
