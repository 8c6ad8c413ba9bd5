// Running a sweep: every (point, replication) is one run in its own process (SimGrid's engine is one
// per process), at most `jobs` at once, each run file written atomically. Resumable: a run whose
// complete run file is already there is reused, after checking that it is complete and is the run
// this point would make. A failed run is recorded with its error and does not stop the others.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/app/sweep/sweep_file.hpp"

namespace porttwin::sweep {

enum class RunStatus { pending, reused, done, failed, not_run };

struct Run {
  std::size_t point = 0;
  std::uint32_t replication = 0;
  std::filesystem::path file;  // <output>/runs/p<point>-r<replication>.h5
  RunStatus status = RunStatus::pending;
  std::string error;           // why it failed
  bool ok() const { return status == RunStatus::reused || status == RunStatus::done; }
};

// Every run of the sweep, replication-major (replication 0 of every point first), so that an
// interrupted sweep has some replications of every point; pending until checked.
std::vector<Run> plan_runs(const Sweep& sweep);

// runs/p<point>-r<replication>.h5, relative to the output folder.
std::filesystem::path run_file_name(std::size_t point, std::uint32_t replication);

// Whether `file` is a complete run file of this scenario and replication: it opens as HDF5, holds
// /summary and /meta, and its meta names the same scenario text (SHA-256), overrides, seed and
// replication. Anything else (missing, truncated, another run) is not.
bool complete_run_file(const std::filesystem::path& file, const Scenario& scenario, std::uint32_t replication);

// Marks as reused every pending run whose complete run file exists; returns how many.
std::size_t mark_reusable(const Sweep& sweep, std::vector<Run>& runs);

struct ExecuteOptions {
  int jobs = 1;
  // Called in this process as each run ends (done or failed). Returning false starts no further run
  // (those still running finish; the others end as not_run).
  std::function<bool(const Run&)> on_finished;
};

// One run in this process (call it in a child: SimGrid's engine is one per process). Returns the
// exit code for the child: 0 done, 1 failed (why is left in a hidden file beside the run file).
int run_here(const Sweep& sweep, const Run& run);
// Why the run that ended with `code` failed (read back and removed from the hidden file), "" if it
// did not fail.
std::string collect_error(const Run& run, int code);
// done (code 0) or failed with `error`.
void record_outcome(Run& run, int code, std::string error);

// Runs every pending run. Returns the number of runs that failed.
std::size_t execute(const Sweep& sweep, std::vector<Run>& runs, const ExecuteOptions& options);

}  // namespace porttwin::sweep
