#include "sim/app/cli/report_script.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace porttwin::cli {

namespace fs = std::filesystem;

fs::path find_report_script(std::vector<fs::path>& tried) {
  if (const char* env = std::getenv("PORTTWIN_REPORT_SCRIPT")) tried.push_back(env);
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) tried.push_back(exe.parent_path().parent_path() / "share" / "porttwin" / "report.py");
  tried.push_back(fs::path(PORTTWIN_SOURCE_DIR) / "analysis" / "report.py");
  for (const auto& candidate : tried) {
    if (fs::is_regular_file(candidate, error)) return candidate;
  }
  return {};
}

std::string report_python() {
  const char* env = std::getenv("PORTTWIN_PYTHON");
  return env != nullptr && *env != '\0' ? env : "/usr/bin/python3";
}

int run_program(const std::string& program, const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return 127;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
}

}  // namespace porttwin::cli
