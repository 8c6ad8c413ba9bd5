// A disk that fills up mid-run: every writer stops with exit 1 and one message naming the file and
// the system's reason, and leaves neither a temporary nor a partial file. The full disk is a file
// size limit (ulimit -f, SIGXFSZ ignored), which fails writes the way a full disk does (EFBIG
// instead of ENOSPC) for any user, without mounting anything.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "porttwin_command.hpp"
#include "scratch_directory.hpp"

namespace {

using porttwin::testing::CommandResult;
using porttwin::testing::read_text;
using porttwin::testing::ScratchDirectory;
using porttwin::testing::shell_quoted;

// `binary ARGS` in `folder` with files limited to `kib` KiB; `wrapper` (xvfb-run) runs outside the limit.
CommandResult run_with_file_limit(const std::string& binary, const std::string& args, const ScratchDirectory& folder,
                                  int kib, const std::string& wrapper = {}) {
  // The binary's own exit code goes to code.txt: a wrapper (xvfb-run) may fail at its own cleanup
  // on a loaded machine, which says nothing of the binary.
  std::string limited = "trap '' XFSZ && ulimit -f ";
  limited.append(std::to_string(kib)).append(" && ").append(shell_quoted(binary)).append(" ").append(args);
  limited.append("; echo $? >code.txt");
  std::string command = "cd ";
  command.append(shell_quoted(folder.path().string())).append(" && ").append(wrapper).append("bash -c ");
  command.append(shell_quoted(limited)).append(" >out.txt 2>err.txt </dev/null");
  const int status = std::system(command.c_str());
  CommandResult r;
  const std::string code = read_text(folder.path() / "code.txt");
  r.exit_code = !code.empty() ? std::stoi(code) : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(folder.path() / "code.txt");
  r.out = read_text(folder.path() / "out.txt");
  r.err = read_text(folder.path() / "err.txt");
  return r;
}

// Files of the folder other than the captured output.
int written_files(const ScratchDirectory& folder) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
    const std::string name = entry.path().filename().string();
    if (name != "out.txt" && name != "err.txt") ++n;
  }
  return n;
}

const std::string kScenario = shell_quoted((porttwin::testing::kSourceDir / "scenarios/terminal_small.yaml").string());

}  // namespace

TEST_CASE("full disk: a single run stops with exit 1, names its run file and the cause, leaves nothing", "[reliability]") {
  ScratchDirectory folder("full-disk-run");
  const auto r = run_with_file_limit(porttwin::testing::kPorttwinBinary, "run " + kScenario + " --run 0 --out small.h5 -q",
                                     folder, 200);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("could not write the run file small.h5") != std::string::npos);
  CHECK(r.err.find("File too large") != std::string::npos);
  CHECK(r.err.find(".tmp-") == std::string::npos);  // the user's file name, not the temporary's
  CHECK(r.err.find("Uncaught exception") == std::string::npos);
  CHECK(written_files(folder) == 0);
}

TEST_CASE("full disk: replications in processes all stop, exit 1, and leave no temporary", "[reliability]") {
  ScratchDirectory folder("full-disk-reps");
  const auto r = run_with_file_limit(porttwin::testing::kPorttwinBinary,
                                     "run " + kScenario + " --replications 3 -j 2 --out small.h5 -q", folder, 200);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("could not write the run file small-r0.h5") != std::string::npos);
  CHECK(r.err.find("Uncaught exception") == std::string::npos);
  CHECK(written_files(folder) == 0);
}

TEST_CASE("full disk: a run file that fits is written whole under the same limit", "[reliability]") {
  ScratchDirectory folder("full-disk-fits");
  const auto r = run_with_file_limit(porttwin::testing::kPorttwinBinary,
                                     "run " + shell_quoted((porttwin::testing::kSourceDir / "scenarios/validation/mm1.yaml").string()) +
                                         " --run 0 --set horizon=1h --set warmup=0s --out mm1.h5 -q",
                                     folder, 4096);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::exists(folder.path() / "mm1.h5"));
  CHECK(written_files(folder) == 1);
}

TEST_CASE("full disk: a viewer screenshot that cannot be written fails and leaves no PNG", "[reliability][viewer]") {
  ScratchDirectory folder("full-disk-view");
  const auto run = porttwin::testing::run_porttwin(
      {"run", "scenarios/terminal_small.yaml", "--run", "0", "--set", "horizon=2d", "--set", "warmup=0s", "--out", folder.file("small.h5"), "-q"},
      folder.path());
  REQUIRE(run.exit_code == 0);
  // The run file is there already; the limit stops only the PNG (a few hundred KiB at 1600x900).
  const auto r = run_with_file_limit(PORTTWIN_VIEWER, "small.h5 --screenshot shot.png", folder, 16,
                                     porttwin::testing::kXvfbRun);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cannot write shot.png") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(folder.path() / "shot.png"));
}
