#include "analysis/replications.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/core/quantity.hpp"
#include "sim/stats/ratio.hpp"

namespace porttwin::analysis {

std::vector<KpiAcrossRuns> across_replications(const std::vector<RunSummary>& runs, double level) {
  std::vector<KpiAcrossRuns> out;
  if (runs.empty()) return out;
  for (const auto& item : runs.front().items) {
    std::vector<double> values;
    for (const auto& run : runs) values.push_back(run.value(item.name));
    const std::vector<double> defined = stats::defined_values(values);
    KpiAcrossRuns k{item.name, item.units, item.help, stats::student_t(defined, level), item.headline};
    if (defined.empty()) k.interval.mean = stats::kUndefined;
    k.replications = static_cast<int>(runs.size());
    k.nonnegative = std::all_of(defined.begin(), defined.end(), [](double x) { return x >= 0; });
    out.push_back(k);
  }
  return out;
}

std::string format_kpi_table(const std::vector<KpiAcrossRuns>& kpis, bool with_intervals) {
  std::size_t width = 4;
  for (const auto& k : kpis) width = std::max(width, k.name.size());
  std::string out;
  for (const auto& k : kpis) {
    std::string line = "  " + k.name + std::string(width - k.name.size() + 2, ' ');
    if (k.interval.n == 0) {
      line += k.replications > 1 ? "undefined (no case in any replication)" : "undefined (no case)";
      out += line + "\n";
      continue;
    }
    line += with_intervals ? units::format_quantity(k.interval.mean, k.interval.half_width, k.units)
                           : units::format_quantity(k.interval.mean, k.units);
    if (with_intervals && k.interval.n < k.replications) {
      line += " (" + std::to_string(k.interval.n) + " of " + std::to_string(k.replications) +
              " replications; undefined in the others)";
    }
    if (with_intervals && k.nonnegative && k.interval.lower < 0 && std::isfinite(k.interval.lower)) {
      line += " (interval extends below 0: few replications or a skewed KPI)";
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace porttwin::analysis
