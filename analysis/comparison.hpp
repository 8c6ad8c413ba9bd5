// Configurations side by side: per KPI, each run set's mean and Student-t interval over its
// replications, and each set's difference from the first. When both sets used the same seed, their
// replications with the same index drew the same random numbers (common random numbers): the
// difference is the paired-t interval over those replications. Otherwise the samples are
// independent and the difference is Welch's interval.
#pragma once

#include <string>
#include <vector>

#include "analysis/run_sets.hpp"
#include "sim/stats/confidence.hpp"

namespace porttwin::analysis {

struct Difference {
  stats::Interval interval;  // set k - set 0
  bool paired = false;       // paired-t on common replications; else Welch
  double dof = 0;            // Welch-Satterthwaite (Welch only)
};

struct KpiComparison {
  std::string name, units;
  std::vector<stats::Interval> sets;     // one per run set
  std::vector<Difference> differences;   // [k - 1] = set k - set 0, for k >= 1
};

// Whether sets a and b share a seed and at least two replication indices (then they are paired).
bool paired(const RunSet& a, const RunSet& b);

// Summary KPI names every set has (in the first set's order); with headline_only, the headline ones.
std::vector<std::string> common_kpis(const std::vector<RunSet>& sets, bool headline_only);

std::vector<KpiComparison> compare_sets(const std::vector<RunSet>& sets, const std::vector<std::string>& kpis,
                                        double level = 0.95);

// The table `porttwin compare` prints: a legend of the sets, then per KPI each set's mean ± half-width
// and each difference from set A, marked (paired) or (Welch).
std::string format_comparison(const std::vector<RunSet>& sets, const std::vector<KpiComparison>& rows);

}  // namespace porttwin::analysis
