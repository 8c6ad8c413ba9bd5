#include <filesystem>
#include <iostream>

#include "analysis/replications.hpp"
#include "sim/app/run/run_replication.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/core/units.hpp"
#include "sim/engine/process_pool.hpp"
#include "sim/engine/progress.hpp"
#include "sim/record/atomic_output.hpp"

namespace porttwin::cli {

namespace {

struct RunArguments {
  std::string file;
  std::vector<std::string> sets;
  std::string seed;  // text: the scenario loader reads it as it reads `seed` (0 to 2^64-1, an error past)
  int run = -1;
  int replications = 0;
  int jobs = 0;
  std::string out;
  bool quiet = false;
  bool all = false;
  bool force = false;  // replace a run file of another configuration
  std::string from;                     // a snapshot to start from
  std::vector<std::string> save_states;  // date-times or offsets
  std::string sign_key;                  // signs the timeline's tree heads
};

std::filesystem::path run_path(const Scenario& s, const RunArguments& a, std::uint32_t r, bool several) {
  if (a.out.empty()) return default_run_path(s, r);
  std::filesystem::path p(a.out);
  if (!several) return p;
  return p.parent_path() / (p.stem().string() + "-r" + std::to_string(r) + p.extension().string());
}

std::vector<analysis::RunSummary> run_all(const Scenario& s, const RunArguments& a,
                                          const std::vector<std::uint32_t>& reps, const std::vector<double>& save_times,
                                          const std::shared_ptr<const integrity::SigningKey>& key) {
  const bool several = reps.size() > 1;
  if (!several) {
    const bool progress = !a.quiet && ProgressBar::terminal_attached();
    RunResult r = run_replication(s, {run_path(s, a, reps[0], false), reps[0], progress, {}, save_times, key});
    for (const auto& state : r.states) std::cout << "state saved: " << state.string() << "\n";
    return {analysis::read_summary(r.file)};
  }
  const int jobs = a.jobs > 0 ? a.jobs : available_cores();
  std::size_t finished = 0;
  const auto codes = run_in_processes(
      reps.size(), jobs,
      [&](std::size_t i) {
        run_replication(s, {run_path(s, a, reps[i], true), reps[i], false, {}, save_times, key});
        return 0;
      },
      [&](std::size_t i, int code) {
        ++finished;
        if (!a.quiet) {
          std::cerr << "replication " << reps[i] << (code == 0 ? " done" : " FAILED") << " (" << finished << "/"
                    << reps.size() << ")\n";
        }
      });
  std::vector<analysis::RunSummary> out;
  for (std::size_t i = 0; i < reps.size(); ++i) {
    if (codes[i] != 0) throw std::runtime_error("replication " + std::to_string(reps[i]) + " failed (its error is above)");
    out.push_back(analysis::read_summary(run_path(s, a, reps[i], true)));
  }
  return out;
}

// --save-state values: a date-time of the scenario's calendar or an offset from its start, within
// the run (from the snapshot's time with --from).
std::vector<double> parse_save_times(const std::vector<std::string>& values, const Scenario& s) {
  std::vector<double> times;
  const double begin = s.from ? s.from->time : 0;
  for (const auto& v : values) {
    std::optional<double> t;
    if (auto epoch = units::parse_datetime(v)) t = *epoch - s.run.start;
    else t = units::parse_duration(v);
    if (!t) {
      throw CommandError(kInvalidInput, "--save-state " + v + ": expected " + std::string(units::expected_datetime) +
                                            ", or an offset from the scenario's start (" +
                                            std::string(units::expected_duration) + ")");
    }
    if (*t < begin || *t >= s.run.horizon) {
      throw CommandError(kInvalidInput, "--save-state " + v + ": outside the run, which goes from " +
                                            units::format_datetime(s.run.start + begin) + " to " +
                                            units::format_datetime(s.run.start + s.run.horizon));
    }
    times.push_back(*t);
  }
  return times;
}

int execute(const RunArguments& a) {
  install_cleanup_on_signals();
  auto overrides = parse_overrides(a.sets);
  if (!a.seed.empty()) overrides.push_back({"seed", a.seed, "--seed " + a.seed});
  Scenario s = load_scenario(a.file, overrides);
  if (!a.from.empty()) attach_snapshot(s, a.from);  // every problem of it, located, before anything runs
  const std::vector<double> save_times = parse_save_times(a.save_states, s);
  std::shared_ptr<const integrity::SigningKey> key;
  if (!a.sign_key.empty()) key = std::make_shared<integrity::SigningKey>(integrity::SigningKey::read(a.sign_key));
  std::vector<std::uint32_t> reps;
  if (a.run >= 0) {
    const int count = a.replications > 0 ? a.replications : 1;
    for (int r = 0; r < count; ++r) reps.push_back(static_cast<std::uint32_t>(a.run + r));
  } else {
    const int count = a.replications > 0 ? a.replications : s.run.replications;
    for (int r = 0; r < count; ++r) reps.push_back(static_cast<std::uint32_t>(r));
  }
  // Before any simulation: a run file cannot replace a folder (nor be written inside a file).
  for (const std::uint32_t r : reps) {
    const std::filesystem::path path = run_path(s, a, r, reps.size() > 1);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      throw CommandError(kInvalidInput, "--out " + path.string() + " is a folder, expected the path of a run file");
    }
    const std::filesystem::path parent = path.parent_path();
    if (!parent.empty() && std::filesystem::exists(parent, error) && !std::filesystem::is_directory(parent, error)) {
      throw CommandError(kInvalidInput, path.string() + ": " + parent.string() + " is a file, expected a folder");
    }
    // Nor silently replace the run of another configuration (re-running the same one is harmless:
    // it writes the same run again).
    if (!a.force) {
      const std::string conflict = replacement_conflict(path, s, r);
      if (!conflict.empty()) {
        throw CommandError(kInvalidInput, conflict + ": not replaced without --force (--out writes elsewhere)");
      }
    }
  }
  const auto runs = run_all(s, a, reps, save_times, key);
  const auto kpis = analysis::across_replications(runs);
  std::cout << s.run.name << ": " << runs.size() << (runs.size() == 1 ? " replication" : " replications")
            << ", seed " << s.run.seed << (runs.size() > 1 ? " (mean ± 95% CI half-width)" : "") << "\n";
  std::vector<analysis::KpiAcrossRuns> shown;
  for (const auto& k : kpis) {
    if (k.headline || a.all) shown.push_back(k);
  }
  std::cout << analysis::format_kpi_table(shown, runs.size() > 1);
  for (const auto& r : runs) std::cout << "run file: " << r.file.string() << "\n";
  return kOk;
}

}  // namespace

