#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <iostream>

#include "analysis/run_file.hpp"
#include "sim/sweep/mpi_dispatch.hpp"
#include "sim/sweep/sweep_results.hpp"
#include "sim/cli/command_state.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/progress.hpp"
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

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Runs done/total, failures and ETA on stderr: one redrawn line on a terminal, else a line per run.
class SweepProgress {
 public:
  SweepProgress(std::size_t total, std::size_t reused, bool enabled)
      : total_(total), done_(reused), enabled_(enabled), tty_(ProgressBar::terminal_attached()) {}

  void finished(const sweep::Run& run) {
    ++done_;
    ++ran_;
    if (run.status == sweep::RunStatus::failed) {
      ++failed_;
      if (tty_ && enabled_) std::fputc('\n', stderr);
      std::fprintf(stderr, "run p%zu-r%u FAILED: %s\n", run.point, run.replication, run.error.c_str());
    }
    if (!enabled_) return;
    const double wall = seconds_since(started_);
    // Runs still to do at the pace of this invocation's runs (which ran `jobs` at a time).
    const double eta = wall / static_cast<double>(ran_) * static_cast<double>(total_ - done_);
    std::fprintf(stderr, "%ssweep: %zu/%zu runs, %zu failed, wall %s, ETA %s%s", tty_ ? "\r" : "", done_, total_,
                 failed_, short_duration(wall).c_str(), short_duration(eta).c_str(), tty_ ? "   " : "\n");
    std::fflush(stderr);
  }
  void close() {
    if (enabled_ && tty_ && ran_ > 0) std::fputc('\n', stderr);
  }

 private:
  std::size_t total_, done_, ran_ = 0, failed_ = 0;
  bool enabled_, tty_;
  Clock::time_point started_ = Clock::now();
};

void dry_run(const sweep::Sweep& s, const std::vector<sweep::Run>& runs, std::size_t reused) {
  std::cout << s.name << ": " << s.points.size() << " points x " << s.replications << " replications = "
            << runs.size() << " runs (" << reused << " already complete), design " << s.design << ", baseline point "
            << s.baseline_point << ", output " << s.output_dir.string() << "\n";
  for (std::size_t p = 0; p < s.points.size(); ++p) std::cout << "  p" << p << ": " << s.label(p) << "\n";
}

void execute(const SweepArguments& a, sweep::MpiSession* mpi) {
  const auto t0 = Clock::now();
  install_cleanup_on_signals();
  const bool worker = mpi != nullptr && mpi->rank() > 0;
  sweep::Sweep s;
  try {
    s = sweep::load_sweep(a.file);
  } catch (const sweep::InvalidSweep& e) {
    if (!worker) std::cerr << e.what();  // every rank reads the same file: rank 0 speaks for all
    current_exit_code() = kInvalidInput;
    return;
  }
  if (!a.output.empty()) s.output_dir = a.output;
  if (worker) {
    sweep::serve_runs(s, *mpi);
    current_exit_code() = kOk;
    return;
  }
  auto runs = sweep::plan_runs(s);
  const std::size_t reused = sweep::mark_reusable(s, runs);
  if (a.dry_run) {
    dry_run(s, runs, reused);
    current_exit_code() = kOk;
    return;
  }

  // KPI names are checked against the first finished run's summary: an existing one, or the first
  // to finish (then no further run starts if a name is wrong).
  std::string kpi_errors;
  bool kpis_checked = s.kpis.empty();
  auto check_kpis = [&](const sweep::Run& run) {
    if (kpis_checked || !run.ok()) return;
    kpis_checked = true;
    std::vector<std::string> names;
    for (const auto& item : analysis::read_summary(run.file).items) names.push_back(item.name);
    kpi_errors = sweep::check_kpis(s, names);
  };
  for (const auto& run : runs) check_kpis(run);
  const int jobs = a.jobs > 0 ? a.jobs : available_cores();
  std::size_t failed = 0;
  if (kpi_errors.empty()) {
    const int workers = mpi ? mpi->size() - 1 : 0;
    const std::string where = mpi ? std::to_string(workers) + " MPI worker rank" + (workers == 1 ? "" : "s") +
                                        " (one run each at a time)"
                                  : std::to_string(jobs) + " at a time";
    if (!a.quiet) {
      std::cerr << s.name << ": " << s.points.size() << " points x " << s.replications << " replications, "
                << runs.size() - reused << (runs.size() - reused == 1 ? " run" : " runs") << " to do (" << reused
                << " reused), " << where << "\n";
    }
    SweepProgress progress(runs.size(), reused, !a.quiet);
    try {
      const sweep::ExecuteOptions options{jobs, [&](const sweep::Run& run) {
                                            progress.finished(run);
                                            check_kpis(run);
                                            return kpi_errors.empty();
                                          }};
      failed = mpi ? sweep::execute_distributed(s, runs, options, *mpi) : sweep::execute(s, runs, options);
    } catch (const std::exception& e) {
      std::cerr << "porttwin sweep: " << e.what() << "\n";
      current_exit_code() = kFailed;
      return;
    }
    progress.close();
  }
  if (!kpi_errors.empty()) {
    std::cerr << kpi_errors;
    current_exit_code() = kInvalidInput;
    return;
  }

  try {
    const auto results = sweep::summarise(s, runs);
    const auto sweep_file = s.output_dir / "sweep.h5";
    sweep::write_sweep_file(sweep_file, s, runs, results, seconds_since(t0));
    std::cout << s.name << ": " << s.points.size() << " points x " << s.replications << " replications"
              << (failed ? ", " + std::to_string(failed) + " runs FAILED" : std::string())
              << " (mean ± 95% CI half-width; * = baseline point)\n"
              << sweep::format_points_table(s, results, false);
    if (s.points.size() > 1 && s.replications > 1) {
      std::cout << "paired differences against point " << s.baseline_point
                << " (same replication index = same random streams):\n"
                << sweep::format_points_table(s, results, true);
    }
    for (const auto& line : sweep::warmup_warnings(runs, results)) std::cerr << line << "\n";
    std::cout << "sweep file: " << sweep_file.string() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "porttwin sweep: " << e.what() << "\n";
    current_exit_code() = kFailed;
    return;
  }
  current_exit_code() = failed ? kFailed : kOk;
}

}  // namespace

void add_sweep(CLI::App& app) {
  static SweepArguments a;
  auto* cmd = app.add_subcommand(
      "sweep", "Run a sweep file: every design point x replication as its own process, in parallel, resumable; "
               "then write <output>/sweep.h5 (runs, per-point means and CIs, paired differences against the "
               "baseline) and print points x KPIs");
  cmd->add_option("file", a.file, "Sweep file (YAML, docs/sweep-file.md)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-j,--jobs", a.jobs, "Runs at once (default: the number of cores)")->check(CLI::PositiveNumber);
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
      return execute(a, nullptr);
    }
    sweep::MpiSession mpi;
    execute(a, mpi.size() > 1 ? &mpi : nullptr);
  });
}

}  // namespace porttwin::cli
