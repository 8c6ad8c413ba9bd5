#include "sim/engine/process_pool.hpp"

#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <cstdio>
#include <exception>
#include <map>
#include <stdexcept>
#include <thread>

namespace porttwin {

namespace {

pid_t launch(std::size_t index, const std::function<int(std::size_t)>& task) {
  std::fflush(nullptr);  // children must not flush the parent's buffered output again
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot start a process for replication " + std::to_string(index));
  if (pid > 0) return pid;
  // A child dies with its parent, however the parent ends (a signal, SIGKILL, a crash): SIGTERM
  // removes its temporaries (install_cleanup_on_signals) and ends it. The parent may have died
  // before the request took effect: then it ends at once.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) ::raise(SIGTERM);
  int code = 1;
  try {
    code = task(index);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "error: unknown failure\n");
  }
  std::fflush(nullptr);
  _exit(code);
}

int exit_code(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

std::vector<int> run_in_processes(std::size_t count, int jobs, const std::function<int(std::size_t)>& task,
                                  const std::function<void(std::size_t, int)>& on_done,
                                  const std::function<bool()>& stop) {
  std::vector<int> codes(count, kNotStarted);
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  const std::size_t limit = static_cast<std::size_t>(jobs < 1 ? 1 : jobs);
  while (next < count || !running.empty()) {
    if (stop && stop()) next = count;
    while (next < count && running.size() < limit) {
      running[launch(next, task)] = next;
      ++next;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) break;
    auto it = running.find(pid);
    if (it == running.end()) continue;
    codes[it->second] = exit_code(status);
    if (on_done) on_done(it->second, codes[it->second]);
    running.erase(it);
  }
  return codes;
}

int available_cores() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

}  // namespace porttwin
