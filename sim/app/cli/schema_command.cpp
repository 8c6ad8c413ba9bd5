#include <iostream>

#include "models/scenario.hpp"
#include "sim/app/cli/command_errors.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/scenario/schema_doc.hpp"

namespace porttwin::cli {

void add_schema(CLI::App& app) {
  auto* cmd = app.add_subcommand("schema", "Print the reference of every scenario key (Markdown): kind, allowed "
                                           "values, default and meaning");
  cmd->callback([] {
    run_command("schema", [] {
      Scenario defaults;
      const scenario::Section root = declare(defaults);
      std::cout << scenario::schema_markdown(root, "porttwin scenario reference");
      return kOk;
    });
  });
}

}  // namespace porttwin::cli
