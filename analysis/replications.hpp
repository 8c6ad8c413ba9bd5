// Summary KPIs across replications: mean and Student-t 95% confidence interval per KPI.
#pragma once

#include <string>
#include <vector>

#include "analysis/run_file.hpp"
#include "sim/stats/confidence.hpp"

namespace porttwin::analysis {

struct KpiAcrossRuns {
  std::string name;
  std::string units;
  std::string help;
  stats::Interval interval;  // over the replications where it is defined (interval.n of them)
  bool headline = false;
  int replications = 0;       // all of them
  bool nonnegative = false;   // no replication below 0: an interval reaching below 0 says so
};

std::vector<KpiAcrossRuns> across_replications(const std::vector<RunSummary>& runs, double level = 0.95);

// A plain-text table for the terminal (one run: values; several: mean ± half-width, the mean given to
// the precision the half-width allows). A KPI no replication defines (a rate over zero cases) reads
// "undefined"; one some replications leave undefined says over how many the mean is.
std::string format_kpi_table(const std::vector<KpiAcrossRuns>& kpis, bool with_intervals);

// "58.85 ± 0.47": two significant digits of the half-width set the decimals of both; a mean alone
// (six significant digits) when the half-width is not a positive finite number or is at rounding-error
// level (below 1e-9 of the mean, or 1e-12); "undefined" for a NaN mean (no case anywhere).
std::string format_mean_interval(double mean, double half_width);

}  // namespace porttwin::analysis
