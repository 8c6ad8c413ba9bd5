// docs/tutorial.md and its scenarios (scenarios/tutorial/): every scenario validates and runs, every
// command the tutorial quotes exists with the options and files it names, and the output it quotes
// is what those commands print (run in order in a copy of scenarios/, as a reader would).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"

namespace fs = std::filesystem;
using porttwin::testing::CommandResult;
using porttwin::testing::read_text;
using porttwin::testing::run_porttwin;
using porttwin::testing::ScratchDirectory;

namespace {

const fs::path kSource = porttwin::testing::kSourceDir;
const std::string kPrefix = "build/sim/app/cli/porttwin ";

std::vector<fs::path> tutorial_scenarios() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kSource / "scenarios" / "tutorial")) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A fenced block of the tutorial: its info string (```text) and its lines.
struct Block {
  std::string info;
  std::vector<std::string> lines;
};

std::vector<Block> fenced_blocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("```")) {
      if (!inside) blocks.push_back({line.substr(3), {}});
      inside = !inside;
      continue;
    }
    if (inside) blocks.back().lines.push_back(line);
  }
  return blocks;
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

const std::string kTutorial = read_text(kSource / "docs" / "tutorial.md");

}  // namespace

TEST_CASE("tutorial: every scenario of scenarios/tutorial validates, runs one replication and is in the tutorial",
          "[tutorial]") {
  const auto files = tutorial_scenarios();
  REQUIRE(files.size() >= 4);
  ScratchDirectory scratch("tutorial");
  for (const auto& f : files) {
    INFO(f);
    const std::string relative = fs::relative(f, kSource).string();
    CHECK(kTutorial.find(relative) != std::string::npos);
    const CommandResult v = run_porttwin({"validate", f.string()}, scratch.path());
    CHECK(v.exit_code == 0);
    const std::string out = scratch.file(f.stem().string() + ".h5");
    const CommandResult r = run_porttwin({"run", f.string(), "--run", "0", "-q", "--out", out}, scratch.path());
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("run file: " + out) != std::string::npos);
  }
}

TEST_CASE("tutorial: the commands it quotes exist, with their options and files", "[tutorial]") {
  ScratchDirectory scratch("tutorial");
  std::map<std::string, std::string> help;  // subcommand -> its --help
  std::size_t commands = 0;
  for (const auto& block : fenced_blocks(kTutorial)) {
    for (const auto& line : block.lines) {
      if (!line.starts_with(kPrefix)) continue;
      ++commands;
      INFO(line);
      const auto w = words(line);
      REQUIRE(w.size() >= 2);
      const std::string& sub = w[1];
      if (!help.count(sub)) {
        const CommandResult h = run_porttwin({sub, "--help"}, scratch.path());
        CHECK(h.exit_code == 0);
        help[sub] = h.out;
      }
      for (std::size_t i = 2; i < w.size(); ++i) {
        const std::string& a = w[i];
        if (a.starts_with("--")) {
          CHECK(help[sub].find(a.substr(0, a.find('='))) != std::string::npos);
        } else if (a.starts_with("scenarios/")) {
          CHECK(fs::is_regular_file(kSource / a));
        }
      }
    }
  }
  CHECK(commands >= 8);
}

TEST_CASE("tutorial: the output it quotes is what its commands print", "[tutorial]") {
  ScratchDirectory scratch("tutorial");
  fs::copy(kSource / "scenarios", scratch.path() / "scenarios", fs::copy_options::recursive);
  const auto blocks = fenced_blocks(kTutorial);
  std::size_t checked = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    std::string last_output;
    bool ran = false;
    for (const auto& line : blocks[b].lines) {
      if (!line.starts_with(kPrefix)) continue;
      auto w = words(line);
      if (w[1] == "view") continue;  // a window: its options are checked above
      // Globs as the shell expands them, in the copy.
      std::vector<std::string> args;
      for (std::size_t i = 1; i < w.size(); ++i) {
        const std::string& a = w[i];
        const auto star = a.find('*');
        if (star == std::string::npos) {
          args.push_back(a);
          continue;
        }
        const fs::path pattern(a);
        const std::string name = pattern.filename().string(), head = name.substr(0, name.find('*')),
                          tail = name.substr(name.find('*') + 1);
        std::vector<std::string> matches;
        for (const auto& e : fs::directory_iterator(scratch.path() / pattern.parent_path())) {
          const std::string n = e.path().filename().string();
          if (n.size() >= head.size() + tail.size() && n.starts_with(head) && n.ends_with(tail)) {
            matches.push_back((pattern.parent_path() / n).string());
          }
        }
        std::sort(matches.begin(), matches.end());
        args.insert(args.end(), matches.begin(), matches.end());
      }
      args.push_back(w[1] == "run" || w[1] == "sweep" ? "-q" : "");
      if (args.back().empty()) args.pop_back();
      const CommandResult r = run_porttwin(args, scratch.path(), scratch.path());
      INFO(line << "\n" << r.err);
      REQUIRE(r.exit_code == 0);
      last_output = r.out;
      ran = true;
    }
    if (!ran || b + 1 >= blocks.size() || blocks[b + 1].info != "text") continue;
    // Every line quoted is a line of the output (a selection of them, in their order).
    std::vector<std::string> printed;
    std::istringstream in(last_output);
    for (std::string l; std::getline(in, l);) printed.push_back(l);
    auto at = printed.begin();
    for (const auto& quoted : blocks[b + 1].lines) {
      INFO("quoted: " << quoted << "\nprinted:\n" << last_output);
      const auto found = std::find(at, printed.end(), quoted);
      CHECK(found != printed.end());
      if (found != printed.end()) at = found + 1;
      ++checked;
    }
  }
  CHECK(checked > 40);
}
