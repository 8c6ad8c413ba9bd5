// Outputs appear whole or not at all, including when the process is interrupted.
#include "sim/record/atomic_output.hpp"

#include <catch2/catch.hpp>

#include "scratch_directory.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace fs = std::filesystem;
using porttwin::AtomicOutput;

using porttwin::testing::ScratchDirectory;

namespace {


void write_text(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string read_text(const fs::path& path) {
  std::ifstream stream(path);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

// Run in a forked child: keeps one committed and one uncommitted output, reports readiness
// through the pipe and waits to be killed. Never returns.
[[noreturn]] void hold_outputs_until_killed(const fs::path& directory, int ready_pipe) {
  try {
    porttwin::install_cleanup_on_signals();
    AtomicOutput kept(directory / "kept.txt");
    write_text(kept.temp_path(), "complete");
    kept.commit();
    AtomicOutput pending(directory / "run.h5");
    write_text(pending.temp_path(), "half written");
    const char ready = 'r';
    if (::write(ready_pipe, &ready, 1) == 1) {
      for (;;) ::pause();
    }
  } catch (...) {
  }
  ::_exit(3);
}

}  // namespace

TEST_CASE("AtomicOutput: the final file appears only on commit") {
  const ScratchDirectory directory("atomic-commit");
  const fs::path final_path = directory.path() / "runs" / "week1" / "run.h5";
  AtomicOutput output(final_path);
  CHECK(fs::is_directory(final_path.parent_path()));
  CHECK(output.final_path() == final_path);
  CHECK(output.temp_path().parent_path() == final_path.parent_path());
  CHECK(output.temp_path().filename().string().starts_with(".run.h5.tmp-"));

  write_text(output.temp_path(), "complete run");
  CHECK_FALSE(fs::exists(final_path));
  output.commit();
  CHECK(read_text(final_path) == "complete run");
  CHECK_FALSE(fs::exists(output.temp_path()));
  CHECK_THROWS_AS(output.commit(), std::logic_error);
}

TEST_CASE("AtomicOutput: commit replaces an earlier file in one step") {
  const ScratchDirectory directory("atomic-replace");
  const fs::path final_path = directory.path() / "run.h5";
  write_text(final_path, "old run");
  AtomicOutput output(final_path);
  write_text(output.temp_path(), "new run");
  CHECK(read_text(final_path) == "old run");
  output.commit();
  CHECK(read_text(final_path) == "new run");
}

TEST_CASE("AtomicOutput: an uncommitted temporary is removed on destruction") {
  const ScratchDirectory directory("atomic-abandon");
  const fs::path final_path = directory.path() / "run.h5";
  fs::path temporary;
  {
    AtomicOutput output(final_path);
    temporary = output.temp_path();
    write_text(temporary, "half written");
    REQUIRE(fs::exists(temporary));
  }
  CHECK_FALSE(fs::exists(temporary));
  CHECK_FALSE(fs::exists(final_path));
  CHECK(fs::is_empty(directory.path()));
}

TEST_CASE("AtomicOutput: a moved output keeps its temporary and the moved-from one forgets it") {
  const ScratchDirectory directory("atomic-move");
  AtomicOutput first(directory.path() / "run.h5");
  write_text(first.temp_path(), "data");
  {
    AtomicOutput second(std::move(first));
    CHECK(fs::exists(second.temp_path()));
    second.commit();
  }
  CHECK(read_text(directory.path() / "run.h5") == "data");
}

TEST_CASE("AtomicOutput: a process killed by SIGTERM leaves no temporary behind") {
  const ScratchDirectory directory("atomic-signal");
  int ready_pipe[2];
  REQUIRE(::pipe(ready_pipe) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(ready_pipe[0]);
    hold_outputs_until_killed(directory.path(), ready_pipe[1]);
  }
  ::close(ready_pipe[1]);
  char ready = 0;
  const ssize_t got = ::read(ready_pipe[0], &ready, 1);
  ::close(ready_pipe[0]);
  const fs::path temporary = directory.path() / (".run.h5.tmp-" + std::to_string(child));
  const bool temporary_existed = fs::exists(temporary);

  REQUIRE(::kill(child, SIGTERM) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);

  REQUIRE(got == 1);
  CHECK(temporary_existed);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
  CHECK_FALSE(fs::exists(temporary));
  CHECK_FALSE(fs::exists(directory.path() / "run.h5"));
  CHECK(read_text(directory.path() / "kept.txt") == "complete");
}
