// The files shipped under scenarios/, sorted: scenarios (*.yaml) and sweep files (*.sweep.yaml, which
// describe many runs of a scenario and are not scenarios themselves).
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace porttwin::testing {

inline bool is_sweep_file(const std::filesystem::path& path) {
  return path.filename().string().ends_with(".sweep.yaml");
}

inline std::vector<std::filesystem::path> shipped_files(bool sweeps) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::filesystem::path(PORTTWIN_SOURCE_DIR) / "scenarios")) {
    if (e.is_regular_file() && e.path().extension() == ".yaml" && is_sweep_file(e.path()) == sweeps) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<std::filesystem::path> shipped_scenario_files() { return shipped_files(false); }
inline std::vector<std::filesystem::path> shipped_sweep_files() { return shipped_files(true); }

}  // namespace porttwin::testing
