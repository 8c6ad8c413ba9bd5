// Run files written before /yard/plan existed hold the terminal's geometry only in their stored
// scenario text: this rebuilds the plan from it, the one place of the viewer that parses a scenario.
#pragma once

#include <optional>
#include <string>

#include "viz/core/layout.hpp"

namespace porttwin::viz {

// The plan of the scenario `text` (as /meta stores it, with its overrides one key=value a line);
// nullopt with `problem` set when it no longer parses, or nullopt when it has no terminal.
std::optional<YardPlan> legacy_yard_plan(const std::string& text, const std::string& source,
                                         const std::string& overrides, std::string& problem);

}  // namespace porttwin::viz
