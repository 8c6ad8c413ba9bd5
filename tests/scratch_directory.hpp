// A fresh, uniquely named directory under the system temp dir (mkdtemp), removed with its
// contents when the object goes away: test outputs never pile up in /tmp.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace porttwin::testing {

class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& label) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("porttwin-" + label + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
    path_ = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace porttwin::testing
