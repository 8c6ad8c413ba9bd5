// A pure delay with nothing to wait on: run `then` at now + delay, as a SimGrid kernel timer rather
// than a sleeping actor (measured: 10,000 sleeping actors doing one thing each are slow).
// `then` runs in the engine's own context: it may push to queues and release semaphores, never block.
// An exception from it ends the run as an actor's does (actor.hpp); after that no timer runs.
// Both return the timer: its remove() cancels it, but only before it has fired (it is freed then).
#pragma once

#include <exception>
#include <utility>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>

#include "sim/engine/actor.hpp"

namespace porttwin {

// A template rather than std::function: the callable goes into the timer's task as it is (one
// allocation less per timer on the hot paths: station completions, transport legs).
template <class F>
simgrid::kernel::timer::Timer* at_time(double when, F then) {
  const double now = simgrid::s4u::Engine::get_clock();
  return simgrid::kernel::timer::Timer::set(when > now ? when : now, [fn = std::move(then)]() mutable {
    if (run_failure::happened()) return;
    try {
      fn();
    } catch (...) {
      run_failure::record(std::current_exception());
    }
  });
}

template <class F>
simgrid::kernel::timer::Timer* after(double delay, F then) {
  return at_time(simgrid::s4u::Engine::get_clock() + (delay > 0 ? delay : 0), std::move(then));
}

}  // namespace porttwin
