// A sweep across the ranks of an MPI job (mpirun -np N porttwin sweep ..., or srun under Slurm):
// rank 0 hands out the pending runs one at a time and gathers each outcome; every other rank runs
// what it is given, each run in a forked child (SimGrid stays one single-threaded engine per
// process), and asks for the next. Run files go to the sweep's output folder as without MPI, which
// must therefore be on a file system every node shares (rank 0 reads them to summarise).
#pragma once

#include <cstddef>
#include <vector>

#include "sim/app/sweep/sweep_runner.hpp"

namespace porttwin::sweep {

// Whether an MPI launcher started this process (mpirun/mpiexec of Open MPI or MPICH, srun with PMI
// or PMIx). Without one, porttwin never initialises MPI and runs on local processes.
bool launched_by_mpi();

// MPI_Init on construction, MPI_Finalize on destruction; one per process.
class MpiSession {
 public:
  MpiSession();
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  // Rank 0: tells every worker rank not yet told that there is nothing more to run. Idempotent.
  void release_workers();

 private:
  int rank_ = 0, size_ = 1;
  bool released_ = false;
};

// Rank 0: runs every pending run on ranks 1..size-1; the same contract as execute() (on_finished in
// this process as each ends; returning false starts no further run). Returns the number that failed.
// Releases the workers when done.
std::size_t execute_distributed(const Sweep& sweep, std::vector<Run>& runs, const ExecuteOptions& options,
                                MpiSession& mpi);

// Ranks > 0: runs the runs rank 0 hands out (indices into plan_runs(sweep)) until released.
void serve_runs(const Sweep& sweep, const MpiSession& mpi);

}  // namespace porttwin::sweep
