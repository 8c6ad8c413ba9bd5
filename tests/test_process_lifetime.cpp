// No replication outlives its command: children of `porttwin run -j 2` end with their parent however
// it ends (SIGINT, SIGTERM, SIGKILL), leaving no temporary, and a temporary a SIGKILLed process left
// behind is removed by the next output of the same file.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"
#include "sim/record/atomic_output.hpp"

namespace fs = std::filesystem;
using porttwin::testing::ScratchDirectory;

namespace {

// The processes whose parent is `parent` (from /proc).
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> out;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const auto close = line.rfind(')');  // the command name may hold spaces
    if (close == std::string::npos) continue;
    char state = 0;
    long ppid = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %ld", &state, &ppid) == 2 && ppid == parent && state != 'Z') {
      out.push_back(static_cast<pid_t>(std::stol(name)));
    }
  }
  return out;
}

bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && line.size() > close + 2 && line[close + 2] != 'Z';
}

std::vector<fs::path> temporaries_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(e.path());
  }
  return out;
}

}  // namespace

TEST_CASE("porttwin run -j 2: the replications die with their parent, leaving no temporary", "[process]") {
  for (const int signal_number : {SIGINT, SIGTERM, SIGKILL}) {
    DYNAMIC_SECTION("parent ended by signal " << signal_number) {
      const ScratchDirectory dir("process-lifetime");
      const std::string out = (dir.path() / "run.h5").string();
      const std::string scenario = (porttwin::testing::kSourceDir / "scenarios/gate_default.yaml").string();
      const pid_t parent = ::fork();
      REQUIRE(parent >= 0);
      if (parent == 0) {
        ::execl(porttwin::testing::kPorttwinBinary.c_str(), "porttwin", "run", scenario.c_str(), "--replications", "2",
                "-j", "2", "-q", "--set", "horizon=2600w", "--out", out.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
      }
      std::vector<pid_t> children;
      for (int i = 0; i < 200 && children.size() < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        children = children_of(parent);
      }
      REQUIRE(children.size() == 2);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));  // they have started simulating
      CHECK(temporaries_in(dir.path()).size() == 2);

      REQUIRE(::kill(parent, signal_number) == 0);
      int status = 0;
      REQUIRE(::waitpid(parent, &status, 0) == parent);
      CHECK(WIFSIGNALED(status));
      bool all_gone = false;
      for (int i = 0; i < 200 && !all_gone; ++i) {
        all_gone = true;
        for (const pid_t c : children) all_gone = all_gone && !alive(c);
        if (!all_gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      CHECK(all_gone);
      CHECK(temporaries_in(dir.path()).empty());
      CHECK_FALSE(fs::exists(out));
      for (const pid_t c : children) {
        if (alive(c)) ::kill(c, SIGKILL);  // never leave one behind, even when the test fails
      }
    }
  }
}

TEST_CASE("AtomicOutput: a temporary left by a process that is gone is removed, a live one's is kept", "[process]") {
  const ScratchDirectory dir("stale-temporary");
  const pid_t gone = ::fork();
  REQUIRE(gone >= 0);
  if (gone == 0) ::_exit(0);
  REQUIRE(::waitpid(gone, nullptr, 0) == gone);
  const fs::path stale = dir.path() / (".run.h5.tmp-" + std::to_string(gone));
  const fs::path live = dir.path() / (".run.h5.tmp-" + std::to_string(::getppid()));  // our parent is alive
  const fs::path other = dir.path() / (".other.h5.tmp-" + std::to_string(gone));     // another file's
  for (const auto& p : {stale, live, other}) std::ofstream(p) << "half written";

  porttwin::AtomicOutput output(dir.path() / "run.h5");
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));
}
