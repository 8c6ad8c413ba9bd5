// Where the viewer program (viz/, porttwin-view) is: beside this executable when installed, or
// where CMake built it. porttwin itself needs no OpenGL; `view` and `report` run the viewer.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace porttwin::cli {

inline std::vector<std::string> viewer_candidates() {
  std::vector<std::string> paths;
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) paths.push_back((self.parent_path() / "porttwin-view").string());
#ifdef PORTTWIN_VIEWER
  paths.push_back(PORTTWIN_VIEWER);
#endif
  return paths;
}

// The first candidate that exists, or "".
inline std::string find_viewer() {
  for (const auto& path : viewer_candidates()) {
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) return path;
  }
  return {};
}

}  // namespace porttwin::cli
