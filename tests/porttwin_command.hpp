// Running the real porttwin binary from tests: `porttwin ARGS` through the shell in a given folder,
// stdout and stderr captured to files in a scratch folder and read back.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace porttwin::testing {

inline const std::filesystem::path kSourceDir = PORTTWIN_SOURCE_DIR;
inline const std::string kPorttwinBinary = PORTTWIN_BINARY;
// A private X server for the viewer, its number searched from one the shell's pid picks: two
// `xvfb-run -a` started at once (parallel tests) can otherwise race for the same display.
inline const std::string kXvfbRun = "ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -n $((100 + $$ % 5000)) ";

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out.append("'\\''");
    else out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs `porttwin ARGS` in `cwd`; stdout and stderr are captured in `scratch`.
inline CommandResult run_porttwin(const std::vector<std::string>& args, const std::filesystem::path& scratch,
                                  const std::filesystem::path& cwd = kSourceDir) {
  // Built by appending: GCC 12 gives a false -Wrestrict for "literal" + std::string&&.
  std::string command = "cd ";
  command.append(shell_quoted(cwd.string())).append(" && ").append(shell_quoted(kPorttwinBinary));
  for (const auto& a : args) command.append(" ").append(shell_quoted(a));
  const auto out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  command.append(" >").append(shell_quoted(out.string())).append(" 2>").append(shell_quoted(err.string()));
  command.append(" </dev/null");
  const int status = std::system(command.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}

}  // namespace porttwin::testing
