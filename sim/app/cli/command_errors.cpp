#include "sim/app/cli/command_errors.hpp"

#include <iostream>

#include "analysis/run_sets.hpp"
#include "sim/app/cli/command_state.hpp"
#include "sim/app/sweep/sweep_file.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace porttwin::cli {

void run_command(const char* name, const std::function<int()>& body, CommandOptions options) {
  auto say = [](const std::string& text) { std::cerr << text; };
  auto say_input = [&](const std::string& text) {
    if (!options.quiet_input_errors) say(text);
  };
  int& code = current_exit_code();
  try {
    code = body();
  } catch (const scenario::InvalidScenario& e) {
    say_input(e.what());
    code = kInvalidInput;
  } catch (const sweep::InvalidSweep& e) {
    say_input(e.what());
    code = kInvalidInput;
  } catch (const analysis::InvalidInput& e) {
    say_input(std::string(e.what()) + "\n");
    code = kInvalidInput;
  } catch (const CommandError& e) {
    say(std::string("porttwin ") + name + ": error: " + e.what() + "\n");
    code = e.code();
  } catch (const std::exception& e) {
    say(std::string("porttwin ") + name + ": error: " + e.what() + "\n");
    code = options.unexpected;
  }
}

}  // namespace porttwin::cli
