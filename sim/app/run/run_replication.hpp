// Runs one replication of a scenario in this process and writes its run file atomically.
// SimGrid's engine is a process-wide singleton: call this once per process (the replication
// runner forks a child per replication).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "models/scenario.hpp"
#include "sim/integrity/signing_key.hpp"
#include "sim/record/recorder.hpp"

namespace porttwin {

class Simulation;

struct RunOptions {
  std::filesystem::path out;      // empty: no run file (benchmarks)
  std::uint32_t replication = 0;
  bool progress = false;          // progress bar on stderr
  // For tests and tools that watch a run from inside: called once the models are built and before
  // the clock starts, e.g. to schedule probes with Simulation::every.
  std::function<void(Simulation&, const std::vector<std::unique_ptr<Model>>&)> instrument;
  // Simulated times (s after the scenario's start) to save the state at (`--save-state`): each a
  // snapshot next to the run file (state_path), written once the run file is.
  std::vector<double> save_states = {};
  // Signs every tree head of the event timeline (`--sign-key`); unsigned when empty.
  std::shared_ptr<const integrity::SigningKey> sign_key = {};
};

struct RunResult {
  std::filesystem::path file;
  std::vector<SummaryItem> summary;
  std::uint64_t fingerprint = 0;
  std::uint64_t events = 0;
  double wall_seconds = 0;
  std::vector<std::filesystem::path> states;  // the snapshots saved
};

RunResult run_replication(const Scenario& scenario, const RunOptions& options);

// The overrides as /meta/overrides records them: one key=value per line, in the order given.
std::string overrides_text(const std::vector<scenario::Override>& overrides);

// Six hex digits of the SHA-256 of overrides_text(overrides): what tells apart the default run files
// of one scenario and seed run with other --set values. "" without overrides.
std::string overrides_hash(const std::vector<scenario::Override>& overrides);

// runs/<name>-s<seed>-r<replication>.h5 without overrides (--set, --seed), else
// runs/<name>-s<seed>-<overrides_hash>-r<replication>.h5.
std::filesystem::path default_run_path(const Scenario& scenario, std::uint32_t replication);

// Why replication `replication` of `scenario` may not replace the file at `path` (`porttwin run`
// without --force), as a sentence naming the file; "" when nothing is there, or a run file whose
// /meta records this same configuration: scenario text (scenario_sha256), overrides, seed,
// replication and the snapshot it started from (re-running it writes the same run again).
std::string replacement_conflict(const std::filesystem::path& path, const Scenario& scenario,
                                 std::uint32_t replication);

// The snapshot saved at `t` beside `run_file`: runs/x-s1-r0.h5 -> runs/x-s1-r0.state-2026-01-08T14-32-00.json.
std::filesystem::path state_path(const std::filesystem::path& run_file, const Scenario& scenario, double t);

}  // namespace porttwin
