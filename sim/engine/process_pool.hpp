// Runs independent tasks (replications) in forked child processes, a few at a time. SimGrid's
// engine is a per-process singleton and its parallel mode is slower (measured), so
// processes are how replications use more than one core.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace porttwin {

// Calls task(i) for i in [0, count) in child processes, at most `jobs` at once; the child's exit
// code is task's return value (1 if it throws). on_done(i, code) runs in the parent as each ends.
// Returns every task's exit code (128 + signal number when a child was killed). A child gets SIGTERM
// when its parent dies (Linux's parent-death signal), so no replication outlives the command. Once `stop` (optional)
// returns true, checked before each launch, no further task starts: those still running are waited
// for, and the ones never started keep the code kNotStarted.
constexpr int kNotStarted = -1;
std::vector<int> run_in_processes(std::size_t count, int jobs, const std::function<int(std::size_t)>& task,
                                  const std::function<void(std::size_t, int)>& on_done = {},
                                  const std::function<bool()>& stop = {});

int available_cores();

}  // namespace porttwin
