#include "analysis/replications.hpp"

#include <cmath>
#include <cstdio>

namespace porttwin::analysis {

std::vector<KpiAcrossRuns> across_replications(const std::vector<RunSummary>& runs, double level) {
  std::vector<KpiAcrossRuns> out;
  if (runs.empty()) return out;
  for (const auto& item : runs.front().items) {
    std::vector<double> values;
    for (const auto& run : runs) values.push_back(run.value(item.name));
    out.push_back({item.name, item.units, item.help, stats::student_t(values, level)});
  }
  return out;
}

namespace {

std::string number(double v) {
  char buf[40];
  if (v != 0 && (std::abs(v) >= 1e6 || std::abs(v) < 1e-3)) std::snprintf(buf, sizeof buf, "%.4g", v);
  else std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace

std::string format_kpi_table(const std::vector<KpiAcrossRuns>& kpis, bool with_intervals) {
  std::size_t width = 4;
  for (const auto& k : kpis) width = std::max(width, k.name.size());
  std::string out;
  for (const auto& k : kpis) {
    std::string line = "  " + k.name + std::string(width - k.name.size() + 2, ' ') + number(k.interval.mean);
    if (with_intervals && std::isfinite(k.interval.half_width)) line += " ± " + number(k.interval.half_width);
    if (k.units != "1") line += " " + k.units;
    out += line + "\n";
  }
  return out;
}

}  // namespace porttwin::analysis
