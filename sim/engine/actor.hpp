// Actors and timers whose exceptions do not escape them. SimGrid aborts the process when an
// actor's body throws (a full disk under the recorder, a model's broken invariant); here the first
// exception ends the run instead: every actor is killed, later timers do nothing, and
// Simulation::run() rethrows it to the command, which reports it and removes its temporaries.
#pragma once

#include <exception>
#include <functional>
#include <string>

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Host.hpp>

namespace porttwin {

// An actor killed (kill_all, its host turned off, a daemon at the end of the run) unwinds its stack
// and must make no simcall while it does: on threads (the sanitizer build) SimGrid then waits for
// the thread forever, on raw contexts the call never returns. So a std::unique_lock on an
// s4u::Mutex is release()d, not unlocked, when simgrid::ForcefulKillException goes through it (a
// kill in ConditionVariable::wait does not take the mutex back).
simgrid::s4u::ActorPtr spawn(const std::string& name, simgrid::s4u::Host* host, std::function<void()> body);

namespace run_failure {
// Keeps the first failure and ends the run; later ones are dropped (they follow from it).
void record(std::exception_ptr failure);
namespace detail {
inline bool ended = false;  // read by every timer: a plain flag, not a call
}
inline bool happened() { return detail::ended; }
// Called once the engine has returned: throws the kept failure, if any, and forgets it.
void rethrow();
}  // namespace run_failure

}  // namespace porttwin
