// Shared by the subcommand files: the exit code, the options several commands have, and the parsing
// of --set overrides.
#pragma once

#include <string>
#include <vector>

#include "sim/app/cli/commands.hpp"
#include "models/scenario.hpp"
#include "sim/scenario/loader.hpp"

namespace porttwin::cli {

int& current_exit_code();

// -j/--jobs of the commands that run many processes (run, sweep, size, drill): `what` runs at once.
void add_jobs_option(CLI::App* command, int& jobs, const std::string& what = "Runs at once");

// The input file of `command`, which must exist, described as `what`.
void add_input_file(CLI::App* command, std::string& file, const std::string& what);

// Reads the snapshot `file` for `s` and checks it against the scenario (`run --from`, `validate
// --snapshot`); scenario::InvalidScenario with every problem, located, when there is one.
void attach_snapshot(Scenario& s, const std::string& file);

// "gate.lanes=6" -> {gate.lanes, 6}; throws CLI::ValidationError without '='.
std::vector<scenario::Override> parse_overrides(const std::vector<std::string>& assignments);

}  // namespace porttwin::cli
