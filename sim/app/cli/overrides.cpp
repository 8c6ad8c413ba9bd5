#include "sim/app/cli/command_state.hpp"

namespace porttwin::cli {

std::vector<scenario::Override> parse_overrides(const std::vector<std::string>& assignments) {
  std::vector<scenario::Override> out;
  for (const auto& a : assignments) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw CLI::ValidationError("--set", "expected key.path=value, found \"" + a + "\"");
    }
    out.push_back({a.substr(0, eq), a.substr(eq + 1)});
  }
  return out;
}

}  // namespace porttwin::cli
