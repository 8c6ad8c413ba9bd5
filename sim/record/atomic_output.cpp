#include "sim/record/atomic_output.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace porttwin {

namespace {

// The signal handler may only use async-signal-safe operations: no allocation, no locks, no
// std::filesystem. So uncommitted temporaries are tracked in a fixed table of C strings whose
// slots are claimed and released with lock-free atomics.
constexpr int max_tracked_temporaries = 64;
constexpr std::size_t max_path_bytes = 4096;

enum SlotState : int { slot_free = 0, slot_being_written = 1, slot_tracked = 2 };

static_assert(std::atomic<int>::is_always_lock_free, "signal handlers need lock-free atomics");

std::atomic<int> slot_states[max_tracked_temporaries];
char tracked_paths[max_tracked_temporaries][max_path_bytes];

// Returns the claimed slot, or -1 when the table is full or the path too long.
int track_temporary(const std::filesystem::path& temporary) {
  const std::string path = std::filesystem::absolute(temporary).string();  // immune to later chdir
  if (path.size() >= max_path_bytes) return -1;
  for (int slot = 0; slot < max_tracked_temporaries; ++slot) {
    int expected = slot_free;
    if (slot_states[slot].compare_exchange_strong(expected, slot_being_written)) {
      std::memcpy(tracked_paths[slot], path.c_str(), path.size() + 1);
      slot_states[slot].store(slot_tracked, std::memory_order_release);
      return slot;
    }
  }
  return -1;
}

void untrack_temporary(int slot) noexcept {
  if (slot >= 0) slot_states[slot].store(slot_free, std::memory_order_release);
}

extern "C" void remove_temporaries_then_die(int signal_number) {
  for (int slot = 0; slot < max_tracked_temporaries; ++slot) {
    if (slot_states[slot].load(std::memory_order_acquire) == slot_tracked) ::unlink(tracked_paths[slot]);
  }
  // SA_RESETHAND has restored the default action. The signal stays blocked while this handler
  // runs, so the raised one is delivered on return and ends the process the default way.
  ::raise(signal_number);
}

constexpr int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};

void install_cleanup_for(int signal_number) {
  struct sigaction current {};
  if (::sigaction(signal_number, nullptr, &current) != 0) {
    throw std::system_error(errno, std::generic_category(), "sigaction: query");
  }
  const bool ignored = (current.sa_flags & SA_SIGINFO) == 0 && current.sa_handler == SIG_IGN;
  if (ignored) return;  // e.g. SIGHUP under nohup: dying of it would defeat the user's intent

  struct sigaction cleanup {};
  cleanup.sa_handler = remove_temporaries_then_die;
  sigemptyset(&cleanup.sa_mask);
  for (const int other : cleanup_signals) sigaddset(&cleanup.sa_mask, other);
  cleanup.sa_flags = SA_RESETHAND;
  if (::sigaction(signal_number, &cleanup, nullptr) != 0) {
    throw std::system_error(errno, std::generic_category(), "sigaction: install");
  }
}

}  // namespace

void install_cleanup_on_signals() {
  for (const int signal_number : cleanup_signals) install_cleanup_for(signal_number);
}

void write_file_atomically(const std::filesystem::path& file, std::string_view bytes) {
  AtomicOutput output(file);
  const auto fail = [&](int error) {
    throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(error));
  };
  const int fd = ::open(output.temp_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(errno);
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : ENOSPC;
      ::close(fd);
      fail(error);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(errno);
  output.commit();
}

int remove_stale_temporaries(const std::filesystem::path& final_path) {
  const std::filesystem::path directory = final_path.parent_path().empty() ? "." : final_path.parent_path();
  const std::string prefix = "." + final_path.filename().string() + ".tmp-";
  std::error_code error;
  int removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    // Only a process that does not exist (ESRCH) has left its temporary for good.
    if (pid <= 0 || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    if (std::filesystem::remove(entry.path(), ignored)) ++removed;
  }
  return removed;
}

AtomicOutput::AtomicOutput(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  if (final_path_.filename().empty()) {
    throw std::invalid_argument("AtomicOutput: '" + final_path_.string() + "' does not name a file");
  }
  const std::filesystem::path directory = final_path_.parent_path();
  if (!directory.empty()) std::filesystem::create_directories(directory);
  // Built by appending: GCC 12 gives a false -Wrestrict for "literal" + std::string&&.
  std::string hidden_name = ".";
  hidden_name.append(final_path_.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
  temp_path_ = directory / hidden_name;
  remove_stale_temporaries(final_path_);
  signal_slot_ = track_temporary(temp_path_);
}

AtomicOutput::AtomicOutput(AtomicOutput&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      temp_path_(std::exchange(other.temp_path_, {})),
      committed_(other.committed_),
      signal_slot_(std::exchange(other.signal_slot_, -1)) {}

AtomicOutput& AtomicOutput::operator=(AtomicOutput&& other) noexcept {
  if (this != &other) {
    abandon();
    final_path_ = std::move(other.final_path_);
    temp_path_ = std::exchange(other.temp_path_, {});
    committed_ = other.committed_;
    signal_slot_ = std::exchange(other.signal_slot_, -1);
  }
  return *this;
}

AtomicOutput::~AtomicOutput() { abandon(); }

void AtomicOutput::commit() {
  if (committed_) throw std::logic_error("AtomicOutput: '" + final_path_.string() + "' was already committed");
  std::filesystem::rename(temp_path_, final_path_);
  committed_ = true;
  // After the rename: a signal in between merely unlinks a name that no longer exists.
  untrack_temporary(std::exchange(signal_slot_, -1));
}

void AtomicOutput::abandon() noexcept {
  if (committed_ || temp_path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(temp_path_, ignored);
  // After the removal, so that a signal arriving in between still finds the temporary tracked.
  untrack_temporary(std::exchange(signal_slot_, -1));
}

}  // namespace porttwin
