#include "viz/core/legacy_yard_plan.hpp"

#include <sstream>

#include "models/scenario.hpp"

namespace porttwin::viz {

namespace {

std::vector<scenario::Override> overrides_of(const std::string& text) {
  std::vector<scenario::Override> overrides;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    overrides.push_back({line.substr(0, eq), line.substr(eq + 1)});
  }
  return overrides;
}

}  // namespace

std::optional<YardPlan> legacy_yard_plan(const std::string& text, const std::string& source,
                                         const std::string& overrides, std::string& problem) {
  Scenario s;
  try {
    s = parse_scenario(text, source, overrides_of(overrides));
  } catch (const std::exception& e) {
    problem = e.what();
    return std::nullopt;
  }
  if (!s.has_terminal) return std::nullopt;
  return terminal::yard_plan(s.terminal);
}

}  // namespace porttwin::viz
