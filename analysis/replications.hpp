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

}  // namespace porttwin::analysis
