#include "sim/app/cli/command_state.hpp"

namespace porttwin::cli {

int& current_exit_code() {
  static int code = kOk;
  return code;
}

int exit_code() { return current_exit_code(); }

}  // namespace porttwin::cli
