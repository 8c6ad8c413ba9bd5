#include "sim/app/cli/sweep_execution.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "analysis/run_file.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/progress.hpp"

namespace porttwin::cli {

namespace {

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

}  // namespace

SweepOutcome run_sweep(const sweep::Sweep& s, const SweepOptions& options, sweep::MpiSession* mpi) {
  const auto t0 = Clock::now();
  SweepOutcome outcome;
  auto& runs = outcome.runs;
  runs = sweep::plan_runs(s);
  const std::size_t reused = sweep::mark_reusable(s, runs);

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
  const int jobs = options.jobs > 0 ? options.jobs : available_cores();
  std::size_t& failed = outcome.failed;
  if (kpi_errors.empty()) {
    const int workers = mpi ? mpi->size() - 1 : 0;
    const std::string where = mpi ? std::to_string(workers) + " MPI worker rank" + (workers == 1 ? "" : "s") +
                                        " (one run each at a time)"
                                  : std::to_string(jobs) + " at a time";
    if (!options.quiet) {
      std::cerr << s.name << ": " << s.points.size() << " points x " << s.replications << " replications, "
                << runs.size() - reused << (runs.size() - reused == 1 ? " run" : " runs") << " to do (" << reused
                << " reused), " << where << "\n";
    }
    SweepProgress progress(runs.size(), reused, !options.quiet);
    const sweep::ExecuteOptions execute_options{jobs, [&](const sweep::Run& run) {
                                                  progress.finished(run);
                                                  check_kpis(run);
                                                  return kpi_errors.empty();
                                                }};
    failed = mpi ? sweep::execute_distributed(s, runs, execute_options, *mpi) : sweep::execute(s, runs, execute_options);
    progress.close();
  }
  if (!kpi_errors.empty()) throw sweep::InvalidSweep(kpi_errors);

  outcome.results = sweep::summarise(s, runs);
  const auto& results = outcome.results;
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
  for (const auto& line : sweep::stability_warnings(s, runs, results)) std::cerr << line << "\n";
  for (const auto& line : sweep::warmup_warnings(runs, results)) std::cerr << line << "\n";
  std::cout << "sweep file: " << sweep_file.string() << "\n";
  return outcome;
}

}  // namespace porttwin::cli
