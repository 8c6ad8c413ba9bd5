// Resolving references by name (a route's stations, a flow's device, an incident's playbook) and
// checking that names are unique, with the located "did you mean" errors every model gives.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/schema.hpp"

namespace porttwin::scenario {

// Sets ref.index to the position of ref.name in `names`, or reports "expected the name of a <what>".
void resolve_name(NameRef& ref, const std::vector<std::string>& names, const std::string& what, Diagnostics& d);

// Reports every repeated name at `<path>[i].name`.
void check_unique_names(const std::vector<std::string>& names, const std::string& path, Diagnostics& d);

template <class Item>
std::vector<std::string> names_of(const std::vector<Item>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(item.name);
  return out;
}

}  // namespace porttwin::scenario
