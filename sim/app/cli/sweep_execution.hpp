// Running a loaded sweep from a command (sweep, drill): every run on local processes or MPI ranks,
// resumable, with progress on stderr; then the sweep file and the points x KPIs tables on stdout.
#pragma once

#include <vector>

#include "sim/app/sweep/mpi_dispatch.hpp"
#include "sim/app/sweep/sweep_results.hpp"

namespace porttwin::cli {

struct SweepOptions {
  int jobs = 0;        // runs at once; 0: the number of cores
  bool quiet = false;  // no progress on stderr
};

struct SweepOutcome {
  std::vector<sweep::Run> runs;
  sweep::Results results;
  std::size_t failed = 0;
};

// sweep::InvalidSweep for KPI names the runs do not have (located in the sweep file); any other
// failure to run or summarise throws too. Runs that failed are counted in `failed`.
SweepOutcome run_sweep(const sweep::Sweep& s, const SweepOptions& options, sweep::MpiSession* mpi);

}  // namespace porttwin::cli
