#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "sim/app/cli/command_state.hpp"
#include "sim/app/cli/viewer_location.hpp"

namespace porttwin::cli {

void add_view(CLI::App& app) {
  auto* cmd = app.add_subcommand("view", "Open a run file in the viewer and rewind the yard to any moment; "
                                         "`porttwin view RUNFILE --help` lists its options (--at, --screenshot, ...)");
  cmd->set_help_flag();  // --help goes to the viewer
  cmd->prefix_command();
  cmd->allow_extras();
  cmd->callback([cmd] {
    std::vector<std::string> args = cmd->remaining();
    for (const std::string& path : viewer_candidates()) {
      if (access(path.c_str(), X_OK) != 0) continue;
      args.insert(args.begin(), path);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(path.c_str(), argv.data());
      std::cerr << "porttwin view: cannot run " << path << ": " << std::strerror(errno) << "\n";
      current_exit_code() = kFailed;
      return;
    }
    args.insert(args.begin(), "porttwin-view");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp("porttwin-view", argv.data());
    std::cerr << "porttwin view: the viewer (porttwin-view) is not installed beside porttwin nor on the PATH\n";
    current_exit_code() = kFailed;
  });
}

}  // namespace porttwin::cli
