// What a sweep found: every run's KPIs, per point the mean and Student-t interval over replications,
// per point the paired difference against the baseline point (replications sharing an index used
// the same random streams), the MSER-5 warm-up check of each run's KPI series; the sweep file
// (<output>/sweep.h5, docs/sweep-file.md) and the table printed at the end.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/app/sweep/sweep_runner.hpp"
#include "sim/stats/confidence.hpp"

namespace porttwin::sweep {

struct KpiColumn {
  std::string name, units, help;
  bool headline = false;
};

// MSER-5 on one KPI series of one run: where it would truncate, against the scenario's warm-up.
struct WarmupCheck {
  std::size_t run = 0;  // index into the runs
  std::string series;   // a /kpi dataset
  double truncation = 0, warmup = 0;  // s
  bool at_limit = false;  // MSER-5's minimum at half the series: too short to judge
};

// A queue that grows over a run (analysis::queue_growth on a /kpi/<station>.queue series).
struct GrowingQueue {
  std::size_t run = 0;  // index into the runs
  std::string series;
};

struct Results {
  std::vector<KpiColumn> kpis;
  std::vector<std::vector<double>> values;                // [run][kpi]; NaN when the run has no value
  std::vector<std::vector<stats::Interval>> points;       // [point][kpi]
  std::vector<std::vector<stats::Interval>> differences;  // [point][kpi]: point - baseline, paired
  std::vector<WarmupCheck> warmup;
  std::vector<GrowingQueue> growing;
  std::vector<bool> unstable;  // [point]: a queue grows in most of its finished replications
};

// Reads the run files of every finished run. KPIs: the sweep's `kpis`, or every summary KPI of the
// first finished run.
Results summarise(const Sweep& sweep, const std::vector<Run>& runs, double level = 0.95);

// Writes <file> atomically.
void write_sweep_file(const std::filesystem::path& file, const Sweep& sweep, const std::vector<Run>& runs,
                      const Results& results, double wall_seconds);

// Points x KPIs, mean ± 95% half-width (differences: paired differences against the baseline).
// Without `kpis` in the sweep file only the headline KPIs are shown.
std::string format_points_table(const Sweep& sweep, const Results& results, bool differences);

// One line per unstable point: which queues grow, in how many of its replications.
std::vector<std::string> stability_warnings(const Sweep& sweep, const std::vector<Run>& runs, const Results& results);

// One line per KPI series where MSER-5 truncates past the scenario's warm-up in some run.
std::vector<std::string> warmup_warnings(const std::vector<Run>& runs, const Results& results);

}  // namespace porttwin::sweep
