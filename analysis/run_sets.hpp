// Run files grouped by configuration: what `compare` and `report` take from the command line. An
// input is a run file, a sweep's sweep.h5 (its run files), or a folder (its sweep.h5 if there is
// one, else every run file in it). Run files of the same scenario text, overrides and seed are the
// replications of one configuration, whatever order or input they came in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/run_file.hpp"

namespace porttwin::analysis {

struct RunSet {
  std::string label;  // "gate_default gate.lanes=6, horizon=2d": the scenario name and its overrides
  std::string scenario_name, scenario_sha256, overrides;  // overrides: one key=value per line
  std::uint64_t seed = 0;
  std::vector<std::uint32_t> replications;  // ascending
  std::vector<RunSummary> runs;             // in the order of `replications`
};

// An input that is not what it should be; what() names it and says why.
class InvalidInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether `file` is a sweep's sweep.h5 (root attribute sweep_name and a /runs table).
bool is_sweep_results(const std::filesystem::path& file);

// The run files an input stands for (a folder: its sweep.h5's run files, or its *.h5 sorted by name;
// hidden files are skipped). InvalidInput when the input does not exist, is not HDF5, or a sweep's
// run file is missing.
std::vector<std::filesystem::path> run_files_of(const std::filesystem::path& input);

// Groups the run files of all inputs by configuration, in order of first appearance, each set sorted
// by replication. InvalidInput for a file that is not a complete run file or a replication given twice.
std::vector<RunSet> gather_run_sets(const std::vector<std::filesystem::path>& inputs);

}  // namespace porttwin::analysis
