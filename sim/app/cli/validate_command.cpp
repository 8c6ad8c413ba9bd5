#include <yaml-cpp/yaml.h>

#include <iostream>

#include "models/scenario.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/app/sweep/size_file.hpp"
#include "sim/app/sweep/sweep_file.hpp"
#include "sim/core/units.hpp"
#include "sim/scenario/input_file.hpp"

namespace porttwin::cli {

namespace {

enum class FileKind { scenario, sweep, size };

// What a file is, by its content: a sweep file has `base:` and `parameters:`, a size file `base:` and
// `resource:` or `target:`; a file with `base:` and neither is taken by its name (.size.yaml) or as a
// sweep file (whose loader then says what is missing). Anything else is a scenario, and so is a file
// that cannot be read or parsed: the scenario loader says why, located.
FileKind kind_of(const std::string& file) {
  std::string problem;
  const auto text = scenario::read_input_file(file, problem);
  if (!text) return FileKind::scenario;
  YAML::Node document;
  try {
    document = YAML::Load(*text);
  } catch (const YAML::Exception&) {
    return FileKind::scenario;
  }
  if (!document.IsMap()) return FileKind::scenario;
  const YAML::Node& root = document;
  if (!root["base"]) return FileKind::scenario;
  if (root["resource"] || root["target"]) return FileKind::size;
  if (root["parameters"]) return FileKind::sweep;
  return file.ends_with(".size.yaml") || file.ends_with(".size.yml") ? FileKind::size : FileKind::sweep;
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The checks of `porttwin sweep --dry-run`: the sweep file, its design, every point's scenario.
std::string validate_sweep(const std::string& file) {
  const sweep::Sweep s = sweep::load_sweep(file);
  return "sweep file OK: " + plural(s.points.size(), "point") + " x " + plural(s.replications, "replication") +
         " = " + plural(s.points.size() * static_cast<std::size_t>(s.replications), "run") + ", design " + s.design +
         ", scenario " + s.base_path.lexically_normal().string() + " (" + s.scenarios.front().run.name + ")" +
         (s.kpis.empty() ? "" : ", " + plural(s.kpis.size(), "KPI") + " (names checked on the first run)");
}

// The checks of `porttwin size`, and the base scenario at every value of the range.
std::string validate_size(const std::string& file) {
  const sweep::SizeFile s = sweep::load_size_file(file, true);
  const std::size_t values = static_cast<std::size_t>(s.to - s.from + 1);
  return "size file OK: " + s.key + " in [" + std::to_string(s.from) + ", " + std::to_string(s.to) + "] (" +
         (s.values_checked == values ? (values == 1 ? std::string("the value") : "all " + std::to_string(values) + " values")
                                     : std::string("both ends")) +
         " checked), target " + s.target_text + " at " + units::format_number(s.confidence * 100) +
         "% confidence, scenario " + s.base_path.lexically_normal().string() +
         " (target KPI name checked on the first run)";
}

}  // namespace

void add_validate(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "validate", "Check scenario, sweep or size files without running them; every error is listed as "
                  "file:line:column: error: key.path: what was found, what was expected. A sweep or size file "
                  "(known by its base: key) gets the checks of sweep --dry-run or size, every point's scenario "
                  "included");
  static std::vector<std::string> files;
  static std::vector<std::string> sets;
  cmd->add_option("files", files, "Scenario, sweep (docs/sweep-file.md) or size (docs/size-file.md) files")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--set", sets, "Override a key of each scenario before checking, key.path=value (repeatable)");
  static std::string snapshot_file;
  cmd->add_option("--snapshot", snapshot_file,
                  "Check a snapshot (docs/snapshot.md) against each scenario too, as `run --from` would")
      ->check(CLI::ExistingFile);
  cmd->footer(
      "\nExamples:\n"
      "  porttwin validate scenarios/gate_default.yaml scenarios/tutorial/*.yaml\n"
      "  porttwin validate scenarios/experiments/gate_lanes.sweep.yaml scenarios/experiments/gate_lanes.size.yaml\n"
      "Exit codes: 0 every file ok, 2 some file invalid (each file is checked).");
  cmd->callback([] {
    const auto overrides = parse_overrides(sets);
    int bad = 0;
    for (const auto& f : files) {
      // Every file is checked: one file's errors do not stop the others'.
      run_command("validate", [&] {
        const FileKind kind = kind_of(f);
        if (kind != FileKind::scenario) {
          const std::string what = kind == FileKind::sweep ? "a sweep file" : "a size file";
          if (!sets.empty()) {
            throw CommandError(kInvalidInput, f + " is " + what + ": --set applies to scenarios (" + what +
                                                  " sets keys in its own set:)");
          }
          if (!snapshot_file.empty()) {
            throw CommandError(kInvalidInput, f + " is " + what + ": --snapshot applies to scenarios");
          }
          const std::string verdict = kind == FileKind::sweep ? validate_sweep(f) : validate_size(f);
          std::cout << f << ": " << verdict << "\n";
          return kOk;
        }
        Scenario s = load_scenario(f, overrides);
        if (!snapshot_file.empty()) attach_snapshot(s, snapshot_file);
        std::cout << f << ": ok (" << s.run.name << ")" << (snapshot_file.empty() ? "" : ", and " + snapshot_file) << "\n";
        return kOk;
      });
      if (exit_code() != kOk) ++bad;
    }
    current_exit_code() = bad ? kInvalidInput : kOk;
  });
}

}  // namespace porttwin::cli
