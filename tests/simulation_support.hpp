// Test helpers that run scenarios for real: each replication in its own forked process (SimGrid's
// engine is one per process), run files in a fresh temporary folder, summaries read back.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "analysis/run_file.hpp"
#include "models/scenario.hpp"
#include "scratch_directory.hpp"
#include "sim/stats/confidence.hpp"

namespace porttwin::testing {

std::filesystem::path source_path(const std::string& relative);  // inside the repository

struct Replications {
  std::shared_ptr<ScratchDirectory> scratch;  // holds the run files while the result lives
  Scenario scenario;
  std::vector<std::filesystem::path> files;
  std::vector<analysis::RunSummary> runs;

  stats::Interval interval(const std::string& kpi, double level = 0.95) const;
};

// Runs replications [first, first + count) of a scenario file (relative to the repository).
Replications run_replications(const std::string& scenario, int count,
                              const std::vector<scenario::Override>& overrides = {}, std::uint32_t first = 0);

// Runs one replication of a scenario to the run file `out` in a child process (SimGrid's engine is
// one per process), saving the state at `save_states`; std::runtime_error if the child fails.
void run_in_child(const Scenario& s, const std::filesystem::path& out, std::uint32_t replication = 0,
                  std::vector<double> save_states = {});

// Row 50 of /events/log with the lowest bit of its time flipped in place, as a flipped bit HDF5
// reads back without complaint would.
void damage_event_row(const std::filesystem::path& file);

}  // namespace porttwin::testing
