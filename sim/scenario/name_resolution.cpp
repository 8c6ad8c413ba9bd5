#include "sim/scenario/name_resolution.hpp"

#include <set>

namespace porttwin::scenario {

void resolve_name(NameRef& ref, const std::vector<std::string>& names, const std::string& what, Diagnostics& d) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == ref.name) {
      ref.index = static_cast<int>(i);
      return;
    }
  }
  ref.index = -1;
  const std::string hint = closest_match(ref.name, names);
  d.error(ref.mark, ref.path, "found \"" + ref.name + "\", expected the name of a " + what +
                                  (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)"));
}

void check_unique_names(const std::vector<std::string>& names, const std::string& path, Diagnostics& d) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!seen.insert(names[i]).second) {
      d.error(path + "[" + std::to_string(i) + "].name", "found \"" + names[i] + "\" again, expected a unique name");
    }
  }
}

}  // namespace porttwin::scenario
