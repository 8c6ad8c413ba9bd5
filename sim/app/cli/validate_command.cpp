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
  static std::string snapshot_file;
  cmd->add_option("--snapshot", snapshot_file,
                  "Check a snapshot (docs/snapshot.md) against each scenario too, as `run --from` would")
      ->check(CLI::ExistingFile);
  cmd->callback([] {
    const auto overrides = parse_overrides(sets);
    int bad = 0;
    for (const auto& f : files) {
      // Every file is checked: one file's errors do not stop the others'.
      run_command("validate", [&] {
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
