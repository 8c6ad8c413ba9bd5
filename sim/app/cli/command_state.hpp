// Shared by the subcommand files: the exit code and the parsing of --set overrides.
#pragma once

#include <string>
#include <vector>

#include "sim/app/cli/commands.hpp"
#include "sim/scenario/loader.hpp"

namespace porttwin::cli {

int& current_exit_code();

// "gate.lanes=6" -> {gate.lanes, 6}; throws CLI::ValidationError without '='.
std::vector<scenario::Override> parse_overrides(const std::vector<std::string>& assignments);

}  // namespace porttwin::cli
