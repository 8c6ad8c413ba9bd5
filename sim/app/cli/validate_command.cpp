#include <iostream>

#include "models/scenario.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"

namespace porttwin::cli {

void add_validate(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files without running them; every error is listed "
                                             "as file:line:column: error: key.path: what was found, what was expected");
  static std::vector<std::string> files;
  static std::vector<std::string> sets;
  cmd->add_option("files", files, "Scenario files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--set", sets, "Override a key before checking, key.path=value (repeatable)");
  cmd->callback([] {
    const auto overrides = parse_overrides(sets);
    int bad = 0;
    for (const auto& f : files) {
      // Every file is checked: one file's errors do not stop the others'.
      run_command("validate", [&] {
        const Scenario s = load_scenario(f, overrides);
        std::cout << f << ": ok (" << s.run.name << ")\n";
        return kOk;
      });
      if (exit_code() != kOk) ++bad;
    }
    current_exit_code() = bad ? kInvalidInput : kOk;
  });
}

}  // namespace porttwin::cli
