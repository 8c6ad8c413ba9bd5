// How every subcommand turns a failure into what its user sees: one message on stderr and an exit
// code. A command's body returns its exit code; what it throws becomes
//   scenario::InvalidScenario, sweep::InvalidSweep  their located messages (file:line:col), exit 2
//   analysis::InvalidInput                          its message (it names the file), exit 2
//   CommandError                                    "porttwin NAME: error: WHAT", with its exit code
//   any other exception                             "porttwin NAME: error: WHAT", `unexpected` (exit 1)
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include "sim/app/cli/commands.hpp"

namespace porttwin::cli {

// A command's own refusal (fewer than two configurations, no incidents to drill, ...).
class CommandError : public std::runtime_error {
 public:
  CommandError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

struct CommandOptions {
  int unexpected = kFailed;  // exit code of an exception of no known kind
  bool quiet_input_errors = false;  // an MPI worker rank: rank 0 reports the invalid input for all
};

// Runs `body` and sets the process's exit code from what it returns or throws.
void run_command(const char* name, const std::function<int()>& body, CommandOptions options = {});

}  // namespace porttwin::cli
