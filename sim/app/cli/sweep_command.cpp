#include <cstdlib>
#include <iostream>

#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/app/cli/sweep_execution.hpp"
#include "sim/record/atomic_output.hpp"

namespace porttwin::cli {

namespace {

struct SweepArguments {
  std::string file;
  int jobs = 0;
  bool dry_run = false;
  bool quiet = false;
  std::string output;
};

void dry_run(const sweep::Sweep& s, const std::vector<sweep::Run>& runs, std::size_t reused) {
  std::cout << s.name << ": " << s.points.size() << " points x " << s.replications << " replications = "
            << runs.size() << " runs (" << reused << " already complete), design " << s.design << ", baseline point "
            << s.baseline_point << ", output " << s.output_dir.string() << "\n";
  for (std::size_t p = 0; p < s.points.size(); ++p) std::cout << "  p" << p << ": " << s.label(p) << "\n";
}

int execute(const SweepArguments& a, sweep::MpiSession* mpi) {
  install_cleanup_on_signals();
  sweep::Sweep s = sweep::load_sweep(a.file);
  if (!a.output.empty()) s.output_dir = a.output;
  if (mpi != nullptr && mpi->rank() > 0) {
    sweep::serve_runs(s, *mpi);
    return kOk;
  }
  if (a.dry_run) {
    auto runs = sweep::plan_runs(s);
    dry_run(s, runs, sweep::mark_reusable(s, runs));
    return kOk;
  }
  return run_sweep(s, {a.jobs, a.quiet}, mpi).failed ? kFailed : kOk;
}

// Every rank reads the same file: rank 0 speaks for all.
void execute_reported(const SweepArguments& a, sweep::MpiSession* mpi) {
  run_command("sweep", [&] { return execute(a, mpi); }, {.quiet_input_errors = mpi != nullptr && mpi->rank() > 0});
}

}  // namespace

void add_sweep(CLI::App& app) {
  static SweepArguments a;
  auto* cmd = app.add_subcommand(
      "sweep", "Run a sweep file: every design point x replication as its own process, in parallel, resumable; "
               "then write <output>/sweep.h5 (runs, per-point means and CIs, paired differences against the "
               "baseline) and print points x KPIs");
  add_input_file(cmd, a.file, "Sweep file (YAML, docs/sweep-file.md)");
  add_jobs_option(cmd, a.jobs);
  cmd->add_flag("--dry-run", a.dry_run, "Check the sweep file and every point's scenario, list the points, run nothing");
  cmd->add_flag("-q,--quiet", a.quiet, "No progress output on stderr (failures are still reported)");
  cmd->add_option("-o,--output", a.output, "Output folder (default: the sweep file's `output`, or sweeps/<name>)");
  cmd->footer(
      "\nExamples:\n"
      "  porttwin sweep scenarios/experiments/gate_lanes.sweep.yaml\n"
      "  porttwin sweep scenarios/experiments/gate_lanes.sweep.yaml --dry-run\n"
      "  porttwin sweep my.sweep.yaml -j 2 -o /tmp/my-sweep\n"
      "  mpirun -np 9 porttwin sweep my.sweep.yaml    (rank 0 dispatches, 8 ranks run; -j is ignored)\n"
      "Started again, a sweep reuses every complete run file already in <output>/runs and redoes the rest.\n"
      "Exit codes: 0 ok, 1 some run failed (the others still ran), 2 invalid input (nothing is run).");
  cmd->callback([] {
    // Under mpirun or srun with at least 2 ranks, rank 0 dispatches and the other ranks run; one rank
    // (or no launcher) runs on local processes, -j at a time.
    if (!sweep::launched_by_mpi()) {
      // srun without an MPI plugin starts N copies that each run the whole sweep (atomically, so the
      // results stay right, but N times over): say so.
      const char* tasks = std::getenv("SLURM_STEP_NUM_TASKS");
      if (tasks != nullptr && std::atoi(tasks) > 1) {
        std::cerr << "porttwin sweep: warning: started by srun as " << tasks
                  << " tasks without MPI, so each runs the whole sweep: use srun --mpi=pmix (or pmi2) or mpirun "
                     "(analysis/sweep.sbatch)\n";
      }
      return execute_reported(a, nullptr);
    }
    sweep::MpiSession mpi;
    execute_reported(a, mpi.size() > 1 ? &mpi : nullptr);
  });
}

}  // namespace porttwin::cli
