#include "sim/scenario/input_file.hpp"

#include <fstream>
#include <sstream>

namespace porttwin::scenario {

std::optional<std::string> read_input_file(const std::filesystem::path& file, std::string& problem) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (error || !std::filesystem::exists(status)) {
    problem = "cannot read the file (missing or not readable)";
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(status)) {
    problem = "not a regular file (a FIFO, a device or a folder), expected a YAML file";
    return std::nullopt;
  }
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (!error && size > kMaxInputBytes) {
    problem = "is " + std::to_string(size >> 20) + " MiB, over the " + std::to_string(kMaxInputBytes >> 20) +
              " MiB an input file may have";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    problem = "cannot read the file (missing or not readable)";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace porttwin::scenario
