#include "analysis/replications.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

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

namespace {

std::string trimmed(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::string format_mean_interval(double mean, double half_width) {
  if (std::isnan(mean)) return "undefined";
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
    std::string line = "  " + k.name + std::string(width - k.name.size() + 2, ' ');
    if (k.interval.n == 0) {
      line += k.replications > 1 ? "undefined (no case in any replication)" : "undefined (no case)";
      out += line + "\n";
      continue;
    }
    line += with_intervals ? format_mean_interval(k.interval.mean, k.interval.half_width) : trimmed(k.interval.mean);
    if (k.units != "1") line += " " + k.units;
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