void add_run(CLI::App& app) {
  static RunArguments a;
  auto* cmd = app.add_subcommand(
      "run", "Simulate a scenario and write one HDF5 run file per replication, then print its KPIs. Without --run, "
             "every replication the scenario asks for runs, in parallel processes, and KPIs show mean ± 95% CI.");
  add_input_file(cmd, a.file, "Scenario file (YAML)");
  cmd->add_option("--seed", a.seed, "Seed of all random streams, 0 to 2^64-1 (default: the scenario's `seed`)");
  cmd->add_option("--run", a.run, "Run only replication R (its own independent streams under the same seed)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--replications", a.replications,
                  "Number of replications (default: the scenario's `replications`, or 1 with --run)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--out", a.out,
                  "Run file path (default runs/<name>-s<seed>-r<R>.h5, or runs/<name>-s<seed>-<hash>-r<R>.h5 "
                  "with --set or --seed: <hash> is 6 hex digits of the overrides' SHA-256); with several "
                  "replications, -r<R> is inserted before the extension");
  cmd->add_flag("--force", a.force,
                "Replace an existing file that is not a run of this configuration (another scenario text, "
                "overrides, seed or replication, or not a run file); without it, run refuses before simulating");
  cmd->add_option("--set", a.sets, "Override a scenario key, key.path=value (repeatable), e.g. --set gate.lanes=6");
  add_jobs_option(cmd, a.jobs, "Replications run at once");
  cmd->add_flag("-q,--quiet", a.quiet, "No progress output on stderr");
  cmd->add_flag("--all", a.all, "Print every summary KPI, not only the headline ones");
  cmd->add_option("--from", a.from,
                  "Start from a snapshot (JSON, docs/snapshot.md): the run begins at its time in its state; what it "
                  "leaves out comes from the scenario")
      ->check(CLI::ExistingFile);
  cmd->add_option("--save-state", a.save_states,
                  "Save the state at AT, a date-time (2026-01-08T14:32) or an offset from the scenario's start (3d6h), "
                  "as a snapshot beside the run file (repeatable). A run --from it with other --set values forks a "
                  "what-if from that moment");
  cmd->add_option("--sign-key", a.sign_key,
                  "Sign every tree head of the event timeline with this Ed25519 secret key (porttwin keygen; "
                  "docs/integrity.md)")
      ->check(CLI::ExistingFile);
  cmd->footer(
      "\nExamples:\n"
      "  porttwin run scenarios/gate_default.yaml\n"
      "  porttwin run scenarios/gate_default.yaml --run 0 --set gate.lanes=6 --out runs/six-lanes.h5\n"
      "  porttwin run scenarios/validation/mm1.yaml --replications 30 --seed 7 -j 2\n"
      "  porttwin run scenarios/terminal_small.yaml --run 0 --save-state 3d\n"
      "  porttwin run scenarios/terminal_small.yaml --run 0 --from runs/terminal_small-s1-r0.state-2026-01-08T06-00-00.json \\\n"
      "      --set terminal.gate.in_lanes=4   (the what-if from that moment)\n"
      "Scenario keys: porttwin schema (docs/scenario-reference.md). Run file layout: docs/run-file.md.\n"
      "An existing run file is replaced only by a run of the same configuration (scenario text, overrides,\n"
      "seed, replication), unless --force.\n"
      "Exit codes: 0 ok, 1 run failed, 2 invalid input (nothing is run, no file is written).");
  cmd->callback([] { run_command("run", [] { return execute(a); }); });
}

}  // namespace porttwin::cli
