// Outputs appear whole or not at all: everything is written to a hidden temporary beside the
// final path and renamed into place only once complete. A crash, an exception or an interrupt
// leaves either the previous file or nothing, never a truncated run file.
#pragma once

#include <filesystem>
#include <string_view>

namespace porttwin {

class AtomicOutput {
 public:
  // Creates the parent directories. The temporary is <dir>/.<name>.tmp-<pid>; the caller creates
  // and writes it (e.g. h5::File::create(output.temp_path())) and closes it before commit().
  // Temporaries of the same final path left by processes that no longer exist (killed with
  // SIGKILL, which no handler sees) are removed here.
  explicit AtomicOutput(std::filesystem::path final_path);

  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  AtomicOutput(AtomicOutput&& other) noexcept;
  AtomicOutput& operator=(AtomicOutput&& other) noexcept;
  // Without commit(), removes the temporary.
  ~AtomicOutput();

  const std::filesystem::path& temp_path() const noexcept { return temp_path_; }
  const std::filesystem::path& final_path() const noexcept { return final_path_; }
  bool committed() const noexcept { return committed_; }

  // Renames the temporary onto the final path (replacing any previous file there).
  // Throws std::filesystem::filesystem_error on failure, std::logic_error if already committed.
  void commit();

 private:
  void abandon() noexcept;

  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;
  bool committed_ = false;
  int signal_slot_ = -1;  // entry in the table the signal handler cleans up; -1 when none
};

// On SIGINT, SIGTERM and SIGHUP, removes every temporary of a not yet committed AtomicOutput,
// then dies of the same signal with its default action (so the exit status tells what happened).
// Signals the process currently ignores (e.g. SIGHUP under nohup) stay ignored. Idempotent.
// At most a fixed number of temporaries (64) with paths shorter than 4096 bytes are tracked;
// beyond that, temporaries are still removed by ~AtomicOutput, just not on signals.
void install_cleanup_on_signals();

// Writes `bytes` to `file` whole or not at all (through an AtomicOutput); throws
// std::runtime_error naming the file and the system's reason (no space left, not writable).
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

// Removes <dir>/.<name>.tmp-<pid> files of `final_path` whose process <pid> is gone; returns how many.
int remove_stale_temporaries(const std::filesystem::path& final_path);

}  // namespace porttwin
