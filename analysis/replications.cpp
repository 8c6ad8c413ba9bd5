#include "analysis/replications.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace porttwin::analysis {

std::vector<KpiAcrossRuns> across_replications(const std::vector<RunSummary>& runs, double level) {
  std::vector<KpiAcrossRuns> out;
  if (runs.empty()) return out;
  for (const auto& item : runs.front().items) {
    std::vector<double> values;
    for (const auto& run : runs) values.push_back(run.value(item.name));
    out.push_back({item.name, item.units, item.help, stats::student_t(values, level), item.headline});
  }
  return out;
}

namespace {

std::string trimmed(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::string format_mean_interval(double mean, double half_width) {
  // A half-width at rounding-error level (a KPI that cannot vary) would ask for a dozen decimals.
  const bool negligible = !(half_width > 1e-9 * std::fabs(mean)) || half_width < 1e-12;
  if (negligible || !std::isfinite(half_width)) return trimmed(mean);
  const int decimals = std::clamp(1 - static_cast<int>(std::floor(std::log10(half_width))), 0, 12);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%.*f ± %.*f", decimals, mean, decimals, half_width);
  return buf;
}

std::string format_kpi_table(const std::vector<KpiAcrossRuns>& kpis, bool with_intervals) {
  std::size_t width = 4;
  for (const auto& k : kpis) width = std::max(width, k.name.size());
  std::string out;
  for (const auto& k : kpis) {
    std::string line = "  " + k.name + std::string(width - k.name.size() + 2, ' ') +
                       (with_intervals ? format_mean_interval(k.interval.mean, k.interval.half_width) : trimmed(k.interval.mean));
    if (k.units != "1") line += " " + k.units;
    out += line + "\n";
  }
  return out;
}

}  // namespace porttwin::analysis
