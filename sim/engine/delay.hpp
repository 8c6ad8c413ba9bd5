// A pure delay with nothing to wait on: run `then` at now + delay, as a SimGrid kernel timer rather
// than a sleeping actor (ARCHITECTURE.md: 10,000 sleeping actors doing one thing each are slow).
// `then` runs in the engine's own context: it may push to queues and release semaphores, never block.
#pragma once

#include <functional>
#include <utility>

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>

namespace porttwin {

inline void after(double delay, std::function<void()> then) {
  simgrid::kernel::timer::Timer::set(simgrid::s4u::Engine::get_clock() + (delay > 0 ? delay : 0),
                                     [fn = std::move(then)] { fn(); });
}

}  // namespace porttwin
