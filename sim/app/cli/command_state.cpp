#include "sim/app/cli/command_state.hpp"

#include <stdexcept>
#include <string>

#include "models/model_table.hpp"

namespace porttwin::cli {

int& current_exit_code() {
  static int code = kOk;
  return code;
}

int exit_code() { return current_exit_code(); }

void attach_snapshot(Scenario& s, const std::string& file) {
  scenario::Diagnostics d(file);
  s.from = snapshot::read_snapshot(file, s.run.start, s.run.horizon, d);
  if (s.from) check_snapshot(s, *s.from, d);
  if (!d.ok()) throw scenario::InvalidScenario(d);
}

void add_jobs_option(CLI::App* command, int& jobs, const std::string& what) {
  // CLI::PositiveNumber would say "Value 0 not in range 0.000000 to 1.79e308".
  const CLI::Validator at_least_one(
      [](std::string& text) {
        const std::string found = "found " + text + ", expected a whole number of processes, at least 1";
        std::size_t end = 0;
        try {
          if (std::stol(text, &end) >= 1 && end == text.size()) return std::string();
        } catch (const std::exception&) {
        }
        return found;
      },
      "N>=1");
  command->add_option("-j,--jobs", jobs, what + " (default: the number of cores)")->check(at_least_one);
}

void add_input_file(CLI::App* command, std::string& file, const std::string& what) {
  command->add_option("file", file, what)->required()->check(CLI::ExistingFile);
}

}  // namespace porttwin::cli
