// The files shipped under scenarios/, sorted: scenarios (*.yaml), sweep files (*.sweep.yaml) and size
// files (*.size.yaml), which describe many runs of a scenario and are not scenarios themselves.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace porttwin::testing {

inline bool is_sweep_file(const std::filesystem::path& path) {
  return path.filename().string().ends_with(".sweep.yaml");
}

inline bool is_size_file(const std::filesystem::path& path) {
  return path.filename().string().ends_with(".size.yaml");
}

enum class Shipped { scenario, sweep, size };

inline Shipped kind_of(const std::filesystem::path& path) {
  return is_sweep_file(path) ? Shipped::sweep : is_size_file(path) ? Shipped::size : Shipped::scenario;
}

inline std::vector<std::filesystem::path> shipped_files(Shipped kind) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::filesystem::path(PORTTWIN_SOURCE_DIR) / "scenarios")) {
    if (e.is_regular_file() && e.path().extension() == ".yaml" && kind_of(e.path()) == kind) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<std::filesystem::path> shipped_scenario_files() { return shipped_files(Shipped::scenario); }
inline std::vector<std::filesystem::path> shipped_sweep_files() { return shipped_files(Shipped::sweep); }
inline std::vector<std::filesystem::path> shipped_size_files() { return shipped_files(Shipped::size); }

}  // namespace porttwin::testing
