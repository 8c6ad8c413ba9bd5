// The scenario reference in Markdown, generated from the declarations: `porttwin schema`.
#pragma once

#include <string>

#include "sim/scenario/schema.hpp"

namespace porttwin::scenario {

std::string schema_markdown(const Section& root, const std::string& title);

}  // namespace porttwin::scenario
