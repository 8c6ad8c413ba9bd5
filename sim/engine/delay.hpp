// A pure delay with nothing to wait on: run `then` at now + delay, as a SimGrid kernel timer rather
// than a sleeping actor (measured: 10,000 sleeping actors doing one thing each are slow).
// `then` runs in the engine's own context: it may push to queues and release semaphores, never block.
// An exception from it ends the run as an actor's does (actor.hpp); after that no timer runs.
#pragma once

#include <exception>
#include <functional>
#include <utility>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor.hpp"

namespace porttwin {

inline void after(double delay, std::function<void()> then) {
  simgrid::kernel::timer::Timer::set(simgrid::s4u::Engine::get_clock() + (delay > 0 ? delay : 0),
                                     [fn = std::move(then)] {
                                       if (run_failure::happened()) return;
                                       try {
                                         fn();
                                       } catch (...) {
                                         run_failure::record(std::current_exception());
                                       }
                                     });
}

// The same at simulated time `when` exactly (a logged arrival: now + (when - now) may round off it).
inline void at_time(double when, std::function<void()> then) {
  const double now = simgrid::s4u::Engine::get_clock();
  simgrid::kernel::timer::Timer::set(when > now ? when : now, [fn = std::move(then)] {
    if (run_failure::happened()) return;
    try {
      fn();
    } catch (...) {
      run_failure::record(std::current_exception());
    }
  });
}

}  // namespace porttwin
