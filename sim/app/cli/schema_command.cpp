#include <iostream>

#include "models/model_table.hpp"
#include "models/scenario.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/scenario/schema_doc.hpp"

namespace porttwin::cli {

void add_schema(CLI::App& app) {
  auto* cmd = app.add_subcommand("schema", "Print the reference of every scenario key (Markdown): kind, allowed "
                                           "values, default and meaning");
  static bool snapshot_schema = false;
  cmd->add_flag("--snapshot", snapshot_schema,
                "Print instead the JSON Schema (draft 2020-12) of snapshot files (docs/snapshot.md), for editors and "
                "tools that validate them");
  cmd->callback([] {
    run_command("schema", [] {
      if (snapshot_schema) {
        std::cout << porttwin::snapshot_schema().dump(2) << "\n";
        return kOk;
      }
      Scenario defaults;
      const scenario::Section root = declare(defaults);
      std::cout << scenario::schema_markdown(root, "porttwin scenario reference");
      return kOk;
    });
  });
}

}  // namespace porttwin::cli
