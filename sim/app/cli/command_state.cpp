#include "sim/app/cli/command_state.hpp"

namespace porttwin::cli {

int& current_exit_code() {
  static int code = kOk;
  return code;
}

int exit_code() { return current_exit_code(); }

void add_jobs_option(CLI::App* command, int& jobs) {
  command->add_option("-j,--jobs", jobs, "Runs at once (default: the number of cores)")->check(CLI::PositiveNumber);
}

void add_input_file(CLI::App* command, std::string& file, const std::string& what) {
  command->add_option("file", file, what)->required()->check(CLI::ExistingFile);
}

}  // namespace porttwin::cli
