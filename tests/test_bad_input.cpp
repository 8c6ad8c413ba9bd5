// Broken scenario files and the exact diagnostics they must produce. Each tests/data/bad_scenarios/NAME.yaml
// sits beside NAME.expected, the formatted error list with the file shown as NAME.yaml.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kBadScenarios = fs::path(PORTTWIN_SOURCE_DIR) / "tests" / "data" / "bad_scenarios";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> bad_scenario_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kBadScenarios)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The diagnostics of parsing `file` under its bare file name, or "" when it loads.
std::string diagnostics_of(const fs::path& file) {
  try {
    porttwin::parse_scenario(read_text(file), file.filename().string());
  } catch (const porttwin::scenario::InvalidScenario& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("bad scenarios: the folder holds a dozen or more broken files, each with its .expected") {
  const auto files = bad_scenario_files();
  CHECK(files.size() >= 12);
  for (const auto& file : files) {
    INFO(file.filename().string());
    fs::path expected = file;
    expected.replace_extension(".expected");
    CHECK(fs::exists(expected));
  }
}

TEST_CASE("bad scenarios: each file is rejected with exactly the diagnostics in its .expected") {
  for (const auto& file : bad_scenario_files()) {
    fs::path expected_file = file;
    expected_file.replace_extension(".expected");
    if (!fs::exists(expected_file)) continue;  // reported by the test above
    const std::string name = file.filename().string();
    const std::string expected = read_text(expected_file);
    const std::string actual = diagnostics_of(file);
    INFO("scenario: " << name);
    CHECK_FALSE(actual.empty());  // it must be rejected at all
    CHECK(actual == expected);
  }
}

TEST_CASE("bad scenarios: every diagnostic line names the file, a position and says what was expected") {
  for (const auto& file : bad_scenario_files()) {
    const std::string name = file.filename().string();
    const std::string actual = diagnostics_of(file);
    std::size_t start = 0;
    while (start < actual.size()) {
      const std::size_t end = actual.find('\n', start);
      REQUIRE(end != std::string::npos);  // every line ends with a newline
      const std::string line = actual.substr(start, end - start);
      INFO("line: " << line);
      CHECK(line.rfind(name + ":", 0) == 0);
      // NAME.yaml:LINE:COL: error: ...
      const std::string after = line.substr(name.size() + 1);
      CHECK(std::isdigit(static_cast<unsigned char>(after.front())));
      CHECK(line.find(": error: ") != std::string::npos);
      const bool says_expected = line.find("expected") != std::string::npos ||
                                 line.find("unknown key") != std::string::npos ||
                                 line.find("duplicate key") != std::string::npos ||
                                 line.find("YAML syntax") != std::string::npos;
      CHECK(says_expected);
      start = end + 1;
    }
  }
}
